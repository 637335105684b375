"""The page of every report: header, localized "page X of Y" footer, metadata, bookmarks, mirrored for Arabic."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, SimpleDocTemplate, Spacer, Table, TableStyle

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.reports import reportlab_adapter as rl
from habitat_desktop.reports.footnotes import Footnotes
from habitat_desktop.reports.line_setter import LineSetter, Piece
from habitat_desktop.reports.text_block import TextBlock, TextStyle

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN = 2.2 * cm
GREY = (0.35, 0.35, 0.35)
BLACK = (0.0, 0.0, 0.0)

BODY = TextStyle(size=10, leading=14.5, space_after=6, justify=True)  # UN documents justify their body text
SMALL = TextStyle(size=8.5, leading=11.5, space_after=2, justify=True)
CELL = TextStyle(size=8.5, leading=11, space_after=0)
HEAD_CELL = CELL.but(bold=True)
TITLE = TextStyle(size=15, leading=20, bold=True, space_before=6, space_after=8)
HEADING = TextStyle(size=12, leading=16, bold=True, space_before=10, space_after=6, color=BLACK)
SUBHEADING = TextStyle(size=10.5, leading=14, bold=True, space_before=6, space_after=4)


class ReportCancelledError(HabitatError):
    """The user stopped a report before it was finished; nothing was written."""


@dataclass(frozen=True)
class Metadata:
    """What the PDF says about itself (document properties), in the report's language."""

    title: str
    subject: str
    author: str
    language: str
    header: str  # the running header (e.g. the document symbol)


class Heading(TextBlock):
    """A section heading that also becomes a bookmark (PDF outline entry) at its level."""

    def __init__(self, setter: LineSetter, text: str, style: TextStyle, level: int = 0, label: str = "") -> None:
        super().__init__(setter, text, style, label)
        self.outline_title = f"{label} {text}".strip() if label else text
        self.level = level
        self.keepWithNext = True

    def draw(self) -> None:
        key = f"section-{id(self)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(self.outline_title, key, level=self.level, closed=False)
        super().draw()


LINES_AFTER_HEADING = 3  # a heading starts a page rather than end one with fewer lines of its text below it


class _HeadingWithText(KeepTogether):
    """Headings kept with what follows them, as ReportLab's ``keepWithNext`` groups them, but not with all of it:
    the page breaks before the headings only when they and the first lines of their text do not fit, so a long
    paragraph starts under its heading and runs on over the page instead of leaving a blank stretch."""

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        last = rl.kept_content(self)[-1]
        whole = rl.kept_height(self)
        needed = whole
        if getattr(last, "splits_between_lines", False):  # a chart or a table goes whole with its heading
            last_height = float(last.height)
            needed = whole - last_height + min(last_height, LINES_AFTER_HEADING * BODY.leading)
        at_top = rl.at_frame_top(rl.frame_of(self))
        if aH < needed and not at_top:
            return [self.FrameBreak(), *rl.kept_content(self)]
        if not at_top and getattr(last, "splits_between_lines", False) and needed < whole:
            room = aH - (whole - float(last.height))
            if room < float(last.height) and not last.split(aW, room):  # the text cannot start here (no orphan)
                return [self.FrameBreak(), *rl.kept_content(self)]
        return rl.kept_content(self)


class Story:
    """The flowables of a report, built with the report's language and text styles.

    Notes marked (``notes.mark``) while a paragraph is composed go with that paragraph, at the foot of its page.
    """

    def __init__(self, setter: LineSetter, width: float) -> None:
        self.setter = setter
        self.width = width
        self.items: list[Flowable] = []
        self.notes = Footnotes(setter, SMALL.but(label_width=0.7 * cm))

    def add(self, flowable: Flowable) -> None:
        self.items.append(flowable)

    def text(self, content: str | list[Piece], style: TextStyle = BODY, label: str = "") -> None:
        self.items.extend(self.notes.attach(TextBlock(self.setter, content, style, label)))

    def numbered(self, number: int, content: str | list[Piece]) -> None:
        """A numbered paragraph, as UN documents number theirs."""
        label = f"{format_number(number)} -" if self.setter.rtl else f"{format_number(number)}."
        self.text(content, BODY.but(label_width=0.9 * cm), label=label)

    def bullet(self, content: str | list[Piece], indent: float = 0.9 * cm) -> None:
        self.text(content, BODY.but(indent=indent, label_width=0.5 * cm, space_after=3), label="•")

    def heading(self, text: str, level: int = 0, label: str = "") -> None:
        style = HEADING if level == 0 else SUBHEADING
        self.items.append(Heading(self.setter, text, style.but(label_width=1.6 * cm if label else 0), level, label))

    def space(self, height: float) -> None:
        self.items.append(Spacer(1, height))

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[str | list[Piece]]], widths: Sequence[float]
    ) -> None:
        """A table with a repeated header row; columns run right to left in Arabic."""
        scale = self.width / sum(widths)
        col_widths = [w * scale for w in widths]

        def cells(row: Sequence[str | list[Piece]], style: TextStyle) -> list[Flowable]:  # cells stay ragged
            made = [TextBlock(self.setter, value, style) for value in row]
            return made[::-1] if self.setter.rtl else made

        data = [cells(header, HEAD_CELL), *(cells(row, CELL) for row in rows)]
        table = Table(
            data,
            colWidths=col_widths[::-1] if self.setter.rtl else col_widths,
            repeatRows=1,
            hAlign="RIGHT" if self.setter.rtl else "LEFT",
        )
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.Color(0.7, 0.7, 0.7)),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                    ("FONTNAME", (0, 0), (-1, -1), self.setter.regular.primary.name),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ]
            )
        )
        self.items.append(table)
        self.space(8)

    def keep(self, flowables: list[Flowable]) -> None:
        self.items.append(KeepTogether(flowables))


