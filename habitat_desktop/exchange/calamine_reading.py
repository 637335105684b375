"""A workbook's first visible worksheet read with calamine (Rust, python-calamine): about 20 times faster than
openpyxl's streaming reader (10,000 rows: 0.1 s against 2.5 s, bench/README.md), but it holds the whole sheet in
memory (its cells; each row becomes Python values only when read), so ``spreadsheet_reading`` uses it only for
worksheets that unpack to at most ``IN_MEMORY_UP_TO`` bytes.

The rows are given as openpyxl gives them (``values_only``), so the rest of the reading is one: an empty cell is
None, a whole number an ``int``, a date a ``datetime`` at midnight, and the sheet's cells keep their places (a
sheet whose used range starts right of column A gets the empty cells before it)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

IN_MEMORY_UP_TO = 96 * 1024 * 1024
"""Bytes of worksheet XML up to which a workbook is read whole by calamine: a sheet of 100,000 activities with a
paragraph of description each unpacks to 78 MiB and takes 116 MiB more memory to read (1.5 s; openpyxl streams it
in minutes), so at most about 150 MiB; a larger sheet is streamed by openpyxl."""


_ERROR_CELL = re.compile(rb"""<c\b[^>]*\bt=["']e["']""")
"""A cell holding an error (#N/A, #DIV/0!…): calamine reads it as empty, openpyxl as its text, which the import
refuses; a workbook with one is left to openpyxl."""
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
"""A character a workbook's XML text escapes (``_x000D_`` for a carriage return): calamine reads it unescaped."""


def has_error_cells(path: Path) -> bool:
    """Whether a cell of the workbook's worksheets holds an error value (read in blocks: memory stays flat)."""
    with zipfile.ZipFile(path) as archive:
        for part in archive.infolist():
            if not part.filename.lower().startswith("xl/worksheets/"):
                continue
            with archive.open(part) as stream:
                carried = b""
                while block := stream.read(1024 * 1024):
                    if _ERROR_CELL.search(carried + block):
                        return True
                    carried = block[-256:]  # a cell's start tag cut by the block's end
    return False


def unescaped(text: str) -> str:
    """A workbook's text with its ``_xHHHH_`` escapes read as the characters they stand for (as calamine reads
    them, and as Excel means them; openpyxl's streaming reader leaves them)."""
    return _ESCAPED.sub(lambda escape: chr(int(escape[1], 16)), text) if "_x" in text else text


class UnreadableWorkbookError(Exception):
    """Calamine could not read the workbook (its message says why)."""


def first_visible_sheet(path: Path, max_columns: int) -> tuple[str, Iterator[tuple[object, ...]]] | None:
    """The title and rows of the workbook's first visible worksheet, or None when it has none (a chart sheet)."""
    import python_calamine as calamine  # imported here: only spreadsheet work pays for it

    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
        found = next(
            (
                sheet.name
                for sheet in book.sheets_metadata
                if sheet.typ == calamine.SheetTypeEnum.WorkSheet and sheet.visible == calamine.SheetVisibleEnum.Visible
            ),
            None,
        )
        if found is None:
            return None
        sheet = book.get_sheet_by_name(found)
        rows = sheet.iter_rows()  # each row made a Python tuple when it is read
        start = sheet.start
    except Exception as error:  # calamine raises its own kinds (zip, XML, cell errors) on a malformed workbook
        raise UnreadableWorkbookError(str(error)[:200] or type(error).__name__) from None
    return found, _as_openpyxl_gives(rows, start, max_columns)


def _as_openpyxl_gives(
    rows: Iterator[Sequence[object]], start: tuple[int, int] | None, max_columns: int
) -> Iterator[tuple[object, ...]]:
    """The rows from column A, as openpyxl reads them: calamine's rows start at row 1 but at the used range's first
    column (tests/test_calamine_reading.py holds the two readers equal on sheets that start below and right)."""
    before = (None,) * (start or (0, 0))[1]
    for row in rows:
        yield (before + tuple(_cell(value) for value in row))[:max_columns]


def _cell(value: object) -> object:
    if isinstance(value, str):
        return value or None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if type(value) is dt.date:  # openpyxl gives a date cell as a time at midnight
        return dt.datetime.combine(value, dt.time())
    return value
