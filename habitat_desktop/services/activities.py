"""Activities: export to JSON-lines or CSV files, import from JSON-lines files (and CSV files with a ``deleted``
column; Excel and other CSV: services.spreadsheets), and listing them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, TypeVar

from habitat_desktop.domain import activity_fields, rules
from habitat_desktop.domain.activity import ActivityFields, parse_activity
from habitat_desktop.domain.errors import HabitatError, ValidationError
from habitat_desktop.domain.models import Activity
from habitat_desktop.exchange import activity_files, prepared_lines
from habitat_desktop.exchange.activity_files import FileFormat
from habitat_desktop.l10n import _
from habitat_desktop.l10n.punctuation import compact_list
from habitat_desktop.services import period_locks
from habitat_desktop.services.change_counts import changes_summary
from habitat_desktop.services.garbage_collection import fewer_collections
from habitat_desktop.storage import activity_store, backups, conflict_store, cycle_store
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.activity_store import ActivityFilter
from habitat_desktop.storage.bulk_activities import BulkCreator
from habitat_desktop.storage.recorder import Recorder

__all__ = ["ActivityFilter", "FileFormat", "ImportSummary", "export_activities", "import_activities"]


def activity_record(activity: Activity) -> dict[str, Any]:
    """An activity as the files and the fronts see it: plain JSON values."""
    return {
        "id": activity.id,
        **activity_fields.plain_values(activity),
        "created_by": activity.created_by,
        "changed_by": activity.changed_by,
        "updated_at": activity.updated_at.isoformat(),
        "version": activity.version,
    }


def export_activities(
    path: Path, out: IO[str], file_format: FileFormat = FileFormat.JSONL, flt: ActivityFilter = ActivityFilter()
) -> int:
    """Write a workspace's activities (not deleted ones) to a stream; return how many."""
    with storage.opened(Path(path), read_only=False) as workspace, workspace.reading() as session:
        records = (activity_record(a) for a in activity_store.iterate(session, flt))
        return activity_files.write(records, out, file_format)


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    ids: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged, "deleted": self.deleted}

    def line(self) -> str:
        return changes_summary(self.as_dict())


FLUSH_EVERY = 500
Item = TypeVar("Item")


def import_activities(path: Path, source: Path) -> ImportSummary:
    """Apply an activity file to a workspace, all or nothing; a bad line is named with its field."""
    source = Path(source)
    if not source.is_file():
        raise HabitatError(_("No file at {path}").format(path=source))
    from habitat_desktop.services import spreadsheets  # workbooks and CSV: every invalid cell reported at once

    if spreadsheets.is_spreadsheet(source):
        return spreadsheets.import_spreadsheet(path, source)
    with storage.opened(Path(path)) as workspace, fewer_collections():  # the rows of a window and a chunk live on
        backups.take_backup(workspace.path, "pre-import")
        summary = ImportSummary()
        file_format = activity_files.detect_format(source)
        with (
            workspace.transaction(check_references=False) as session,  # index rows made from the rows
            source.open("rb") as stream,
        ):
            recorder = Recorder(session, workspace.office)
            bulk = BulkCreator(recorder)  # new activities: written by chunks, their indexes by SQL
            context = activity_store.validation_context(session, workspace.office)
            cycle = cycle_store.load_cycle(session)  # records of an approved period are read-only
            seen: dict[str, int] = {}
            size = source.stat().st_size
            if file_format is FileFormat.JSONL and prepared_lines.uses_worker(size, bool(cycle.decided)):
                _import_prepared(bulk, context, source, stream, seen, summary)
            else:
                _import_here(bulk, context, stream, source.name, file_format, seen, summary, cycle)
            bulk.finish()
        return summary


