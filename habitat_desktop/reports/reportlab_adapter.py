"""Every private ReportLab attribute the reports rely on, in one place, with a check that they are still there.

The line setter writes text operators straight into a page (``canvas._code``), skips setting a fill colour that is
already set (``canvas._fillColorObj``), encodes text in a document's font subsets (``canvas._doc``,
``TTFont.state[doc].assignments``, ``TTFont.splitString``) and draws glyphs that no character maps to (shaped
Arabic) by giving them private code points in the face's tables (``face.charToGlyph``, ``face.charWidths``), whose
ToUnicode entries it rewrites after ReportLab made them (``doc.idToObject``). ``check`` tries each of them; a test
runs it, so an upgrade of ReportLab that renamed one fails loudly instead of printing wrong text.
"""

from __future__ import annotations

import threading
from typing import Any

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FIRST_PRIVATE = 0xF0000  # plane 15, private use: never user text (fonts.printable replaces those characters)
_lock = threading.Lock()


def append_code(canvas: Canvas, operators: str) -> None:
    """Add operators to the current page as they are (text objects built by the line setter)."""
    canvas._code.append(operators)


def fill_color(canvas: Canvas) -> Any:
    """The fill colour set on the canvas (compared with an RGB tuple)."""
    return canvas._fillColorObj


def document(canvas: Canvas) -> Any:
    """The PDF document a canvas writes to (fonts keep their subsets per document)."""
    return canvas._doc


def page_size(canvas: Canvas) -> tuple[float, float]:
    width, height = canvas._pagesize
    return float(width), float(height)


def assignments(font: TTFont, doc: Any) -> dict[int, int]:
    """Character (code point) -> code in the font's subsets of a document (subset number * 256 + byte)."""
    font.splitString("", doc)  # makes the document's state
    found: dict[int, int] = font.state[doc].assignments
    return found


