"""The coordinator's cycle in the window, in English and Arabic: File ▸ Reporting periods, Reopen with a comment,
Open a new period (code, due date picked in the calendar, offices ticked, message), File ▸ Comment on activity
about a field and about a funding line; the office then sees the new call in its banner and the comments on the
fields they concern."""

from __future__ import annotations

import datetime as dt
import threading
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPlainTextEdit

from habitat_desktop.services import activity_editing, reporting_periods
from habitat_desktop.services.activity_editing import FundingEntry
from habitat_desktop.services.history import field_label
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main import Shell
from habitat_desktop.ui.main_window import DISCARD
from tests.cycle_support import DUE, reported, three_workspaces
from tests.journey_support import (
    Modals,
    button,
    check_item,
    click,
    click_row,
    close_dialog,
    menu_action,
    type_into,
    type_text,
    use_language,
)

pytestmark = pytest.mark.gui


@pytest.fixture
def approved(qapp, tmp_path: Path):
    """KEN's 2025 activity (with a pledge) submitted and approved; headquarters holds it all."""
    three = three_workspaces(tmp_path)
    reporting_periods.open_period(three.hq, "2025", due=DUE, offices=["KEN"], message="Updates for EB-2026")
    three.send(three.hq, three.ken)
    activity_id = reported(three)
    workspace = open_workspace(three.ken)
    try:
        draft = activity_editing.load_activity(workspace, activity_id)
        pledge = FundingEntry(Decimal("250000"), "USD", "earmarked", "pledged", "Sweden", dt.date(2025, 3, 1))
        activity_editing.save_activity(workspace, activity_id, draft.values, [pledge])
    finally:
        workspace.close()
    reporting_periods.submit(three.ken, "2025")
    three.send_as_office(three.ken, three.hq)
    reporting_periods.review(three.hq, "2025", "KEN", approve=True)
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    yield shell, three, activity_id
    if shell.window is not None:
        shell.window.ask_unsaved = lambda: DISCARD
        shell.window.close()
    use_language(qapp, "en")


def answer_with_text(qtbot, text: str):
    def answer(dialog) -> None:
        editor = dialog.findChild(QPlainTextEdit)
        qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)
        type_text(qtbot, editor, text)
        click(qtbot, button(dialog, QDialogButtonBox.StandardButton.Ok))

    return answer


