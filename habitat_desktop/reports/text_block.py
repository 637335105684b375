"""A paragraph flowable for user and catalog text: literal (no markup), wrapped in logical order, any script.

Breaks at spaces (never at a no-break space, nor at French spaces inside « » or before : ;), between CJK characters
(not before closing punctuation, not after opening punctuation, never inside a short bracketed CJK note such as
"（草案）", nor before a note marker) and, for a word longer than the line, between any two characters. Each line is
reordered and Arabic shaped when drawn (``LineSetter``). Body text is justified but for a paragraph's last line; a page
never ends after a paragraph's first line alone nor starts with its last line alone (no orphans, no widows).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import accumulate, groupby, repeat
from operator import add, itemgetter, mul

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from habitat_desktop.reports.line_setter import SUPERSCRIPT_SCALE, LineSetter, Piece

_CJK = "\u2e80-\u2fff\u3000-\u30ff\u3100-\u312f\u3200-\u9fff\uf900-\ufaff\uff00-\uffef"
_CLOSING = "、。，．：；？！）」』》〉】〕”’%％"
_OPENING = "（「『《〈【〔“‘"
_GLUE = "\u00a0\u202f"  # no-break spaces ("24\u00a0millions"): part of the word they join
# French sets a space after « and before » : ; ! ? that no line may break at ("résolutions 1/4 (« Réaliser")
_FRENCH_SPACE = r"(?<=«) | (?=[»:;!?])"
_TOKEN = re.compile(
    rf"[{_OPENING}]*（[^（）\s\x00]{{1,6}}）[{_CLOSING}]*"  # a short bracketed note, e.g. （草案）, never split
    rf"|(?:(?![{_CJK}])[^\W\d_]){{4,}}-(?=[^\W\d_]{{4}})"  # a compound's first part: a line may end at its hyphen
    rf"|[{_OPENING}]*[{_CJK}][{_CLOSING}]*"
    rf"|(?:[^\s{_CJK}\x00]|[{_GLUE}]|{_FRENCH_SPACE})+[^\S{_GLUE}]*|[^\S{_GLUE}]+"
)  # NUL (never in cleaned text) ends a token: the pieces of one style are tokenized at once, joined by NULs
_SEPARATOR = "\x00"
_TOKEN_WITH_NUL = re.compile(_TOKEN.pattern.replace("\\x00", ""))
# text without CJK, no-break spaces, French spaces or hyphens breaks at its spaces alone: the same tokens, faster
_NOT_PLAIN = re.compile(rf"[{_CJK}{_GLUE}«-]")
_FRENCH_SPACED = re.compile(" [»:;!?]")
_PLAIN_TOKEN = re.compile(r"[^\s\x00]+\s*|\s+")
_IS_CJK = re.compile(f"[{_CJK}]")
_COMPOUND_START = re.compile(r"[^\W\d_]{4,}-")
_NO_BREAK_BEFORE = _CLOSING + ".,;:!?)]}»…\u2069"  # nor before the end of an isolated value (PDI)
_NO_BREAK_AFTER = _OPENING + "\u2066\u2067\u2068"  # nor after opening punctuation, nor an isolate's start
# control characters, marks and explicit embeddings removed (isolates, FSI … PDI, stay: they keep embedded values
# from reordering their neighbours); tabs and line breaks become spaces
_CLEANED = {
    **dict.fromkeys([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, 0x200E, 0x200F, *range(0x202A, 0x202F)]),
    ord("\t"): " ",
    ord("\r"): " ",
    ord("\n"): " ",
}


@dataclass(frozen=True)
class TextStyle:
    """How a block of text is set."""

    size: float = 10.0
    leading: float = 14.0
    bold: bool = False
    align: str = "start"  # start | end | center; start is the right edge in Arabic
    justify: bool = False  # every line but the last filled to the measure
    space_before: float = 0.0
    space_after: float = 6.0
    indent: float = 0.0  # on the start side, every line
    label_width: float = 0.0  # hanging label (paragraph number, bullet) on the start side
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)

    def but(self, **changes: object) -> TextStyle:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass
class _Line:
    pieces: list[Piece] = field(default_factory=list)


_NEEDS_CLEANING = re.compile("[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e]")


def clean(text: str) -> str:
    """Text as it will be set: control characters and bidi embeddings removed, tabs and breaks as spaces."""
    return text.translate(_CLEANED) if _NEEDS_CLEANING.search(text) else text


def _joined(before: Piece, after: Piece) -> bool:
    """Whether no line may break between two tokens of different pieces: a note marker or closing punctuation and
    what it follows, or two parts of one word set in different styles."""
    if not before.text or before.text[-1].isspace():
        return False
    if before.text[-1] == "-" and not after.sup and _COMPOUND_START.fullmatch(before.text):
        return False  # "информационно-" / "пропагандистской"
    if after.sup or after.text[0] in _NO_BREAK_BEFORE or before.text[-1] in _NO_BREAK_AFTER:
        return True
    return not _IS_CJK.match(before.text[-1]) and not _IS_CJK.match(after.text[0])


def _joined_tail(setter: LineSetter, line: list[Piece], token: Piece, room: float, size: float) -> int:
    """How many tokens at the end of a full line go to the next line with ``token`` (0 when none may, or when
    they would not fit there together)."""
    count = 0
    following = token
    while count < len(line) - 1 and _joined(line[-1 - count], following):
        count += 1
        following = line[-count]
    if not count:
        return 0
    width = sum(setter.width(t.text, size, t.bold, t.sup) for t in line[-count:])
    return count if width + setter.width(token.text.rstrip(), size, token.bold, token.sup) <= room else 0


_piece = partial(tuple.__new__, Piece)  # a Piece made without the named tuple's Python-level __new__ (per word)
_Measured = tuple[list[Piece], list[float], list[float]]
_style = itemgetter(1, 2)  # a piece's bold and superscript
_text = itemgetter(0)


def _tokens(setter: LineSetter, texts: list[str], bold: int, sup: bool, scale: float) -> _Measured:
    """The tokens of consecutive pieces of one style (a word and the spaces after it, a CJK character, or spaces;
    never across pieces) as pieces, and each token's width without its trailing spaces and with them."""
    text = _SEPARATOR.join(texts)
    if text.count(_SEPARATOR) == len(texts) - 1:
        plain = _NOT_PLAIN.search(text) is None and _FRENCH_SPACED.search(text) is None
        tokens = (_PLAIN_TOKEN if plain else _TOKEN).findall(text)
    else:  # a NUL in the text itself (text not cleaned): piece by piece, the NUL part of its word
        tokens = [token for one in texts for token in _TOKEN_WITH_NUL.findall(one)]
    bodies = list(map(str.rstrip, tokens))
    tails = list(map(str.__getitem__, tokens, map(slice, map(len, bodies), repeat(None))))  # "" or spaces
    ems = setter.em_widths(bold)
    body_ems = list(map(ems.get, bodies))
    tail_ems = list(map(ems.get, tails))
    if None in body_ems or None in tail_ems:  # texts not measured yet
        body_ems = [
            setter.em_width(body, bold) if em is None else em for body, em in zip(bodies, body_ems, strict=True)
        ]
        tail_ems = [setter.em_width(tail, bold) if em is None else em for tail, em in zip(tails, tail_ems, strict=True)]
    body_widths = list(map(mul, body_ems, repeat(scale)))
    widths = list(map(add, body_widths, map(mul, tail_ems, repeat(scale))))  # the spaces after a word count too
    return list(map(_piece, zip(tokens, repeat(bold), repeat(sup)))), body_widths, widths