def _import_here(
    bulk: BulkCreator,
    context: Any,
    stream: IO[bytes],
    name: str,
    file_format: FileFormat,
    seen: dict[str, int],
    summary: ImportSummary,
    cycle: Any,
) -> None:
    """Apply each line in turn, in this thread."""
    session = bulk.session
    with closing(activity_files.read(stream, name, file_format)) as records:
        for window in _windows(records, FLUSH_EVERY):
            ids = _valid_ids(window)
            bulk.prefetch([i for i in ids if i])  # one query for the window's ids, not one per line
            with session.no_autoflush:
                for (line, record), activity_id in zip(window, ids, strict=True):
                    try:
                        _apply(bulk, context, record, line, seen, summary, cycle, activity_id)
                    except ValidationError as error:
                        raise error.located(name, line) from None
            session.flush()  # keep memory flat: write out and forget what is done
            session.expunge_all()


def _import_prepared(
    bulk: BulkCreator,
    context: Any,
    source: Path,
    stream: IO[bytes],
    seen: dict[str, int],
    summary: ImportSummary,
) -> None:
    """Apply each line in turn, a worker process reading and preparing the next parts of the file
    (exchange/prepared_lines.py): a new activity is written as prepared; a known id, a deletion or translations are
    applied here as ``_import_here`` applies them, and a refused line raises its error when its turn comes."""
    session, name = bulk.session, source.name
    with prepared_lines.prepared_parts(source, stream, name, context) as parts:
        for made in parts:
            bulk.prefetch([activity_id for _kind, _number, activity_id, _values, _text in made if activity_id])
            with session.no_autoflush:
                for kind, line, activity_id, values, text in made:
                    if kind is prepared_lines.Kind.ITSELF:
                        record = activity_files.record_of_line(text or "", name, line) or {}
                        try:
                            _apply(bulk, context, record, line, seen, summary, None, activity_id)
                        except ValidationError as error:
                            raise error.located(name, line) from None
                        continue
                    if activity_id is not None:
                        _not_seen(activity_id, line, seen, name)
                    if isinstance(values, ValidationError):  # the worker refused the line
                        raise values
                    assert values is not None
                    if activity_id is not None and bulk.exists(activity_id):  # an update, field by field
                        record = activity_files.record_of_line(text or "", name, line) or {}
                        try:
                            summary.ids.append(save_one(bulk, parse_activity(record, context), activity_id, summary))
                        except ValidationError as error:
                            raise error.located(name, line) from None
                        continue
                    summary.added += 1
                    summary.ids.append(bulk.add_prepared(values, activity_id))
            session.flush()
            session.expunge_all()


def _not_seen(activity_id: str, line: int, seen: dict[str, int], name: str) -> None:
    """Remember the line of an id; refuse an id already met on an earlier line."""
    if activity_id in seen:
        error = ValidationError("id", _("duplicate id, also on line {line}").format(line=seen[activity_id]))
        raise error.located(name, line)
    seen[activity_id] = line


def _windows(records: Iterator[tuple[int, Item]], size: int) -> Iterator[list[tuple[int, Item]]]:
    """The records by windows of ``size``; a line the reader refuses is raised after the lines before it were
    applied (their own errors come first, as when each line is applied as soon as it is read)."""
    window: list[tuple[int, Item]] = []
    try:
        for item in records:
            window.append(item)
            if len(window) == size:
                yield window
                window = []
    except ValidationError:
        if window:
            yield window
        raise
    if window:
        yield window


def _valid_ids(window: list[tuple[int, dict[str, Any]]]) -> list[str | None]:
    """Each line's id, canonical; None where it has none or an invalid one (refused when its line is applied)."""
    ids: list[str | None] = []
    for _line, record in window:
        value = record.get("id")
        try:
            ids.append(rules.record_id(value) if value else None)
        except ValidationError:
            ids.append(None)
    return ids


