"""File ▸ Import activities… with an Excel workbook, in English and Arabic, driven as a person drives it:
choose the file, map an unknown column, check, see each invalid cell marked and explained, cancel (nothing is
stored), fix the workbook, import it again (the mapping is remembered) and find the activities in the table."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QBrush

from habitat_desktop.services import activities, workspaces
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.import_wizard import INVALID, MARK
from habitat_desktop.ui.main import Shell
from habitat_desktop.ui.main_window import DISCARD
from tests.journey_support import Modals, back_to, button, choose_file, click, menu_action, trigger, use_language
from tests.spreadsheet_support import write_sheet

pytestmark = pytest.mark.gui

HEADER = ["Name", "Résolutions", "Résultats", "Statut", "Date de début"]


@pytest.fixture
def office(qapp, tmp_path: Path):
    path = tmp_path / "kenya.habitat"
    workspaces.create_workspace(path, office="KEN", office_name="UN-Habitat Kenya", country="KE").close()
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    yield shell, path
    if shell.window is not None:
        shell.window.ask_unsaved = lambda: DISCARD
        shell.window.close()
    use_language(qapp, "en")


def _choose_field(qtbot, box, field: str) -> None:
    """Pick a field in a column's drop-down with the keyboard, as a person does."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    for _step in range(box.count()):
        if box.currentData() == field:
            return
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentData() == field


def _open_wizard(qtbot, window, book: Path):
    modals = Modals(qtbot).expect(lambda dialog: choose_file(qtbot, dialog, book))
    trigger(menu_action(window, window.importing.action.text()))
    modals.done()
    qtbot.waitUntil(lambda: window.importing.wizard is not None and window.importing.wizard.isVisible(), timeout=15000)
    wizard = window.importing.wizard
    window.importing.wizard = None  # the next opening is seen as new
    return wizard


@pytest.mark.parametrize("language", ["en", "ar"])
def test_map_preview_errors_cancel_fix_and_import(language, office, qapp, qtbot, tmp_path: Path) -> None:
    shell, path = office
    use_language(qapp, language)
    window = shell.show_workspace(workspaces.open_workspace(path))
    qtbot.waitExposed(window)
    book = write_sheet(
        tmp_path / "plan.xlsx",
        HEADER,
        [
            ["Land tenure workshop", "2/7", 1, "En cours", dt.date(2026, 1, 5)],
            ["Housing profile", "9/9", 1, "Prévue", "soon"],
        ],
        title="Plan",
    )
    wizard = _open_wizard(qtbot, window, book)
    assert wizard.fields() == [None, "resolutions", "outcomes", "status", "start_date"]  # French labels understood
    _choose_field(qtbot, wizard.field_boxes[0], "title")
    click(qtbot, wizard.check_button)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1, timeout=15000)

    lines = [wizard.problems.item(row).text() for row in range(wizard.problems.count())]
    assert len(lines) == 2, lines
    assert "Plan" in lines[0] and "B" in lines[0] and "3" in lines[0] and "9/9" in lines[0]
    assert "E" in lines[1] and "soon" in lines[1]
    for row, column in ((1, 1), (1, 4)):
        cell = wizard.preview.item(row, column)
        assert cell.text().startswith(MARK) and cell.background() == QBrush(INVALID) and cell.toolTip()
    assert not wizard.preview.item(0, 1).text().startswith(MARK)
    assert not wizard.import_button.isEnabled()
    click(qtbot, button(wizard, wizard.buttons.StandardButton.Cancel))
    assert list(activities.iter_records(path)) == []
    back_to(qtbot, qapp, window)

    # The office fixes the workbook; the mapping of "Name" is remembered for this layout.
    write_sheet(
        book,
        HEADER,
        [
            ["Land tenure workshop", "2/7", 1, "En cours", dt.date(2026, 1, 5)],
            ["Housing profile", "2/2", 1, "Prévue", "2026-03-01"],
        ],
        title="Plan",
    )
    wizard = _open_wizard(qtbot, window, book)
    assert wizard.fields()[0] == "title"
    click(qtbot, wizard.check_button)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1, timeout=15000)
    assert wizard.problems.count() == 0
    click(qtbot, wizard.import_button)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=15000)
    titles = sorted(r["title"] for r in activities.iter_records(path))
    assert titles == ["Housing profile", "Land tenure workshop"]
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert "plan.xlsx" in window.statusBar().currentMessage()
