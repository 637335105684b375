"""A workbook read whole by calamine gives the import what openpyxl's streaming reader gives: the same layout and,
row by row, the same cells, values and invalid cells (a larger sheet goes to openpyxl, so both must agree)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.exchange import calamine_reading, spreadsheet_reading
from tests.spreadsheet_support import write_sheet

HEADER = ["Title", "Resolutions", "Outcomes", "Status", "Start date", "End date", "Partners", "Description"]


def _read(book: Path, monkeypatch: pytest.MonkeyPatch, whole: bool) -> tuple[Any, list[Any]]:
    monkeypatch.setattr(calamine_reading, "IN_MEMORY_UP_TO", 10**12 if whole else -1)
    try:
        with spreadsheet_reading.open_sheet(book) as (layout, rows):
            return layout, list(rows)
    except ValidationError as error:
        return "refused", [str(error)]
    finally:
        monkeypatch.undo()


def _placed(path: Path, header_row: int, cells: dict[tuple[int, int], object]) -> Path:
    """A workbook whose headers start at column C of ``header_row``, with ``cells`` at (row, column)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for index, value in enumerate(HEADER[:4]):
        sheet.cell(row=header_row, column=3 + index, value=value)
    for (row, column), value in cells.items():
        sheet.cell(row=row, column=column, value=value)
    book.save(path)
    return path


def _books(folder: Path) -> dict[str, Path]:
    rows = [
        ["Land tenure workshop", "2/7; 2/2", 1, "Ongoing", dt.date(2026, 1, 5), dt.datetime(2026, 3, 1, 9, 30), "UNEP"],
        ["Housing profile", dt.date(2026, 2, 7), 2.0, "Planned", "2026-02-30", None, "", "  spaced  "],
        ["Arabic title تدريب", "2/2", 3.5, "planned", 45000, "soon", "شريك; Partner", True],
        ["=1+1", "9/9", "7", "Nope", "", dt.time(9, 30), None, 10**16],
    ]
    books = {"values of every kind": write_sheet(folder / "kinds.xlsx", HEADER, rows, title="Plan")}
    # refused alike: no headers in row 1
    books["a sheet that starts at C3"] = _placed(
        folder / "shifted.xlsx", 3, {(4, 3): "Workshop", (4, 4): "2/7", (4, 5): 1, (6, 4): "2/2"}
    )
    books["a sheet that starts at C1"] = _placed(
        folder / "right.xlsx", 1, {(3, 3): "Workshop", (3, 4): "2/7", (3, 5): 1, (4, 6): "Bogus"}
    )
    hidden = openpyxl.Workbook()
    hidden.active.title = "Old"
    hidden.active.sheet_state = "hidden"
    hidden.active.append(["nothing"])
    visible = hidden.create_sheet("Current")
    visible.append(HEADER[:3])
    visible.append(["Profile", "2/7", 1])
    hidden.save(folder / "hidden.xlsx")
    books["a hidden first sheet"] = folder / "hidden.xlsx"
    wide = write_sheet(folder / "wide.xlsx", [*HEADER, *[f"extra {n}" for n in range(80)]], [["A", "2/7", 1] * 30])
    books["a row wider than the columns read"] = wide
    errors = write_sheet(
        folder / "errors.xlsx",
        HEADER[:4],
        [["Workshop", "2/7", 1, "#N/A"], ["#DIV/0!"], ["Profile", "2/2", 2, "Planned"]],
    )
    books["error values (a failed lookup)"] = errors
    books["escaped characters"] = write_sheet(
        folder / "escaped.xlsx",
        HEADER,
        [["Title_x0009_tab", "2/7", 1, "Planned", None, None, "A_x005F_x0041_", "Line one_x000D__x000A_line two"]],
    )
    return books


@pytest.mark.parametrize(
    "case",
    [
        "values of every kind",
        "a sheet that starts at C3",
        "a sheet that starts at C1",
        "a hidden first sheet",
        "a row wider than the columns read",
        "error values (a failed lookup)",
        "escaped characters",
    ],
)
def test_calamine_reads_what_openpyxl_reads(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = _books(tmp_path)[case]
    whole = _read(book, monkeypatch, whole=True)
    streamed = _read(book, monkeypatch, whole=False)
    assert repr(whole) == repr(streamed)  # types too: 1 and 1.0 are equal, but not the same cell
    assert whole[1], "the sheet has rows to compare"


def test_a_sheet_larger_than_the_bound_is_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the bound is what keeps memory flat: past it, calamine (which holds the whole sheet) is not used
    book = _books(tmp_path)["values of every kind"]
    monkeypatch.setattr(calamine_reading, "IN_MEMORY_UP_TO", -1)
    monkeypatch.setattr(calamine_reading, "first_visible_sheet", None)  # would fail if called
    with spreadsheet_reading.open_sheet(book) as (layout, rows):
        assert layout.sheet == "Plan" and len(list(rows)) == 4


def test_an_error_value_is_refused_not_read_as_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # calamine reads #N/A as an empty cell: the status would default to "planned" without a word
    _layout, rows = _read(_books(tmp_path)["error values (a failed lookup)"], monkeypatch, whole=True)
    assert [row.record.get("title") for row in rows] == ["Workshop", "#DIV/0!", "Profile"]
    assert "#N/A" in rows[0].problems[0].reason


def test_escaped_characters_are_read_as_the_characters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _layout, rows = _read(_books(tmp_path)["escaped characters"], monkeypatch, whole=False)
    assert rows[0].record["description"] == "Line one\r\nline two"
    assert rows[0].record["partners"] == ["A_x0041_"]  # an escaped underscore leaves the rest as typed
