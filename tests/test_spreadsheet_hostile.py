"""Hostile .xlsx files are refused with a clear reason before anything is stored."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from habitat_desktop.exchange import spreadsheet_reading, spreadsheet_safety
from habitat_desktop.services import activities
from tests.spreadsheet_support import write_sheet

HEADER = ["title", "resolutions", "outcomes"]


def _good(tmp_path: Path, name: str = "good.xlsx") -> Path:
    return write_sheet(tmp_path / name, HEADER, [["Workshop", "2/7", 1]])


def _with_part(source: Path, target: Path, part: str, data: bytes, replace: bool = False) -> Path:
    """A copy of a workbook with one part added (or replaced)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            if not (replace and item.filename == part):
                new.writestr(item, old.read(item))
        new.writestr(part, data)
    return target


def _refused(run_cli, workspace: Path, book: Path, words: str) -> None:
    outcome = run_cli("activities", "import", workspace, book)
    assert outcome.code != 0
    assert words in outcome.err, outcome.err
    assert "Traceback" not in outcome.err
    assert list(activities.iter_records(workspace)) == []


def test_the_good_workbook_these_are_made_from_is_imported(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    assert run_cli("activities", "import", workspace_path, _good(tmp_path)).code == 0


def test_a_zip_bomb_is_refused_from_its_directory(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    bomb = _with_part(_good(tmp_path), tmp_path / "bomb.xlsx", "xl/media/zeros.xml", b"\0" * (8 * 1024 * 1024))
    _refused(run_cli, workspace_path, bomb, "compressed suspiciously well")


def test_a_workbook_unpacking_past_the_limit_is_refused(
    workspace_path: Path, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheet_safety, "MAX_UNPACKED_BYTES", 1024 * 1024)
    noise = _with_part(_good(tmp_path), tmp_path / "big.xlsx", "xl/media/noise.bin", os.urandom(1024 * 1024))
    _refused(run_cli, workspace_path, noise, "unpacks to more than 1 MiB")


def test_a_sheet_past_the_row_limit_is_refused_as_it_streams(
    workspace_path: Path, tmp_path: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spreadsheet_reading, "MAX_ROWS", 50)
    book = write_sheet(tmp_path / "long.xlsx", HEADER, [[f"Row {n}", "2/7", 1] for n in range(51)])
    _refused(run_cli, workspace_path, book, "the sheet holds more than 50 rows")
    exactly = write_sheet(tmp_path / "fifty.xlsx", HEADER, [[f"Row {n}", "2/7", 1] for n in range(50)])
    assert run_cli("activities", "import", workspace_path, exactly).code == 0


def test_the_documented_row_limit() -> None:
    assert spreadsheet_reading.MAX_ROWS == 100_000


def test_external_links_are_refused(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    link = b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
    book = _with_part(_good(tmp_path), tmp_path / "linked.xlsx", "xl/externalLinks/externalLink1.xml", link)
    _refused(run_cli, workspace_path, book, "the workbook links to other files")


def test_macro_workbooks_are_refused_by_name_and_by_content(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    xlsm = shutil.copy(_good(tmp_path), tmp_path / "macros.xlsm")
    _refused(run_cli, workspace_path, Path(xlsm), "a macro-enabled workbook is refused; save it as .xlsx")
    hidden = _with_part(_good(tmp_path), tmp_path / "hidden.xlsx", "xl/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    _refused(run_cli, workspace_path, hidden, "a macro-enabled workbook is refused")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_xml_entities_are_refused(workspace_path: Path, tmp_path: Path, run_cli, encoding: str) -> None:
    good = _good(tmp_path)
    with zipfile.ZipFile(good) as archive:
        strings = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    laughs = '<!DOCTYPE w [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    hostile = strings.replace("<worksheet", laughs + "<worksheet", 1).replace("Workshop", "&b;")
    hostile = hostile.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    book = _with_part(good, tmp_path / "entities.xlsx", "xl/worksheets/sheet1.xml", hostile.encode(encoding), True)
    _refused(run_cli, workspace_path, book, "declares XML entities or a document type")


def test_xml_is_parsed_through_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML


def test_a_workbook_whose_only_sheet_is_a_chart_is_refused(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    book = openpyxl.Workbook()
    data = book.active
    assert data is not None
    data.append([1])
    data.append([2])
    chart = openpyxl.chart.BarChart()
    chart.add_data(openpyxl.chart.Reference(data, min_col=1, min_row=1, max_row=2))
    book.create_chartsheet("Chart").add_chart(chart)
    data.sheet_state = "hidden"
    book.active = 1
    book.save(tmp_path / "chart.xlsx")
    _refused(run_cli, workspace_path, tmp_path / "chart.xlsx", "the workbook has no worksheet")


def test_files_that_are_not_workbooks_are_refused(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("title,resolutions\nx,2/7\n", encoding="utf-8")
    _refused(run_cli, workspace_path, text, "not an Excel workbook (.xlsx)")
    plain_zip = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("readme.txt", "hello")
    _refused(run_cli, workspace_path, plain_zip, "not an Excel workbook (.xlsx)")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(_good(tmp_path).read_bytes()[:400])
    _refused(run_cli, workspace_path, broken, "not an Excel workbook")


def test_a_sheet_whose_xml_breaks_off_is_refused_cleanly(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    good = write_sheet(tmp_path / "many.xlsx", HEADER, [[f"Row {n}", "2/7", 1] for n in range(200)])
    with zipfile.ZipFile(good) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    book = _with_part(good, tmp_path / "cut.xlsx", "xl/worksheets/sheet1.xml", sheet[: len(sheet) // 2], True)
    _refused(run_cli, workspace_path, book, "not a readable Excel workbook")
