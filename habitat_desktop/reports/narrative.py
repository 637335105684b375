"""The paragraphs and footnotes people write in a report document, set as the report's pieces and notes.

Paragraph numbers run through the document (narrative and data-driven paragraphs alike); each footnote a
paragraph refers to (``[^id]``) is marked and numbered where it is first referred to, and a later reference to the
same note repeats its number. ``*italic*`` spans (titles of publications) become ``Italic`` pieces: the Word file sets
them in italics, the PDF in Noto Serif Italic. Arabic and Chinese script have no italics: in those languages a title
in Arabic or Chinese script prints upright, a Chinese one between 《》 as UN Chinese documents cite titles (unless
written so already); a Latin title inside them stays italic. A live figure field (``{{…}}``) prints its
figure from the report's data (``reports/figures.py``), in a paragraph or a footnote alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from reportlab.lib.units import cm

from habitat_desktop.domain.report_document import Run, runs
from habitat_desktop.l10n.punctuation import numbers_held_together
from habitat_desktop.reports import wording as w
from habitat_desktop.reports.document import BODY
from habitat_desktop.reports.fonts import ITALIC
from habitat_desktop.reports.line_setter import Piece
from habitat_desktop.reports.text_block import TextStyle


class Italic(Piece):
    """A piece set in italics where the output can (titles of publications); made with ``bold=ITALIC``."""

    __slots__ = ()


_UPRIGHT_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u3400-\u9fff\uf900-\ufaff]")


def titled(text: str, language: str) -> Piece:
    """An italic run as the language sets a title: italic, or upright (between 《》 in Chinese) in a script that
    has no italics."""
    if not _UPRIGHT_SCRIPT.search(text):
        return Italic(text, ITALIC)
    if language == "zh" and not text.startswith("《"):
        return Piece(f"《{text}》")
    return Piece(text)


class Notes(Protocol):
    def mark(self, note: str | list[Piece]) -> Piece: ...


class StoryLike(Protocol):
    """What the narrative writes into: the PDF story or the Word story."""

    @property
    def notes(self) -> Any: ...

    def numbered(self, number: int, content: str | list[Piece]) -> None: ...

    def text(self, content: str | list[Piece], style: TextStyle = ..., label: str = "") -> None: ...


SUBPARAGRAPH = BODY.but(indent=0.9 * cm)


class Narrative:
    """A report document's sections in one language."""

    def __init__(
        self, document: dict[str, Any] | None, language: str, figures: Callable[[str], str] | None = None
    ) -> None:
        self.document = document
        self.figures = figures
        self.language = language
        self.original = (document or {}).get("original_language") or "en"
        self.sections = {s["key"]: s for s in (document or {}).get("sections", [])}
        self._marked: dict[str, Piece] = {}

    def text(self, texts: dict[str, str] | None) -> str:
        """A text in the report's language, else in the document's original language (marked with it)."""
        texts = texts or {}
        translated = texts.get(self.language, "")
        if translated.strip():
            return numbers_held_together(translated)
        original = texts.get(self.original, "")
        if not original.strip():
            return ""
        return "".join(p.text for p in w.user_text(original, self.original, None, self.language))

    def heading(self, key: str) -> str:
        return self.text(self.sections.get(key, {}).get("heading"))

    def has(self, key: str) -> bool:
        return bool(self.sections.get(key, {}).get("paragraphs"))

    def pieces(self, markup: str, footnotes: dict[str, dict[str, str]], notes: Notes) -> list[Piece]:
        """A paragraph's pieces, its footnote references marked (a note referred to again keeps its number)."""
        out: list[Piece] = []
        for run in runs(markup):
            if run.note is None:
                out.append(self._piece(run))
                continue
            if run.note in self._marked:
                out.append(self._marked[run.note])
                continue
            note_markup = self.text(footnotes.get(run.note))
            note = [self._piece(r) for r in runs(note_markup) if r.note is None]
            marker = notes.mark(note or [Piece("")])
            self._marked[run.note] = marker
            out.append(marker)
        return out

    def _piece(self, run: Run) -> Piece:
        """A run of text (or a figure field's value: the field itself where no data fills it) as a piece."""
        text = run.text
        if run.field is not None:
            text = self.figures(run.field) if self.figures is not None else "{{" + run.field + "}}"
        return titled(text, self.language) if run.italic else Piece(text)

    def write(self, story: StoryLike, key: str, numbers: Iterator[int]) -> None:
        """The section's paragraphs: numbered, or indented for a subparagraph ("(a) …")."""
        section = self.sections.get(key, {})
        footnotes = {note["id"]: note["text"] for note in section.get("footnotes", [])}
        for paragraph in section.get("paragraphs", []):
            pieces = self.pieces(self.text(paragraph["text"]), footnotes, story.notes)
            if paragraph.get("style") == "subparagraph":
                story.text(pieces, SUBPARAGRAPH)
            else:
                story.numbered(next(numbers), pieces)
