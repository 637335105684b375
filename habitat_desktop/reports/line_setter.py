"""Setting one line of mixed-script text: a font per character, bidi runs in display order, read in logical order."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from bidi.algorithm import MIRRORED
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from habitat_desktop.reports import fonts
from habitat_desktop.reports.bidi_order import visual_runs
from habitat_desktop.reports.bidi_text import has_rtl
from habitat_desktop.reports.subset_encoding import encoder

SUPERSCRIPT_SCALE = 0.62
_STYLE_CODES = {(False, False): "r", (True, False): "b", (False, True): "s", (True, True): "S"}
_STYLES = {code: style for style, code in _STYLE_CODES.items()}
_SAME_STYLE = re.compile(r"(.)\1*")


class Piece(NamedTuple):
    """Text of one style within a line (logical order): bold, superscript. (A tuple: made for every word.)"""

    text: str
    bold: bool = False
    sup: bool = False


def _segments(text: str, chain: fonts.FontChain) -> tuple[tuple[str, str], ...]:
    """A text cut where the font that has its glyphs changes: (font name, text) pairs."""
    if chain.covers(text):
        return ((chain.primary.name, text),)
    return _mixed_segments(text, chain)


@lru_cache(maxsize=20_000)
def _mixed_segments(text: str, chain: fonts.FontChain) -> tuple[tuple[str, str], ...]:
    result: list[tuple[str, str]] = []
    current = ""
    name = ""
    for character in text:
        face = chain.face_for(character)
        if face.name != name and current:
            result.append((name, current))
            current = ""
        name = face.name
        current += character
    if current:
        result.append((name, current))
    return tuple(result)


def _em_width(text: str, chain: fonts.FontChain) -> float:
    """The width of a text set at size 1."""
    return sum(_face_width(part, name, 1.0) for name, part in _segments(text, chain))


class LineSetter:
    """Measures and draws text in a report's language, with the bundled fonts as fallbacks."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.rtl = language == "ar"
        self.regular = fonts.fallback_chain(language, bold=False)
        self.bold = fonts.fallback_chain(language, bold=True)
        self._em_widths: tuple[dict[str, float], dict[str, float]] = ({}, {})  # regular, bold: text -> width

    def chain(self, bold: bool) -> fonts.FontChain:
        return self.bold if bold else self.regular

    def width(self, text: str, size: float, bold: bool = False, sup: bool = False) -> float:
        """The width of (already shaped) text in points."""
        em = self._em_widths[bold].get(text)
        if em is None:
            em = self.em_width(text, bold)
        return em * (size * SUPERSCRIPT_SCALE if sup else size)

    def em_width(self, text: str, bold: bool) -> float:
        """The width of a text at size 1 (widths add up: a text is as wide as its parts)."""
        em = self._em_widths[bold].get(text)
        if em is None:
            em = self._em_widths[bold][text] = _em_width(text, self.chain(bold))
        return em

    def em_widths(self, bold: bool) -> dict[str, float]:
        """The texts measured so far at size 1, for callers that measure word after word."""
        return self._em_widths[bold]

    def draw(
        self,
        canvas: Canvas,
        pieces: list[Piece],
        x: float,
        y: float,
        width: float,
        size: float,
        align: str = "start",
        color: tuple[float, float, float] = (0, 0, 0),
    ) -> None:
        """Draw one line of shaped text in the box [x, x + width] at baseline y.

        ``align`` is start, end or center (start is the right edge in a right-to-left report). Runs are
        placed in display order but written to the page in reading order, so extracted text reads logically.
        """
        text = "".join(p.text for p in pieces)
        if not text.strip():
            return
        if not self.rtl and not has_rtl(text):
            self._draw_left_to_right(canvas, pieces, x, y, width, size, align, color)
            return
        # one character per character of the text naming its style (bold, superscript), to cut runs where it changes
        styles = "".join(_STYLE_CODES[piece.bold, piece.sup] * len(piece.text) for piece in pieces)
        laid: list[tuple[tuple[int, int], float, str, str, bool, bool]] = []  # order, x, font, text, sup, rtl
        offset = 0.0
        for run in visual_runs(text, self.rtl):
            run_styles = styles[run.start : run.start + len(run.text)]  # indexed in logical order
            if run.rtl:
                run_styles = run_styles[::-1]
            order = 0
            for same in _SAME_STYLE.finditer(run_styles):
                bold, sup = _STYLES[same.group(1)]
                chunk_size = size * SUPERSCRIPT_SCALE if sup else size
                for name, part in _segments(run.text[same.start() : same.end()], self.chain(bold)):
                    laid.append(((run.start, order), offset, name, part, sup, run.rtl))
                    order += 1
                    offset += _face_width(part, name, chunk_size)
        left = self._left(x, width, offset, align)
        _fill(canvas, color)
        ops = ["BT"]
        for _key, dx, name, part, sup, rtl in sorted(laid, key=lambda item: item[0]):
            chunk_size = size * SUPERSCRIPT_SCALE if sup else size
            baseline = y + size * 0.38 if sup else y
            if rtl:
                _show_right_to_left(canvas, ops, name, chunk_size, part, left + dx, baseline)
            else:
                ops.append(f"1 0 0 1 {left + dx:.3f} {baseline:.3f} Tm")
                _show(canvas, ops, name, chunk_size, part)
        ops.append("ET")
        canvas._code.append(" ".join(ops))

    def _left(self, x: float, width: float, total: float, align: str) -> float:
        if align == "center":
            return x + (width - total) / 2
        if (align == "start") == (not self.rtl):
            return x
        return x + width - total

    def _draw_left_to_right(
        self,
        canvas: Canvas,
        pieces: list[Piece],
        x: float,
        y: float,
        width: float,
        size: float,
        align: str,
        color: tuple[float, float, float],
    ) -> None:
        """The common case: no right-to-left text, so display order is reading order."""
        laid: list[tuple[str, str, float, float]] = []  # font, text, size, rise
        styled: list[tuple[bool, bool, list[str]]] = []  # wrapped lines come as one piece per word: join them
        for piece in pieces:
            if styled and styled[-1][0] == piece.bold and styled[-1][1] == piece.sup:
                styled[-1][2].append(piece.text)
            else:
                styled.append((piece.bold, piece.sup, [piece.text]))
        for bold, sup, texts in styled:
            chunk_size = size * SUPERSCRIPT_SCALE if sup else size
            for name, part in _segments("".join(texts), self.chain(bold)):
                laid.append((name, part, chunk_size, size * 0.38 if sup else 0.0))
        total = (
            sum(stringWidth(part, name, chunk_size) for name, part, chunk_size, _rise in laid)
            if align != "start"
            else 0.0
        )  # a line set from the left edge needs no width
        left = self._left(x, width, total, align)
        _fill(canvas, color)
        ops = ["BT", f"1 0 0 1 {left:.3f} {y:.3f} Tm"]
        current_rise = 0.0
        for name, part, chunk_size, rise in laid:
            if rise != current_rise:
                ops.append(f"{rise:.2f} Ts")
                current_rise = rise
            _show(canvas, ops, name, chunk_size, part)
        ops.append("ET")
        canvas._code.append(" ".join(ops))


