"""The bundled fonts: each face says what it is, and Qt renders every script from them alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "habitat_desktop" / "data" / "fonts"


@pytest.mark.parametrize("path", sorted(FONTS.glob("*.ttf")), ids=lambda p: p.name)
def test_each_face_declares_its_weight_and_a_unique_postscript_name(path: Path) -> None:
    font = TTFont(path)
    bold, italic = path.stem.endswith("-Bold"), path.stem.endswith("-Italic")
    assert font["name"].getDebugName(2) == ("Bold" if bold else "Italic" if italic else "Regular")
    assert font["name"].getDebugName(6) == path.stem
    assert bool(font["OS/2"].fsSelection & 0x20) == bold and font["OS/2"].usWeightClass == (700 if bold else 400)
    assert bool(font["OS/2"].fsSelection & 0x01) == italic
    assert "glyf" in font  # TrueType outlines: ReportLab embeds them


def test_the_window_finds_a_bundled_family_for_each_script(qapp) -> None:
    pytest.importorskip("PySide6")
    from PySide6.QtGui import QFontDatabase

    from habitat_desktop.ui.fonts import register_fonts

    families = set(register_fonts())
    assert {"Noto Sans", "Noto Sans Arabic", "Noto Sans SC"} <= families
    for family, sample in (("Noto Sans", "Программа"), ("Noto Sans Arabic", "موئل"), ("Noto Sans SC", "人居署")):
        assert QFontDatabase.writingSystems(family), family
        from PySide6.QtGui import QFont, QFontMetrics

        metrics = QFontMetrics(QFont(family))
        assert all(metrics.inFontUcs4(ord(character)) for character in sample), (family, sample)
    assert QFontDatabase.styles("Noto Sans") and "Bold" in QFontDatabase.styles("Noto Sans")
