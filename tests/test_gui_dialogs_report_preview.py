"""File ▸ Generate report ▸ Preview shows the report's pages inside the app, in Arabic and Chinese alike."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage

from habitat_desktop.l10n import language_name
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui import report_dialog
from habitat_desktop.ui.main import apply_language
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from habitat_desktop.ui.report_preview import PAGE_WIDTH
from tests.gui_driving import type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def window(demo_path: Path, qapp, request) -> Iterator[MainWindow]:
    apply_language(qapp, getattr(request, "param", "en"))
    win = MainWindow(open_workspace(demo_path))
    win.ask_unsaved = lambda: DISCARD
    win.show()
    yield win
    dialog = getattr(win, "report_dialog", None)
    if dialog is not None:
        dialog.reject()
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    apply_language(qapp, "en")


def _ink(image: QImage) -> int:
    """How many sampled pixels are darker than paper (every 7th pixel of every 7th row)."""
    return sum(
        1
        for y in range(0, image.height(), 7)
        for x in range(0, image.width(), 7)
        if image.pixelColor(x, y).lightness() < 128
    )


def _preview_by_hand(window: MainWindow, qtbot, language: str):  # type: ignore[no-untyped-def]
    window.menu_actions.report.trigger()  # File ▸ Generate report…
    dialog = window.report_dialog
    qtbot.waitExposed(dialog)
    dialog.language.setFocus()
    type_text(dialog.language, language_name(language))  # typing a name picks it, as in any list
    assert dialog.language.currentData() == language
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview_window is not None and dialog.preview_window.isVisible(), timeout=60000)
    return dialog


@pytest.mark.parametrize(
    ("window", "language"), [("en", "zh"), ("ar", "ar"), ("en", "ar"), ("ar", "zh")], indirect=["window"]
)
def test_the_preview_shows_every_page_of_the_report(window: MainWindow, qtbot, language: str) -> None:
    dialog = _preview_by_hand(window, qtbot, language)
    preview = dialog.preview_window
    count = len(PdfReader(dialog.previewed).pages)
    assert count >= 2 and len(preview.page_labels) == count
    for label in preview.page_labels:
        image = label.pixmap().toImage()
        assert image.width() == PAGE_WIDTH and 1.25 < image.height() / image.width() < 1.5  # A4 upright
        # white paper with text on it (the last page may hold only a short conclusion)
        assert image.pixelColor(2, 2).lightness() > 240 and _ink(image) > 60
    assert _ink(preview.page_labels[0].pixmap().toImage()) > 200
    assert preview.page_labels[0].isVisibleTo(preview)
    assert str(count) in preview.summary.text() or f"{count}" in preview.summary.text().translate(
        str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
    )
    assert "ready" not in dialog.message.text()


def test_the_system_viewer_is_offered_only_where_there_is_one(window: MainWindow, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(report_dialog, "system_viewer_available", lambda: False)
    dialog = _preview_by_hand(window, qtbot, "zh")
    assert dialog.preview_window.viewer_button is None
    dialog.reject()

    opened: list[str] = []
    monkeypatch.setattr(report_dialog, "system_viewer_available", lambda: True)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(QUrl(url).toLocalFile()) or True)
    dialog = _preview_by_hand(window, qtbot, "zh")
    button = dialog.preview_window.viewer_button
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert opened == [str(dialog.previewed)]
