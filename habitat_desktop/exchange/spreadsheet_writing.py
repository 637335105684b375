"""Writing activity sheets (.xlsx), streamed: localized headers, real dates, never a formula; and import templates."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from habitat_desktop.domain import activity_fields
from habitat_desktop.exchange.activity_files import FIELDS
from habitat_desktop.exchange.column_labels import LABELLED_FIELDS, SPREADSHEET_FIELDS, column_labels, label_for_code
from habitat_desktop.exchange.spreadsheet_reading import MAX_ROWS, column_letter
from habitat_desktop.l10n import is_right_to_left, pgettext, use_language

DATE_FORMAT = "yyyy-mm-dd"
LIST_SEPARATOR = "; "
LISTS_SHEET = "Lists"
_WIDTHS = {"title": 48, "description": 60, "translations": 40, "partners": 30, "operative_paragraphs": 24, "id": 28}
_DATES = activity_fields.DATE_FIELDS


def sheet_title(language: str) -> str:
    with use_language(language):
        return pgettext("spreadsheet sheet", "Activities")


def _new_sheet(book: Any, title: str, columns: Sequence[str], language: str) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = book.create_sheet(title)
    for index, name in enumerate(columns):
        sheet.column_dimensions[column_letter(index)].width = _WIDTHS.get(name, 16)
    sheet.freeze_panes = "A2"
    sheet.sheet_view.rightToLeft = is_right_to_left(language)
    labels = column_labels(language)
    header = []
    for name in columns:
        cell = WriteOnlyCell(sheet, value=labels[name])
        cell.data_type = "s"
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    return sheet


def _cell(sheet: Any, name: str, value: Any, language: str) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if value is None or value == [] or value == {} or value == "":
        return None
    if name in _DATES:
        cell = WriteOnlyCell(sheet, value=dt.date.fromisoformat(value) if isinstance(value, str) else value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if name in LABELLED_FIELDS:
        codes = value if isinstance(value, list) else [value]
        text = LIST_SEPARATOR.join(label_for_code(name, str(code), language) for code in codes)
    elif isinstance(value, list):
        text = LIST_SEPARATOR.join(str(item) for item in value)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    else:
        text = str(value)
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # a text starting with "=" stays text: a spreadsheet never runs it as a formula
    return cell


def write_activities(records: Iterable[Mapping[str, Any]], path: Path, language: str) -> int:
    """Write activity records to an .xlsx sheet with headers in a language; return how many."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = _new_sheet(book, sheet_title(language), SPREADSHEET_FIELDS, language)
    count = 0
    for record in records:
        sheet.append([_cell(sheet, name, record.get(name), language) for name in SPREADSHEET_FIELDS])
        count += 1
    last = column_letter(len(SPREADSHEET_FIELDS) - 1)
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    book.save(path)
    return count


@dataclass(frozen=True)
class TemplateLists:
    """The values a template's drop-downs offer."""

    resolutions: Sequence[str]
    countries: Sequence[str]
    outcomes: Sequence[int] = (1, 2, 3, 4, 5)


def write_template(path: Path, language: str, lists: TemplateLists) -> None:
    """An empty activity sheet with drop-downs for status, resolutions, outcomes and countries fed by a hidden sheet."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook(write_only=True)
    sheet = _new_sheet(book, sheet_title(language), FIELDS, language)
    sheet.auto_filter.ref = f"A1:{column_letter(len(FIELDS) - 1)}1"
    columns: dict[str, list[Any]] = {
        "status": [label_for_code("status", member.value, language) for member in LABELLED_FIELDS["status"]],
        "resolutions": list(lists.resolutions),
        "outcomes": list(lists.outcomes),
        "country": list(lists.countries),
        "product_kind": [label_for_code("product_kind", m.value, language) for m in LABELLED_FIELDS["product_kind"]],
    }
    for index, (name, values) in enumerate(columns.items()):
        source = column_letter(index)
        target = column_letter(FIELDS.index(name))
        single = name in {"status", "country", "product_kind"}  # lists may hold several values: "2/7; 2/2"
        validation = DataValidation(
            type="list",
            formula1=f"={LISTS_SHEET}!${source}$2:${source}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=single,
        )
        validation.add(f"{target}2:{target}{MAX_ROWS + 1}")
        sheet.data_validations.append(validation)
    hidden = book.create_sheet(LISTS_SHEET)
    hidden.sheet_state = "hidden"
    labels = column_labels(language)
    hidden.append([labels[name] for name in columns])
    for row in range(max(len(values) for values in columns.values())):
        hidden.append([_list_cell(hidden, values, row) for values in columns.values()])
    book.save(path)


def _list_cell(sheet: Any, values: Sequence[Any], row: int) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if row >= len(values):
        return None
    cell = WriteOnlyCell(sheet, value=values[row])
    if isinstance(values[row], str):
        cell.data_type = "s"
    return cell
