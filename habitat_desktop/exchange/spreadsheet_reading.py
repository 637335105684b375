"""Reading an activity sheet of an .xlsx workbook or a CSV file, streamed: its header, then each row as a record
and its bad cells.

Only the first visible worksheet of a workbook is read. At most MAX_ROWS rows (after the header) and MAX_COLUMNS
columns; a longer sheet is refused as it is streamed, so memory stays bounded whatever the file holds.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from habitat_desktop.domain import activity_fields
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.exchange import calamine_reading
from habitat_desktop.exchange.activity_files import FIELDS, METADATA_FIELDS, parse_json
from habitat_desktop.exchange.column_labels import (
    LABELLED_FIELDS,
    code_of,
    field_for_header,
    sheet_language,
    unknown_choice,
)
from habitat_desktop.exchange.csv_reading import csv_rows, is_csv
from habitat_desktop.exchange.spreadsheet_problems import CellProblem
from habitat_desktop.exchange.spreadsheet_safety import check_workbook_file
from habitat_desktop.l10n import _, ngettext, quoted_value

MAX_ROWS = 100_000
"""The most activity rows one sheet may hold (the header not counted); a longer sheet is refused."""
MAX_COLUMNS = 64
IMPORTED_FIELDS = frozenset(FIELDS)
"""The columns an import reads: the id and every field ``activity_fields`` describes."""
IGNORED_FIELDS = frozenset(METADATA_FIELDS)
_LISTS = activity_fields.LIST_FIELDS
_DATES = activity_fields.DATE_FIELDS
_STRUCTURED = {s.key for s in activity_fields.ACTIVITY_FIELDS if s.kind is activity_fields.FieldKind.TRANSLATIONS}


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class SheetLayout:
    """A sheet's header cells, the field each column is read into (None: the column is ignored), the language the
    headers are written in (None: none recognised) and whether the sheet is a CSV file rather than a workbook."""

    sheet: str
    headers: tuple[str, ...]
    fields: tuple[str | None, ...]
    language: str | None = None
    csv: bool = False

    def problems(self) -> list[CellProblem]:
        """Header cells that name no field, and fields named twice."""
        found: list[CellProblem] = []
        seen: dict[str, str] = {}
        for index, (header, name) in enumerate(zip(self.headers, self.fields, strict=True)):
            letter = column_letter(index)
            if name is None:
                if header and field_for_header(header) is None:
                    found.append(
                        CellProblem(
                            self.sheet,
                            1,
                            letter,
                            None,
                            _("unknown column {header}").format(header=quoted_value(header)),
                        )
                    )
                continue
            if name in seen:
                found.append(
                    CellProblem(
                        self.sheet, 1, letter, name, _("the same field as column {column}").format(column=seen[name])
                    )
                )
            seen[name] = letter
        return found


@dataclass
class SheetRow:
    """One data row: its number, the record read from it, the column of each field, and its bad cells."""

    number: int
    record: dict[str, Any]
    columns: dict[str, str]
    cells: tuple[object, ...]
    problems: list[CellProblem] = field(default_factory=list)


@contextmanager
def open_sheet(
    path: Path, fields: Sequence[str | None] | None = None, aliases: Mapping[str, str] | None = None
) -> Iterator[tuple[SheetLayout, Iterator[SheetRow]]]:
    """The layout of a workbook's (or CSV file's) activity sheet and its rows, streamed; ``fields`` maps columns
    (else headers do). A CSV file is one sheet without a name: its problems name rows and columns only."""
    if is_csv(path):
        with csv_rows(path) as lines:
            yield _sheet("", lines, fields, aliases, path.name, whole_rows=True)  # a CSV file has no sheet name
        return
    size = check_workbook_file(path)
    if size <= calamine_reading.IN_MEMORY_UP_TO and not calamine_reading.has_error_cells(path):  # read whole, fast
        try:
            found = calamine_reading.first_visible_sheet(path, MAX_COLUMNS)
        except calamine_reading.UnreadableWorkbookError as error:
            raise ValidationError(
                "file", _("not a readable Excel workbook ({reason})").format(reason=error), source=path.name
            ) from None
        if found is None:
            raise ValidationError(
                "file", _("the workbook has no worksheet (a chart sheet holds no activities)"), source=path.name
            )
        yield _sheet(found[0], found[1], fields, aliases, path.name)
        return
    import openpyxl  # imported here: only spreadsheet work pays for it; streams a sheet too large to hold

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it does not read
            book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as error:  # openpyxl raises many kinds on a malformed workbook
        raise ValidationError(
            "file",
            _("not a readable Excel workbook ({reason})").format(reason=str(error)[:200] or type(error).__name__),
            source=path.name,
        ) from None
    try:
        sheets = [sheet for sheet in book.worksheets if getattr(sheet, "sheet_state", "visible") == "visible"]
        if not sheets:
            raise ValidationError(
                "file", _("the workbook has no worksheet (a chart sheet holds no activities)"), source=path.name
            )
        sheet = sheets[0]
        rows = _unescaped(_guarded(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), path.name))
        yield _sheet(sheet.title, rows, fields, aliases, path.name)
    finally:
        book.close()


def _sheet(
    title: str,
    rows: Iterator[tuple[object, ...]],
    fields: Sequence[str | None] | None,
    aliases: Mapping[str, str] | None,
    name: str,
    whole_rows: bool = False,
) -> tuple[SheetLayout, Iterator[SheetRow]]:
    """A sheet's layout, read from its first row, and its other rows; ``whole_rows``: cells past the header's
    columns are invalid (a CSV row that has more cells than its header), not ignored."""
    header_row = next(rows, None) or ()
    headers = tuple("" if cell is None else str(cell).strip() for cell in header_row[:MAX_COLUMNS])
    while headers and not headers[-1]:
        headers = headers[:-1]
    if not headers:
        raise ValidationError("file", _("the first row of the sheet holds no column headers"), source=name)
    chosen = tuple(fields) if fields is not None else tuple(field_for_header(h) for h in headers)
    chosen = (chosen + (None,) * len(headers))[: len(headers)]
    layout = SheetLayout(title, headers, chosen, sheet_language(headers), whole_rows)
    return layout, _rows(rows, layout, aliases or {}, name, whole_rows)


def _unescaped(rows: Iterator[tuple[object, ...]]) -> Iterator[tuple[object, ...]]:
    """Rows whose texts have their ``_xHHHH_`` escapes read (``calamine_reading.unescaped``)."""
    unescaped = calamine_reading.unescaped
    for cells in rows:
        yield tuple(unescaped(cell) if isinstance(cell, str) else cell for cell in cells)


def _guarded(rows: Iterator[tuple[object, ...]], name: str) -> Iterator[tuple[object, ...]]:
    """Rows as the streaming parser reads them; a malformed part met on the way is a clean error."""
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except Exception as error:  # the XML parser and openpyxl raise many kinds on a malformed sheet
            raise ValidationError(
                "file",
                _("not a readable Excel workbook ({reason})").format(reason=str(error)[:200] or type(error).__name__),
                source=name,
            ) from None
        yield cells


def read_layout(path: Path) -> SheetLayout:
    """Just the header and the fields it names (for a mapping step)."""
    with open_sheet(path) as (layout, _rows_unused):
        return layout


def _rows(
    rows: Iterator[tuple[object, ...]], layout: SheetLayout, aliases: Mapping[str, str], name: str, whole_rows: bool
) -> Iterator[SheetRow]:
    width = len(layout.headers)
    read = [  # the columns read, with their letter and field, worked out once for the sheet
        (index, column_letter(index), target)
        for index, target in enumerate(layout.fields[:width])
        if target is not None and target not in IGNORED_FIELDS
    ]
    for count, cells in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise ValidationError(
                "file",
                ngettext(
                    "the sheet holds more than {count} row; split it into several files",
                    "the sheet holds more than {count} rows; split it into several files",
                    MAX_ROWS,
                ).format(count=MAX_ROWS),
                source=name,
            )
        extra = whole_rows and any(not _blank(cell) for cell in cells[width:])
        cells = tuple(cells[:width])
        if not extra and all(_blank(cell) for cell in cells):
            continue
        row = SheetRow(count + 1, {}, {}, cells)
        if extra:
            row.problems.append(CellProblem(layout.sheet, row.number, "", None, _("more cells than columns")))
        for index, letter, target in read:
            if index >= len(cells):
                break
            cell = cells[index]
            row.columns[target] = letter
            try:
                row.record[target] = cell_value(target, cell, aliases, layout.language)
            except ValueError as error:
                row.problems.append(CellProblem(layout.sheet, row.number, letter, target, str(error)))
        yield row


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


_KEPT_AS_TYPED = frozenset({"description"})
"""Free text the activity keeps as typed, spaces at its ends included (titles and codes are trimmed)."""


def cell_value(name: str, cell: object, aliases: Mapping[str, str] | None = None, language: str | None = None) -> Any:
    """What a cell means for a field: dates, numbers and lists as the import expects; ValueError if it cannot (an
    unknown status or kind names the labels of the sheet's ``language``, else of the current one)."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if name in _DATES:
        return _date(cell)
    if name in _LISTS:
        return _list(name, cell, aliases or {}, language)
    if name in _STRUCTURED:
        if isinstance(cell, str):
            try:
                return parse_json(cell)
            except ValueError:
                pass
        raise ValueError(_("expected a JSON object keyed by language"))
    if isinstance(cell, dt.datetime | dt.date | dt.time):
        raise ValueError(_("a date where text was expected"))
    if name in _KEPT_AS_TYPED and isinstance(cell, str):
        return cell  # as a JSON line holds it: an export of a description with a space at its end reads back equal
    text = _text(cell)
    if name in LABELLED_FIELDS:
        return _code(name, text, language)
    return text


def _code(name: str, text: str, language: str | None) -> str:
    code = code_of(name, text)
    if code is None:
        raise ValueError(unknown_choice(name, text, language))
    return code


def _text(cell: object) -> str:
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _date(cell: object) -> str:
    if isinstance(cell, dt.datetime):
        if cell.time() != dt.time():
            raise ValueError(_("a date and time; expected a date alone"))
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, str):
        try:
            return dt.date.fromisoformat(cell.strip()).isoformat()
        except ValueError:
            pass
    raise ValueError(_("not a date: {value}; use a date cell or YYYY-MM-DD").format(value=quoted_value(_text(cell))))


