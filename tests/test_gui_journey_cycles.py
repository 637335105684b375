"""A reporting cycle in the window, driven as people drive it: headquarters opens File ▸ Reporting periods, sees
the office that submitted, approves it; the office, once the approval reached it, sees the period's banner and
its approved activity read-only with the reason."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings

from habitat_desktop.services import reporting_periods
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main import Shell
from habitat_desktop.ui.main_window import DISCARD
from tests.cycle_support import DUE, reported, three_workspaces
from tests.journey_support import click, click_row, close_dialog, menu_action, use_language
from tests.merge_support import activity, edit_activity

pytestmark = pytest.mark.gui


@pytest.fixture
def cycle(qapp, tmp_path: Path):
    three = three_workspaces(tmp_path)
    reporting_periods.open_period(three.hq, "2025", due=DUE, offices=["KEN", "ROAF"], message="Updates for EB-2026")
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    activity_id = reported(three)
    reporting_periods.submit(three.ken, "2025")
    three.send_as_office(three.ken, three.roaf)
    three.send(three.roaf, three.hq)
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    yield shell, three, activity_id
    if shell.window is not None:
        shell.window.ask_unsaved = lambda: DISCARD
        shell.window.close()
    use_language(qapp, "en")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_headquarters_approves_and_the_office_sees_its_records_locked(language, cycle, qapp, qtbot) -> None:
    shell, three, activity_id = cycle
    use_language(qapp, language)
    window = shell.show_workspace(open_workspace(three.hq))
    qtbot.waitExposed(window)
    menu_action(window, window.cycles.periods.text()).trigger()
    view = window.cycles.view
    assert view is not None
    qtbot.waitExposed(view)
    offices = [view.table.item(row, 0).text() for row in range(view.table.rowCount())]
    assert offices == ["KEN", "ROAF"]
    assert not view.approve.isEnabled()  # nothing chosen yet
    click_row(qtbot, view.table, offices.index("KEN"))
    assert view.approve.isEnabled() and not view.reopen.isEnabled()
    click(qtbot, view.approve)
    qtbot.waitUntil(lambda: view.reopen.isEnabled())
    assert {r.office: str(r.state) for r in reporting_periods.period_status(three.hq, "2025")}["KEN"] == "approved"
    close_dialog(qtbot, view)
    shell.window.ask_unsaved = lambda: DISCARD

    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    window = shell.show_workspace(open_workspace(three.ken))
    qtbot.waitExposed(window)
    banner = window.period_banner
    assert banner.isVisible() and "2025" in banner.text() and "Updates for EB-2026" in banner.text()
    qtbot.waitUntil(lambda: window.model.row_of(activity_id) >= 0)
    click_row(qtbot, window.table, window.model.row_of(activity_id))
    qtbot.waitUntil(lambda: window.editor.activity_id() == activity_id)
    assert window.editor.locked.isVisible() and "2025" in window.editor.locked.text()
    assert not window.editor.title.isEnabled()  # read-only, with the reason above


def test_a_proposal_is_accepted_in_the_conflicts_view(cycle, qapp, qtbot, tmp_path: Path) -> None:
    shell, three, activity_id = cycle
    old_laptop = tmp_path / "old.habitat"
    with sqlite3.connect(three.ken) as origin, sqlite3.connect(old_laptop) as copy:
        origin.backup(copy)  # a second laptop of the office, which never sees the approval
    reporting_periods.review(three.hq, "2025", "KEN", approve=True)
    edit_activity(old_laptop, activity_id, title="Urban forum (final title)")
    three.send_as_office(old_laptop, three.hq)
    assert load_activity_title(three.hq, activity_id) == "Urban forum"
    window = shell.show_workspace(open_workspace(three.hq))
    qtbot.waitExposed(window)
    window.exchange.conflicts.trigger()
    review = window.exchange.review
    assert review is not None
    qtbot.waitExposed(review)
    assert "2025" in review.list_model.item(0, 0).text()
    click_row(qtbot, review.list_view, 0)
    values = [review.values_model.item(r, 0).text() for r in range(review.values_model.rowCount())]
    click_row(qtbot, review.values_view, values.index("Urban forum (final title)"))
    click(qtbot, review.keep_button)
    qtbot.waitUntil(lambda: load_activity_title(three.hq, activity_id) == "Urban forum (final title)")
    assert reporting_periods.period_status(three.hq, "2025")[0].state == "approved"
    close_dialog(qtbot, review)


def load_activity_title(path: Path, activity_id: str) -> str:
    return str(activity(path, activity_id)["title"])
