"""Footnotes: numbered markers, and each note printed at the foot of the page its marker lands on."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import FrameActionFlowable

from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.reports import reportlab_adapter as rl
from habitat_desktop.reports.line_setter import LineSetter, Piece
from habitat_desktop.reports.text_block import TextBlock, TextStyle, lines_before_break

RULE_LENGTH = 4 * cm  # the short separator rule above a page's notes, on the start side
SPACE_ABOVE_RULE = 9.0
SPACE_BELOW_RULE = 3.0
CONTINUED_SHARE = 0.5  # at most this share of a page holds a note continued from the page before
_TALL = 1e9


class _Note:
    """A note, or the part of one that fits a page: its lines, measured once per width."""

    def __init__(self, block: TextBlock) -> None:
        self.block = block
        self._width = -1.0
        self._height = 0.0

    def height(self, width: float) -> float:
        """Its lines and the space after it."""
        if width != self._width:
            self._height = self.block.wrap(width, _TALL)[1] + self.block.style.space_after
            self._width = width
        return self._height

    def split(self, width: float, room: float) -> tuple[_Note, _Note] | None:
        """The lines that fit a height and the rest; None when not one line fits."""
        self.height(width)
        parts = self.block.split(width, room)
        if len(parts) != 2:
            return None
        first, rest = parts
        assert isinstance(first, TextBlock) and isinstance(rest, TextBlock)
        return _Note(first), _Note(rest)


def _fill(notes: list[_Note], width: float, room: float) -> tuple[list[_Note], list[_Note]]:
    """The notes, in order, that fit a height (the last one cut between lines if need be), and the rest."""
    placed: list[_Note] = []
    used = 0.0
    for index, note in enumerate(notes):
        if used + note.height(width) <= room:
            placed.append(note)
            used += note.height(width)
            continue
        parts = note.split(width, room - used)
        if parts is None:
            return placed, notes[index:]
        return [*placed, parts[0]], [parts[1], *notes[index + 1 :]]
    return placed, []


def _marked(lines: list[list[Piece]]) -> int:
    """How many markers lines hold (markers are a paragraph's only superscript text)."""
    return sum(1 for line in lines for piece in line if piece.sup)


class Footnotes:
    """A report's notes, numbered through the document; a paragraph keeps the notes it marks on its page.

    The page's frame gives up the height of the notes placed on the page (and of the rule above them); when the
    page ends (the canvas's ``at_page_end``), the notes are drawn in that band and the frame gets its height back.
    A note too long for any page runs on at the foot of the next pages (taking at most half of each); notes marked
    meanwhile wait for it to end, so the notes keep their order.
    """

    def __init__(self, setter: LineSetter, style: TextStyle) -> None:
        self.setter = setter
        self.style = style
        self.count = 0
        self._unplaced: list[_Note] = []  # marked, the paragraph not yet made
        self._drawn: list[_Note] = []  # drawn with their paragraph; the space is not yet given back
        self._drawn_height = 0.0
        self._drawn_continued: list[_Note] = []
        self._page: list[_Note] = []  # in the band of the current page
        self._page_height = 0.0
        self._continued: list[_Note] = []  # for the next pages: the rest of a note running on, and notes waiting
        self._frame: Any = None
        self._width = 0.0

    def mark(self, note: str | list[Piece], label: str | None = None) -> Piece:
        """The superscript marker of a new note; the note goes with the next paragraph made (see ``attach``).
        A note given its own ``label`` (the agenda item's "*") is not counted."""
        if label is None:
            self.count += 1
            label = format_number(self.count)
        self._unplaced.append(_Note(TextBlock(self.setter, note, self.style, label)))
        return Piece(f"\u2068{label}\u2069", sup=True)  # isolated: a number never reorders the text around it

    def attach(self, paragraph: TextBlock) -> list[Flowable]:
        """A paragraph with the notes marked since the last one, which will be printed on its page."""
        if not self._unplaced:
            return [paragraph]
        notes, self._unplaced = self._unplaced, []
        return [_Noted(paragraph, notes, self), _GiveBack(self)]

    def rule_space(self) -> float:
        """The height of the rule and its space, if the current page has no notes yet."""
        return 0.0 if self._page or self._drawn else SPACE_ABOVE_RULE + SPACE_BELOW_RULE

    def space_for(self, notes: list[_Note], width: float) -> float:
        """The height notes would take at the foot of the current page: theirs, and the rule's if they come first
        (none while a note runs on: they wait for the next pages)."""
        if not notes or self._continued:
            return 0.0
        return self.rule_space() + sum(note.height(width) for note in notes)

    def drawn(self, notes: list[_Note], height: float, width: float, continued: list[_Note]) -> None:
        """A paragraph was drawn above the space its notes take (by ``_Noted``)."""
        self._width = width
        if self._continued:  # as when it was measured: a note runs on, these wait
            self._continued.extend([*notes, *continued])
            return
        self._drawn.extend(notes)
        self._drawn_height += height
        self._drawn_continued.extend(continued)

    def give_back(self, frame: Any, canvas: Canvas) -> None:
        """After a paragraph with notes: the text continues below it, and the frame ends above the notes."""
        if not self._drawn:
            return
        rl.raise_frame_foot(frame, self._drawn_height)
        if not self._page:
            self._frame = frame
            canvas.at_page_end(self._end_page)
        self._page.extend(self._drawn)
        self._page_height += self._drawn_height
        self._continued.extend(self._drawn_continued)
        self._drawn, self._drawn_height, self._drawn_continued = [], 0.0, []

    def _end_page(self, canvas: Canvas) -> None:
        """Draw the page's notes; the frame is whole again, but for the notes continued on the next page."""
        frame = self._frame
        left, foot = rl.reset_frame_foot(frame)  # the frame's foot recomputed from its unchanged geometry
        self._draw_band(canvas, left, foot + self._page_height)
        self._page, self._page_height = [], 0.0
        if not self._continued:
            self._frame = None
            return
        rule = SPACE_ABOVE_RULE + SPACE_BELOW_RULE
        room = rl.frame_height(frame) * CONTINUED_SHARE - rule
        self._page, self._continued = _fill(self._continued, self._width, room)
        if not self._page:  # not a line fits (a page too small to matter): let the next note overflow
            self._page, self._continued = self._continued[:1], self._continued[1:]
        self._page_height = rule + sum(note.height(self._width) for note in self._page)
        rl.reserve_frame_foot(frame, self._page_height)  # kept when the frame is reset for the next page
        canvas.at_page_end(self._end_page)

    def _draw_band(self, canvas: Canvas, x: float, top: float) -> None:
        """The rule, then the notes, from the top of the band down."""
        y = top - SPACE_ABOVE_RULE
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


class _Noted(Flowable):
    """A paragraph and the notes it marks: as tall as both, so a frame takes it only where both fit.

    The paragraph is drawn at the top of that box; the ``_GiveBack`` that follows returns the notes' share.
    """

    splits_between_lines = True

    def __init__(
        self, body: TextBlock, notes: list[_Note], footnotes: Footnotes, continued: list[_Note] | None = None
    ) -> None:
        super().__init__()
        self.body = body
        self.notes = notes
        self.footnotes = footnotes
        self.continued = continued or []  # the rest of the last note, for the next pages
        self._notes_height = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        width, height = self.body.wrap(availWidth, availHeight)
        self._notes_height = self.footnotes.space_for(self.notes, availWidth)
        self.width, self.height = width, height + self._notes_height
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        """Cut between lines so the first part fits with the notes it marks; the rest takes the others."""
        self.body.wrap(availWidth, availHeight)
        lines = self.body.lines
        leading = self.body.style.leading
        for count in range(min(len(lines) - 1, int(availHeight // leading)), 0, -1):
            if lines_before_break(count, len(lines)) != count:
                continue  # no widow, no orphan
            marked = _marked(lines[:count])
            head = self.notes[:marked]
            if count * leading + self.footnotes.space_for(head, availWidth) <= availHeight:
                return self._parts(count, head, [], marked, availWidth)
        if rl.at_frame_top(rl.frame_of(self)):
            return self._run_on(availWidth, availHeight)
        return []

    def _run_on(self, width: float, height: float) -> list[Flowable]:
        """At the top of a page, where the paragraph and its notes can never fit: as many lines as let each note
        they mark begin on this page; the last of those notes runs on at the foot of the next pages."""
        lines = self.body.lines
        leading = self.body.style.leading
        room = height - self.footnotes.rule_space()
        for count in range(min(len(lines), int(height // leading)), 0, -1):
            marked = len(self.notes) if count == len(lines) else _marked(lines[:count])
            placed, continued = _fill(self.notes[:marked], width, room - count * leading)
            if placed and (len(placed) == marked or count == 1):
                return self._parts(count, placed, continued, marked, width)
        return []

    def _parts(
        self, count: int, head: list[_Note], continued: list[_Note], marked: int, width: float
    ) -> list[Flowable]:
        """The first ``count`` lines with the notes placed on this page, then the rest with the other notes."""
        lines = self.body.lines
        if count < len(lines):
            first, rest = self.body.split_at(count)
        else:
            first, rest = self.body, None
        placed: list[Flowable] = (
            [_Noted(first, head, self.footnotes, continued), _GiveBack(self.footnotes)] if head else [first]
        )
        tail = self.notes[marked:]
        if rest is None:
            return placed
        return [*placed, _Noted(rest, tail, self.footnotes) if tail else rest]

    def getSpaceBefore(self) -> float:
        return float(self.body.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.body.getSpaceAfter())

    def draw(self) -> None:
        self.body.drawOn(self.canv, 0, self._notes_height)
        self.footnotes.drawn(self.notes, self._notes_height, self.width, self.continued)


class _GiveBack(FrameActionFlowable):
    """Follows a paragraph with notes on its frame: gives back the space kept below it for its notes."""

    def __init__(self, footnotes: Footnotes) -> None:
        self.footnotes = footnotes

    def frameAction(self, frame: Any) -> None:
        self.footnotes.give_back(frame, self.canv)
