"""An unexpected error while saving, in the window: logged, shown in the error dialog with where the log is, and what
the person typed stays in the form, to save again once the cause is gone (a journey: keys and the dialog's buttons)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton

from habitat_desktop import logging_setup
from habitat_desktop.services import activity_steps
from habitat_desktop.services.activity_editing import load_activity
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui import error_dialog
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.journey_support import CTRL, Modals, type_into

pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture]


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(logging_setup.LOG_DIR_VARIABLE, str(tmp_path / "logs"))
    path = logging_setup.configure()
    assert path is not None
    yield path


@pytest.fixture
def window(qapp: QApplication, qtbot, demo_path: Path, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    reporter = error_dialog.install()  # as habitat-desktop does at start
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(open_workspace(demo_path), settings)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is win)
    yield win
    reporter.uninstall()
    win.ask_unsaved = lambda: DISCARD
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_an_unexpected_error_on_save_is_shown_logged_and_the_typing_kept(  # type: ignore[no-untyped-def]
    window: MainWindow, qtbot, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = window.editor
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)  # a record, as a person picks one
    activity_id = editor.activity_id()
    assert activity_id is not None
    type_into(qtbot, editor.title, "Typed before the failure")
    type_into(qtbot, editor.description, "A description the person must not lose.")

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the disk controller hiccuped")

    monkeypatch.setattr(activity_steps, "save", broken)
    seen: dict[str, str] = {}

    def read_and_close(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, QDialog)
        seen["text"] = " ".join(label.text() for label in dialog.findChildren(QLabel))
        close = next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == "Close")
        close.click()

    modals = Modals(qtbot).expect(read_and_close)
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    modals.done()
    assert "the disk controller hiccuped" in seen["text"] and str(log_file) in seen["text"]
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text("utf-8")
    assert "RuntimeError: the disk controller hiccuped" in logged and "Traceback" in logged
    # the input is still there, marked unsaved, and nothing half-saved
    assert editor.activity_id() == activity_id and editor.is_dirty()
    assert editor.title.text() == "Typed before the failure"
    assert editor.description.toPlainText() == "A description the person must not lose."
    assert load_activity(window.workspace, activity_id).values["title"] != "Typed before the failure"
    # the cause gone, the same keys save it
    monkeypatch.undo()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: load_activity(window.workspace, activity_id).values["title"] == "Typed before the failure")
    assert not editor.is_dirty()
