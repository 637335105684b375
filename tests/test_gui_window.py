"""The window opens on a workspace, lists its activities lazily and searches them (real widgets, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main import apply_language
from habitat_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_main_window_lists_and_searches_the_demo(qtbot, qapp, demo_path: Path) -> None:
    window = MainWindow(open_workspace(demo_path))
    qtbot.addWidget(window)
    window.show()
    total = window.model.total()
    assert total >= 30 and window.model.rowCount() == total
    window.search.setText("Bilbao")
    assert window.model.rowCount() == 1
    title = window.model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    assert "Bilbao" in title or "Local2030" in title or "Local 2030" in title
    window.search.setText("")
    assert window.model.rowCount() == total
    window.close()


def test_arabic_lays_the_window_out_right_to_left(qtbot, qapp, demo_path: Path, tmp_path: Path) -> None:
    apply_language(qapp, "ar")
    try:
        window = MainWindow(open_workspace(demo_path))
        qtbot.addWidget(window)
        window.show()
        assert window.isRightToLeft()
        assert window.model.headerData(0, Qt.Orientation.Horizontal) != "Title"
        window.grab().save(str(tmp_path / "main-ar.png"))
        assert (tmp_path / "main-ar.png").stat().st_size > 1000
        window.close()
    finally:
        apply_language(qapp, "en")