def wrap_pieces(setter: LineSetter, pieces: list[Piece], width: float, size: float) -> list[list[Piece]]:
    """Lines (in logical order) that fit a width.

    The paragraph's tokens are measured first (each piece's once per setter), then placed as many as fit at a time
    (a bisection over their running widths); a line's break alone is decided token by token."""
    tokens: list[Piece] = []
    body_widths: list[float] = []
    widths: list[float] = []
    isolates = False
    for (bold, sup), same in groupby(pieces, _style):
        texts = [piece.text for piece in same]
        run_tokens, run_bodies, run_widths = _tokens(
            setter, texts, bold, sup, size * SUPERSCRIPT_SCALE if sup else size
        )
        tokens += run_tokens
        body_widths += run_bodies
        widths += run_widths
        isolates = isolates or any(map(_HAS_ISOLATE.search, texts))
    before = list(accumulate(widths, initial=0.0))  # the width of the paragraph's tokens before each one
    reaches = list(map(add, before, body_widths))  # where each token's word ends
    lines: list[list[Piece]] = []
    line: list[Piece] = []
    used = 0.0
    index = 0
    count = len(tokens)
    while index < count:
        if line:  # the tokens that still fit on the line, at once
            fitting = bisect_right(reaches, width - used + before[index], index, count)
            if fitting > index:
                line += tokens[index:fitting]
                used += before[fitting] - before[index]
                index = fitting
                continue
        token = tokens[index]
        text, bold, sup = token
        body_width = body_widths[index]
        advance = widths[index]
        index += 1
        body = text.rstrip()
        if line and used + body_width > width and body:
            carried = _joined_tail(setter, line, token, width, size)
            lines.append(line[: len(line) - carried])
            line = line[len(line) - carried :]
            used = sum(setter.width(t.text, size, t.bold, t.sup) for t in line)
        if not line and not body:
            continue  # no leading space on a line
        if body_width > width:  # a word longer than the line: break it anywhere
            part = ""
            for character in text:
                trial = part + character
                if part and used + setter.width(trial, size, bold, sup) > width:
                    line.append(Piece(part, bold, sup))
                    lines.append(line)
                    line, used, part = [], 0.0, character
                else:
                    part = trial
            token = Piece(part, bold, sup)
            used += setter.width(part, size, bold, sup)
        else:
            used += advance
        line.append(token)
    if line:
        lines.append(line)
    for finished in lines:  # trailing spaces never count
        last = finished[-1]
        finished[-1] = Piece(last.text.rstrip(), last.bold, last.sup)
    if isolates:
        return _isolates_carried_over(lines)
    return lines


