"""Footnotes: numbered markers, and each note printed at the foot of the page its marker lands on."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import FrameActionFlowable

from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.reports.line_setter import LineSetter, Piece
from habitat_desktop.reports.text_block import TextBlock, TextStyle

RULE_LENGTH = 4 * cm  # the short separator rule above a page's notes, on the start side
SPACE_ABOVE_RULE = 9.0
SPACE_BELOW_RULE = 3.0
_TALL = 1e9


class _Note:
    """One note, labelled with its number; its height measured once per width."""

    def __init__(self, setter: LineSetter, label: str, content: str | list[Piece], style: TextStyle) -> None:
        self.block = TextBlock(setter, content, style, label)
        self._width = -1.0
        self._height = 0.0

    def height(self, width: float) -> float:
        """Its lines and the space after it."""
        if width != self._width:
            self._height = self.block.wrap(width, _TALL)[1] + self.block.style.space_after
            self._width = width
        return self._height


class Footnotes:
    """A report's notes, numbered through the document; a paragraph keeps the notes it marks on its page.

    The page's frame gives up the height of the notes placed on the page (and of the rule above them); when the
    page ends (the canvas's ``at_page_end``), the notes are drawn in that band and the frame gets its height back.
    """

    def __init__(self, setter: LineSetter, style: TextStyle) -> None:
        self.setter = setter
        self.style = style
        self.count = 0
        self._unplaced: list[_Note] = []  # marked, the paragraph not yet made
        self._drawn: list[_Note] = []  # drawn with their paragraph; the space is not yet given back
        self._drawn_height = 0.0
        self._page: list[_Note] = []  # in the band of the current page
        self._page_height = 0.0
        self._frame: Any = None
        self._width = 0.0

    def mark(self, note: str | list[Piece]) -> Piece:
        """The superscript marker of a new note; the note goes with the next paragraph made (see ``attach``)."""
        self.count += 1
        label = format_number(self.count)
        self._unplaced.append(_Note(self.setter, label, note, self.style))
        return Piece(label, sup=True)

    def attach(self, paragraph: TextBlock) -> list[Flowable]:
        """A paragraph with the notes marked since the last one, which will be printed on its page."""
        if not self._unplaced:
            return [paragraph]
        notes, self._unplaced = self._unplaced, []
        return [_Noted(paragraph, notes, self), _GiveBack(self)]

    def space_for(self, notes: list[_Note], width: float) -> float:
        """The height notes would take at the foot of the current page: theirs, and the rule's if they come first."""
        if not notes:
            return 0.0
        rule = 0.0 if self._page or self._drawn else SPACE_ABOVE_RULE + SPACE_BELOW_RULE
        return rule + sum(note.height(width) for note in notes)

    def drawn(self, notes: list[_Note], height: float, width: float) -> None:
        """A paragraph was drawn above the space its notes take (by ``_Noted``)."""
        self._drawn.extend(notes)
        self._drawn_height += height
        self._width = width

    def give_back(self, frame: Any, canvas: Canvas) -> None:
        """After a paragraph with notes: the text continues below it, and the frame ends above the notes."""
        if not self._drawn:
            return
        frame._y += self._drawn_height
        frame._y1p += self._drawn_height
        if not self._page:
            self._frame = frame
            canvas.at_page_end(self._draw_band)
        self._page.extend(self._drawn)
        self._page_height += self._drawn_height
        self._drawn, self._drawn_height = [], 0.0

    def _draw_band(self, canvas: Canvas) -> None:
        """The rule and the notes at the foot of the page; the frame is whole again for the next page."""
        frame = self._frame
        frame._geom()  # recomputes the foot (_y1p) from the frame's unchanged geometry
        x = frame._x1 + frame._leftPadding
        y = frame._y1p + self._page_height - SPACE_ABOVE_RULE
        rule_x = x + self._width - RULE_LENGTH if self.setter.rtl else x
        canvas.saveState()
        canvas.setStrokeColorRGB(0, 0, 0)
        canvas.setLineWidth(0.5)
        canvas.line(rule_x, y, rule_x + RULE_LENGTH, y)
        canvas.restoreState()
        y -= SPACE_BELOW_RULE
        for note in self._page:
            block = note.block
            block.wrap(self._width, _TALL)
            y -= block.height
            block.drawOn(canvas, x, y)
            y -= block.style.space_after
        self._page, self._page_height, self._frame = [], 0.0, None


class _Noted(Flowable):
    """A paragraph and the notes it marks: as tall as both, so a frame takes it only where both fit.

    The paragraph is drawn at the top of that box; the ``_GiveBack`` that follows returns the notes' share.
    """

    def __init__(self, body: TextBlock, notes: list[_Note], footnotes: Footnotes) -> None:
        super().__init__()
        self.body = body
        self.notes = notes
        self.footnotes = footnotes
        self._notes_height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        width, height = self.body.wrap(availWidth, availHeight)
        self._notes_height = self.footnotes.space_for(self.notes, availWidth)
        self.width, self.height = width, height + self._notes_height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Cut between lines so the first part fits with the notes it marks; the rest takes the others.

        Markers are a paragraph's only superscript text, so the notes of a part are counted from its lines.
        """
        self.body.wrap(availWidth, availHeight)
        lines = self.body.lines
        leading = self.body.style.leading
        for count in range(min(len(lines) - 1, int(availHeight // leading)), 0, -1):
            marked = sum(1 for line in lines[:count] for piece in line if piece.sup)
            if count * leading + self.footnotes.space_for(self.notes[:marked], availWidth) <= availHeight:
                break
        else:
            return []
        first, rest = self.body.split(availWidth, (count + 0.5) * leading)
        assert isinstance(first, TextBlock) and isinstance(rest, TextBlock)
        head, tail = self.notes[:marked], self.notes[marked:]
        placed: list[Flowable] = [_Noted(first, head, self.footnotes), _GiveBack(self.footnotes)] if head else [first]
        return [*placed, _Noted(rest, tail, self.footnotes) if tail else rest]

    def getSpaceBefore(self) -> float:
        return float(self.body.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.body.getSpaceAfter())

    def draw(self) -> None:
        self.body.drawOn(self.canv, 0, self._notes_height)
        self.footnotes.drawn(self.notes, self._notes_height, self.width)


class _GiveBack(FrameActionFlowable):
    """Follows a paragraph with notes on its frame: gives back the space kept below it for its notes."""

    def __init__(self, footnotes: Footnotes) -> None:
        self.footnotes = footnotes

    def frameAction(self, frame: Any) -> None:
        self.footnotes.give_back(frame, self.canv)
