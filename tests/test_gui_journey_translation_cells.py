"""In the activity form's Translations tab, Enter commits what was typed in a cell, as Tab does (English, Arabic)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit

from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.services.activity_editing import load_activity
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main import Shell
from habitat_desktop.ui.main_window import DISCARD
from tests.journey_support import CTRL, check_item, click_tab, type_into, type_text, use_language
from tests.merge_support import office_workspace

pytestmark = pytest.mark.gui

TYPED = {"fr": "Amélioration participative de Mathare", "zh": "社区主导的马萨雷改造"}


@pytest.fixture
def shell(qapp, tmp_path: Path):
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    yield shell
    if shell.window is not None:
        shell.window.ask_unsaved = lambda: DISCARD
        shell.window.close()
    use_language(qapp, "en")


def _open_cell(qtbot, table, row: int, column: int) -> QLineEdit:
    """Move to a cell with the arrow keys and press F2 to type in it."""
    table.setFocus()
    for _ in range(table.rowCount()):  # the form's own language has no row: the arrows skip it
        if table.currentRow() == row:
            break
        qtbot.keyClick(table, Qt.Key.Key_Down if table.currentRow() < row else Qt.Key.Key_Up)
    forward = Qt.Key.Key_Left if table.isRightToLeft() else Qt.Key.Key_Right
    for _ in range(column):
        qtbot.keyClick(table, forward)
    assert (table.currentRow(), table.currentColumn()) == (row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    cell = next((w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()), None)
    assert cell is not None, "F2 opens the cell for typing"
    return cell


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("enter", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_in_a_translation_cell_keeps_what_was_typed(language, enter, shell, qapp, qtbot, tmp_path) -> None:
    use_language(qapp, language)
    path = office_workspace(tmp_path / "kenya.habitat", "KEN")
    window = shell.show_workspace(open_workspace(path))
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is window)
    editor = window.editor

    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)  # a new activity
    type_into(qtbot, editor.title, "Community-led upgrading of Mathare")
    click_tab(qtbot, editor.tabs, 1)
    check_item(qtbot, editor.resolutions, "2/2")
    check_item(qtbot, editor.outcomes, editor.outcomes.item(0).text())

    click_tab(qtbot, editor.tabs, 3)
    table = editor.translations
    for code in ("fr", "zh"):  # neither is the form's own language
        cell = _open_cell(qtbot, table, LANGUAGES.index(code), 0)
        type_text(qtbot, cell, TYPED[code])
        qtbot.keyClick(cell, enter)  # Enter: the text stays in the cell at once (Ctrl+S may follow straight away)
        assert table.item(LANGUAGES.index(code), 0).text() == TYPED[code]
        qtbot.waitUntil(lambda: not [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()])
        assert table.hasFocus()  # still in the table, not sent to a button of the window

    # A description typed and saved (Ctrl+S) while its cell is still open: kept too.
    cell = _open_cell(qtbot, table, LANGUAGES.index("fr"), 1)
    type_text(qtbot, cell, "Plans drawn up with residents' associations.")
    qtbot.keyClick(cell, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: editor.activity_id() is not None)
    saved = load_activity(window.workspace, editor.activity_id())
    assert saved.values["translations"]["fr"] == {
        "title": TYPED["fr"],
        "description": "Plans drawn up with residents' associations.",
    }
    assert saved.values["translations"]["zh"]["title"] == TYPED["zh"]