class ShapedTTFont(TTFont):
    """A TrueType font that can also show glyphs chosen by a shaper (HarfBuzz), each standing for some text.

    Such a glyph gets a private code point mapped to it in the face's tables, so ReportLab subsets and encodes it as
    any character; when the document is written, the ToUnicode map of each subset gives that code the text the glyph
    stands for (e.g. lam-alef: "لا"), so copying and searching find the letters that were typed.
    """

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename, asciiReadable=False)  # subsets hold only what is drawn
        self.texts: dict[int, str] = {}  # private code point -> the text its glyph stands for
        self._private: dict[tuple[int, str], str] = {}
        self._next = FIRST_PRIVATE

    def glyph_char(self, glyph: int, text: str) -> str:
        """The character to encode for a glyph standing for a text: the text itself when the font maps that one
        character to that glyph, else a private code point made for the pair."""
        if len(text) == 1 and self.face.charToGlyph.get(ord(text)) == glyph:
            return text
        key = (glyph, text)
        found = self._private.get(key)
        if found is None:
            with _lock:
                found = self._private.get(key)
                if found is None:
                    code = self._next
                    self._next += 1
                    face = self.face
                    face.charToGlyph[code] = glyph
                    face.charWidths[code] = self.advance(glyph)
                    self.texts[code] = text
                    found = self._private[key] = chr(code)
        return found

    def advance(self, glyph: int) -> float:
        """A glyph's advance width in thousandths of an em (the PDF's Widths)."""
        return float(self.face.hmetrics[glyph][0]) * 1000.0 / float(self.face.unitsPerEm)

    def addObjects(self, doc: Any) -> None:
        state = self.state.get(doc)
        subsets = [list(subset) for subset in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            if not any(code in self.texts for code in subset):
                continue
            base = b"".join((ttfonts.SUBSETN(number), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            doc.idToObject["toUnicodeCMap:" + base].content = to_unicode_cmap(base, subset, self.texts)


def glyph_text(font_name: str, char: str) -> str:
    """The text a character drawn in a font stands for (itself, or what its shaped glyph was made for)."""
    font = getFont(font_name)
    texts: dict[int, str] = getattr(font, "texts", {})
    return texts.get(ord(char), char)


def to_unicode_cmap(name: str, subset: list[int], texts: dict[int, str]) -> str:
    """A ToUnicode CMap for one subset: each code to its character, or to the text its shaped glyph stands for."""

    def target(code: int) -> str:
        text = texts.get(code, chr(code))
        return "".join(f"{unit:04X}" for unit in _utf16(text))

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    entries = [f"<{index:02X}> <{target(code)}>" for index, code in enumerate(subset)]
    for start in range(0, len(entries), 100):  # at most 100 entries per block
        block = entries[start : start + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def _utf16(text: str) -> list[int]:
    data = text.encode("utf-16-be")
    return [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]


def check(font_name: str) -> list[str]:
    """What is missing or changed in this ReportLab for the attributes above (empty when all is well)."""
    import io

    problems: list[str] = []
    canvas = Canvas(io.BytesIO())
    for attribute in ("_code", "_fillColorObj", "_doc", "_pagesize"):
        if not hasattr(canvas, attribute):
            problems.append(f"Canvas.{attribute}")
    if not isinstance(getattr(canvas, "_code", None), list):
        problems.append("Canvas._code is not a list")
    font = getFont(font_name)
    face = getattr(font, "face", None)
    for attribute in ("charToGlyph", "charWidths", "hmetrics", "unitsPerEm", "name", "subfontNameX"):
        if not hasattr(face, attribute):
            problems.append(f"TTFontFace.{attribute}")
    doc = getattr(canvas, "_doc", None)
    try:
        glyphs: dict[int, int] = getattr(face, "charToGlyph", {})
        probe = min(code for code in glyphs if 0xA0 < code < FIRST_PRIVATE)  # a character it has
        font.splitString(chr(probe), doc)
        if probe not in font.state[doc].assignments:
            problems.append("TTFont.state[doc].assignments")
        if not hasattr(font.state[doc], "subsets"):
            problems.append("TTFont.state[doc].subsets")
    except (AttributeError, KeyError, TypeError) as error:
        problems.append(f"TTFont.splitString / state: {error}")
    for attribute in ("idToObject", "delayedFonts", "Reference"):
        if not hasattr(doc, attribute):
            problems.append(f"PDFDocument.{attribute}")
    if not callable(getattr(ttfonts, "SUBSETN", None)):
        problems.append("ttfonts.SUBSETN")
    return problems


# -- frames: footnotes take the foot of the frame their paragraph is in; headings know whether they start one --------


def frame_of(flowable: Any) -> Any:
    """The frame a flowable is being laid out in (ReportLab sets ``_frame``), or None."""
    return getattr(flowable, "_frame", None)


def at_frame_top(frame: Any) -> bool:
    """Whether nothing was put in the frame yet (``Frame._atTop``)."""
    return bool(frame is not None and frame._atTop)


def raise_frame_foot(frame: Any, height: float) -> None:
    """The frame ends ``height`` higher, where it is now filled from (``_y``) and its foot (``_y1p``) both."""
    frame._y += height
    frame._y1p += height


def reserve_frame_foot(frame: Any, height: float) -> None:
    """The frame's foot (``_y1p``) stays ``height`` higher when the frame is reset for the next page."""
    frame._y1p += height


def reset_frame_foot(frame: Any) -> tuple[float, float]:
    """The frame's geometry recomputed (``_geom``); the left edge of its content and its foot, where notes start."""
    frame._geom()
    return float(frame._x1 + frame._leftPadding), float(frame._y1p)


def frame_height(frame: Any) -> float:
    """The height of the frame's content area (``_aH``)."""
    return float(frame._aH)


def kept_height(group: Any) -> float:
    """The height a KeepTogether group measured for all it holds at its last wrap (``_H``)."""
    return float(group._H)


def kept_content(group: Any) -> list[Any]:
    """The flowables a KeepTogether group holds (``_content``)."""
    return list(group._content)


def check_frames() -> list[str]:
    """What is missing or changed in this ReportLab for the frame and group attributes above (empty if all is well)."""
    import io

    from reportlab.platypus import Frame, KeepTogether, Spacer

    problems: list[str] = []
    frame = Frame(0, 0, 200, 300, leftPadding=6)
    for attribute in ("_atTop", "_y", "_y1p", "_x1", "_leftPadding", "_aH"):
        if not isinstance(getattr(frame, attribute, None), int | float | bool):
            problems.append(f"Frame.{attribute}")
    if problems:
        return problems  # laying out in such a frame would fail on the first of them
    foot = frame._y1p
    frame._y1p += 10
    try:
        frame._geom()
    except (AttributeError, TypeError) as error:
        problems.append(f"Frame._geom: {error}")
    if frame._y1p != foot:
        problems.append("Frame._geom no longer recomputes _y1p")
    canvas = Canvas(io.BytesIO())
    seen: list[Any] = []

    class Probe(Spacer):
        def wrap(self, aW: float, aH: float) -> tuple[float, float]:  # noqa: N803
            seen.append(frame_of(self))  # a flowable knows its frame while it is laid out
            return super().wrap(aW, aH)

    frame.add(Probe(10, 40), canvas)
    if seen[:1] != [frame]:
        problems.append("Flowable._frame")
    group = KeepTogether([Spacer(10, 20), Spacer(10, 30)])
    group.wrapOn(canvas, 200, 300)
    if not isinstance(getattr(group, "_H", None), int | float):
        problems.append("KeepTogether._H")
    if not isinstance(getattr(group, "_content", None), list):
        problems.append("KeepTogether._content")
    return problems
