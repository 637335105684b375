"""Derives the PNG, ICO and ICNS icons in habitat_desktop/data/icons/ from habitat-desktop.svg (after editing it).

Usage: ``QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/icons/build_icons.py``
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[2] / "habitat_desktop" / "data" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(svg: Path, size: int, target: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    image.save(str(target))


def main() -> None:
    _app = QGuiApplication([])
    svg = ICONS / "habitat-desktop.svg"
    pngs = {}
    for size in SIZES:
        target = ICONS / f"habitat-desktop-{size}.png"
        render(svg, size, target)
        pngs[size] = target
    largest = Image.open(pngs[256])
    largest.save(ICONS / "habitat-desktop.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    Image.open(pngs[512]).save(ICONS / "habitat-desktop.icns")
    print("wrote", ", ".join(sorted(p.name for p in ICONS.iterdir())))


if __name__ == "__main__":
    main()
