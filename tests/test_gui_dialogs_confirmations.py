"""Risky steps (trusting an office, purging, restoring a version) ask first, and Enter answers No."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QWidget

from habitat_desktop.services import purging, trust
from habitat_desktop.services.activity_editing import load_activity
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.gui_driving import click_button, press_enter, when_modal
from tests.merge_support import add_activity, export, office_workspace

pytestmark = pytest.mark.gui


def _shown(workspace: Path) -> MainWindow:
    window = MainWindow(open_workspace(workspace))
    window.alerts = []
    window.alert = window.alerts.append
    window.ask_unsaved = lambda: DISCARD
    window.show()
    return window


def _dispose(window: MainWindow) -> None:
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(demo_path: Path) -> Iterator[MainWindow]:
    win = _shown(demo_path)
    yield win
    _dispose(win)


def _click_row(view: QAbstractItemView, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def test_enter_does_not_trust_an_office_only_yes_does(qtbot, tmp_path: Path) -> None:
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    add_activity(ken, "Land tenure")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    window = _shown(roaf)
    try:
        wizard = window.exchange.open_merge_wizard([str(export(ken, tmp_path / "ken.habx"))])  # as dropped
        asked = when_modal(press_enter)
        qtbot.mouseClick(wizard.preview_button, Qt.MouseButton.LeftButton)
        assert len(asked) == 1 and "KEN" in asked[0]
        assert "not trusted" in wizard.status.text() and not wizard.apply_button.isEnabled()
        assert trust.trusted_offices(roaf) == []

        asked = when_modal(lambda box: click_button(box, "Yes"))
        qtbot.mouseClick(wizard.preview_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(wizard.apply_button.isEnabled, timeout=15000)
        assert len(asked) == 1
    finally:
        if window.exchange.wizard is not None:  # a preview still running would outlive the workspace
            window.exchange.wizard.tasks.wait()
            window.exchange.wizard.close()
        _dispose(window)


def test_enter_does_not_purge_only_yes_does(window: MainWindow, qtbot) -> None:
    actions = window.menu_actions
    window.table.setFocus()
    _click_row(window.table, 0)
    actions.delete.trigger()
    assert len(purging.purgeable(window.workspace)) == 1

    asked = when_modal(press_enter)
    actions.purge.trigger()
    assert len(asked) == 1 and "cannot be undone" in asked[0]
    assert len(purging.purgeable(window.workspace)) == 1  # Enter said No

    asked = when_modal(lambda box: click_button(box, "Yes"))
    actions.purge.trigger()
    assert len(asked) == 1 and purging.purgeable(window.workspace) == []


def test_enter_does_not_restore_a_version_from_the_history(window: MainWindow, qtbot) -> None:
    _click_row(window.table, 0)
    activity_id = window.editor.activity_id()
    assert activity_id is not None
    window.editor.tabs.setCurrentIndex(0)
    window.editor.title.selectAll()
    qtbot.keyClicks(window.editor.title, "Retitled by hand")
    window.menu_actions.save.trigger()
    assert load_activity(window.workspace, activity_id).values["title"] == "Retitled by hand"

    confirmations: list[list[str]] = []

    def in_history(history: QWidget) -> None:
        table = history.table  # type: ignore[attr-defined]
        _click_row(table, table.rowCount() - 1)  # the version as created
        confirmations.append(when_modal(press_enter, skip=(history,)))
        click_button(history, "Restore this version")
        assert history.isVisible()  # Enter said No: the history stays open, nothing restored
        confirmations.append(when_modal(lambda box: click_button(box, "Yes"), skip=(history,)))
        click_button(history, "Restore this version")

    seen = when_modal(in_history)
    window.menu_actions.history.trigger()
    assert len(seen) == 1 and [len(asked) for asked in confirmations] == [1, 1] and "Undo" in confirmations[0][0]
    assert load_activity(window.workspace, activity_id).values["title"] != "Retitled by hand"
    assert window.editor.title.text() != "Retitled by hand"
