"""Merging a checked export's records into the workspace, field by field, streaming in batches.

Each field of each record has a set of heads (``domain.field_merge``): the winning value in the record's row
and the concurrent losing values in ``field_conflict``. Merging takes the union of both sides' heads and drops
the superseded ones, so merging is idempotent and independent of order and grouping. Records the workspace has
never seen are inserted in bulk; records whose version data are identical are skipped without decoding; only
records that differ go through the per-field join. The change log of the export is merged too, so every value
any office entered stays in the history. The caller owns the transaction (and rolls it back for a dry run).

Who may write what (``storage/write_policy.py``): every write an export brings that the workspace does not hold yet is
stamped by an office. An export signed by an office trusted only for itself may bring that office's writes to
that office's own records (activities, funding and statuses of that office, and its office record), and no
others. An office trusted as a coordinator (a region, headquarters) may pass on any office's writes. Nobody
but the workspace's own office writes the workspace's own office record. A record with a write outside these
rules is set aside whole when the policy has a ``set_aside`` (``storage/foreign_writes.py``: the signer's own
writes to it become proposals), else it refuses the whole export (``ForbiddenWriteError``); change-log lines of
other offices from an office trusted only for itself are left out, as they would add no record.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from habitat_desktop.domain import clock, field_versions
from habitat_desktop.domain.field_merge import Head, merge_heads
from habitat_desktop.domain.models import SQLModel
from habitat_desktop.storage import document_merging, glossary_merge, search_index, translation_merge
from habitat_desktop.storage.activity_reindexing import REINDEX_BATCH, ChangedActivities, last_rowid, reindex_activities
from habitat_desktop.storage.merge_counts import RECORD_TABLES, MergeCounts
from habitat_desktop.storage.write_policy import ForbiddenWriteError, WritePolicy

MERGED_TABLES = (*RECORD_TABLES, *document_merging.DOCUMENT_TABLES, *glossary_merge.GLOSSARY_TABLES)  # see those
META_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "created_by",
    "changed_by",
    "version",
    "field_stamps",
    "field_clocks",
    "origin_export",
)
CHANGE_COLUMNS = (
    "record_table",
    "record_id",
    "field",
    "action",
    "old_value",
    "new_value",
    "office",
    "author",
    "stamp",
    "changed_at",
)
BATCH = 1000
deferred_search_merging = search_index.bulk_indexing  # the full-text index's bulk settings while a merge runs


class MalformedExportError(ValueError):
    """Version data inside an export that cannot be read (the caller names the file)."""


def columns_of(table: str) -> list[str]:
    return [column.name for column in SQLModel.metadata.tables[table].columns]


def data_fields(table: str) -> list[str]:
    return [name for name in columns_of(table) if name not in META_COLUMNS]


def merge_export(
    target: sqlite3.Connection,
    source: sqlite3.Connection,
    *,
    export_id: str,
    merge_id: str,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[int], None] = lambda _done: None,
    policy: WritePolicy | None = None,
) -> MergeCounts:
    """Merge every record, conflict and change of ``source`` (a checked export) into ``target``.

    With a ``policy``, every write the workspace does not hold yet must be one the export's signer may make.
    """
    from habitat_desktop.storage import cycle_merging  # it builds on this module

    counts = MergeCounts()
    changed = ChangedActivities(indexed_rowid=last_rowid(target))
    done = 0
    guard = cycle_merging.guard_merge(target, source, policy)  # reporting cycles: events first, then locks
    for table in MERGED_TABLES:
        merger = _TableMerge(target, source, table, export_id, merge_id, counts, changed, policy)
        # each row comes out already marked with the export it came through (no per-row copy in Python)
        columns = ", ".join(
            "? AS origin_export" if name == "origin_export" else f'"{name}"' for name in columns_of(table)
        )
        for batch in _batches(source, f"SELECT {columns} FROM {table} ORDER BY id", (export_id,)):
            if cancelled():
                raise InterruptedError
            merger.merge_batch(batch)
            if changed.pending() >= REINDEX_BATCH:  # memory stays flat in the number of records
                reindex_activities(target, changed)
            done += len(batch)
            progress(done)
    if cancelled():
        raise InterruptedError
    changed.changed_activities.extend(guard.settle(merge_id))
    for table, number in guard.held_new.items():  # new records of approved periods, held as proposals
        counts.count(table, "added", -number)
        counts.count(table, "unchanged", number)
        counts.count(table, "conflicts", number)
    reindex_activities(target, changed)
    _merge_change_log(target, source, cancelled, None if policy is None or policy.coordinator else policy.signer)
    _observe_clock(target, changed.max_clock)
    return counts


def _select(table: str) -> str:
    return ", ".join(f'"{name}"' for name in columns_of(table))


def _batches(
    connection: sqlite3.Connection, sql: str, parameters: Sequence[Any] = ()
) -> Iterable[list[tuple[Any, ...]]]:
    cursor = connection.execute(sql, parameters)
    while rows := cursor.fetchmany(BATCH):
        yield rows


def _stamp(text: object) -> clock.Stamp:
    if not isinstance(text, str):
        raise MalformedExportError(f"not a version stamp: {text!r}")
    try:
        return clock.Stamp.parse(text)
    except ValueError as error:
        raise MalformedExportError(str(error)) from error


def _vector(value: object) -> dict[str, int]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, int) for k, v in value.items()):
        raise MalformedExportError(f"not a version vector: {value!r}")
    return value


def _json_object(text: object) -> dict[str, Any]:
    try:
        value = json.loads(text) if isinstance(text, str) else None
    except json.JSONDecodeError as error:
        raise MalformedExportError(str(error)) from error
    if not isinstance(value, dict):
        raise MalformedExportError(f"not a JSON object: {text!r}")
    return value


class _TableMerge:
    """Merging the rows of one table, batch by batch."""

    def __init__(
        self,
        target: sqlite3.Connection,
        source: sqlite3.Connection,
        table: str,
        export_id: str,
        merge_id: str,
        counts: MergeCounts,
        changed: ChangedActivities,
        policy: WritePolicy | None = None,
    ) -> None:
        self.target, self.source, self.table = target, source, table
        self.policy = policy
        self.export_id, self.merge_id = export_id, merge_id
        self.counts, self.changed = counts, changed
        self.columns = columns_of(table)
        self.position = {name: index for index, name in enumerate(self.columns)}
        self.fields = data_fields(table)
        self.key = "code" if table == "office" else "id"
        self.owner = self.position["code" if table == "office" else "office"]
        self.remote_conflicts = self._conflicts(source, table)
        self.local_conflicts: dict[str, list[dict[str, Any]]] | None = None

    def merge_batch(self, rows: list[tuple[Any, ...]]) -> None:
        key = self.position[self.key]
        version = self.position["version"]  # checked: 16 lowercase hex digits first, so text order is clock order
        self.changed.max_clock = max(self.changed.max_clock, _stamp(max(row[version] for row in rows)).clock)
        local = self._local_rows([row[key] for row in rows])  # one query: only the records held here
        if not local:
            fresh = rows
        else:
            fresh = []
            stamps = self.position["field_stamps"]
            version = self.position["version"]
            self.local_conflicts = self._local_conflicts(list(local)) if self.key == "id" else None
            for row in rows:
                mine = local.get(row[key])
                if mine is None:
                    fresh.append(row)
                elif (
                    mine[stamps] == row[stamps]
                    and mine[version] == row[version]
                    and mine[0] == row[0]
                    and row[0] not in self.remote_conflicts
                ):
                    self.counts.count(self.table, "unchanged")
                else:
                    self._merge_record(mine, row)
        fresh = self._fresh_allowed(fresh)
        if fresh:
            self._insert(fresh)

    def _fresh_allowed(self, fresh: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """The records new to this workspace that the policy lets in (where fresh records are decided).

        A record that certainly passes (``_plainly_allowed``) is let in as it is; only the others have their
        writers read, one by one, and the policy decides (refused, or set aside).
        """
        if not fresh or self.policy is None or not self.policy.checks_writers(self.table):
            return fresh
        allowed = []
        for row in fresh:
            if self._plainly_allowed(row):
                allowed.append(row)
                continue
            stamps = _json_object(row[self.position["field_stamps"]])  # mostly none: the version stands for them
            writers = {_stamp(s).office for s in field_versions.written_stamps(stamps, row[self.position["version"]])}
            writers |= {_stamp(c["stamp"]).office for c in self.remote_conflicts.get(row[0], [])}
            if self._allowed(row, None, [row[self.owner]], writers):
                allowed.append(row)
        return allowed

    def _plainly_allowed(self, row: tuple[Any, ...]) -> bool:
        """Whether a new record is the signer's own, holding only the signer's writes (and no conflicts), read
        from the text of its stamps without decoding them: the export's checks (``exchange/record_checks.py``)
        have found every stamp of the strict form ``<16 hex digits>-<OFFICE>[-<8 hex digits>]``, so where the
        text has no escapes, every ``-`` in it opens a stamp's office or its replica, and a record whose
        every ``-`` belongs to ``-SIGNER-`` or ``-SIGNER"`` has no other office's write; the fields without a
        stamp of their own have the record's version (``domain/field_versions.py``), the signer's too."""
        assert self.policy is not None
        signer = self.policy.signer
        text = row[self.position["field_stamps"]]
        version = row[self.position["version"]]
        return (
            row[self.owner] == signer
            and isinstance(text, str)
            and isinstance(version, str)
            and version[17:].partition("-")[0] == signer
            and "\\" not in text
            and "-" not in text.replace(f"-{signer}-", "").replace(f'-{signer}"', "")
            and row[0] not in self.remote_conflicts
        )

    def _allowed(
        self, theirs: tuple[Any, ...], mine: tuple[Any, ...] | None, owners: list[Any], writers: set[str]
    ) -> bool:
        """Whether the policy lets these writes in; a record it sets aside counts as unchanged."""
        assert self.policy is not None
        try:
            self.policy.check(self.table, theirs[0] if mine is None else mine[0], owners, sorted(writers))
        except ForbiddenWriteError as error:
            if self.policy.set_aside is None:
                raise
            self.policy.set_aside(error, self.table, self.columns, theirs, mine)
            self.counts.count(self.table, "unchanged")
            return False
        return True

    def _local_rows(self, keys: list[Any]) -> dict[Any, tuple[Any, ...]]:
        marks = ",".join("?" * len(keys))
        sql = f'SELECT {_select(self.table)} FROM {self.table} WHERE "{self.key}" IN ({marks})'
        return {row[self.position[self.key]]: row for row in self.target.execute(sql, keys)}

    def _insert(self, rows: list[tuple[Any, ...]]) -> None:
        deleted = self.position["deleted"]
        marks = ",".join("?" * len(self.columns))
        self.target.executemany(f"INSERT INTO {self.table} ({_select(self.table)}) VALUES ({marks})", rows)
        tombstones = sum(1 for row in rows if row[deleted])  # deletions of records never seen here: kept as such
        self.counts.count(self.table, "added", len(rows) - tombstones)
        if tombstones:
            self.counts.count(self.table, "unchanged", tombstones)
        if self.table == "activity":
            self.changed.new_activities += len(rows)  # indexed by rowid (``activity_reindexing.reindex_activities``)
        if not self.remote_conflicts:
            return
        for row in rows:
            record_id = row[0]
            for conflict in self.remote_conflicts.get(record_id, []):
                self._store_conflict(record_id, conflict)
            if self.remote_conflicts.get(record_id):
                self.counts.count(self.table, "conflicts")

    def _full(self, row: tuple[Any, ...]) -> tuple[dict[str, str], dict[str, dict[str, int]]]:
        """A row's full stamps and vectors (stored compact, ``domain/field_versions.py``)."""
        stamps = _json_object(row[self.position["field_stamps"]])
        clocks = _json_object(row[self.position["field_clocks"]])
        version = row[self.position["version"]]
        _stamp(version)
        try:
            return field_versions.expanded(stamps, clocks, version, field_versions.fields_of(self.table))
        except (TypeError, ValueError, AttributeError) as error:
            raise MalformedExportError(f"not version data: {error}") from error

    def _heads(self, row: tuple[Any, ...], conflicts: list[dict[str, Any]]) -> dict[str, list[Head]]:
        stamps, clocks = self._full(row)
        heads: dict[str, list[Head]] = {}
        for name in self.fields:
            stamp_text = stamps.get(name, "")
            if stamp_text:
                parsed = _stamp(stamp_text)
                self.changed.max_clock = max(self.changed.max_clock, parsed.clock)
                vector = _vector(clocks[name]) if name in clocks else {parsed.writer: parsed.clock}
            else:
                vector = {}
            heads[name] = [Head(stamp_text, vector, row[self.position[name]])]
        for conflict in conflicts:
            if conflict["field"] in heads:
                _stamp(conflict["stamp"])
                heads[conflict["field"]].append(Head(conflict["stamp"], _vector(conflict["vector"]), conflict["value"]))
        return heads

    def _merge_record(self, mine: tuple[Any, ...], theirs: tuple[Any, ...]) -> None:
        my_id, their_id = mine[0], theirs[0]
        if self.local_conflicts is None:
            local_conflicts = self._conflicts(self.target, self.table, my_id).get(my_id, [])
        else:  # read for the whole batch: each record of it is merged once, and touches only its own conflicts
            local_conflicts = self.local_conflicts.get(my_id, [])
        remote_conflicts = self.remote_conflicts.get(their_id, [])
        mine_heads = self._heads(mine, local_conflicts)
        their_heads = self._heads(theirs, remote_conflicts)
        stamps, clocks = self._full(mine)
        updates: dict[str, Any] = {}
        losers: dict[str, list[Head]] = {}
        new_conflict = False
        writers: set[str] = set()  # the offices of the writes this merge brings in
        for name in self.fields:
            if name in translation_merge.FIELDS and "translation_state" in self.position:
                continue  # merged entry by entry below
            merged = merge_heads(mine_heads[name], their_heads[name])
            known = {head.stamp for head in mine_heads[name]}
            writers.update(_stamp(head.stamp).office for head in merged if head.stamp not in known)
            winner = merged[0]
            if winner.stamp != mine_heads[name][0].stamp:
                updates[name] = winner.value
                stamps[name] = winner.stamp
                clocks[name] = dict(winner.vector)
            before = {head.stamp for head in mine_heads[name][1:]}
            after = {head.stamp for head in merged[1:]}
            if after != before:
                losers[name] = merged[1:]
            new_conflict = new_conflict or bool(after and after != before)
        if "translation_state" in self.position:
            updated, brought = translation_merge.merge(
                self.table,
                {name: mine[self.position[name]] for name in translation_merge.FIELDS},
                {name: theirs[self.position[name]] for name in translation_merge.FIELDS},
                stamps,
                clocks,
                *self._full(theirs),
            )
            updates.update(updated)
            writers |= brought
        if self.policy is not None:
            owner = self.columns[self.owner]
            if not self._allowed(theirs, mine, [mine[self.owner], updates.get(owner, mine[self.owner])], writers):
                return
        record_id = min(my_id, their_id)
        if not updates and not losers and record_id == my_id:
            self.counts.count(self.table, "unchanged")
            return
        self._write(mine, record_id, updates, stamps, clocks)
        for name, heads in losers.items():
            self.target.execute(
                "DELETE FROM field_conflict WHERE record_table = ? AND record_id = ? AND field = ?",
                (self.table, my_id, name),
            )
            for head in heads:
                self._store_conflict(
                    record_id, {"field": name, "stamp": head.stamp, "vector": head.vector, "value": head.value}
                )
        if record_id != my_id:
            self.target.execute(
                "UPDATE field_conflict SET record_id = ? WHERE record_table = ? AND record_id = ?",
                (record_id, self.table, my_id),
            )
        self._count(mine, updates, new_conflict)
        if self.table == "activity":
            self.changed.changed_activities.append(record_id)

    def _write(
        self,
        mine: tuple[Any, ...],
        record_id: str,
        updates: dict[str, Any],
        stamps: dict[str, Any],
        clocks: dict[str, Any],
    ) -> None:
        version = max((s for s in stamps.values() if s), default=mine[self.position["version"]])
        stored_stamps, stored_clocks = field_versions.compact(
            stamps, clocks, version, field_versions.fields_of(self.table)
        )
        assignments = {
            **updates,
            "id": record_id,
            "field_stamps": json.dumps(stored_stamps),
            "field_clocks": json.dumps(stored_clocks),
            "version": version,
            "changed_by": clock.Stamp.parse(version).office,
            "updated_at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" "),
            "origin_export": self.export_id,
        }
        sql = ", ".join(f'"{name}" = ?' for name in assignments)
        self.target.execute(f"UPDATE {self.table} SET {sql} WHERE id = ?", (*assignments.values(), mine[0]))

    def _count(self, mine: tuple[Any, ...], updates: dict[str, Any], new_conflict: bool) -> None:
        if updates.get("deleted") and not mine[self.position["deleted"]]:
            self.counts.count(self.table, "deleted")
        else:
            self.counts.count(self.table, "updated")
        if new_conflict:
            self.counts.count(self.table, "conflicts")

    def _store_conflict(self, record_id: str, conflict: dict[str, Any]) -> None:
        office = _stamp(conflict["stamp"]).office if conflict["stamp"] else ""
        self.target.execute(
            "INSERT OR IGNORE INTO field_conflict (record_table, record_id, field, stamp, vector, value, office, "
            "detected_at, merge_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.table,
                record_id,
                conflict["field"],
                conflict["stamp"],
                json.dumps(dict(sorted(conflict["vector"].items()))),
                json.dumps(conflict["value"]),
                office,
                dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" "),
                self.merge_id,
            ),
        )

    def _local_conflicts(self, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        """The open conflicts of these records of the workspace, in one query."""
        marks = ",".join("?" * len(ids))
        sql = (
            "SELECT record_id, field, stamp, vector, value FROM field_conflict "
            f"WHERE record_table = ? AND record_id IN ({marks})"
        )
        return _conflict_entries(self.target.execute(sql, (self.table, *ids)))

    @staticmethod
    def _conflicts(
        connection: sqlite3.Connection, table: str, record_id: str | None = None
    ) -> dict[str, list[dict[str, Any]]]:
        sql = "SELECT record_id, field, stamp, vector, value FROM field_conflict WHERE record_table = ?"
        parameters: tuple[Any, ...] = (table,)
        if record_id is not None:
            sql += " AND record_id = ?"
            parameters += (record_id,)
        return _conflict_entries(connection.execute(sql, parameters))


def _conflict_entries(rows: Iterable[tuple[Any, ...]]) -> dict[str, list[dict[str, Any]]]:
    """Conflict rows (record id, field, stamp, vector, value) as entries per record."""
    found: dict[str, list[dict[str, Any]]] = {}
    for rid, name, stamp, vector, value in rows:
        try:
            entry = {"field": name, "stamp": stamp, "vector": json.loads(vector), "value": json.loads(value)}
        except (TypeError, json.JSONDecodeError) as error:
            raise MalformedExportError(str(error)) from error
        found.setdefault(rid, []).append(entry)
    return found


def _merge_change_log(
    target: sqlite3.Connection, source: sqlite3.Connection, cancelled: Callable[[], bool], only_office: str | None
) -> None:
    columns = ", ".join(f'"{name}"' for name in CHANGE_COLUMNS)
    marks = ",".join("?" * len(CHANGE_COLUMNS))
    where, parameters = ("WHERE office = ?", (only_office,)) if only_office is not None else ("", ())
    for batch in _batches(source, f"SELECT {columns} FROM change {where} ORDER BY id", parameters):
        if cancelled():
            raise InterruptedError
        target.executemany(f"INSERT OR IGNORE INTO change ({columns}) VALUES ({marks})", batch)


def _observe_clock(target: sqlite3.Connection, seen: int) -> None:
    """Move the workspace's clock past every stamp seen, but never further ahead than honest drift allows."""
    ceiling = (clock.wall_clock_ms() + clock.MAX_DRIFT_MS) << 16
    row = target.execute("SELECT value FROM workspace_setting WHERE key = 'clock'").fetchone()
    current = int(row[0]) if row else 0
    reading = clock.observe(current, min(seen, ceiling))
    if reading != current:
        target.execute("UPDATE workspace_setting SET value = ? WHERE key = 'clock'", (str(reading),))