_OPENS_ISOLATE = frozenset("\u2066\u2067\u2068")
_HAS_ISOLATE = re.compile("[\u2066-\u2069]")
_CLOSES_ISOLATE = "\u2069"


def _isolates_carried_over(lines: list[list[Piece]]) -> list[list[Piece]]:
    """Lines whose start lies inside an isolate (an embedded title broken over lines) open it again, so each line
    is ordered as its part of the paragraph is (the bidi algorithm runs per line when drawn)."""
    open_isolates: list[str] = []
    for line in lines:
        controls = _HAS_ISOLATE.findall("".join(map(_text, line)))
        if open_isolates:
            line.insert(0, Piece("".join(open_isolates), line[0].bold))
        for character in controls:
            if character in _OPENS_ISOLATE:
                open_isolates.append(character)
            elif open_isolates:
                open_isolates.pop()
    return lines


_FEW_PIECES = 8  # a paragraph of more pieces is checked at once


def _printable_pieces(setter: LineSetter, pieces: list[Piece], bold: bool) -> list[Piece]:
    """Pieces as they will be set (``clean``, then ``setter.printable``), in the paragraph's bold when it is bold.

    A long paragraph (a list of activity titles) is checked at once: when none of its text needs cleaning and each
    style's face (or a fallback) prints all of that style's text, the pieces stay as they are."""
    if len(pieces) > _FEW_PIECES and not _NEEDS_CLEANING.search("".join(piece.text for piece in pieces)):
        texts: dict[int, list[str]] = {}
        for piece in pieces:
            texts.setdefault(piece.bold or bold, []).append(piece.text)
        if not any(setter.chain(style).printable("".join(parts))[1] for style, parts in texts.items()):
            return list(pieces) if not bold else [_piece((p.text, p.bold or bold, p.sup)) for p in pieces]
    return [_piece((setter.printable(clean(p.text), p.bold or bold), p.bold or bold, p.sup)) for p in pieces]


