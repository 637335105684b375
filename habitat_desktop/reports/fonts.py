"""The bundled Noto fonts registered with ReportLab, the font for each language, per-character fallback and the
replacement of characters that no bundled font has.

Body faces follow UN documents: a serif for Latin and Cyrillic (Noto Serif, and Noto Serif Italic for the titles of
publications), a Song/Ming face for Chinese (Noto Serif
SC; bold Chinese is set in a Hei face, Noto Sans SC Bold, as Chinese UN documents set their headings) and a Naskh
face for Arabic (Noto Naskh Arabic).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.reports.reportlab_adapter import FIRST_PRIVATE, ShapedTTFont
from habitat_desktop.resources import resource_path

# family key -> (regular, bold, italic) file stems of static TrueType (glyf) fonts; Arabic and Chinese have no
# italics (a title in Arabic or Chinese script prints upright; Chinese marks it with 《》)
FAMILIES: dict[str, tuple[str, str, str]] = {
    "latin": ("NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic"),
    "arabic": ("NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold", "NotoNaskhArabic-Regular"),
    "cjk": ("NotoSerifSC-Regular", "NotoSansSC-Bold", "NotoSerifSC-Regular"),
}
ITALIC = 2  # the style index of the italic face, given where a piece's ``bold`` is (False 0, True 1, ITALIC 2)
_IGNORED = frozenset("\u2066\u2067\u2068\u2069\u200b\u200c\u200d")  # isolates and joiners: never drawn alone
REPLACEMENT = "\ufffd"  # printed for a character no bundled font has (Noto Serif draws it)
_PRIMARY = {"ar": "arabic", "zh": "cjk"}
_lock = threading.Lock()


@dataclass(frozen=True)
class FontFace:
    """A registered font: its ReportLab name and the characters it has glyphs for."""

    name: str
    path: Path
    coverage: frozenset[str]  # the characters it has glyphs for


def font_dir() -> Path:
    return resource_path("fonts")


def _register(family: str, bold: int) -> FontFace:
    stem = FAMILIES[family][bold]
    path = font_dir() / f"{stem}.ttf"
    if not path.is_file():
        raise HabitatError(_("The font {path} is missing; reinstall Habitat Desktop").format(path=path))
    name = f"Habitat-{stem}"
    with _lock:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(ShapedTTFont(name, str(path)))
    font = pdfmetrics.getFont(name)
    # the private code points made for shaped glyphs are no characters of the face
    return FontFace(name, path, frozenset(chr(code) for code in font.face.charToGlyph if code < FIRST_PRIVATE))


@cache
def face(family: str, bold: int = False) -> FontFace:
    """A family's regular, bold or (``bold=ITALIC``) italic face, registered once."""
    return _register(family, bold)


def primary_family(language: str) -> str:
    """The family that sets a language's text (Noto Naskh Arabic, Noto Serif SC, or Noto Serif)."""
    return _PRIMARY.get(language, "latin")


@dataclass(frozen=True)
class FontChain:
    """Families tried in turn for each character, the language's own first; a family loads when first needed."""

    families: tuple[str, ...]
    bold: int = False  # or ITALIC

    @property
    def primary(self) -> FontFace:
        return face(self.families[0], self.bold)

    @cached_property
    def _primary_coverage(self) -> frozenset[str]:
        return self.primary.coverage

    def covers(self, text: str) -> bool:
        """Whether the primary face has a glyph for every character of a text (the common case)."""
        return self._primary_coverage.issuperset(text)

    def printable(self, text: str) -> tuple[str, frozenset[str]]:
        """A text with each character that no bundled face has replaced by U+FFFD, and those characters."""
        if self._primary_coverage.issuperset(text):
            return text, frozenset()
        unknown = set(text).difference(self._coverage, _IGNORED)
        missing = frozenset(c for c in unknown if not c.isspace())
        if not missing:
            return text, missing
        return text.translate({ord(c): REPLACEMENT for c in missing}), missing

    @cached_property
    def _coverage(self) -> frozenset[str]:
        """The characters some face of the chain has (faces load here, at the first text the primary lacks)."""
        return frozenset().union(*(face(family, self.bold).coverage for family in self.families))

    def face_for(self, character: str) -> FontFace:
        """The first face with a glyph for a character (the primary face if none has one)."""
        for family in self.families:
            candidate = face(family, self.bold)
            if character in candidate.coverage:
                return candidate
        return self.primary


def fallback_chain(language: str, bold: int = False) -> FontChain:
    """The language's family first, then the other bundled ones."""
    first = primary_family(language)
    return FontChain((first, *(f for f in ("latin", "arabic", "cjk") if f != first)), bold)
