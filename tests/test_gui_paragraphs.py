"""The operative-paragraph picker offers the paragraphs of the resolutions checked, and saves the choice."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from habitat_desktop.services.activity_editing import load_activity
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.merge_support import add_activity, office_workspace

pytestmark = pytest.mark.gui


def test_paragraphs_follow_the_resolutions_and_are_saved(qtbot, tmp_path: Path) -> None:
    path = office_workspace(tmp_path / "ken.habitat", "KEN")
    activity_id = add_activity(path, "Adequate housing guidelines")  # cites resolution 2/7
    window = MainWindow(open_workspace(path))
    window.ask_unsaved = lambda: DISCARD
    window.open_activity(activity_id)
    picker = window.editor.paragraphs
    keys = [picker.item(n).data(Qt.ItemDataRole.UserRole) for n in range(picker.count())]
    assert keys and all(key.startswith("2/7:") for key in keys)
    picker.item(0).setCheckState(Qt.CheckState.Checked)
    assert window.editor.save_button.isEnabled()
    window.save_activity()
    saved = load_activity(window.workspace, activity_id).values["operative_paragraphs"]
    assert saved == [keys[0]]

    window.editor.resolutions.set_keys(["2/7", "1/2"])  # another resolution brings its paragraphs
    window.editor.resolutions.changed.emit()
    offered = {picker.item(n).data(Qt.ItemDataRole.UserRole) for n in range(picker.count())}
    assert keys[0] in offered and any(key.startswith("1/2:") for key in offered)
    assert picker.checked_keys() == [keys[0]]
    window.close()
