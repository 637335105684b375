"""Activities in Excel workbooks and CSV files: import with every invalid cell reported (all or nothing), export
and templates (Excel)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from habitat_desktop.domain import rules
from habitat_desktop.domain.activity import ActivityFields, Context, parse_activity
from habitat_desktop.domain.errors import HabitatError, ValidationError
from habitat_desktop.domain.models import Activity, Resolution
from habitat_desktop.exchange import spreadsheet_writing
from habitat_desktop.exchange.column_labels import column_labels
from habitat_desktop.exchange.csv_reading import header_cells, is_csv
from habitat_desktop.exchange.spreadsheet_problems import CellProblem, SpreadsheetError
from habitat_desktop.exchange.spreadsheet_reading import (
    IMPORTED_FIELDS,
    SheetLayout,
    SheetRow,
    column_letter,
    open_sheet,
    read_layout,
)
from habitat_desktop.l10n import _, current_language
from habitat_desktop.services import period_locks
from habitat_desktop.services.activities import FLUSH_EVERY, ImportSummary, activity_record, save_one
from habitat_desktop.storage import activity_store, backups, cycle_store
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.activity_store import ActivityFilter
from habitat_desktop.storage.bulk_activities import BulkCreator
from habitat_desktop.storage.catalog_queries import resolution_symbols
from habitat_desktop.storage.recorder import Recorder

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
KEPT_PROBLEMS = 1000
"""The most invalid cells kept in memory; beyond, they are only counted."""
PREVIEW_ROWS = 500
_MAX_RETRIES = 20

__all__ = [
    "SPREADSHEET_SUFFIXES",
    "CellProblem",
    "SheetLayout",
    "SheetRow",
    "SpreadsheetCheck",
    "SpreadsheetError",
    "check_spreadsheet",
    "column_letter",
    "export_spreadsheet",
    "import_spreadsheet",
    "is_spreadsheet",
    "mappable_fields",
    "spreadsheet_layout",
    "write_template",
]


def is_spreadsheet(path: Path) -> bool:
    """A workbook, or a CSV file read as a sheet: every CSV file but one with a ``deleted`` column, whose rows
    delete activities (the row-by-row import of ``services.activities`` applies those)."""
    path = Path(path)
    if path.suffix.lower() in SPREADSHEET_SUFFIXES:
        return True
    if not is_csv(path):
        return False
    try:
        return "deleted" not in {cell.strip().casefold() for cell in header_cells(path)}
    except ValidationError:  # the sheet's reading says what is wrong with the file
        return True


def mappable_fields(language: str | None = None) -> list[tuple[str, str]]:
    """The fields a spreadsheet column can be read into, with their column labels, in the sheet's order."""
    labels = column_labels(language or current_language())
    return [(name, label) for name, label in labels.items() if name in IMPORTED_FIELDS]


def spreadsheet_layout(source: Path) -> SheetLayout:
    """A workbook's header and the field each column names (by key or label in any language)."""
    return read_layout(_existing(source))


@dataclass
class SpreadsheetCheck:
    """What an import of a sheet would meet: its layout, its first rows, and every invalid cell."""

    layout: SheetLayout
    rows: list[SheetRow] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    total_problems: int = 0
    row_count: int = 0

    def add(self, problems: Sequence[CellProblem]) -> None:
        self.total_problems += len(problems)
        room = KEPT_PROBLEMS - len(self.problems)
        if room > 0:
            self.problems.extend(problems[:room])


def check_spreadsheet(path: Path, source: Path, fields: Sequence[str | None] | None = None) -> SpreadsheetCheck:
    """Validate a workbook against a workspace without changing anything (for a preview)."""
    source = _existing(source)
    with storage.opened(Path(path)) as workspace:
        with workspace.reading() as session:
            context = activity_store.validation_context(session, workspace.office)
            with open_sheet(source, fields, _aliases(session)) as (layout, rows):
                check = SpreadsheetCheck(layout)
                check.add(layout.problems())
                for _row, _fields in _checked_rows(rows, layout, context, check):
                    pass
        return check


def import_spreadsheet(path: Path, source: Path, fields: Sequence[str | None] | None = None) -> ImportSummary:
    """Import a workbook's activities after a backup, all or nothing; every invalid cell is named in the error."""
    source = _existing(source)
    with storage.opened(Path(path)) as workspace:
        backups.take_backup(workspace.path, "pre-import")
        summary = ImportSummary()
        with workspace.transaction(check_references=False) as session:  # index rows made from the rows
            context = activity_store.validation_context(session, workspace.office)
            bulk = BulkCreator(Recorder(session, workspace.office))
            cycle = cycle_store.load_cycle(session)  # records of an approved period are read-only
            with open_sheet(source, fields, _aliases(session)) as (layout, rows):
                check = SpreadsheetCheck(layout)
                check.add(layout.problems())
                window: list[tuple[int, str | None, ActivityFields]] = []
                for row, parsed in _checked_rows(rows, layout, context, check):
                    if parsed is None or check.total_problems:
                        continue  # keep checking the rest, so that every invalid cell is reported at once
                    window.append((row.number, *parsed))
                    if len(window) == FLUSH_EVERY:
                        _save(bulk, cycle, window, summary, source.name)
                        window = []
                if check.total_problems:
                    raise SpreadsheetError(source.name, check.problems, check.total_problems)
                _save(bulk, cycle, window, summary, source.name)
                bulk.finish()
        return summary