def choose(qtbot, combo, text: str) -> None:
    """Pick a combo box's item by pressing Down until it shows ``text``, as with the keyboard."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _step in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text, f"no item {text!r}"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_coordinator_reopens_calls_and_comments_on_fields(language, approved, qapp, qtbot, writer_threads) -> None:
    shell, three, activity_id = approved
    use_language(qapp, language)
    window = shell.show_workspace(open_workspace(three.hq))
    qtbot.waitExposed(window)

    menu_action(window, window.cycles.periods.text()).trigger()  # File ▸ Reporting periods
    view = window.cycles.view
    qtbot.waitExposed(view)
    click_row(qtbot, view.table, 0)
    modals = Modals(qtbot).expect(answer_with_text(qtbot, "Late receipts to add"))
    click(qtbot, view.reopen)
    modals.done()
    qtbot.waitUntil(lambda: view.approve.isEnabled() or not view.reopen.isEnabled())
    assert [str(r.state) for r in reporting_periods.period_status(three.hq, "2025")] == ["in_progress"]

    click(qtbot, view.open_new)  # Open a new period…
    dialog = view.opening
    qtbot.waitExposed(dialog)
    type_into(qtbot, dialog.period, "2026-Q1")
    shown = dialog.due.date()
    edge = 6 if dialog.due.layoutDirection() == Qt.LayoutDirection.RightToLeft else dialog.due.width() - 6
    qtbot.mouseClick(dialog.due, Qt.MouseButton.LeftButton, pos=QPoint(edge, dialog.due.height() // 2))  # its arrow
    calendar = dialog.due.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_PageDown)  # a month later
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert dialog.due.date() == shown.addMonths(1)
    check_item(qtbot, dialog.offices, "KEN")
    qtbot.mouseClick(dialog.message.viewport(), Qt.MouseButton.LeftButton)
    type_text(qtbot, dialog.message, "First quarter, please")
    click(qtbot, button(dialog, QDialogButtonBox.StandardButton.Ok))
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [call] = [v for v in reporting_periods.list_periods(three.hq) if v.period == "2026-Q1"]
    picked = shown.addMonths(1)
    assert call.due == dt.date(picked.year(), picked.month(), picked.day())
    assert call.offices == ("KEN",) and call.message == "First quarter, please"
    assert view.period.currentData() == "2026-Q1" and view.table.item(0, 0).text() == "KEN"
    close_dialog(qtbot, view)

    qtbot.waitUntil(lambda: window.model.row_of(activity_id) >= 0)
    click_row(qtbot, window.table, window.model.row_of(activity_id))
    qtbot.waitUntil(lambda: window.editor.activity_id() == activity_id)
    for about, field, text in ((0, "title", "Use the official title"), (1, "amount", "Confirm the pledge")):
        menu_action(window, window.cycles.comment.text()).trigger()  # File ▸ Comment on activity
        commenting = window.cycles.commenting
        qtbot.waitExposed(commenting)
        if about:
            choose(qtbot, commenting.record, commenting.record.itemText(1))  # the funding line
        choose(qtbot, commenting.field, field_label(field))
        qtbot.mouseClick(commenting.text.viewport(), Qt.MouseButton.LeftButton)
        type_text(qtbot, commenting.text, text)
        click(qtbot, button(commenting, QDialogButtonBox.StandardButton.Ok))
        qtbot.waitUntil(lambda dialog=commenting: not dialog.isVisible())
    assert "Use the official title" in window.editor.labels["title"].toolTip()
    assert writer_threads == {
        "reopen": [False],
        "open_period": [False],
        "comment": [False, False],
    }  # off the GUI thread
    shell.window.ask_unsaved = lambda: DISCARD

    three.send(three.hq, three.ken)  # the decisions, the call and the comments travel down
    window = shell.show_workspace(open_workspace(three.ken))
    qtbot.waitExposed(window)
    assert "2026-Q1" in window.period_banner.text() and "First quarter, please" in window.period_banner.text()
    qtbot.waitUntil(lambda: window.model.row_of(activity_id) >= 0)
    click_row(qtbot, window.table, window.model.row_of(activity_id))
    qtbot.waitUntil(lambda: window.editor.activity_id() == activity_id)
    editor = window.editor
    assert editor.title.isEnabled()  # reopened: editable again
    assert "Use the official title" in editor.labels["title"].toolTip()
    assert "Confirm the pledge" in editor.labels["funding"].toolTip()
    assert "Late receipts to add" in editor.locked.text() and "Use the official title" in editor.locked.text()
    assert not editor.labels["description"].toolTip()  # no comment there


@pytest.fixture
def writer_threads(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[bool]]:
    """Which services the window called, each with whether it ran on the GUI thread (it must not: the operations
    worker writes, the window keeps painting)."""
    seen: dict[str, list[bool]] = {}
    for name in ("open_period", "review", "reopen", "comment", "submit"):
        original = getattr(reporting_periods, name)

        def spy(*args, _name=name, _original=original, **kwargs):
            seen.setdefault(_name, []).append(threading.current_thread() is threading.main_thread())
            return _original(*args, **kwargs)

        monkeypatch.setattr(reporting_periods, name, spy)
    return seen


@pytest.fixture
def called(qapp, tmp_path: Path):
    """Headquarters called for 2025; KEN has reported an activity of 2025 and not submitted yet."""
    three = three_workspaces(tmp_path)
    reporting_periods.open_period(three.hq, "2025", due=DUE, offices=["KEN"], message="Updates for EB-2026")
    three.send(three.hq, three.ken)
    reported(three)
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    yield shell, three
    if shell.window is not None:
        shell.window.ask_unsaved = lambda: DISCARD
        shell.window.close()
    use_language(qapp, "en")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_office_submits_then_withdraws_in_the_window(language, called, qapp, qtbot, writer_threads) -> None:
    shell, three = called
    use_language(qapp, language)
    window = shell.show_workspace(open_workspace(three.ken))
    qtbot.waitExposed(window)

    def state() -> str:
        return str(reporting_periods.period_status(three.ken, "2025")[0].state)

    def ok(dialog) -> None:
        click(qtbot, button(dialog, QDialogButtonBox.StandardButton.Ok))

    def yes(dialog) -> None:
        click(qtbot, button(dialog, QMessageBox.StandardButton.Yes))

    modals = Modals(qtbot).expect(ok)  # the period asked: 2025
    menu_action(window, window.cycles.submit.text()).trigger()  # File ▸ Submit period
    modals.done()
    qtbot.waitUntil(lambda: state() == "submitted")
    assert "2025" in window.period_banner.text()

    modals = Modals(qtbot).expect(ok, yes)  # the period, then: withdraw the submission? Yes
    menu_action(window, window.cycles.submit.text()).trigger()
    modals.done()
    qtbot.waitUntil(lambda: state() == "in_progress")
    assert writer_threads == {"submit": [False, False]}  # both written on the operations worker
