"""The search box: typing narrows the table, an empty result says so in the table, Escape empties the box."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main import apply_language
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.gui_driving import type_text

pytestmark = pytest.mark.gui


@pytest.fixture(params=["en", "ar"])
def window(request, demo_path: Path, qapp) -> Iterator[MainWindow]:
    apply_language(qapp, request.param)
    win = MainWindow(open_workspace(demo_path))
    win.ask_unsaved = lambda: DISCARD
    win.show()
    yield win
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    apply_language(qapp, "en")


def test_no_match_is_said_in_the_table_and_the_form_stays(window: MainWindow, qtbot) -> None:
    assert window.editor.activity_id() is not None and window.model.rowCount() > 0
    note = window.filters.empty_note.label
    assert not note.isVisible()

    window.menu_actions.find.trigger()  # Edit ▸ Find puts the cursor in the search box
    assert QApplication.focusWidget() is window.search
    type_text(window.search, "zzq")  # the table narrows as the person types …
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    shown, opened = window.editor.title.text(), window.editor.activity_id()
    type_text(window.search, "xv")  # … to nothing
    assert note.isVisible() and "zzqxv" in note.text()
    assert note.geometry().intersects(window.table.viewport().rect())
    assert opened is not None and window.editor.activity_id() == opened  # the form is not switched to "New activity"
    assert window.editor.title.text() == shown

    QTest.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    assert not note.isVisible()