def _save(
    bulk: BulkCreator,
    cycle: Any,
    window: list[tuple[int, str | None, ActivityFields]],
    summary: ImportSummary,
    name: str,
) -> None:
    """Save a window of valid rows: one query for which of their ids the workspace holds, then each row."""
    session = bulk.recorder.session
    bulk.prefetch([activity_id for _number, activity_id, _fields in window if activity_id])
    with session.no_autoflush:
        for number, activity_id, fields in window:
            _unlocked(bulk, cycle, activity_id, fields, name, number)
            summary.ids.append(save_one(bulk, fields, activity_id, summary))
    session.flush()  # keep memory flat: write out and forget what is done
    session.expunge_all()


def _unlocked(
    bulk: BulkCreator, cycle: Any, activity_id: str | None, fields: ActivityFields, name: str, row: int
) -> None:
    if not cycle.decided:
        return  # no period is locked: the record need not be loaded
    session = bulk.recorder.session
    existing = session.get(Activity, activity_id) if activity_id and bulk.exists(activity_id) else None
    try:
        period_locks.ensure_unlocked(cycle, existing, fields, bulk.recorder.office)
    except ValidationError as error:
        raise error.located(name, row) from None


def _existing(source: Path) -> Path:
    source = Path(source)
    if not source.is_file():
        raise HabitatError(_("No file at {path}").format(path=source))
    return source


def _aliases(session: Session) -> dict[str, str]:
    """Resolution symbols by their document symbol too ("HSP/HA.2/Res.7" → "2/7")."""
    rows = session.execute(
        select(col(Resolution.symbol), col(Resolution.document_symbol)).where(col(Resolution.kind) == "resolution")
    )
    aliases: dict[str, str] = {}
    for symbol, document_symbol in rows:
        aliases[symbol.casefold()] = symbol
        aliases[document_symbol.casefold()] = symbol
    return aliases


def _checked_rows(
    rows: Iterator[SheetRow], layout: SheetLayout, context: Context, check: SpreadsheetCheck
) -> Iterator[tuple[SheetRow, tuple[str | None, ActivityFields] | None]]:
    seen: dict[str, int] = {}
    for row in rows:
        check.row_count += 1
        parsed = _parse_row(row, layout.sheet, context, seen)
        row.problems.sort(key=lambda problem: (len(problem.column), problem.column))
        if len(check.rows) < PREVIEW_ROWS:
            check.rows.append(row)
        check.add(row.problems)
        yield row, parsed


def _safe_value(name: str, context: Context) -> Any:
    """A valid stand-in for a bad cell, so that the row's other cells are still checked."""
    if name == "title":
        return "-"
    if name == "resolutions":
        return sorted(context.resolutions)[:1]
    if name == "outcomes":
        return [1]
    return None


def _parse_row(
    row: SheetRow, sheet: str, context: Context, seen: dict[str, int]
) -> tuple[str | None, ActivityFields] | None:
    record = dict(row.record)
    bad = {problem.field for problem in row.problems if problem.field}
    for name in bad:
        record[name] = _safe_value(name, context)

    def report(error: ValidationError) -> None:
        name = error.field.split(".")[0]
        column = row.columns.get(name, "")
        reason = error.reason if column else f"{name}: {error.reason}"
        row.problems.append(CellProblem(sheet, row.number, column, name, reason))
        bad.add(name)
        record[name] = _safe_value(name, context)

    activity_id: str | None = None
    if record.get("id"):
        try:
            activity_id = rules.record_id(record["id"])
        except ValidationError as error:
            report(error)
        else:
            if activity_id in seen:
                report(ValidationError("id", _("duplicate id, also on row {row}").format(row=seen[activity_id])))
            seen.setdefault(activity_id, row.number)
    for _attempt in range(_MAX_RETRIES):
        try:
            parsed = parse_activity(record, context)
        except ValidationError as error:
            name = error.field.split(".")[0]
            if name in bad:  # its stand-in fails too (a required field without a column)
                if not any(problem.field == name for problem in row.problems):
                    report(error)
                break
            report(error)
            continue
        return None if row.problems else (activity_id, parsed)
    return None


def export_spreadsheet(path: Path, target: Path, language: str, flt: ActivityFilter = ActivityFilter()) -> int:
    """Write a workspace's activities to an .xlsx file (atomically); return how many."""
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    with storage.opened(Path(path), read_only=False) as workspace:
        try:
            with workspace.reading() as session:
                records = (activity_record(a) for a in activity_store.iterate(session, flt))
                count = spreadsheet_writing.write_activities(records, partial, language)
            partial.replace(target)
            return count
        except OSError as error:
            raise HabitatError(_("Cannot write {path}: {reason}").format(path=target, reason=error.strerror)) from error
        finally:
            partial.unlink(missing_ok=True)


def write_template(path: Path, target: Path, language: str) -> None:
    """An empty activity workbook for a workspace, with drop-downs of its resolutions and the countries."""
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    with storage.opened(Path(path), read_only=False) as workspace, workspace.reading() as session:
        symbols = sorted(resolution_symbols(session), key=_symbol_key)
    try:
        lists = spreadsheet_writing.TemplateLists(resolutions=symbols, countries=rules.country_codes())
        spreadsheet_writing.write_template(partial, language, lists)
        partial.replace(target)
    except OSError as error:
        raise HabitatError(_("Cannot write {path}: {reason}").format(path=target, reason=error.strerror)) from error
    finally:
        partial.unlink(missing_ok=True)


def _symbol_key(symbol: str) -> tuple[int, int]:
    session, _sep, number = symbol.partition("/")
    return (int(session), int(number)) if session.isdigit() and number.isdigit() else (0, 0)
