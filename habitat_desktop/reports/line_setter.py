"""Setting one line of mixed-script text: a font per character, bidi runs in display order, read in logical order.

Right-to-left runs are shaped by HarfBuzz (``arabic_shaping.shape_run``) and written word by word: a word's glyphs in
reading order, each moved to from the one before (``Td``), its operators made once per document and reused; each
glyph's ToUnicode entry is the characters it stands for: pypdf reads each font operator's text on its own,
pdfminer.six keeps the order glyphs are drawn in, and poppler orders glyphs by position, then turns right-to-left
stretches around; all three then read the letters as typed. Poppler turns a glyph's several characters around too
(lam-alef, a letter with its vowel mark), so such a glyph also carries an /ActualText span with them in display
order, which only poppler reads.
Lines may be justified: the space left is shared among the spaces (or, in Chinese, between the characters). A
justified Arabic line gives part of it to kashidas (``kashida``): tatweels inserted at a word's best place and the
word shaped again; they stand for no text (an empty ToUnicode entry), and their letter is a span with its own text
that starts with an invisible tatweel stretched over both, so poppler reads one glyph, not a letter and a space.
"""

from __future__ import annotations

import re
from functools import lru_cache, partial
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from habitat_desktop.reports import fonts, kashida
from habitat_desktop.reports import reportlab_adapter as rl
from habitat_desktop.reports.arabic_shaping import Glyph, has_rtl, needs_shaping, shape_run, shaped_width
from habitat_desktop.reports.bidi_order import ISOLATES, isolate, visual_runs
from habitat_desktop.reports.subset_encoding import SubsetEncoder, encoder

SUPERSCRIPT_SCALE = 0.62
_STYLE_CODES = {
    (False, False): "r",
    (True, False): "b",
    (False, True): "s",
    (True, True): "S",
    (2, False): "i",
    (2, True): "I",
}
_STYLES = {code: style for style, code in _STYLE_CODES.items()}
_SAME_STYLE = re.compile(r"(.)\1*")
_SAME_FACE = re.compile(r"(.)\1*", re.S)


class Piece(NamedTuple):
    """Text of one style within a line (logical order): bold (or ``fonts.ITALIC``), superscript. (A tuple: made
    for every word.)"""

    text: str
    bold: int = False  # True, or fonts.ITALIC
    sup: bool = False


_piece = partial(tuple.__new__, Piece)  # a Piece made without the named tuple's Python-level __new__
_text = itemgetter(0)  # a piece's text
_style = itemgetter(1, 2)  # a piece's bold and superscript
_INVISIBLE = dict.fromkeys(map(ord, ISOLATES))
_HAS_ISOLATE = re.compile(f"[{ISOLATES}]")  # isolate controls order the line; they are not drawn


def isolated(pieces: list[Piece]) -> list[Piece]:
    """User text as pieces (a value, then perhaps a note on its language) with the value isolated (FSI … PDI), so
    a title in another script keeps its words, brackets and full stop together inside a sentence."""
    if not pieces or not pieces[0].text:
        return pieces
    first = pieces[0]
    return [Piece(isolate(first.text), first.bold, first.sup), *pieces[1:]]


def _segments(text: str, chain: fonts.FontChain) -> tuple[tuple[str, str], ...]:
    """A text cut where the font that has its glyphs changes: (font name, text) pairs (isolate controls left out)."""
    if text.isascii() or _HAS_ISOLATE.search(text) is None:
        if chain.covers(text):
            return ((chain.primary.name, text),)
    elif chain.covers(shown := text.translate(_INVISIBLE)):  # a line with an isolated value in the same face
        return ((chain.primary.name, shown),) if shown else ()
    return _mixed_segments(text, chain)


class _FaceCodes(dict[int, str]):
    """A ``str.translate`` table from characters to the number (as a character) of the chain's face that has their
    glyph, filled as characters are met; isolate controls are left out."""

    def __init__(self, chain: fonts.FontChain) -> None:
        super().__init__(dict.fromkeys(map(ord, ISOLATES), ""))
        self.chain = chain
        self.names: list[str] = []

    def __missing__(self, code: int) -> str:
        name = self.chain.face_for(chr(code)).name
        if name not in self.names:
            self.names.append(name)
        found = self[code] = chr(48 + self.names.index(name))
        return found