def _fill(canvas: Canvas, color: tuple[float, float, float]) -> None:
    """Set the fill colour unless it is already set (lines mostly follow lines of the same colour)."""
    if canvas._fillColorObj != color:
        canvas.setFillColorRGB(*color)


def _show(canvas: Canvas, ops: list[str], name: str, size: float, text: str) -> None:
    """Operators showing text at the current point in a TrueType font (its embedded subsets)."""
    encoding = encoder(name, canvas._doc)
    for subset, start, end in encoding.runs(text):
        ops.append(f"{encoding.subset_name(subset)} {size:.2f} Tf ({encoding.escaped(text[start:end])}) Tj")


@lru_cache(maxsize=50_000)
def _face_width(text: str, name: str, size: float) -> float:
    """The width of a word or a run (they repeat: cached); a whole line is measured with ``stringWidth``."""
    return float(stringWidth(text, name, size))


_NEUTRAL_OR_STRONG = re.compile("[^\x00-\x2f\x3a-\x40\xa0\u2000-\u206f]+|.")


def _show_right_to_left(canvas: Canvas, ops: list[str], name: str, size: float, part: str, x: float, y: float) -> None:
    """Operators showing a right-to-left piece (characters in display order) from x, word by word in reading order.

    Extractors read a right-to-left stretch backwards only within one font operator and misplace punctuation at
    its ends, so each word (cut where the embedded subset changes) and each space or mark gets its own operator.
    """
    encoding = encoder(name, canvas._doc)
    chunks: list[tuple[float, str, int]] = []
    for match in _NEUTRAL_OR_STRONG.finditer(part):
        group = match.group()
        for subset, start, end in encoding.runs(group):
            chunk = group[start:end]
            chunks.append((x, chunk, subset))
            x += _face_width(chunk, name, size)
    for chunk_x, chunk, subset in reversed(chunks):
        original = MIRRORED.get(chunk)
        if original:  # a mirrored bracket: draw the logical character flipped, so it extracts as written
            ops.append(f"-1 0 0 1 {chunk_x + _face_width(original, name, size):.3f} {y:.3f} Tm")
            _show(canvas, ops, name, size, original)
            continue
        ops.append(
            f"1 0 0 1 {chunk_x:.3f} {y:.3f} Tm {encoding.subset_name(subset)} {size:.2f} Tf "
            f"({encoding.escaped(chunk)}) Tj"
        )
