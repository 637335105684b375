"""Registers the bundled fonts with Qt so Arabic, Chinese and Cyrillic never depend on the machine's fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from habitat_desktop.resources import resource_path

FAMILIES = ["Noto Sans", "Noto Sans Arabic", "Noto Sans SC"]


def register_fonts() -> list[str]:
    """Load every shipped font; return the families Qt now knows from them."""
    families: list[str] = []
    for path in sorted(resource_path("fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return sorted(set(families))


def application_font(language: str, size: float = 10.0) -> QFont:
    """The font for a language, falling back through the bundled families."""
    first = {"ar": "Noto Sans Arabic", "zh": "Noto Sans SC"}.get(language, "Noto Sans")
    font = QFont()
    font.setFamilies([first, *[f for f in FAMILIES if f != first]])
    font.setPointSizeF(size)
    return font