_FACE_CODES: dict[fonts.FontChain, _FaceCodes] = {}


@lru_cache(maxsize=20_000)
def _mixed_segments(text: str, chain: fonts.FontChain) -> tuple[tuple[str, str], ...]:
    table = _FACE_CODES.get(chain)
    if table is None:
        table = _FACE_CODES[chain] = _FaceCodes(chain)
    text = text.translate(_INVISIBLE)
    codes = text.translate(table)
    if not codes:
        return ()
    names = table.names
    if codes.count(codes[0]) == len(codes):
        return ((names[ord(codes[0]) - 48], text),)
    return tuple((names[ord(m.group(1)) - 48], text[m.start() : m.end()]) for m in _SAME_FACE.finditer(codes))


def _em_width(text: str, chain: fonts.FontChain) -> float:
    """The width of a text set at size 1 (Arabic as shaped, right to left)."""
    return sum(
        shaped_width(part, name, True) if needs_shaping(part) else _face_width(part, name, 1.0)
        for name, part in _segments(text, chain)
    )


MAX_CJK_SPACING = 0.3  # at most this many ems added between two Chinese characters when a line is justified
MAX_STRETCH = 2.5  # at most this many ems added to a space when a line is justified; a looser line stays ragged
_WORD_OR_SPACES = re.compile(r" +|[^ ]+")
_WORD_OR_SPACE = re.compile(r" |[^ ]+")
_CJK_LINE = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


class _Item(NamedTuple):
    """Something placed on a line: a word (or a space) and its width; a right-to-left word as its shaped glyphs."""

    width: float
    space: bool
    name: str
    size: float
    rise: float
    text: str  # the characters that encode it (a right-to-left word: its glyphs' characters, left to right)
    glyph: bool  # a right-to-left word: drawn glyph by glyph, in reading order
    glyphs: tuple[Glyph, ...] = ()  # left to right
    word: str = ""  # a right-to-left word's text as typed (logical order), where a kashida may be inserted