MIN_LINES = 2  # a paragraph split over two pages keeps at least this many lines on each


def lines_before_break(fit: int, total: int) -> int:
    """How many of a paragraph's lines go before a page break when ``fit`` fit: never one line alone on either
    side (0: the paragraph goes whole to the next page)."""
    if fit >= total:
        return total
    fit = min(fit, total - MIN_LINES)
    return fit if fit >= MIN_LINES else 0


class TextBlock(Flowable):
    """A paragraph of literal text in a report's language (user text never changes the layout)."""

    splits_between_lines = True  # a page may end after any of its lines

    def __init__(
        self,
        setter: LineSetter,
        content: str | list[Piece],
        style: TextStyle,
        label: str = "",
        *,
        _lines: list[list[Piece]] | None = None,
        _first: bool = True,
    ) -> None:
        super().__init__()
        self.setter = setter
        pieces = [Piece(content)] if isinstance(content, str) else content
        self.pieces = _printable_pieces(setter, pieces, style.bold)
        self.style = style
        self.label = setter.printable(clean(label), style.bold)
        self._lines = _lines
        self._first = _first
        self._continues = False  # the paragraph goes on in another part: its last line here is justified
        self._wrapped_width = -1.0
        self.width = 0.0
        self.height = 0.0

    def _text_width(self, avail_width: float) -> float:
        return max(avail_width - self.style.indent - self.style.label_width, 20.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._lines is None or (self._first and availWidth != self._wrapped_width and self._wrapped_width >= 0):
            self._lines = wrap_pieces(self.setter, self.pieces, self._text_width(availWidth), self.style.size)
        self._wrapped_width = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    @property
    def lines(self) -> list[list[Piece]]:
        """The lines as last wrapped (empty before the first wrap)."""
        return list(self._lines or [])

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        self.wrap(availWidth, availHeight)
        assert self._lines is not None
        fit = lines_before_break(int(availHeight // self.style.leading), len(self._lines))
        if fit <= 0 or fit >= len(self._lines):
            return [] if fit <= 0 else [self]
        return list(self.split_at(fit))

    def split_at(self, count: int) -> tuple[TextBlock, TextBlock]:
        """The first ``count`` lines (as last wrapped) and the rest, as two blocks."""
        assert self._lines is not None and 0 < count < len(self._lines)
        first = TextBlock(
            self.setter, [], self.style.but(space_after=0), self.label, _lines=self._lines[:count], _first=self._first
        )
        rest = TextBlock(self.setter, [], self.style.but(space_before=0), "", _lines=self._lines[count:], _first=False)
        first.pieces, rest.pieces = self.pieces, self.pieces
        first._continues, rest._continues = True, self._continues
        return first, rest

    def getSpaceBefore(self) -> float:
        return self.style.space_before

    def getSpaceAfter(self) -> float:
        return self.style.space_after

    def draw(self) -> None:
        canvas: Canvas = self.canv
        style = self.style
        rtl = self.setter.rtl
        text_width = self._text_width(self.width)
        start_offset = style.indent + style.label_width
        x = self.width - start_offset - text_width if rtl else start_offset
        y = self.height - style.size * 1.05 - (style.leading - style.size * 1.2) / 2
        if self.label and self._first:
            label_x = self.width - style.indent - style.label_width if rtl else style.indent
            label = [Piece(self.label, style.bold)]
            self.setter.draw(
                canvas, label, label_x, y, style.label_width, style.size, "start", style.color, checked=True
            )
        lines = self._lines or []
        for number, line in enumerate(lines, start=1):
            justify = style.justify and (number < len(lines) or self._continues)
            self.setter.draw(canvas, line, x, y, text_width, style.size, style.align, style.color, justify, True)
            y -= style.leading
