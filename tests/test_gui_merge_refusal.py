"""A refused export, checked in the merge's worker process, is told in the window's language and reads in its
direction: in Arabic the sentence runs right to left even though it starts with the file's Latin name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox, QWidget

from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main import Shell
from tests.journey_support import Modals, back_to, button, click, close_dialog, merge_wizard_with, use_language
from tests.merge_support import add_activity, export, office_workspace
from tests.test_merge_bad_input import repack
from tests.test_trust_exports import fingerprint

pytestmark = pytest.mark.gui

DIRECTION_MARK = {"en": "\u200e", "ar": "\u200f"}  # left-to-right mark, right-to-left mark
WORDS = {"en": "field status", "ar": "الحقل status"}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_refused_export_is_told_in_the_window_language_and_direction(
    language: str, qapp, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HABITAT_CHECK_PROCESS_FROM", "0")  # the checks run in a worker process, as for big merges
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    for number in range(3):
        add_activity(ken, f"Slum upgrading, phase {number}")

    def bad_status(db: sqlite3.Connection) -> None:
        db.execute("UPDATE activity SET status = 'finished' WHERE rowid = (SELECT max(rowid) FROM activity)")

    bad = repack(export(ken, tmp_path / "ken.habx"), ken, tmp_path / "KEN-late.habx", database=bad_status)
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    before = fingerprint(roaf)
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    use_language(qapp, language)
    try:
        window = shell.show_workspace(open_workspace(roaf))
        wizard = merge_wizard_with(qtbot, qapp, window, bad)  # File ▸ Merge exports…, Add files…
        told: list[str] = []

        def read_and_close(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            told.append(box.text())
            click(qtbot, button(box, QMessageBox.StandardButton.Ok))

        modals = Modals(qtbot).expect(
            lambda box: click(qtbot, button(box, QMessageBox.StandardButton.Yes)),  # trust Kenya's key
            read_and_close,
        )
        click(qtbot, wizard.preview_button)
        modals.done(timeout=30000)
        (message,) = told
        assert message.startswith(DIRECTION_MARK[language] + "KEN-late.habx: "), repr(message)
        assert WORDS[language] in message
        close_dialog(qtbot, wizard)
        back_to(qtbot, qapp, window)
        window.close()
    finally:
        use_language(qapp, "en")
    assert fingerprint(roaf) == before