class LineSetter:
    """Measures and draws text in a report's language, with the bundled fonts as fallbacks."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.rtl = language == "ar"
        self.regular = fonts.fallback_chain(language, bold=False)
        self.bold = fonts.fallback_chain(language, bold=True)
        self.italic = fonts.fallback_chain(language, bold=fonts.ITALIC)
        self._em_widths: tuple[dict[str, float], ...] = ({}, {}, {})  # regular, bold, italic: text -> width
        self.missing: set[str] = set()  # characters no bundled font has, printed as U+FFFD
        self._printable: tuple[dict[str, str], ...] = ({}, {}, {})
        self._shown: dict[tuple[str, str, float], tuple[float, float, str]] = {}  # operators of a word, per document
        self._shown_in: object = None

    def chain(self, bold: int) -> fonts.FontChain:
        return self.italic if bold == fonts.ITALIC else self.bold if bold else self.regular

    def printable(self, text: str, bold: int = False) -> str:
        """A text as it can be printed: characters no bundled font has replaced by U+FFFD (and remembered)."""
        known = self._printable[bold].get(text)
        if known is not None:
            return known
        printable, missing = self.chain(bold).printable(text)
        if missing:
            self.missing |= missing
        self._printable[bold][text] = printable
        return printable

    def width(self, text: str, size: float, bold: int = False, sup: bool = False) -> float:
        """The width of text in points."""
        em = self._em_widths[bold].get(text)
        if em is None:
            em = self.em_width(text, bold)
        return em * (size * SUPERSCRIPT_SCALE if sup else size)

    def em_width(self, text: str, bold: int) -> float:
        """The width of a text at size 1 (widths add up: a text is as wide as its parts)."""
        em = self._em_widths[bold].get(text)
        if em is None:
            em = self._em_widths[bold][text] = _em_width(text, self.chain(bold))
        return em

    def em_widths(self, bold: int) -> dict[str, float]:
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
        justify: bool = False,
        checked: bool = False,
    ) -> None:
        """Draw one line of text in the box [x, x + width] at baseline y.

        ``align`` is start, end or center (start is the right edge in a right-to-left report); ``justify`` fills
        the box by widening the spaces. Runs are placed in display order but written in reading order. Text not
        ``checked`` by ``printable`` already is checked here.
        """
        if not checked:
            pieces = [_piece((self.printable(p.text, p.bold), p.bold, p.sup)) for p in pieces]
        text = "".join(map(_text, pieces))
        if not text.strip():
            return
        if not self.rtl and not has_rtl(text):
            self._draw_left_to_right(canvas, pieces, x, y, width, size, align, color, justify)
            return
        runs = self._items(pieces, text, size)
        total = sum([item.width for _start, items in runs for item in items])
        spaces = sum([item.space for _start, items in runs for item in items])
        if justify and self.rtl and spaces and total < width and width - total <= MAX_STRETCH * size * spaces:
            if (width - total) * KASHIDA_SHARE >= _tatweel_width(size):  # room for one at least
                runs = _with_kashidas(runs, width - total)  # Arabic: part of the space left goes to kashidas
            total = sum([item.width for _start, items in runs for item in items])
        extra = (width - total) / spaces if justify and spaces and total < width else 0.0
        if extra > MAX_STRETCH * size:
            extra = 0.0
        left = x if extra else self._left(x, width, total, align)
        _fill(canvas, color)
        doc = rl.document(canvas)
        if doc is not self._shown_in:  # codes belong to one document's subsets
            self._shown, self._shown_in = {}, doc
        placed: list[tuple[int, tuple[_Item, ...], list[float]]] = []  # run start, items and their x, reading order
        offset = left
        for start, items in runs:  # display order, left to right
            xs: list[float] = []
            for item in reversed(items) if items and items[0].glyph else items:
                xs.append(offset)
                offset += item.width + (extra if item.space else 0.0)
            if items and items[0].glyph:
                xs.reverse()
            placed.append((start, items, xs))
        ops = ["BT"]
        shown_ops = self._shown
        for _start, items, xs in sorted(placed, key=lambda entry: entry[0]):
            for item, item_x in zip(items, xs, strict=True):
                key = (item.name, item.text, item.size)
                shown = shown_ops.get(key)
                if shown is None:
                    shown = shown_ops[key] = self._operators(doc, item)
                first_x, first_y, operators = shown
                ops.append(f"1 0 0 1 {item_x + first_x:.3f} {y + item.rise + first_y:.3f} Tm {operators}")
        ops.append("ET")
        rl.append_code(canvas, " ".join(ops))

    def _operators(self, doc: object, item: _Item) -> tuple[float, float, str]:
        """The operators showing a word from the position of its first glyph (a right-to-left word's glyphs in
        reading order, each moved to from the one before), and that position from the word's left end."""
        encoding = encoder(item.name, doc)
        ops: list[str] = []
        if not item.glyph:
            _show(ops, encoding, item.size, item.text)
            return 0.0, 0.0, " ".join(ops)
        size = item.size
        places: list[tuple[float, float, str, float, float]] = []  # origin, character, advance, kashida width
        pen = 0.0
        for glyph in item.glyphs:
            advance = glyph.advance * size
            lengthens = advance if advance > 0 and not rl.glyph_text(item.name, glyph.char) else 0.0
            places.append(
                (round((pen + glyph.dx) * size, 3), round(glyph.dy * size, 3), glyph.char, advance, lengthens)
            )
            pen += glyph.advance
        places.reverse()  # reading order
        # a letter followed by a kashida (tatweels standing for no text) is drawn after it, in a span with the
        # letter's text that starts with an invisible tatweel stretched over both: poppler reads the span as one
        # glyph as wide as both (not a letter and a space) and pdfminer.six finds each glyph next to the one before
        groups: list[list[tuple[float, float, str, float, float]]] = []
        for place in places:
            if place[4] and groups:
                groups[-1].insert(1, place)  # after the letter, the leftmost first
            else:
                groups.append([place])
        first: tuple[float, float] | None = None
        previous = (0.0, 0.0)

        def move(glyph_x: float, glyph_y: float) -> None:
            nonlocal first, previous
            if first is None:
                first = (glyph_x, glyph_y)
            else:
                ops.append(f"{glyph_x - previous[0]:.3f} {glyph_y - previous[1]:.3f} Td")
            previous = (glyph_x, glyph_y)

        for letter, *tatweels in groups:
            meant = rl.glyph_text(item.name, letter[2])
            spanned = len(meant) > 1 or bool(tatweels)  # poppler reads a glyph's characters in display order
            if spanned:
                ops.append(f"/Span <</ActualText <FEFF{meant[::-1].encode('utf-16-be').hex().upper()}>>> BDC")
            if tatweels:
                leftmost = tatweels[0]
                reach = letter[0] + letter[3] - leftmost[0]
                move(leftmost[0], leftmost[1])
                ops.append(f"3 Tr {100 * reach / leftmost[3]:.2f} Tz")
                _show(ops, encoding, size, leftmost[2])
                ops.append("0 Tr 100 Tz")
                for tatweel in tatweels:
                    move(tatweel[0], tatweel[1])
                    _show(ops, encoding, size, tatweel[2])
            move(letter[0], letter[1])
            _show(ops, encoding, size, letter[2])
            if spanned:
                ops.append("EMC")
        assert first is not None
        return first[0], first[1], " ".join(ops)

    def _items(self, pieces: list[Piece], text: str, size: float) -> list[tuple[int, tuple[_Item, ...]]]:
        """What a mixed or right-to-left line shows, run by run left to right, each run's items in reading order
        (shaped glyphs of a right-to-left run, words of a left-to-right one), with the run's logical start."""
        # one character per character of the text naming its style (bold, superscript), to cut runs where it changes
        styles = "".join(_STYLE_CODES[piece.bold, piece.sup] * len(piece.text) for piece in pieces)
        runs: list[tuple[int, tuple[_Item, ...]]] = []
        for run in visual_runs(text, self.rtl):
            end = run.start + len(run.text)
            logical = text[run.start : end]
            items: list[_Item] = []
            for same in _SAME_STYLE.finditer(styles[run.start : end]):
                bold, sup = _STYLES[same.group(1)]
                chunk_size = size * SUPERSCRIPT_SCALE if sup else size
                rise = size * 0.38 if sup else 0.0
                for name, part in _segments(logical[same.start() : same.end()], self.chain(bold)):
                    items.extend(_laid(part, name, chunk_size, rise, run.rtl))
            if items:
                # a right-to-left run's first item is a glyph: draw() lays it out backwards
                runs.append((run.start, tuple(items)))
        return runs

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
        justify: bool,
    ) -> None:
        """The common case: no right-to-left text, so display order is reading order."""
        laid: list[tuple[str, str, float, float]] = []  # font, text, size, rise
        # wrapped lines come as one piece per word: those of one style are joined
        for (bold, sup), same in groupby(pieces, _style):
            chunk_size = size * SUPERSCRIPT_SCALE if sup else size
            for name, part in _segments("".join(map(_text, same)), self.chain(bold)):
                laid.append((name, part, chunk_size, size * 0.38 if sup else 0.0))
        spacing = ""
        if align != "start" or justify:  # a line set from the left edge needs no width
            total = sum(stringWidth(part, name, chunk_size) for name, part, chunk_size, _rise in laid)
            if justify and total < width:
                line = "".join(part for _name, part, _size, _rise in laid)
                spaces = line.count(" ") + line.count("\xa0")
                if len(line) > 1 and _CJK_LINE.search(line):  # Chinese: the space shared between all characters
                    if (width - total) / (len(line) - 1) <= MAX_CJK_SPACING * size:  # a looser line stays ragged
                        spacing = f"{(width - total) / (len(line) - 1):.3f} Tc"
                elif spaces and (width - total) / spaces <= MAX_STRETCH * size:
                    spacing = f"{(width - total) / spaces:.3f} Tw"
                if spacing:
                    align, total = "start", width
            left = self._left(x, width, total, align)
        else:
            left = self._left(x, width, 0.0, align)
        _fill(canvas, color)
        doc = rl.document(canvas)
        ops = ["BT", f"1 0 0 1 {left:.3f} {y:.3f} Tm"]
        if spacing:
            ops.append(spacing)
        current_rise = 0.0
        for name, part, chunk_size, rise in laid:
            if rise != current_rise:
                ops.append(f"{rise:.2f} Ts")
                current_rise = rise
            _show(ops, encoder(name, doc), chunk_size, part)
        if spacing:
            ops.append("0 Tw 0 Tc")
        if current_rise:
            ops.append("0 Ts")
        ops.append("ET")
        rl.append_code(canvas, " ".join(ops))


