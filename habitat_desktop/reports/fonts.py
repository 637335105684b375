"""The bundled Noto fonts registered with ReportLab, the font for each language and per-character fallback."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.resources import resource_path

# family key -> file stem; every family ships a Regular and a Bold static TrueType (glyf) font
FAMILIES: dict[str, str] = {"latin": "NotoSans", "arabic": "NotoSansArabic", "cjk": "NotoSansSC"}
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


def _register(family: str, bold: bool) -> FontFace:
    stem = FAMILIES[family]
    path = font_dir() / f"{stem}-{'Bold' if bold else 'Regular'}.ttf"
    if not path.is_file():
        raise HabitatError(_("The font {path} is missing; reinstall Habitat Desktop").format(path=path))
    name = f"Habitat-{stem}-{'Bold' if bold else 'Regular'}"
    with _lock:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
    font = pdfmetrics.getFont(name)
    return FontFace(name, path, frozenset(map(chr, font.face.charToGlyph)))


@cache
def face(family: str, bold: bool = False) -> FontFace:
    """A family's regular or bold face, registered once."""
    return _register(family, bold)


def primary_family(language: str) -> str:
    """The family that sets a language's text (Noto Sans Arabic, Noto Sans SC, or Noto Sans)."""
    return _PRIMARY.get(language, "latin")


@dataclass(frozen=True)
class FontChain:
    """Families tried in turn for each character, the language's own first; a family loads when first needed."""

    families: tuple[str, ...]
    bold: bool = False

    @property
    def primary(self) -> FontFace:
        return face(self.families[0], self.bold)

    @cached_property
    def _primary_coverage(self) -> frozenset[str]:
        return self.primary.coverage

    def covers(self, text: str) -> bool:
        """Whether the primary face has a glyph for every character of a text (the common case)."""
        return self._primary_coverage.issuperset(text)

    def face_for(self, character: str) -> FontFace:
        """The first face with a glyph for a character (the primary face if none has one)."""
        for family in self.families:
            candidate = face(family, self.bold)
            if character in candidate.coverage:
                return candidate
        return self.primary


def fallback_chain(language: str, bold: bool = False) -> FontChain:
    """The language's family first, then the other bundled ones."""
    first = primary_family(language)
    return FontChain((first, *(f for f in ("latin", "arabic", "cjk") if f != first)), bold)