def content_width(paper: str) -> float:
    return float(PAPERS[paper][0] - 2 * MARGIN)


def _canvas_class(setter: LineSetter, metadata: Metadata) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Keeps every page until the end, then stamps "page X of Y" on each; runs what waits for a page's end."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["lang"] = metadata.language
            kwargs["initialFontName"] = setter.regular.primary.name  # no unembedded Helvetica in the file
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._marks: list[tuple[str, dict[str, Any]]] = []
            self._at_end: list[Callable[[Canvas], None]] = []
            self.page_count = 0

        def at_page_end(self, action: Callable[[Canvas], None]) -> None:
            """Draw something on this page once it is laid out (the notes at its foot), before it is kept."""
            self._at_end.append(action)

        def bookmarkPage(self, key: str, **kwargs: Any) -> None:
            self._marks.append((key, kwargs))  # placed when the page is really written (see save)

        def showPage(self) -> None:
            actions, self._at_end = self._at_end, []
            for action in actions:
                action(self)
            self._pages.append(dict(self.__dict__))
            self._marks = []
            self._startPage()

        def save(self) -> None:
            while self._at_end:  # notes running on past the last page of text get pages of their own
                self.showPage()
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                for key, kwargs in state["_marks"]:
                    Canvas.bookmarkPage(self, key, **kwargs)
                _decorate(self, setter, metadata, number, total)
                super().showPage()
            self.page_count = total
            super().save()

    return NumberedCanvas


def _decorate(canvas: Canvas, setter: LineSetter, metadata: Metadata, number: int, total: int) -> None:
    width, height = rl.page_size(canvas)
    inner = width - 2 * MARGIN
    canvas.saveState()
    canvas.setStrokeColorRGB(0.75, 0.75, 0.75)
    canvas.setLineWidth(0.5)
    if number > 1:  # as in UN documents, the first page carries the masthead and no running head
        setter.draw(canvas, [Piece(metadata.header)], MARGIN, height - MARGIN + 0.9 * cm, inner, 8.5, "end", GREY)
        canvas.line(MARGIN, height - MARGIN + 0.7 * cm, width - MARGIN, height - MARGIN + 0.7 * cm)
    canvas.line(MARGIN, MARGIN - 0.55 * cm, width - MARGIN, MARGIN - 0.55 * cm)
    page = _("Page {page} of {pages}").format(page=format_number(number), pages=format_number(total))
    setter.draw(canvas, [Piece(page)], MARGIN, MARGIN - 1.0 * cm, inner, 8.5, "center", GREY)
    canvas.restoreState()


def build_pdf(
    output: Path | BinaryIO,
    story: list[Flowable],
    setter: LineSetter,
    metadata: Metadata,
    paper: str = "a4",
    step: Callable[[], None] | None = None,
) -> int:
    """Lay out a story into a PDF; return its number of pages. ``step`` runs after each flowable (progress)."""

    class Document(SimpleDocTemplate):
        def afterFlowable(self, flowable: Flowable) -> None:
            if step is not None:
                step()

    document = Document(
        output if not isinstance(output, Path) else str(output),
        pagesize=PAPERS[paper],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=metadata.title,
        author=metadata.author,
        subject=metadata.subject,
        creator="Habitat Desktop",
        lang=metadata.language,
        keepTogetherClass=_HeadingWithText,
    )
    document.build(story, canvasmaker=_canvas_class(setter, metadata))
    return int(document.canv.page_count)
