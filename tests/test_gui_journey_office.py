"""A country office's day in the window, in English and Arabic, driven only as a person drives it.

New workspace from the start page → a new activity with dates typed, funding and a translation → a malformed amount
shown → save (Ctrl+S) → search → undo/redo → delete and restore → History → File ▸ Export for coordinator writes a
signed .habx. Every step checks what the person sees and what is stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit, QMessageBox

from habitat_desktop.l10n import LANGUAGES, _
from habitat_desktop.services import exports
from habitat_desktop.services.activities import ActivityFilter, activity_rows
from habitat_desktop.services.activity_editing import load_activity
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main import Shell
from habitat_desktop.ui.main_window import DISCARD
from tests.journey_support import (
    CTRL,
    Modals,
    button,
    check_item,
    choose_file,
    click,
    click_tab,
    click_tree_item,
    close_dialog,
    short_date,
    trigger,
    type_into,
    type_text,
    use_language,
)

pytestmark = pytest.mark.gui

AMOUNTS = {"en": ("12,500.50", "12500.50"), "ar": ("١٢٬٥٠٠٫٥", "12500.5")}


@pytest.fixture
def shell(qapp, tmp_path: Path):
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    yield shell
    if shell.window is not None and shell.window.attached:
        shell.window.ask_unsaved = lambda: DISCARD  # a failed journey leaves its edits; closing must not wait
    for widget in (shell.window, shell.start):
        if widget is not None:
            widget.close()
    use_language(qapp, "en")


def _stored(window) -> list:
    return activity_rows(window.workspace, ActivityFilter(), 0, 50)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_office_records_an_activity_and_sends_it_to_its_coordinator(
    language: str, shell, qapp, qtbot, tmp_path: Path
) -> None:
    use_language(qapp, language)
    shell.show_start()
    qtbot.waitExposed(shell.start)
    path = tmp_path / "kenya.habitat"

    def new_workspace(dialog) -> None:
        type_into(qtbot, dialog.code, "KEN")
        type_into(qtbot, dialog.name, "UN-Habitat Kenya")
        type_into(qtbot, dialog.path, str(path))
        type_into(qtbot, dialog.country.lineEdit(), dialog.country.itemText(dialog.country.findData("KE")))
        click(qtbot, button(dialog, QDialogButtonBox.StandardButton.Ok))

    modals = Modals(qtbot).expect(new_workspace)
    click(qtbot, shell.start.new_button)
    modals.done()
    window = shell.window
    assert window is not None and window.workspace.path == path
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is window)  # keys go where a person's would
    assert window.layoutDirection() == (
        Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight
    )
    editor = window.editor

    # A new activity (Ctrl+N): the form is empty, nothing is marked before the person types.
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.statusBar().currentMessage() == _("New activity: fill in the form and save")
    assert editor.activity_id() is None and not editor.summary.isVisible() and editor.title.hasFocus()
    assert editor.values()["country"] == "KE"  # the workspace's country
    type_into(qtbot, editor.title, "Community-led upgrading of Mathare")
    type_into(qtbot, editor.description, "Plans drawn up with residents' associations.")
    type_into(qtbot, editor.start_date.edit, "2025-09-01")  # ISO
    qtbot.keyClick(editor.start_date.edit, Qt.Key.Key_Tab)
    assert not editor.start_date.edit.hasFocus()  # Tab leaves the date
    type_into(qtbot, editor.end_date.edit, short_date(language, 2026, 6, 30))  # the language's own short form
    assert editor.values()["start_date"] == "2025-09-01" and editor.values()["end_date"] == "2026-06-30"
    type_into(qtbot, editor.end_date.edit, "31/31/2026")
    assert "31/31/2026" in editor.errors["end_date"].text()  # a date that is none, with the reason
    type_into(qtbot, editor.end_date.edit, "2026-06-30")
    click_tab(qtbot, editor.tabs, 1)
    check_item(qtbot, editor.resolutions, "2/2")
    check_item(qtbot, editor.outcomes, editor.outcomes.item(0).text())

    # Funding: "1.2.3" is refused with the reason, on the field and on its tab; the language's own form is accepted.
    click_tab(qtbot, editor.tabs, 2)
    click(qtbot, editor.funding.add_button)
    amount = editor.funding.amount_edit(0)
    type_into(qtbot, amount, "1.2.3")
    type_into(qtbot, editor.funding.currency_edit(0), "USD")
    assert "1.2.3" in editor.errors["funding"].text() and editor.errors["funding"].isVisible()
    assert not editor.tabs.tabIcon(2).isNull()
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)  # refused: the form shows where
    assert editor.activity_id() is None and editor.summary.isVisible() and not _stored(window)
    typed, exact = AMOUNTS[language]
    type_into(qtbot, amount, typed)
    assert not editor.errors["funding"].isVisible() and editor.tabs.tabIcon(2).isNull()

    # A translation, typed in the table.
    click_tab(qtbot, editor.tabs, 3)
    table = editor.translations
    table.setFocus()
    table.setCurrentCell(LANGUAGES.index("fr"), 0)  # French, title
    qtbot.keyClick(table, Qt.Key.Key_F2)
    cell = next((w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()), None)
    assert cell is not None, "F2 opens the cell for typing"
    type_text(qtbot, cell, "Amélioration participative de Mathare")
    qtbot.keyClick(cell, Qt.Key.Key_Tab)  # to the next cell: what was typed is kept

    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: editor.activity_id() is not None)
    (row,) = _stored(window)
    saved = load_activity(window.workspace, row.id)
    assert saved.values["title"] == "Community-led upgrading of Mathare"
    assert saved.values["translations"]["fr"]["title"] == "Amélioration participative de Mathare"
    assert [str(f.amount) for f in saved.funding] == [exact] and saved.values["resolutions"] == ["2/2"]
    assert window.model.rowCount() == 1 and not window.isWindowModified()

    # Search finds it; a search with no match says so and leaves the form alone.
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.search.hasFocus()
    qtbot.keyClicks(window.search, "Mathare")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    type_into(qtbot, window.search, "Kibera")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0)
    assert editor.activity_id() == row.id  # not switched to "New activity"
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.search.text() == "" and window.model.rowCount() == 1)

    # Undo and redo an edit (Ctrl+Z, Ctrl+Shift+Z).
    type_into(qtbot, editor.city, "Nairobi")
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: load_activity(window.workspace, row.id).values["city"] == "Nairobi")
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: load_activity(window.workspace, row.id).values["city"] is None)
    assert editor.city.text() == ""
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: load_activity(window.workspace, row.id).values["city"] == "Nairobi")

    # Delete, then restore from the Deleted view, whose form is read-only.
    trigger(window.menu_actions.delete)
    qtbot.waitUntil(lambda: load_activity(window.workspace, row.id).deleted)
    assert window.model.rowCount() == 0
    click_tree_item(qtbot, window.navigation, _("Deleted activities"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert editor.draft.deleted and not editor.title.isEnabled() and not editor.save_button.isVisible()
    trigger(window.menu_actions.restore)
    qtbot.waitUntil(lambda: not load_activity(window.workspace, row.id).deleted)

    # History reads as what happened.
    click_tree_item(qtbot, window.navigation, _("All activities"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    seen: list[str] = []

    def read_history(dialog) -> None:
        table = dialog.table
        cells = (table.item(r, c) for r in range(table.rowCount()) for c in range(table.columnCount()))
        seen.extend(cell.text() for cell in cells if cell is not None)
        close_dialog(qtbot, dialog)

    modals = Modals(qtbot).expect(read_history)
    trigger(window.menu_actions.history)
    modals.done()
    assert any("Nairobi" in text for text in seen)  # the edit, as a sentence in the window's language
    assert not any(text.startswith(("city ", "status ")) for text in seen)  # never a raw field code

    # File ▸ Export for coordinator: a file dialog, then a signed export on disk.
    target = tmp_path / "kenya-export.habx"
    modals = Modals(qtbot).expect(lambda dialog: choose_file(qtbot, dialog, target))
    trigger(window.exchange.export)
    modals.done()
    qtbot.waitUntil(target.exists, timeout=20000)
    assert isinstance(modals.seen[0], QFileDialog)
    signers = exports.export_signers(path, [target])
    assert [s.office for s in signers] == ["KEN"]


def test_the_export_menu_item_asks_where_to_write(shell, qapp, qtbot, tmp_path: Path, workspace_path: Path) -> None:
    """Cancelling the file dialog writes nothing and says nothing went wrong."""
    from habitat_desktop.services.workspaces import open_workspace

    window = shell.show_workspace(open_workspace(workspace_path))
    qtbot.waitExposed(window)
    modals = Modals(qtbot).expect(lambda dialog: close_dialog(qtbot, dialog))
    trigger(window.exchange.export)
    modals.done()
    assert isinstance(modals.seen[0], QFileDialog)
    assert not list(tmp_path.glob("*.habx")) and QMessageBox not in {type(w) for w in modals.seen}