@lru_cache(maxsize=50_000)
def _laid(part: str, name: str, size: float, rise: float, rtl: bool) -> tuple[_Item, ...]:
    """A piece of one font, style and direction as items in reading order: words and spaces (right-to-left ones
    shaped as one run, then cut at the spaces)."""
    if rtl:
        shaped = shape_run(part, name, True)
        words: list[list[Glyph]] = []  # left to right
        for glyph in shaped:
            if glyph.char == " " or not words or words[-1][0].char == " ":
                words.append([glyph])
            else:
                words[-1].append(glyph)
        typed = _WORD_OR_SPACE.findall(part)  # reading order
        if len(typed) != len(words):
            typed = [""] * len(words)
        return tuple(
            _Item(
                sum(glyph.advance for glyph in word) * size,
                word[0].char == " ",
                name,
                size,
                rise,
                "".join(glyph.char for glyph in word),
                True,
                tuple(word),
                typed_word if typed_word != " " else "",
            )
            for word, typed_word in zip(reversed(words), typed, strict=True)
        )
    return tuple(
        _Item(_face_width(word, name, size), word[0] == " ", name, size, rise, word, False)
        for word in _WORD_OR_SPACES.findall(part)
    )


KASHIDA_SHARE = 0.5  # at most this part of the space a justified Arabic line has left goes to kashidas
KASHIDA_WORDS = 4  # at most one word in this many is lengthened
MAX_TATWEELS = 2  # at most this many tatweels at one place


