"""Excel workbooks: import by key or localized header, every invalid cell named, export, template round trip."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from habitat_desktop.services import activities
from tests.spreadsheet_support import sheet_values, write_sheet


def _records(workspace: Path) -> list[dict[str, object]]:
    return sorted(activities.iter_records(workspace), key=lambda r: str(r["title"]))


def test_french_headers_labels_real_dates_and_lists_are_imported(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    book = write_sheet(
        tmp_path / "plan.xlsx",
        ["Titre", "Résolutions", "Résultats", "Statut", "Date de début", "Date de fin", "Pays", "Partenaires"],
        [
            [
                "=Atelier urbain",
                "2/7; HSP/HA.2/Res.2",
                "1; 3",
                "En cours",
                dt.date(2026, 1, 5),
                "2026-06-30",
                "KE",
                "A; B",
            ],
            ["Plan", '["2/1"]', 4, "Achevée", dt.datetime(2025, 3, 1), None, "ke", None],
        ],
        title="Plan de travail",
    )
    outcome = run_cli("activities", "import", workspace_path, book)
    assert outcome.code == 0, outcome.err
    assert "2 added" in outcome.out
    first, second = _records(workspace_path)
    assert first["title"] == "=Atelier urbain"
    assert first["resolutions"] == ["2/2", "2/7"] and first["outcomes"] == [1, 3]
    assert first["status"] == "ongoing" and first["start_date"] == "2026-01-05" and first["end_date"] == "2026-06-30"
    assert first["partners"] == ["A", "B"]
    assert second["status"] == "completed" and second["start_date"] == "2025-03-01" and second["outcomes"] == [4]


def test_arabic_headers_and_status_labels_are_read(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    book = write_sheet(
        tmp_path / "ar.xlsx",
        ["العنوان", "القرارات", "النتائج", "الحالة"],
        [["حلقة عمل", "2/7", 2, "مخطط له"]],
    )
    outcome = run_cli("activities", "import", workspace_path, book)
    assert outcome.code == 0, outcome.err
    (record,) = _records(workspace_path)
    assert record["title"] == "حلقة عمل" and record["status"] == "planned" and record["outcomes"] == [2]


def test_lists_typed_on_arabic_and_chinese_keyboards_are_read(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    book = write_sheet(
        tmp_path / "lists.xlsx",
        ["العنوان", "القرارات", "النتائج", "الشركاء"],
        [
            ["حلقة عمل", "2/7؛ 2/2", "1، 3", "بلدية نيروبي، المقاطعة؛ UN-Habitat"],
            ["住房讲习班", "2/7；2/2", "1，3、4", "内罗毕市；UN-Habitat"],
        ],
    )
    outcome = run_cli("activities", "import", workspace_path, book)
    assert outcome.code == 0, outcome.err
    by_title = {record["title"]: record for record in _records(workspace_path)}
    arabic, chinese = by_title["حلقة عمل"], by_title["住房讲习班"]
    assert arabic["resolutions"] == ["2/2", "2/7"] and arabic["outcomes"] == [1, 3]
    assert arabic["partners"] == ["بلدية نيروبي، المقاطعة", "UN-Habitat"]  # a comma inside a name stays
    assert chinese["resolutions"] == ["2/2", "2/7"] and chinese["outcomes"] == [1, 3, 4]
    assert chinese["partners"] == ["内罗毕市", "UN-Habitat"]


def test_every_invalid_cell_is_named_and_nothing_is_imported(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    book = write_sheet(
        tmp_path / "bad.xlsx",
        ["title", "resolutions", "outcomes", "status", "start_date", "end_date", "colour"],
        [
            ["Good", "2/7", 1, "planned", None, None, None],
            ["Bad", "9/9", 7, "Nope", "tomorrow", None, None],
            ["Dates", "2/7", 1, "planned", dt.date(2026, 5, 1), dt.date(2026, 1, 1), None],
            ["Excel date", dt.datetime(2026, 2, 7), 1, "planned", None, None, None],
        ],
        title="Plan",
    )
    outcome = run_cli("activities", "import", workspace_path, book)
    assert outcome.code != 0
    for where in [
        "sheet Plan, row 1, column G (—): unknown column",
        "sheet Plan, row 3, column B (Resolutions): unknown value “9/9”",
        "sheet Plan, row 3, column C (Outcomes)",
        "sheet Plan, row 3, column D (Status)",
        "sheet Plan, row 3, column E (Start date)",
        "sheet Plan, row 4, column F (End date)",
        "sheet Plan, row 5, column B (Resolutions): Excel read this cell as a date",
    ]:
        assert where in outcome.err, outcome.err
    assert "7 invalid cells; nothing was imported" in outcome.err
    assert _records(workspace_path) == []


def test_export_has_localized_headers_real_dates_and_no_formulas(demo_path: Path, tmp_path: Path, run_cli) -> None:
    records = list(activities.iter_records(demo_path))
    target = tmp_path / "export.xlsx"
    outcome = run_cli("activities", "export", demo_path, "-o", target, "--lang", "ar")
    assert outcome.code == 0, outcome.err
    book = openpyxl.load_workbook(target)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == ["المعرِّف", "المكتب", "القرارات", "النتائج", "العنوان"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:U{len(records) + 1}"
    assert sheet.sheet_view.rightToLeft
    assert sheet.column_dimensions["E"].width > sheet.column_dimensions["B"].width
    start = header.index("تاريخ البدء") + 1
    dated = [row[start - 1] for row in sheet.iter_rows(min_row=2) if row[start - 1].value is not None]
    assert dated and all(isinstance(cell.value, dt.datetime) and cell.is_date for cell in dated)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_text_starting_with_equals_is_stored_as_text(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    write_sheet(tmp_path / "in.xlsx", ["title", "resolutions", "outcomes"], [['=HYPERLINK("http://x","y")', "2/7", 1]])
    assert run_cli("activities", "import", workspace_path, tmp_path / "in.xlsx").code == 0
    assert run_cli("activities", "export", workspace_path, "-o", tmp_path / "out.xlsx").code == 0
    cell = openpyxl.load_workbook(tmp_path / "out.xlsx").worksheets[0]["E2"]
    assert cell.value == '=HYPERLINK("http://x","y")' and cell.data_type == "s"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_template_filled_imported_exported_is_equal(
    workspace_path: Path, tmp_path: Path, run_cli, language: str
) -> None:
    template = tmp_path / "template.xlsx"
    assert run_cli("activities", "template", workspace_path, "--lang", language, "-o", template).code == 0
    book = openpyxl.load_workbook(template)
    sheet, lists = book.worksheets
    assert lists.sheet_state == "hidden"
    header = [cell.value for cell in sheet[1]]
    validations = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    status_column = openpyxl.utils.get_column_letter(header.index(sheet_values(template)[0][6]) + 1)
    assert set(validations) == {"C2", "D2", "G2", "J2", "N2"} and status_column == "G"
    statuses = [row[0] for row in lists.iter_rows(min_row=2, values_only=True) if row[0]]
    resolutions = [row[1] for row in lists.iter_rows(min_row=2, values_only=True) if row[1]]
    countries = [row[3] for row in lists.iter_rows(min_row=2, values_only=True) if row[3]]
    assert len(statuses) == 5 and "2/7" in resolutions and "KE" in countries
    filled = {
        "title": '=Plan "urbain" ; 1',
        "resolutions": "2/2; 2/7",
        "outcomes": "1; 5",
        "status": statuses[2],
        "start_date": dt.datetime(2026, 1, 5),
        "end_date": dt.datetime(2026, 12, 31),
        "country": "KE",
        "city": "Nakuru",
        "partners": "County of Nakuru; UNEP",
        "description": "Deux lignes\nseconde",
    }
    keys = ["id", "office", "resolutions", "outcomes", "title", "description", "status", "start_date", "end_date"]
    keys += ["country", "city", "partners"]
    for name, value in filled.items():
        cell = sheet.cell(row=2, column=keys.index(name) + 1, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
    book.save(tmp_path / "filled.xlsx")
    imported = run_cli("activities", "import", workspace_path, tmp_path / "filled.xlsx")
    assert imported.code == 0, imported.err
    exported = tmp_path / "exported.xlsx"
    assert run_cli("activities", "export", workspace_path, "-o", exported, "--lang", language).code == 0
    header_out, row_out = sheet_values(exported)
    assert header_out[: len(header)] == tuple(header)
    assert {name: row_out[keys.index(name)] for name in filled} == filled
    again = run_cli("activities", "import", workspace_path, exported)
    assert again.code == 0 and "1 unchanged" in again.out, again.err


def _libreoffice_xlsx(csv_file: Path, column_formats: str) -> Path:
    """Convert a UTF-8 CSV to .xlsx with LibreOffice, headless, in a private profile."""
    out = csv_file.parent / column_formats.replace("/", "-")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(csv_file.parent / 'profile').as_uri()}",  # no clash with a running LibreOffice
            "--headless",
            f"--infilter=CSV:44,34,76,1,{column_formats}",  # comma, double quote, UTF-8 (76), line 1, column types
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(csv_file),
        ],
        check=True,
        timeout=120,
        capture_output=True,
    )
    return out / "plan.xlsx"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_workbook_written_by_libreoffice_is_imported(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    csv_file = tmp_path / "plan.csv"
    csv_file.write_text("Titre,Résolutions,Résultats,Date de début\nAtelier,2/7,2,2026-01-05\n", encoding="utf-8")
    # As a person types it: LibreOffice reads "2/7" as 7 February, and the import says so instead of guessing.
    misread = run_cli("activities", "import", workspace_path, _libreoffice_xlsx(csv_file, "1/1"))
    assert misread.code == 1
    assert "row 2, column B" in misread.err and "as a date" in misread.err
    assert _records(workspace_path) == []
    # The column formatted as text, as the message asks: the workbook imports.
    outcome = run_cli("activities", "import", workspace_path, _libreoffice_xlsx(csv_file, "2/2"))
    assert outcome.code == 0, outcome.err
    (record,) = _records(workspace_path)
    assert record["title"] == "Atelier" and record["start_date"] == "2026-01-05"
