"""The data-entry desktop driven through its real widgets (offscreen): edit, validate, save, undo, delete, search."""

from __future__ import annotations

import os
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QTreeWidgetItemIterator

from habitat_desktop.domain.errors import WorkspaceError
from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.services import activity_editing
from habitat_desktop.services.activities import count_activities
from habitat_desktop.services.activity_editing import load_activity
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main import Shell, apply_language
from habitat_desktop.ui.main_window import CANCEL, DISCARD, MainWindow
from tests.journey_support import click_tree_item

pytestmark = pytest.mark.gui


def _click_navigation(qtbot, window: MainWindow, first_word: str) -> None:
    """Click the navigation item whose text starts with ``first_word`` (a resolution's symbol, "Outcome 3:")."""
    items = QTreeWidgetItemIterator(window.navigation)
    while (item := items.value()) is not None:
        text = item.text(0).replace("\u2068", "").replace("\u2069", "")
        if text.split()[:1] == [first_word] or text.startswith(first_word + " "):
            window.navigation.scrollToItem(item)
            qtbot.mouseClick(
                window.navigation.viewport(),
                Qt.MouseButton.LeftButton,
                pos=window.navigation.visualItemRect(item).center(),
            )
            assert window.navigation.currentItem() is item
            return
        items += 1
    raise AssertionError(f"no navigation item {first_word!r}")


