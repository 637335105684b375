"""The Word file's story: what the progress report writes (headings, numbered paragraphs, notes, the masthead,
tables), set as real Word headings, numbered paragraphs, footnotes and tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from habitat_desktop.reports import docx_parts as parts
from habitat_desktop.reports.arabic_shaping import has_rtl
from habitat_desktop.reports.line_setter import Piece
from habitat_desktop.reports.narrative import Italic
from habitat_desktop.reports.text_block import TextStyle
from habitat_desktop.reports.title_block import AGENDA_MARK, Masthead

_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))  # PDF isolates: Word orders runs itself


def _clean(text: str) -> str:
    return text.translate(_BIDI_CONTROLS)


class DocxNotes:
    """Notes marked while a paragraph is composed; each becomes a real footnote where its marker stands."""

    def __init__(self, footnotes: parts.FootnotesPart, language: str) -> None:
        self.footnotes = footnotes
        self.language = language
        self.count = 0
        self.pending: dict[str, tuple[int, str | None, str]] = {}  # marker -> (note id, custom mark, number)
        self.placed: set[str] = set()

    def mark(self, note: str | list[Piece], label: str | None = None) -> Piece:
        pieces = [Piece(note)] if isinstance(note, str) else note
        runs = [(_clean(p.text), isinstance(p, Italic)) for p in pieces]
        note_id = self.footnotes.add(runs, self.language, custom_mark=label)
        if label is None:
            self.count += 1
            label = str(self.count)
        marker = f"\u0000{note_id}"
        self.pending[marker] = (note_id, label if label == AGENDA_MARK else None, label)
        return Piece(marker, sup=True)


class DocxStory:
    """A story written into a python-docx document in one language."""

    def __init__(self, document: Document, language: str) -> None:
        self.document = document
        self.language = language
        self.rtl = language == "ar"
        self.footnotes = parts.FootnotesPart(document)
        self.notes = DocxNotes(self.footnotes, language)
        self.numbering = parts.add_paragraph_numbering(document, language)
        for name in ("Footnote Text",):
            if name not in [s.name for s in document.styles]:
                style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
                style.base_style = document.styles["Normal"]
                style.font.size = Pt(8.5)
                parts.set_fonts(style.element.get_or_add_rPr(), language)

    def _runs(self, paragraph: Paragraph, content: str | list[Piece], bold: bool = False) -> None:
        pieces = [Piece(content)] if isinstance(content, str) else content
        for piece in pieces:
            if piece.sup and piece.text in self.notes.pending:
                note_id, custom, number = self.notes.pending[piece.text]
                if piece.text not in self.notes.placed:  # a note is referred to once; later, its number again
                    self.notes.placed.add(piece.text)
                    parts.footnote_reference(paragraph, note_id, self.language, custom)
                    continue
                piece = Piece(number, sup=True)
            run = paragraph.add_run(_clean(piece.text))
            run.bold = bold or piece.bold is True or None
            if isinstance(piece, Italic):
                run.italic = True
            if piece.sup:
                run.font.superscript = True
            if self.rtl:
                run._r.get_or_add_rPr().get_or_add_rtl()

    def _paragraph(self, style: str | None = None) -> Paragraph:
        paragraph = self.document.add_paragraph(style=style)
        if self.rtl:
            parts.paragraph_bidi(paragraph._p.get_or_add_pPr())
        return paragraph

    def numbered(self, number: int, content: str | list[Piece]) -> None:
        """A numbered paragraph (Word numbering: the numbers run on through the document as the PDF's do)."""
        paragraph = self._paragraph()
        parts.number_paragraph(paragraph, self.numbering)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.space_after = Pt(6)
        self._runs(paragraph, content)

    def bullet(self, content: str | list[Piece]) -> None:
        paragraph = self._paragraph("List Bullet")
        self._runs(paragraph, content)

    def heading(self, text: str, level: int = 0, label: str = "") -> None:
        paragraph = self._paragraph(f"Heading {level + 1}")
        self._runs(paragraph, f"{label}\t{text}" if label else text)

    def text(self, content: str | list[Piece], style: TextStyle | None = None, label: str = "") -> None:
        paragraph = self._paragraph()
        if style is not None:
            if style.indent:
                paragraph.paragraph_format.left_indent = Cm(style.indent / 28.35)
            if style.size and style.size > 12:
                paragraph.paragraph_format.space_after = Pt(6)
        text = [Piece(f"{label} "), *content] if label and isinstance(content, list) else content
        self._runs(paragraph, text, bold=bool(style and style.bold))
        if style is not None and style.size != 10:
            for run in paragraph.runs:
                run.font.size = Pt(style.size)

    def space(self, height: float) -> None:
        """Space is the paragraphs' own in Word."""

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str | list[Piece]]], widths: Sequence[float]
    ) -> Table:
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.RIGHT if self.rtl else WD_TABLE_ALIGNMENT.LEFT
        for cell, name in zip(table.rows[0].cells, header, strict=True):
            self._cell(cell.paragraphs[0], name, bold=True)
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                self._cell(cell.paragraphs[0], value)
        if self.rtl:
            parts.table_bidi(table)
        return table

    def _cell(self, paragraph: Paragraph, value: str | list[Piece], bold: bool = False) -> None:
        if self.rtl:
            parts.paragraph_bidi(paragraph._p.get_or_add_pPr())
        self._runs(paragraph, value, bold=bold)

    def masthead(self, head: Masthead) -> None:
        """The masthead as a two-cell table (programme; particulars), then the meeting, agenda item and title."""
        table = self.document.add_table(rows=1, cols=2)
        if self.rtl:
            parts.table_bidi(table)
        start, end = table.rows[0].cells
        lines: list[tuple[Any, str, bool, int]] = [
            (start, head.organization, True, 11),
            (start, head.programme_short, True, 9),
            (start, head.programme, False, 9),
        ]
        if head.symbol:
            lines.append((end, head.symbol, True, 13))
        lines += [
            (end, line, False, 9) for line in (head.distribution, head.date, head.language, head.original) if line
        ]
        used: set[int] = set()
        for cell, text, bold, size in lines:
            paragraph = cell.paragraphs[0] if id(cell) not in used else cell.add_paragraph()
            used.add(id(cell))
            if self.rtl and (cell is not end or has_rtl(text)):  # the particulars may stay in English
                parts.paragraph_bidi(paragraph._p.get_or_add_pPr())
            if cell is end:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if self.rtl else WD_ALIGN_PARAGRAPH.RIGHT
            self._runs(paragraph, text, bold=bold)
            for run in paragraph.runs:
                run.font.size = Pt(size)
        parts.rule_below(table)
        for index, line in enumerate(head.meeting):
            self._runs(self._paragraph(), line, bold=index == 0)
        if head.agenda:
            paragraph = self._paragraph()
            self._runs(paragraph, head.agenda)
            if head.agenda_note:
                note_id = self.footnotes.add([(_clean(head.agenda_note), False)], self.language, AGENDA_MARK)
                parts.footnote_reference(paragraph, note_id, self.language, AGENDA_MARK)
            if head.agenda_after:
                self._runs(paragraph, head.agenda_after)
            if head.agenda_title:
                self._runs(self._paragraph(), head.agenda_title, bold=True)
        self._runs(self._paragraph("Title"), head.title)
        if head.subtitle:
            self._runs(self._paragraph("Subtitle"), head.subtitle)
        self._runs(self._paragraph(), head.author, bold=True)
