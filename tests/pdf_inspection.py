"""Reading generated PDFs back as a reader would: text, word positions, fonts and glyph coverage."""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTContainer, LTItem, LTTextLine
from pypdf import PdfReader


def normalized(text: str) -> str:
    """Text with presentation forms folded (NFKC) and every run of white space made one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def squeezed(text: str) -> str:
    """Text with presentation forms folded and all white space removed (CJK lines break without spaces)."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    x_max: float
    y_min: float
    page: int


def words(path: Path, first: int = 1, last: int | None = None) -> list[Word]:
    """Words with their glyph boxes, as pdfminer places them (y from the top of the page).

    A word is a stretch of characters on one text line between white space; its characters keep the order in which
    the page draws them, so an Arabic word may come reversed.
    """
    pages = range(first - 1, last if last is not None else 1_000_000)
    found: list[Word] = []
    for number, layout in enumerate(extract_pages(path, page_numbers=pages, laparams=LAParams()), start=first):
        for line in _text_lines(layout):
            current: list[LTChar] = []
            for item in [*line, None]:
                if isinstance(item, LTChar) and item.get_text().strip():
                    current.append(item)
                    continue
                if current:
                    found.append(
                        Word(
                            unicodedata.normalize("NFKC", "".join(c.get_text() for c in current)),
                            min(c.x0 for c in current),
                            max(c.x1 for c in current),
                            layout.height - max(c.y1 for c in current),
                            number,
                        )
                    )
                    current = []
    return found


def _text_lines(container: LTContainer[LTItem]) -> list[LTTextLine]:
    lines: list[LTTextLine] = []
    for item in container:
        if isinstance(item, LTTextLine):
            lines.append(item)
        elif isinstance(item, LTContainer):
            lines.extend(_text_lines(item))
    return lines


@dataclass(frozen=True)
class Span:
    text: str
    x: float
    y: float  # baseline, from the bottom of the page
    size: float  # font size as set (a superscript's is smaller)
    page: int


def spans(source: Path | bytes) -> list[Span]:
    """Runs of text as drawn, page by page, with where they start and their font size (pypdf's visitor)."""
    reader = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source)
    found: list[Span] = []
    for number, page in enumerate(reader.pages, start=1):

        def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float, on: int = number) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append(Span(unicodedata.normalize("NFKC", text), x, y, float(size), on))

        page.extract_text(visitor_text=visit)
    return found


def _to_unicode(stream: bytes) -> dict[int, str]:
    mapping: dict[int, str] = {}
    text = stream.decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(uni, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = chr(start + offset)
    return mapping


@dataclass(frozen=True)
class FontUse:
    name: str
    embedded: bool
    missing: frozenset[str]  # characters the font is asked to draw but has no glyph for


def fonts(path: Path) -> dict[str, FontUse]:
    """Every font of every page: whether its TrueType program is embedded, and characters without a glyph."""
    found: dict[str, FontUse] = {}
    for page in PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            name = str(font.get("/BaseFont"))
            if name in found:
                continue
            descriptor = font.get("/FontDescriptor")
            program = descriptor.get_object().get("/FontFile2") if descriptor else None
            missing: set[str] = set()
            if program is not None and "/ToUnicode" in font:
                face = TTFont(io.BytesIO(program.get_object().get_data()))
                cmap: dict[int, str] = {}
                for table in face["cmap"].tables:
                    cmap.update(table.cmap)
                for code, character in _to_unicode(font["/ToUnicode"].get_object().get_data()).items():
                    if cmap.get(code, ".notdef") == ".notdef" and unicodedata.category(character)[0] not in "CZ":
                        missing.add(character)
            found[name] = FontUse(name, program is not None, frozenset(missing))
    return found
