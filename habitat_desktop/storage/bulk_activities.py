"""Creating many new activities at once (imports): one ``executemany`` per chunk, the rest derived in bulk.

Each activity is written as ``Recorder.create`` would write it — its own stamp, per-field stamps and version
vectors, its translation state — but the row is built as a plain tuple (a new activity's every field has its
version's stamp and vector, so it stores ``{}`` for both: ``domain/field_versions.py``),
its full-text index row by ``search_index.document`` (one ``executemany`` per chunk), and what else derives from
the rows by one ``INSERT … SELECT`` per chunk over the rows just inserted: the change log's "created" lines
(without a picture of the values, which the history reads back from the row: ``activity_snapshots``) and the
resolution and outcome indexes (``json_each``). Per activity,
Python only validates and formats two tuples; no ORM object, no per-row query (``prefetch`` asks for a window's
ids at once). Runs inside the caller's transaction (all or nothing). Where an import's time and an activity's
3.4 KiB go, and why each part is kept: bench/README.md.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3

from sqlmodel import Session

from habitat_desktop.domain import translation_status
from habitat_desktop.domain.activity import EDITABLE_FIELDS, ActivityFields
from habitat_desktop.domain.models import new_id, utc_now
from habitat_desktop.storage import search_index
from habitat_desktop.storage.activity_rows import Prepared, prepared
from habitat_desktop.storage.recorder import Recorder

CHUNK = 2000
"""Activities held in memory before they are written (memory stays flat whatever the file's size)."""

_COLUMNS = ("id", "version", *EDITABLE_FIELDS, "translation_state")
"""The columns ``_row`` gives a value of each activity (those all new activities share are in ``_insert``)."""
_DERIVED = (
    # the "created" line holds no picture of the values (null): the history reads them back from the row and the
    # later lines' old values (services/history.py), which saves the text of every field once more.
    # OR IGNORE: a statement that cannot abort halfway needs no statement journal, which copied every index page
    # it touched (a third of these statements' time); ``flush`` counts the rows written instead, so a row a
    # constraint refused still stops the import
    "INSERT OR IGNORE INTO change (record_table, record_id, field, action, old_value, new_value, office, author,"
    " stamp, changed_at) SELECT 'activity', a.id, '', 'created', 'null', 'null', ?, ?, a.version, ?"
    " FROM activity a WHERE a.rowid > ? ORDER BY a.rowid",
    "INSERT OR IGNORE INTO activity_resolution (activity_id, resolution_symbol) SELECT a.id, j.value"
    " FROM activity a, json_each(a.resolutions) j WHERE a.rowid > ?",
    "INSERT OR IGNORE INTO activity_outcome (activity_id, outcome_number) SELECT a.id, j.value"
    " FROM activity a, json_each(a.outcomes) j WHERE a.rowid > ?",
)
_KNOWN = "SELECT id FROM activity WHERE id IN (SELECT value FROM json_each(?))"
_SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a datetime in SQLite


def _insert(office: str) -> str:
    """The statement inserting new activities: what they all share written once in it (fewer values to bind per
    row; one text per import, so SQLite prepares it once), the chunk's time bound once as ``?1`` for both times,
    the rest bound from ``_row``."""
    shared = {
        "created_at": "?1",
        "updated_at": "?1",
        "created_by": _literal(office),
        "changed_by": _literal(office),
        "field_stamps": "'{}'",  # every field has the stamp and vector of the activity's ``version``
        "field_clocks": "'{}'",
        "deleted": "0",
    }
    columns = ", ".join((*shared, *_COLUMNS))
    return f"INSERT INTO activity ({columns}) VALUES ({', '.join((*shared.values(), *'?' * len(_COLUMNS)))})"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class BulkCreator:
    """Collects new activities of one import and writes them by chunks on the session's own connection."""

    def __init__(self, recorder: Recorder) -> None:
        self.recorder = recorder
        self.session: Session = recorder.session
        self._pending: list[tuple[str, Prepared, ActivityFields | None]] = []  # the fields if translated
        self.created = 0
        self._connection: sqlite3.Connection | None = None
        self._indexing = contextlib.ExitStack()  # the search index's bulk settings, from the first write to finish()
        self._asked: set[str] = set()  # ids ``prefetch`` asked about…
        self._known: set[str] = set()  # …and those of them the workspace holds

    @property
    def connection(self) -> sqlite3.Connection:
        """The SQLite connection of the session's transaction (the same one its ORM writes go through)."""
        if self._connection is None:
            raw = self.session.connection().connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            self._connection = raw
        return self._connection

    def prefetch(self, activity_ids: list[str]) -> None:
        """Ask once which of these ids the workspace holds, so ``exists`` answers for them without a query each
        (what an earlier ``prefetch`` learned is forgotten: memory stays flat)."""
        self._asked = set(activity_ids)
        found = self.connection.execute(_KNOWN, (json.dumps(activity_ids),)).fetchall() if activity_ids else []
        self._known = {activity_id for (activity_id,) in found}

    def exists(self, activity_id: str) -> bool:
        """Whether the workspace holds an activity of this id, deleted or not (ids queued here are not asked for:
        an import refuses a repeated id before it saves)."""
        if activity_id in self._asked:
            return activity_id in self._known
        row = self.connection.execute("SELECT 1 FROM activity WHERE id = ?", (activity_id,)).fetchone()
        return row is not None

    def add(self, fields: ActivityFields, activity_id: str | None = None) -> str:
        """Queue a new activity (its id must be new to the workspace); return its id."""
        return self._queue(activity_id, prepared(fields), fields if fields.translations else None)

    def add_prepared(self, values: Prepared, activity_id: str | None = None) -> str:
        """Queue a new activity without translations, prepared elsewhere (``prepared``); return its id."""
        if values[0][-1] != "{}":
            raise ValueError("an activity with translations is added with its fields (its state needs them)")
        return self._queue(activity_id, values, None)

    def _queue(self, activity_id: str | None, values: Prepared, translated: ActivityFields | None) -> str:
        record_id = activity_id or new_id()
        self._pending.append((record_id, values, translated))
        self._asked.discard(record_id)  # from now on the workspace holds it (once flushed)
        if len(self._pending) >= CHUNK:
            self.flush()
        return record_id

    def flush(self) -> None:
        """Write the queued activities, their change log, resolution, outcome and search index rows."""
        if not self._pending:
            return
        connection = self.connection
        if self.created == 0:
            self._indexing.enter_context(search_index.bulk_indexing(connection))
        stamps = self.recorder.stamps(len(self._pending))
        now = utc_now().strftime(_SQLITE_TIME)
        office = self.recorder.office
        pending = zip(self._pending, stamps, strict=True)
        rows = [
            (now, record_id, stamp, *values, "{}" if translated is None else _state(translated, stamp))
            for (record_id, (values, _text, _resolutions, _outcomes), translated), stamp in pending
        ]
        documents = [(record_id, text) for record_id, (_values, text, _r, _o), _t in self._pending]
        self.session.flush()  # the advanced clock and any ORM writes go first, on the same connection
        (before,) = connection.execute("SELECT coalesce(max(rowid), 0) FROM activity").fetchone()
        connection.executemany(_insert(office), rows)
        changes, resolutions, outcomes = _DERIVED
        written = (
            connection.execute(changes, (office, self.recorder.author, now, before)).rowcount,
            connection.execute(resolutions, (before,)).rowcount,
            connection.execute(outcomes, (before,)).rowcount,
        )
        expected = (
            len(rows),
            sum(values[2] for _id, values, _t in self._pending),
            sum(values[3] for _id, values, _t in self._pending),
        )
        if written != expected:  # a row refused (OR IGNORE above): the caller's transaction is rolled back
            raise sqlite3.IntegrityError(f"derived rows refused: {expected} expected, {written} written")
        connection.executemany(search_index.INSERT_DOCUMENTS, documents)
        self.created += len(rows)
        self._pending.clear()

    def finish(self) -> None:
        """Write what is still queued and put the search index's usual settings back."""
        self.flush()
        self._indexing.close()


def _state(fields: ActivityFields, stamp: str) -> str:
    """The translation state of a new activity with translations (``Recorder.create``'s)."""
    sources = {name: str(getattr(fields, name) or "") for name in translation_status.SOURCE_FIELDS["activity"]}
    return json.dumps(translation_status.refreshed({}, fields.translations, {}, sources, stamp))