def _tatweel_width(size: float) -> float:
    """The width of one tatweel of the Arabic face at a size."""
    return shaped_width(kashida.TATWEEL, fonts.face("arabic").name, True) * size


def _with_kashidas(runs: list[tuple[int, tuple[_Item, ...]]], slack: float) -> list[tuple[int, tuple[_Item, ...]]]:
    """A justified right-to-left line with some of its words lengthened by tatweels at their best places (by
    priority, at most one word in ``KASHIDA_WORDS``), within ``KASHIDA_SHARE`` of the space left over."""
    candidates: list[tuple[int, int, int, int]] = []  # priority, run, item, where to insert
    words = 0
    for run_number, (_start, items) in enumerate(runs):
        for number, item in enumerate(items):
            if item.word:
                words += 1
                place = kashida.best_place(item.word)
                if place is not None:
                    candidates.append((place[1], run_number, number, place[0]))
    budget = slack * KASHIDA_SHARE
    chosen = sorted(candidates)[: max(1, words // KASHIDA_WORDS)]
    counts = dict.fromkeys(range(len(chosen)), 0)
    for _round in range(MAX_TATWEELS):  # tatweels given a place at a time, best places first
        for index, (_priority, run_number, number, _at) in enumerate(chosen):
            item = runs[run_number][1][number]
            unit = shaped_width(kashida.TATWEEL, item.name, True) * item.size
            if unit <= budget:
                counts[index] += 1
                budget -= unit
    result = [(start, list(items)) for start, items in runs]
    room = slack
    for index, (_priority, run_number, number, at) in enumerate(chosen):
        if not counts[index]:
            continue
        item = result[run_number][1][number]
        lengthened = item.word[:at] + kashida.TATWEEL * counts[index] + item.word[at:]
        glyphs = shape_run(lengthened, item.name, True, range(at, at + counts[index]))
        width = sum(glyph.advance for glyph in glyphs) * item.size
        if 0 < width - item.width <= room:
            room -= width - item.width
            text = "".join(glyph.char for glyph in glyphs)
            result[run_number][1][number] = item._replace(width=width, text=text, glyphs=glyphs)
    return [(start, tuple(items)) for start, items in result]


def _fill(canvas: Canvas, color: tuple[float, float, float]) -> None:
    """Set the fill colour unless it is already set (lines mostly follow lines of the same colour)."""
    if rl.fill_color(canvas) != color:
        canvas.setFillColorRGB(*color)


def _show(ops: list[str], encoding: SubsetEncoder, size: float, text: str) -> None:
    """Operators showing text at the current point in a TrueType font (its embedded subsets)."""
    for subset, start, end in encoding.runs(text):
        ops.append(f"{encoding.subset_name(subset)} {size:.2f} Tf ({encoding.escaped(text[start:end])}) Tj")


@lru_cache(maxsize=50_000)
def _face_width(text: str, name: str, size: float) -> float:
    """The width of a word or a run (they repeat: cached); a whole line is measured with ``stringWidth``."""
    return float(stringWidth(text, name, size))