def _apply(
    bulk: BulkCreator,
    context: Any,
    record: dict[str, Any],
    line: int,
    seen: dict[str, int],
    summary: ImportSummary,
    cycle: Any = None,
    valid_id: str | None = None,
) -> None:
    recorder = bulk.recorder
    activity_id = activity_files.record_id(record, valid_id)
    if activity_id is not None:
        if activity_id in seen:
            raise ValidationError("id", _("duplicate id, also on line {line}").format(line=seen[activity_id]))
        seen[activity_id] = line
    deleted = record.get("deleted")
    if deleted is True:
        if activity_id is None:
            raise ValidationError("id", _("a deletion needs the id of the activity"))
        if cycle is not None:
            period_locks.ensure_unlocked(cycle, recorder.session.get(Activity, activity_id), None, recorder.office)
        if activity_store.remove(recorder, activity_id):
            summary.deleted += 1
        else:
            summary.unchanged += 1
        return
    if deleted not in (None, False):
        raise ValidationError("deleted", _("expected true or false"))
    fields = parse_activity(record, context)
    summary.ids.append(save_one(bulk, fields, activity_id, summary, cycle))


def save_one(
    bulk: BulkCreator, fields: ActivityFields, activity_id: str | None, summary: ImportSummary, cycle: Any = None
) -> str:
    """Save one imported activity: a new one through the bulk writer, an existing one updated field by field."""
    recorder = bulk.recorder
    existing = recorder.session.get(Activity, activity_id) if activity_id and bulk.exists(activity_id) else None
    if cycle is not None:
        period_locks.ensure_unlocked(cycle, existing, fields, recorder.office)
    if existing is None:
        summary.added += 1
        return bulk.add(fields, activity_id)
    activity, outcome = activity_store.save(recorder, fields, activity_id)
    setattr(summary, outcome, getattr(summary, outcome) + 1)
    return activity.id


def iter_records(path: Path, flt: ActivityFilter = ActivityFilter()) -> Iterator[dict[str, Any]]:
    """Activity records matching a filter (for fronts that display them)."""
    with storage.opened(Path(path)) as workspace, workspace.reading() as session:
        for activity in activity_store.iterate(session, flt):
            yield activity_record(activity)


@dataclass(frozen=True)
class ActivityRow:
    """What a table of activities shows of one activity."""

    id: str
    title: str
    resolutions: str
    outcomes: str
    office: str
    status: str
    start_date: str
    end_date: str
    country: str
    conflict: str = ""  # "open" while a merge left conflicting edits, "settled" once resolved, else ""


def count_activities(workspace: storage.Workspace, flt: ActivityFilter = ActivityFilter()) -> int:
    """How many activities of an open workspace match a filter."""
    with workspace.reading() as session:
        return activity_store.count(session, flt)


def activity_rows(
    workspace: storage.Workspace, flt: ActivityFilter, offset: int, limit: int, language: str | None = None
) -> list[ActivityRow]:
    """One page of activities of an open workspace, titles in the wanted language where translated."""
    from habitat_desktop.domain.activity import display_text
    from habitat_desktop.l10n import current_language

    wanted = language or current_language()
    with workspace.reading() as session:
        rows = []
        for activity in activity_store.page(session, flt, offset, limit):
            title, _description, translated = display_text(
                activity.title, activity.description, activity.language, activity.translations, wanted
            )
            if not translated:  # not in the wanted language: English, when there is a translation, else the original
                title = (activity.translations.get("en") or {}).get("title") or title
            rows.append(
                ActivityRow(
                    activity.id,
                    title,
                    compact_list(activity.resolutions, wanted),
                    compact_list(map(str, activity.outcomes), wanted),
                    activity.office,
                    activity.status,
                    activity.start_date.isoformat() if activity.start_date else "",
                    activity.end_date.isoformat() if activity.end_date else "",
                    activity.country or "",
                )
            )
        marks = conflict_store.conflicted_records(session, "activity", [row.id for row in rows]) if rows else {}
        return [replace(row, conflict=marks.get(row.id, "")) for row in rows]
