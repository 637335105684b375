"""Workbooks for the spreadsheet tests, written by openpyxl as an office would fill them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import openpyxl


def write_sheet(path: Path, header: Sequence[object], rows: Sequence[Sequence[object]], title: str = "Sheet1") -> Path:
    """A workbook whose first sheet holds a header row and rows (text cells stay text, even when they start with =)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for row_cells in sheet.iter_rows():
        for cell in row_cells:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    book.save(path)
    return path


def sheet_values(path: Path) -> list[tuple[object, ...]]:
    """The values of a workbook's first sheet, header row first."""
    book = openpyxl.load_workbook(path)
    try:
        return [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
