"""File ▸ Import activities… with an Excel workbook (in English and Arabic) or a CSV file, driven as a person drives
it: choose the file, map an unknown column, check, see each invalid cell marked and explained, cancel (nothing is
stored), fix the file, import it again (the mapping is remembered) and find the activities in the table. The summary
names the kind of file to fix; an unknown status names the labels of the sheet's language; in the Arabic window a
cell of symbols, dates or Latin text keeps its own direction (the values imported are the cells' own)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QBrush

from habitat_desktop.services import activities, workspaces
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.bidi import FSI, PDI
from habitat_desktop.ui.import_wizard import INVALID, MARK
from habitat_desktop.ui.main import Shell
from habitat_desktop.ui.main_window import DISCARD
from tests.journey_support import (
    Modals,
    back_to,
    button,
    choose_file,
    click,
    click_row,
    menu_action,
    trigger,
    use_language,
)
from tests.spreadsheet_support import write_sheet
from tests.test_gui_bidi_numbers import _drawn_left_to_right

pytestmark = pytest.mark.gui


def _shown(item) -> str:
    """A preview cell's or problem's text as a person reads it: without the direction isolates in it."""
    return item.text().replace(FSI, "").replace(PDI, "")


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
            ["Land tenure workshop", "2/7; 2/2", 1, "En cours", dt.date(2026, 1, 5)],
            ["Housing profile", "9/9", 1, "Prévue", "2026-02-30"],
        ],
        title="Plan",
    )
    wizard = _open_wizard(qtbot, window, book)
    assert wizard.fields() == [None, "resolutions", "outcomes", "status", "start_date"]  # French labels understood
    headings = {wizard.mapping.horizontalHeaderItem(i).text() for i in range(wizard.mapping.columnCount())}
    offered = {box.itemText(i) for box in wizard.field_boxes for i in range(box.count())}
    assert not headings & offered, headings & offered  # the "Header" column is not read as the field "Title"
    _choose_field(qtbot, wizard.field_boxes[0], "title")
    click(qtbot, wizard.check_button)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1, timeout=15000)

    lines = [wizard.problems.item(row).text() for row in range(wizard.problems.count())]
    assert len(lines) == 2, lines
    assert "Plan" in lines[0] and "B" in lines[0] and "3" in lines[0] and "9/9" in lines[0]
    assert "E" in lines[1] and "2026-02-30" in lines[1]
    # the quoted date reads in its own order after Arabic words (it was drawn as 30-02-2026)
    assert _drawn_left_to_right(lines[1], wizard.problems.font(), ("2026", "30"))
    for row, column in ((1, 1), (1, 4)):
        cell = wizard.preview.item(row, column)
        assert cell.text().startswith(MARK) and cell.background() == QBrush(INVALID) and cell.toolTip()
    assert not wizard.preview.item(0, 1).text().startswith(MARK)
    assert not wizard.import_button.isEnabled()
    summary = wizard.summary.text()
    if language == "ar":
        assert summary.startswith("قُرئ صفان.\nخليتان غير صالحتين مُعلَّمتان أدناه.") and "المصنف" in summary
    else:
        assert summary.startswith("2 rows read.\n2 invalid cells are marked below. Fix them in the workbook")
    # Symbols and dates read left to right even in the Arabic window (isolated in what is shown, nothing else).
    symbols = wizard.preview.item(0, 1)
    assert symbols.text() == f"{FSI}2/7; 2/2{PDI}" and _shown(wizard.preview.item(0, 4)) == "2026-01-05"
    assert _drawn_left_to_right(symbols.text(), wizard.preview.font(), ("2/7", "2/2"))
    click(qtbot, button(wizard, wizard.buttons.StandardButton.Cancel))
    assert list(activities.iter_records(path)) == []
    back_to(qtbot, qapp, window)

    # The office fixes the workbook; the mapping of "Name" is remembered for this layout.
    write_sheet(
        book,
        HEADER,
        [
            ["Land tenure workshop", "2/7; 2/2", 1, "En cours", dt.date(2026, 1, 5)],
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
    records = sorted(activities.iter_records(path), key=lambda record: record["title"])
    assert [(r["title"], r["resolutions"], r["start_date"]) for r in records] == [
        ("Housing profile", ["2/2"], "2026-03-01"),
        ("Land tenure workshop", ["2/2", "2/7"], "2026-01-05"),
    ]
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert "plan.xlsx" in window.statusBar().currentMessage()


def test_a_csv_file_goes_through_the_same_mapping_and_preview(office, qapp, qtbot, tmp_path: Path) -> None:
    """A French office's CSV (`;`, a byte order mark, CR LF, its status column headed "État" as people write it): a bad
    date and an unknown status are listed and marked (the status with the French labels), the summary says to fix the
    CSV file, nothing is stored; fixed in the file, it imports with the mapping chosen the first time."""
    shell, path = office
    window = shell.show_workspace(workspaces.open_workspace(path))
    qtbot.waitExposed(window)
    sheet = tmp_path / "plan.csv"
    sheet.write_bytes(
        (
            "Nom;Résolutions;Résultats;État;Début\r\n"
            '"Atelier; foncier";"2/7; 2/2";1;Lancée;2026-01-05\r\n'
            "Profil;2/2;1;Prévue;2026-02-30\r\n"
        ).encode("utf-8-sig")
    )
    wizard = _open_wizard(qtbot, window, sheet)
    assert wizard.fields() == [None, "resolutions", "outcomes", "status", "start_date"]
    _choose_field(qtbot, wizard.field_boxes[0], "title")
    click(qtbot, wizard.check_button)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1, timeout=15000)
    lines = [_shown(wizard.problems.item(row)) for row in range(wizard.problems.count())]  # as read
    assert len(lines) == 2, lines
    assert lines[0] == (
        "row 2, column D (Status): unknown value “Lancée”; expected “Prévue”, “En cours”, “Achevée”, "
        "“Au point mort” or “Annulée”"
    )
    assert "row 3" in lines[1] and "column E" in lines[1] and "2026-02-30" in lines[1], lines
    cell = wizard.preview.item(1, 4)
    assert _shown(cell) == MARK + "2026-02-30" and cell.background() == QBrush(INVALID) and cell.toolTip()
    assert _shown(wizard.preview.item(0, 1)) == "2/7; 2/2"
    assert wizard.summary.text() == (
        "2 rows read.\n2 invalid cells are marked below. Fix them in the CSV file and check again: nothing is "
        "imported while a cell is invalid."
    )
    assert not wizard.import_button.isEnabled()
    click(qtbot, button(wizard, wizard.buttons.StandardButton.Cancel))
    assert list(activities.iter_records(path)) == []
    back_to(qtbot, qapp, window)

    sheet.write_bytes(sheet.read_bytes().replace(b"2026-02-30", b"2026-02-28").replace("Lancée".encode(), b"En cours"))
    wizard = _open_wizard(qtbot, window, sheet)
    assert wizard.fields()[0] == "title"  # remembered for this layout
    click(qtbot, wizard.check_button)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 1, timeout=15000)
    assert wizard.problems.count() == 0
    click(qtbot, wizard.import_button)
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=15000)
    records = sorted(activities.iter_records(path), key=lambda record: record["title"])
    assert [(r["title"], r["resolutions"], r["status"]) for r in records] == [
        ("Atelier; foncier", ["2/2", "2/7"], "ongoing"),
        ("Profil", ["2/2"], "planned"),
    ]
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert "plan.csv" in window.statusBar().currentMessage()


def test_a_json_lines_import_keeps_the_open_activity_selected(office, qapp, qtbot, tmp_path: Path) -> None:
    """An office imports a JSON-lines file through the menu while an activity is open in the form: the new
    activities appear, and the row of the open activity stays selected (the table no longer shows no selection
    beside a form that still shows an activity)."""
    shell, path = office
    first = tmp_path / "first.jsonl"
    first.write_text('{"title": "Land tenure workshop", "resolutions": ["2/7"], "outcomes": [1]}\n', encoding="utf-8")
    activities.import_activities(path, first)
    window = shell.show_workspace(workspaces.open_workspace(path))
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    click_row(qtbot, window.table, 0)
    shown = window.editor.activity_id()
    assert shown is not None
    more = tmp_path / "more.jsonl"
    more.write_text(
        '{"title": "Housing profile", "resolutions": ["2/2"], "outcomes": [2]}\n'
        '{"title": "Basic services survey", "resolutions": ["2/7"], "outcomes": [3]}\n',
        encoding="utf-8",
    )
    modals = Modals(qtbot).expect(lambda dialog: choose_file(qtbot, dialog, more))
    trigger(menu_action(window, window.importing.action.text()))
    modals.done()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=15000)
    assert "more.jsonl" in window.statusBar().currentMessage()
    selected = [window.model.activity_id(index.row()) for index in window.table.selectionModel().selectedRows()]
    assert window.editor.activity_id() == shown and selected == [shown]