def _open_resolution_page(qtbot, window: MainWindow, symbol: str) -> None:
    """Open a resolution's page as a person does: its item in the navigation pane, then Enter."""
    _click_navigation(qtbot, window, symbol)
    qtbot.keyClick(window.navigation, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.resolution_page


@pytest.fixture
def window(qtbot, demo_path: Path):
    win = MainWindow(open_workspace(demo_path))
    win.alerts = []
    win.alert = win.alerts.append
    win.ask_unsaved = lambda: DISCARD  # tests that need another answer set their own
    win.show()
    yield win
    _dispose(win)


def _dispose(win: MainWindow) -> None:
    """Close a window and delete it now (Qt objects left to the interpreter's exit can crash it)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    win.ask_unsaved = lambda: DISCARD
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _first_id(win: MainWindow) -> str:
    win.table.selectRow(0)
    activity_id = win.editor.activity_id()
    assert activity_id is not None
    return activity_id


def test_editing_a_title_saves_and_undo_redo_replay_it(window, qtbot) -> None:
    activity_id = _first_id(window)
    old = window.editor.title.text()
    window.editor.title.setText("Rewritten title")
    assert window.editor.is_dirty() and window.editor.save_button.isEnabled()
    qtbot.mouseClick(window.editor.save_button, Qt.MouseButton.LeftButton)
    assert not window.editor.is_dirty()
    assert load_activity(window.workspace, activity_id).values["title"] == "Rewritten title"
    window.undo_action.trigger()
    assert load_activity(window.workspace, activity_id).values["title"] == old
    assert window.editor.title.text() == old
    window.redo_action.trigger()
    assert load_activity(window.workspace, activity_id).values["title"] == "Rewritten title"


def test_validation_shows_reasons_beside_fields_and_refuses_to_save(window) -> None:
    _first_id(window)
    editor = window.editor
    editor.title.setText("   ")
    assert editor.errors["title"].isVisibleTo(window) and editor.errors["title"].text() == "This field is required."
    assert editor.summary.isVisibleTo(window) and 'href="title"' in editor.summary.text()
    assert not window.save_activity()  # refused: the problems stay shown, the title has the focus
    editor.title.setText("Fine")
    assert not editor.errors["title"].isVisibleTo(window) and not editor.summary.isVisibleTo(window)
    editor.start_date.set_date("2025-05-01")
    editor.end_date.set_date("2025-04-01")
    assert "before the start" in editor.errors["end_date"].text()
    assert not editor.is_valid()
    editor.end_date.set_date("2025-06-01")
    editor.funding.add_line(None)
    editor.funding.amount_edit(editor.funding.table.rowCount() - 1).setText("-5")
    assert "negative" in editor.errors["funding"].text()
    assert not editor.tabs.tabIcon(2).isNull()  # the Funding tab is marked
    editor.funding.amount_edit(editor.funding.table.rowCount() - 1).setText("1,234.50")
    editor.funding.currency_edit(editor.funding.table.rowCount() - 1).setText("XYQ")
    assert "unknown currency" in editor.errors["funding"].text()
    editor.funding.currency_edit(editor.funding.table.rowCount() - 1).setText("EUR")
    assert editor.is_valid() and editor.save_button.isEnabled() and editor.tabs.tabIcon(2).isNull()
    assert window.save_activity()
    amounts = [f.amount for f in load_activity(window.workspace, editor.activity_id()).funding]
    assert Decimal("1234.50") in amounts


def test_create_then_undo_removes_it(window) -> None:
    total = window.model.total()
    window.new_activity()
    editor = window.editor
    assert not editor.save_button.isEnabled()
    editor.title.setText("Community mapping in Kisumu")
    editor.resolutions.set_keys(["2/7"])
    editor.outcomes.set_keys(["2"])
    editor.resolutions.changed.emit()
    assert editor.is_valid(), editor.problems
    assert window.save_activity()
    assert window.model.total() == total + 1
    new_id = editor.activity_id()
    assert new_id and load_activity(window.workspace, new_id).values["resolutions"] == ["2/7"]
    window.undo_action.trigger()
    assert window.model.total() == total
    assert load_activity(window.workspace, new_id).deleted


def test_delete_asks_nothing_and_undo_brings_it_back(qtbot, window) -> None:
    activity_id = _first_id(window)
    total = window.model.total()
    window.menu_actions.delete.trigger()
    assert window.model.total() == total - 1
    assert load_activity(window.workspace, activity_id).deleted
    window.navigation.select("all", "")
    click_tree_item(qtbot, window.navigation, "Deleted activities")
    assert window.model.total() == 1 and window.model.activity_id(0) == activity_id
    click_tree_item(qtbot, window.navigation, "All activities")
    window.undo_action.trigger()
    assert not load_activity(window.workspace, activity_id).deleted
    assert window.model.total() == total


def test_restore_from_the_deleted_view_and_duplicate(qtbot, window) -> None:
    activity_id = _first_id(window)
    window.delete_activity()
    click_tree_item(qtbot, window.navigation, "Deleted activities")
    window.table.selectRow(0)
    window.menu_actions.restore.trigger()
    assert not load_activity(window.workspace, activity_id).deleted
    click_tree_item(qtbot, window.navigation, "All activities")
    total = window.model.total()
    window.open_activity(activity_id)
    window.menu_actions.duplicate.trigger()
    assert window.model.total() == total + 1
    assert window.editor.activity_id() != activity_id
    assert "(copy)" in window.editor.title.text()


def test_search_and_filters_narrow_the_table(qtbot, window) -> None:
    total = window.model.total()
    window.search.setText("Bilbao")
    assert window.model.rowCount() == 1
    window.search.clear()
    window.filters.status.setCurrentIndex(window.filters.status.findData("completed"))
    completed = window.model.total()
    assert 0 < completed < total
    window.filters.status.setCurrentIndex(0)
    _click_navigation(qtbot, window, "2/6")
    assert window.filters.resolution.currentData() == "2/6"
    assert 0 < window.model.total() < total
    assert window.model.total() == count_activities(window.workspace, window.filters.current_filter())
    _click_navigation(qtbot, window, "Outcome 3:")
    assert window.filters.resolution.currentData() is None and window.filters.outcome.currentData() == "3"


def test_sorting_by_a_column_is_done_by_the_storage(window) -> None:
    window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert window.model.filter.order == "title"
    assert titles[0].lower() <= titles[-1].lower()


def test_a_storage_error_is_shown_and_the_edit_stays(window, monkeypatch) -> None:
    _first_id(window)
    window.editor.title.setText("Kept in the form")

    def refuse(*_args, **_kwargs):
        raise WorkspaceError("The disk holding demo.habitat is full; nothing was changed.")

    monkeypatch.setattr(activity_editing, "save_activity", refuse)
    assert not window.save_activity()
    assert window.editor.is_dirty() and window.editor.title.text() == "Kept in the form"
    assert "full" in window.statusBar().currentMessage()


def test_switching_records_with_unsaved_changes_asks(window) -> None:
    activity_id = _first_id(window)
    window.editor.title.setText("Unsaved")
    window.ask_unsaved = lambda: CANCEL
    window.table.selectRow(1)
    assert window.editor.activity_id() == activity_id and window.editor.title.text() == "Unsaved"
    window.ask_unsaved = lambda: DISCARD
    window.table.selectRow(1)
    assert window.editor.activity_id() != activity_id


def test_close_with_unsaved_changes_asks_first(window) -> None:
    _first_id(window)
    window.editor.title.setText("Unsaved")
    window.ask_unsaved = lambda: CANCEL
    assert not window.close()
    assert window.isVisible()
    window.ask_unsaved = lambda: DISCARD
    assert window.close()


def test_history_lists_changes_and_restores_a_version(window) -> None:
    from habitat_desktop.ui.history_dialog import HistoryDialog

    activity_id = _first_id(window)
    original = window.editor.title.text()
    window.editor.title.setText("Second version")
    window.save_activity()
    dialog = HistoryDialog(window.workspace, activity_id, window)
    assert dialog.entries[0].field == "title" and dialog.entries[0].new_value == "Second version"
    assert dialog.table.item(0, 3).text() == f"Title changed from \u2068{original}\u2069 to \u2068Second version\u2069."
    dialog.choose(len(dialog.entries) - 1)  # the version as created
    assert dialog.chosen_values is not None and dialog.chosen_values["title"] == original


def test_language_switch_is_immediate_and_arabic_is_right_to_left(qtbot, qapp, demo_path: Path, tmp_path) -> None:
    from PySide6.QtCore import QSettings

    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    shell = Shell(qapp, settings)
    win = shell.show_workspace(open_workspace(demo_path))
    qtbot.addWidget(win)
    try:
        shell.switch_language("ar")
        assert win.isRightToLeft() and settings.language() == "ar"
        assert win.menu_actions.language_actions["ar"].isChecked()
        shell.switch_language("fr")
        assert not win.isRightToLeft()
        assert win.editor.start_date.locale().name().startswith("fr")
    finally:
        apply_language(qapp, "en")
        win.close()
    assert settings.recent()[0] == demo_path.resolve()


def test_resolution_page_and_dashboard_show_counts(qtbot, window, monkeypatch) -> None:
    from habitat_desktop.services import resolution_pages
    from tests.journey_support import threads_of

    on_gui_thread = threads_of(monkeypatch, resolution_pages, ("set_period_status",))
    _open_resolution_page(qtbot, window, "2/6")
    page = window.resolution_page.page
    assert page is not None and page.document_symbol
    assert sum(page.activities_by_status.values()) == count_activities(
        window.workspace, window.filters.current_filter().__class__(resolution="2/6")
    )
    window.resolution_page.period.setText("2026")
    window.resolution_page.status.setCurrentIndex(window.resolution_page.status.findData("in_progress"))
    window.resolution_page.save.click()
    assert any(
        s.period == "2026" and s.implementation_status == "in_progress" for s in window.resolution_page.page.statuses
    )
    assert on_gui_thread == {"set_period_status": [False]}  # saved on the operations worker
    click_tree_item(qtbot, window.navigation, "All activities")  # the page chose 2/6 in the navigation pane
    window.show_dashboard()
    data = window.dashboard.data
    assert data.total == window.model.total()
    assert sum(b.count for b in data.by_outcome) >= data.total


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_window_renders_in_each_language(qtbot, qapp, demo_path: Path, tmp_path: Path, language: str) -> None:
    folder = Path(os.environ.get("HABITAT_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    apply_language(qapp, language)
    try:
        win = MainWindow(open_workspace(demo_path))
        qtbot.addWidget(win)
        win.resize(1400, 900)
        win.show()
        win.table.selectRow(0)
        assert win.isRightToLeft() == (language == "ar")
        assert _characters_without_glyph(win) == set()
        header = win.table.horizontalHeader()  # titles get the room; the table shows a screenful beside the form
        assert header.sectionSize(0) >= 2 * max(header.sectionSize(c) for c in range(1, header.count()))
        rows = win.table.verticalHeader()
        assert rows.defaultSectionSize() <= 2 * win.fontMetrics().height()
        assert win.table.viewport().height() >= 6 * rows.defaultSectionSize()
        shot = folder / f"main-{language}.png"
        win.grab().save(str(shot))
        assert shot.stat().st_size > 10_000
        win.show_dashboard()
        win.grab().save(str(folder / f"dashboard-{language}.png"))
        _open_resolution_page(qtbot, win, "2/6")
        win.grab().save(str(folder / f"resolution-{language}.png"))
        win.close()
    finally:
        apply_language(qapp, "en")


def _characters_without_glyph(win: MainWindow) -> set[str]:
    """Characters the window shows (menus, navigation, table) that no family of its font can draw: they would
    show as empty boxes. Each family must also be the bundled one, not a stand-in the machine happens to have."""
    families = win.font().families()
    assert [QFontInfo(QFont(family)).family() for family in families] == families
    texts = [win.windowTitle(), *(action.text() for action in win.menuBar().actions())]
    items = QTreeWidgetItemIterator(win.navigation)
    while items.value():
        texts.append(items.value().text(0))
        items += 1
    model = win.model
    for column in range(model.columnCount()):
        texts.append(str(model.headerData(column, Qt.Orientation.Horizontal)))
        texts.extend(str(model.index(row, column).data() or "") for row in range(min(model.rowCount(), 30)))
    metrics = [QFontMetrics(QFont(family)) for family in families]
    return {
        character
        for text in texts
        for character in text
        if not character.isspace()
        and not unicodedata.category(character).startswith("C")
        and not any(m.inFontUcs4(ord(character)) for m in metrics)
    }


def test_a_killed_session_leaves_its_typing_to_recover(qtbot, demo_path: Path, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    def settings() -> AppSettings:
        return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))

    first = MainWindow(open_workspace(demo_path), settings())
    first.show()
    activity_id = _first_id(first)
    first.editor.title.setText("Typed before the crash")
    qtbot.waitUntil(lambda: settings().draft(demo_path) is not None, timeout=3000)
    second = MainWindow(open_workspace(demo_path), settings())  # as if the app had been killed and started again
    try:
        assert second.editor.activity_id() == activity_id
        assert second.editor.title.text() == "Typed before the crash" and second.editor.is_dirty()
        assert second.save_activity()
        assert settings().draft(demo_path) is None
    finally:
        for win in (first, second):
            _dispose(win)


def test_start_page_then_open_a_workspace_off_the_gui_thread(qtbot, qapp, demo_path: Path, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    shell = Shell(qapp, settings)
    shell.show_start()
    assert shell.start is not None and shell.start.isVisible()
    assert shell.start.demo_button.text()
    shell.open_path(demo_path)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=10_000)
    assert shell.start is None and shell.window.model.total() > 0
    assert settings.last_workspace() == demo_path.resolve()
    messages: list[str] = []
    shell.tasks.alert = messages.append
    shell.open_path(tmp_path / "missing.habitat")  # refused with a message naming it; the open window stays
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "missing.habitat" in messages[0] and shell.window.isVisible()
    shell.window.close()


def test_at_launch_the_window_shows_first_and_the_workspace_loads_into_it(
    qtbot, qapp, demo_path: Path, tmp_path
) -> None:
    from PySide6.QtCore import QSettings

    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    shell = Shell(qapp, settings)
    win = shell.show_at_launch(demo_path)
    qtbot.addWidget(win)
    assert win.isVisible() and not win.attached
    assert win.windowTitle().startswith(demo_path.name) and not win.menuBar().isEnabled()
    qtbot.waitUntil(lambda: win.attached, timeout=10_000)
    assert win.menuBar().isEnabled() and win.model.rowCount() > 0
    assert settings.recent()[0] == demo_path.resolve()
    win.close()


def test_a_workspace_that_fails_at_launch_is_reported_and_the_start_page_shown(qtbot, qapp, tmp_path) -> None:
    from PySide6.QtCore import QSettings

    bogus = tmp_path / "notes.habitat"
    bogus.write_text("not a workspace")
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    shell = Shell(qapp, settings)
    win = shell.show_at_launch(bogus)
    messages: list[str] = []
    win.alert = messages.append
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "not a Habitat workspace" in messages[0]
    assert not win.isVisible() and shell.start is not None and shell.start.isVisible()
    shell.start.close()
