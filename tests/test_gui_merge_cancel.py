"""Cancelling a merge from its progress dialog says so in the wizard, changes nothing, and lets the person merge
the previewed files again (it used to leave the preview's words and a greyed Merge button, and say nothing)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from habitat_desktop.services import merges
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main import Shell
from tests.gui_driving import click_button
from tests.journey_support import Modals, back_to, button, click, close_dialog, merge_wizard_with, use_language
from tests.merge_support import add_activity, export, office_workspace
from tests.test_trust_exports import fingerprint

pytestmark = pytest.mark.gui

CANCEL = {"en": "Cancel", "ar": "إلغاء"}


def _held_until_cancelled(merge_files: Any) -> Any:
    """The real merge, held at its first progress report until the person cancels (so a click can reach it)."""

    def held(*args: Any, progress: Any, cancelled: Any, **options: Any) -> Any:
        def report(done: int, total: int) -> None:
            progress(done, total)
            deadline = time.monotonic() + 20
            while not cancelled() and time.monotonic() < deadline:
                time.sleep(0.01)

        return merge_files(*args, progress=report, cancelled=cancelled, **options)

    return held


def _progress_dialog() -> QProgressDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]
    return found[0] if found else None


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_cancelled_merge_says_so_and_can_be_merged_again(
    language: str, qapp, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    for number in range(3):
        add_activity(ken, f"Slum upgrading, phase {number}")
    file = export(ken, tmp_path / "ken.habx")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    before = fingerprint(roaf)
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    use_language(qapp, language)
    try:
        said = str(merges.MergeCancelledError())  # "The merge was cancelled; nothing was changed.", translated
        assert said.startswith("The merge was cancelled") if language == "en" else said.startswith("أُلغي الدمج")
        window = shell.show_workspace(open_workspace(roaf))
        wizard = merge_wizard_with(qtbot, qapp, window, file)  # File ▸ Merge exports…, Add files…
        modals = Modals(qtbot).expect(lambda box: click(qtbot, button(box, QMessageBox.StandardButton.Yes)))
        click(qtbot, wizard.preview_button)
        modals.done()
        qtbot.waitUntil(wizard.apply_button.isEnabled, timeout=20000)

        monkeypatch.setattr(merges, "merge_files", _held_until_cancelled(merges.merge_files))
        click(qtbot, wizard.apply_button)
        qtbot.waitUntil(lambda: _progress_dialog() is not None, timeout=10000)
        dialog = _progress_dialog()
        assert dialog is not None
        click_button(dialog, CANCEL[language])  # the progress dialog's own Cancel button
        qtbot.waitUntil(lambda: wizard.status.text() == said, timeout=20000)
        assert wizard.apply_button.isEnabled()
        assert wizard.outcome is None
        assert fingerprint(roaf) == before

        monkeypatch.undo()
        click(qtbot, wizard.apply_button)  # merged again, as previewed
        qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=20000)
        assert wizard.outcome is not None and wizard.outcome.totals.added == 4  # three activities, one office
        close_dialog(qtbot, wizard)
        back_to(qtbot, qapp, window)
        window.close()
    finally:
        use_language(qapp, "en")
