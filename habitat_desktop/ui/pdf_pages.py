"""The pages of a PDF as images (PDFium through pypdfium2), to show a report inside the app; safe off the GUI thread."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _


def render_pages(path: Path, width: int) -> list[QImage]:
    """Each page of a PDF drawn ``width`` pixels wide (white paper, black ink), first page first."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        raise HabitatError(_("The file {path} is not a PDF that can be shown").format(path=path.name)) from error
    images: list[QImage] = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                scale = width / page.get_width()
                bitmap = page.render(scale=scale, prefer_bgrx=True)
                try:
                    # BGRx bytes are QImage's 32-bit RGB on little-endian machines; copy() owns the pixels
                    image = QImage(
                        bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32
                    ).copy()
                finally:
                    bitmap.close()
            finally:
                page.close()
            images.append(image)
    finally:
        document.close()
    return images


def system_viewer_available() -> bool:
    """Whether the computer has a program to open a PDF with (Windows and macOS always do; Linux needs xdg-open)."""
    if sys.platform in ("win32", "darwin"):
        return True
    return shutil.which("xdg-open") is not None