_SEMICOLONS = str.maketrans({"\u061b": ";", "\uff1b": ";"})
"""Semicolons as Arabic and Chinese keyboards type them ("2/7؛ 2/2", "2/7；2/2"), read as ";"."""
_COMMAS = str.maketrans({"\u060c": ",", "\uff0c": ",", "\u3001": ","})
"""Commas as Arabic and Chinese keyboards type them ("1، 3", "1，3", "1、3"), read as "," between numbers."""


def _list(name: str, cell: object, aliases: Mapping[str, str], language: str | None) -> list[Any]:
    if isinstance(cell, dt.datetime | dt.date):
        raise ValueError(_("Excel read this cell as a date; format the column as text and type the values again"))
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        items: list[Any] = [_text(cell)]
    else:
        text = str(cell).strip()
        if text.startswith("["):
            try:
                value = parse_json(text)
            except ValueError:
                raise ValueError(_("expected a JSON list or values separated by semicolons")) from None
            if not isinstance(value, list):
                raise ValueError(_("expected a JSON list or values separated by semicolons"))
            items = value
        else:
            text = text.translate(_SEMICOLONS)
            if name == "outcomes" and ";" not in text:  # numbers: a comma separates them too
                text = text.translate(_COMMAS).replace(",", ";")
            items = [part.strip() for part in text.split(";") if part.strip()]
    if name == "outcomes":
        return [_outcome(item) for item in items]
    if name == "resolutions":
        return [aliases.get(str(item).strip().casefold(), str(item).strip()) for item in items]
    if name in LABELLED_FIELDS:
        return [_code(name, str(item).strip(), language) for item in items]
    return [str(item).strip() for item in items]


def _outcome(item: object) -> object:
    if isinstance(item, float) and item.is_integer():
        return int(item)
    text = str(item).strip()
    return int(text) if text.isdigit() else text
