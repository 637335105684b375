"""Merging an export's reporting-cycle events, and defending approved records against edits that arrive with it.

Events are immutable and merge as a set (``INSERT OR IGNORE`` by id): idempotent and independent of order and
grouping. Who may write which event follows the write policy: calls, approvals, returns and reopenings come
only through an export whose signer is trusted as a coordinator; an office trusted only for itself brings only
its own events (submissions and withdrawals of its own periods, comments on its own records: anything else it
writes refuses the export, other offices' events it passes on are left out); a submission or withdrawal is
always written by the office it concerns.

Approval locks: the events are merged before the records, so an approval in the same export already applies.
An activity, funding line or resolution status of an approved period that the export changes is remembered before the
records merge; afterwards, each field a non-coordinator's write made after the approval (by the hybrid clock:
a write the approver had seen is older than its approval) changed is put back to its approved value (the field's
heads rebuilt without the write, ``storage/field_heads.py``) and the incoming value is kept as a proposal
(``change_proposal``) for a coordinator to accept or reject. Writes by coordinators (a proposal accepted) pass.
New records of an approved period are held as proposals by ``storage/proposed_records.py``, called at the end of
``LockGuard.settle``. Proposals travel in a coordinator's export (office → region → headquarters); one that a later
write of its field has seen (accepted or rejected anywhere) is dropped, so deciding a proposal ends it everywhere
after the next exchange.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from habitat_desktop.domain import clock, cycles, field_versions
from habitat_desktop.domain.field_merge import Head, dominates, merge_heads
from habitat_desktop.domain.models import SQLModel
from habitat_desktop.storage import cycle_store, field_heads, proposed_records
from habitat_desktop.storage.foreign_writes import NO_PERIOD
from habitat_desktop.storage.merge_counts import RECORD_TABLES
from habitat_desktop.storage.merging import MalformedExportError, data_fields
from habitat_desktop.storage.proposed_records import NEW_RECORD
from habitat_desktop.storage.write_policy import ForbiddenWriteError, WritePolicy

EVENT_TABLE = "cycle_event"
LOCKED_TABLES = ("activity", "funding", "resolution_status")
_LIMITS = {"kind": 16, "period": 16, "office": 16, "author": 16, "stamp": 40, "record_table": 32, "field": 48}
_MAX_TEXT = 200_000


def _columns(table: str) -> list[str]:
    return [column.name for column in SQLModel.metadata.tables[table].columns]


def _full(table: str, record: dict[str, Any]) -> tuple[dict[str, str], dict[str, dict[str, int]]]:
    """A record's full stamps and vectors (stored compact: ``domain/field_versions.py``)."""
    return field_versions.expanded(
        json.loads(record["field_stamps"]),
        json.loads(record["field_clocks"]),
        record["version"],
        field_versions.fields_of(table),
    )


def _stored(table: str, stamps: dict[str, str], clocks: dict[str, dict[str, int]], version: str) -> tuple[str, str]:
    """The texts to store of full stamps and vectors under the record's (new) version."""
    compact_stamps, compact_clocks = field_versions.compact(stamps, clocks, version, field_versions.fields_of(table))
    return json.dumps(compact_stamps), json.dumps(compact_clocks)


def merge_events(target: sqlite3.Connection, source: sqlite3.Connection, policy: WritePolicy | None) -> int:
    """Add the events of ``source`` this workspace lacks (checked, and allowed by ``policy``); return how many."""
    names = _columns(EVENT_TABLE)
    quoted = ", ".join(f'"{name}"' for name in names)
    known = {row[0] for row in target.execute("SELECT id FROM cycle_event")}
    fresh = [
        row
        for row in source.execute(f"SELECT {quoted} FROM cycle_event ORDER BY id")
        if row[0] not in known and _check(dict(zip(names, row, strict=True)), policy)
    ]
    target.executemany(f"INSERT OR IGNORE INTO cycle_event ({quoted}) VALUES ({','.join('?' * len(names))})", fresh)
    return len(fresh)


def _check(event: dict[str, Any], policy: WritePolicy | None) -> bool:
    """Whether to add an event: refuse a malformed or forbidden one; leave out one its signer may not relay."""
    for name, limit in _LIMITS.items():
        value = event[name]
        if value is not None and (not isinstance(value, str) or len(value) > limit):
            raise MalformedExportError(f"cycle event {event['id']}: {name} {str(value)[:40]!r}")
    if not isinstance(event["text"], str) or len(event["text"]) > _MAX_TEXT:
        raise MalformedExportError(f"cycle event {event['id']}: text")
    try:
        kind = cycles.EventKind(event["kind"])
        stamp = clock.checked_stamp(event["stamp"])
        offices = json.loads(event["offices"] or "[]")
        if event["due"] is not None:
            dt.date.fromisoformat(event["due"])
    except (ValueError, TypeError) as error:
        raise MalformedExportError(f"cycle event {event['id']}: {error}") from error
    if stamp.office != event["author"] or not isinstance(offices, list):
        raise MalformedExportError(f"cycle event {event['id']}: author {event['author']!r}")
    author, office = event["author"], event["office"] or event["period"]
    if kind in cycles.OFFICE_KINDS and author != event["office"]:
        raise ForbiddenWriteError(EVENT_TABLE, event["id"], office, author)
    if policy is None or policy.coordinator:
        return True
    if author != policy.signer:  # another office's event, passed on by an office trusted for itself only
        return False
    if kind in cycles.COORDINATOR_KINDS or event["office"] != policy.signer:
        raise ForbiddenWriteError(EVENT_TABLE, event["id"], office, author)
    return True


class LockGuard:
    """Approved records an export touches: their state before the merge, put back after it where needed."""

    def __init__(
        self, target: sqlite3.Connection, source: sqlite3.Connection, policy: WritePolicy | None = None
    ) -> None:
        self.target, self.source, self.policy = target, source, policy
        self.cycle = cycle_store.load_cycle_raw(target)
        self.saved: dict[str, dict[str, tuple[tuple[Any, ...], list[tuple[Any, ...]], str]]] = {}
        self.fresh: dict[str, set[str]] = {}  # records of the export this workspace did not hold before the merge
        self.held_new: dict[str, int] = {}  # of those, how many are held as proposed new records after it
        if not any(state == cycles.State.APPROVED for state in self.cycle.decided.values()):
            return
        for table in LOCKED_TABLES:
            self.saved[table] = self._touched(table, source)

    def _period_of(self, table: str, row: dict[str, Any]) -> str | None:
        if table == "activity":
            dates = (_date(row["end_date"]), _date(row["start_date"]))
            return cycle_store.locked_period(self.cycle, row["office"], dates)
        if table == "funding":  # a line belongs to the period of its date, and is part of its activity
            found = self.target.execute(
                "SELECT end_date, start_date FROM activity WHERE id = ?", (row["activity_id"],)
            ).fetchone()
            found_dates = (_date(found[0]), _date(found[1])) if found else None
            return cycle_store.locked_funding(self.cycle, row["office"], _date(row["date"]), found_dates)
        return cycle_store.locked_period(self.cycle, row["office"], (None, None), row["period"])

    def _touched(self, table: str, source: sqlite3.Connection) -> dict[str, tuple[tuple[Any, ...], list[Any], str]]:
        theirs = {row[0]: row[1:] for row in source.execute(f"SELECT id, field_stamps, version FROM {table}")}
        if not theirs:
            return {}
        names = _columns(table)
        select_list = ", ".join(f'"{name}"' for name in names)
        found: dict[str, tuple[tuple[Any, ...], list[Any], str]] = {}
        ids = list(theirs)
        fresh = self.fresh.setdefault(table, set(ids))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            sql = f"SELECT {select_list} FROM {table} WHERE id IN ({','.join('?' * len(chunk))})"
            for row in self.target.execute(sql, chunk):
                record = dict(zip(names, row, strict=True))
                fresh.discard(record["id"])
                if (record["field_stamps"], record["version"]) == theirs[record["id"]]:
                    continue
                period = self._period_of(table, record)
                if period is not None:
                    conflicts = field_heads.conflict_rows(self.target, table, record["id"])
                    found[record["id"]] = (tuple(row), conflicts, period)
        return found

    def settle(self, merge_id: str) -> list[str]:
        """Put approved values back, keep what non-coordinators wrote as proposals; return the activities touched."""
        restored: list[str] = []
        for table, saved in self.saved.items():
            for record_id, (before, conflicts, period) in saved.items():
                if self._settle_record(table, record_id, before, conflicts, period, merge_id) and table == "activity":
                    restored.append(record_id)
        if self.policy is None or self.policy.coordinator:  # a coordinator passes on the proposals it holds
            self._merge_proposals(merge_id)
            restored.extend(self._restore_proposed(merge_id))
        _prune_proposals(self.target)
        restored.extend(self._release_unlocked(merge_id))
        signer = None if self.policy is None or self.policy.coordinator else self.policy.signer
        moved = proposed_records.settle(self.target, self.source, self.cycle, signer, merge_id)  # new records
        for table, record_id in moved.held:
            if record_id in self.fresh.get(table, ()):
                self.held_new[table] = self.held_new.get(table, 0) + 1
        restored.extend(moved.activities)
        return restored

    def _release_unlocked(self, merge_id: str) -> list[str]:
        """Apply the proposed edits no lock holds any more (their period reopened, or the write older than a later
        approval), as they would have merged had the reopening arrived first: the result does not depend on the
        order exports arrive in. An edit a newer write has not seen stays a proposal."""
        released: list[str] = []
        pending = self.target.execute(
            "SELECT id, record_table, record_id, field, stamp, vector, value FROM change_proposal "
            "WHERE field != ? AND period != ? ORDER BY stamp",
            (NEW_RECORD, NO_PERIOD),
        ).fetchall()
        for proposal_id, table, record_id, name, stamp, vector, value in pending:
            names = _columns(table)
            select_list = ", ".join(f'"{column}"' for column in names)
            row = self.target.execute(f"SELECT {select_list} FROM {table} WHERE id = ?", (record_id,)).fetchone()
            if row is None:
                continue
            record = dict(zip(names, row, strict=True))
            period = self._period_of(table, record)
            if period is not None and not self._passes(stamp, record["office"], period):
                continue  # still locked
            stamps, clocks = _full(table, record)
            theirs = json.loads(vector)
            if not dominates(theirs, clocks.get(name, {})):
                continue  # not newer than what the record holds: left for a coordinator to decide
            now = field_heads.conflict_rows(self.target, table, record_id)
            kept = merge_heads(
                [field_heads.row_head(stamps, clocks, name, record[name]), *field_heads.of_conflicts(now, name)],
                [Head(stamp, theirs, json.loads(value))],
            )
            field_heads.rewrite_conflicts(self.target, table, record_id, name, kept[1:], now, merge_id)
            stamps[name], clocks[name] = kept[0].stamp, dict(kept[0].vector)
            version = max(v for v in stamps.values() if v)
            self.target.execute(
                f'UPDATE {table} SET "{name}" = ?, field_stamps = ?, field_clocks = ?, version = ?, changed_by = ? '
                "WHERE id = ?",
                (
                    kept[0].value,
                    *_stored(table, stamps, clocks, version),
                    version,
                    clock.Stamp.parse(version).office,
                    record_id,
                ),
            )
            self.target.execute("DELETE FROM change_proposal WHERE id = ?", (proposal_id,))
            if table == "activity":
                released.append(record_id)
        return released

    def _restore_proposed(self, merge_id: str) -> list[str]:
        """Put back the approved value where this workspace took, before the approval reached it, a write that the
        coordinator's export lists as a proposal (its own value for the field is the approved one): the write
        leaves the field's heads, whether it won here or is one of its conflicts."""
        restored: list[str] = []
        if not any(state == cycles.State.APPROVED for state in self.cycle.decided.values()):
            return restored
        proposed = self.source.execute(
            "SELECT DISTINCT record_table, record_id, field, stamp FROM change_proposal WHERE field != ?", (NEW_RECORD,)
        )
        for table, record_id, name, stamp in proposed.fetchall():
            names = _columns(table)
            select_list = ", ".join(f'"{column}"' for column in names)
            sql = f"SELECT {select_list} FROM {table} WHERE id = ?"
            mine, theirs = self.target.execute(sql, (record_id,)).fetchone(), self.source.execute(sql, (record_id,))
            theirs_row = theirs.fetchone()
            if mine is None or theirs_row is None:
                continue
            ours, source = dict(zip(names, mine, strict=True)), dict(zip(names, theirs_row, strict=True))
            stamps, clocks = _full(table, ours)
            their_stamps, their_clocks = _full(table, source)
            now = field_heads.conflict_rows(self.target, table, record_id)
            heads = [field_heads.row_head(stamps, clocks, name, ours[name]), *field_heads.of_conflicts(now, name)]
            if stamp not in {head.stamp for head in heads} or their_stamps.get(name, stamp) == stamp:
                continue
            if self._period_of(table, ours) is None:
                continue
            kept = merge_heads(
                [head for head in heads if head.stamp != stamp],
                [field_heads.row_head(their_stamps, their_clocks, name, source[name])],
            )
            field_heads.rewrite_conflicts(self.target, table, record_id, name, kept[1:], now, merge_id)
            if kept[0].stamp == stamps.get(name, ""):
                continue  # the write held aside was one of the field's conflicts here
            stamps[name], clocks[name] = kept[0].stamp, dict(kept[0].vector)
            version = max(v for v in stamps.values() if v)
            self.target.execute(
                f'UPDATE {table} SET "{name}" = ?, field_stamps = ?, field_clocks = ?, version = ?, changed_by = ? '
                "WHERE id = ?",
                (
                    kept[0].value,
                    *_stored(table, stamps, clocks, version),
                    version,
                    clock.Stamp.parse(version).office,
                    record_id,
                ),
            )
            if table == "activity":
                restored.append(record_id)
        return restored

    def _merge_proposals(self, merge_id: str) -> None:
        rows = self.source.execute(
            "SELECT record_table, record_id, field, stamp, vector, value, office, period FROM change_proposal "
            "WHERE field != ?",
            (NEW_RECORD,),
        ).fetchall()
        for table, record_id, name, stamp, vector, value, office, period in rows:
            try:
                if table not in RECORD_TABLES or name not in data_fields(table):  # foreign writes: any table
                    raise ValueError(name)
                parsed = clock.checked_stamp(stamp)
                loaded = json.loads(vector)
                json.loads(value)
                if period != NO_PERIOD:  # no period: a write set aside (storage/foreign_writes.py)
                    cycles.check_period(period)
            except (ValueError, TypeError) as error:
                raise MalformedExportError(f"change proposal {record_id}: {error}") from error
            if parsed.office != office or not isinstance(loaded, dict):
                raise MalformedExportError(f"change proposal {record_id}: office {office!r}")
            self._propose(table, record_id, name, stamp, loaded, json.loads(value), period, merge_id)

    def _settle_record(
        self,
        table: str,
        record_id: str,
        before: tuple[Any, ...],
        conflicts: list[tuple[Any, ...]],
        period: str,
        merge_id: str,
    ) -> bool:
        names = _columns(table)
        select_list = ", ".join(f'"{name}"' for name in names)
        row = self.target.execute(f"SELECT {select_list} FROM {table} WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            return False
        old, new = dict(zip(names, before, strict=True)), dict(zip(names, row, strict=True))
        old_stamps, old_clocks = _full(table, old)
        new_stamps, new_clocks = _full(table, new)
        now = field_heads.conflict_rows(self.target, table, record_id)
        assignments: dict[str, Any] = {}
        for name in data_fields(table):
            old_heads = [field_heads.row_head(old_stamps, old_clocks, name, old[name])]
            old_heads += field_heads.of_conflicts(conflicts, name)
            known = {head.stamp for head in old_heads}
            heads = [field_heads.row_head(new_stamps, new_clocks, name, new[name])]
            heads += field_heads.of_conflicts(now, name)
            blocked = {
                head.stamp
                for head in heads
                if head.stamp and head.stamp not in known and not self._passes(head.stamp, old["office"], period)
            }
            if not blocked:
                continue
            # the field's heads as if the writes the lock holds had not come: they leave, the heads they had
            # superseded here (the approved value among them) come back, each head once (storage/field_heads.py)
            kept = merge_heads(old_heads, [head for head in heads if head.stamp not in blocked])
            for head in heads:
                if head.stamp in blocked and head.value != kept[0].value:
                    self._propose(table, record_id, name, head.stamp, dict(head.vector), head.value, period, merge_id)
            field_heads.rewrite_conflicts(self.target, table, record_id, name, kept[1:], [*conflicts, *now], merge_id)
            if kept[0].stamp != new_stamps.get(name, ""):
                assignments[name] = kept[0].value
                new_stamps[name], new_clocks[name] = kept[0].stamp, dict(kept[0].vector)
        if not assignments:
            return False
        stamps = {k: v for k, v in new_stamps.items() if v}
        assignments["version"] = max(stamps.values(), default=old["version"])
        assignments["field_stamps"], assignments["field_clocks"] = _stored(
            table, stamps, new_clocks, assignments["version"]
        )
        assignments["changed_by"] = clock.Stamp.parse(assignments["version"]).office
        sql = ", ".join(f'"{name}" = ?' for name in assignments)
        self.target.execute(f"UPDATE {table} SET {sql} WHERE id = ?", (*assignments.values(), record_id))
        return True

    def _passes(self, stamp: str, owner: str, period: str) -> bool:
        """Whether a write passes the lock: one made before the approval (by the hybrid clock: every write the
        approver had seen is), or a coordinator's (one that made a cycle step, or another office writing this
        office's record, which only trust as a coordinator lets through: a proposal decided by a region)."""
        parsed = clock.Stamp.parse(stamp)
        approval = self.cycle.last_step.get((period, owner))
        if approval is not None and parsed.clock < clock.Stamp.parse(approval.stamp).clock:
            return True
        return parsed.office in self.cycle.coordinators or parsed.office != owner

    def _propose(
        self,
        table: str,
        record_id: str,
        name: str,
        stamp: str,
        vector: dict[str, int],
        value: Any,
        period: str,
        merge_id: str,
    ) -> None:
        self.target.execute(
            "INSERT OR IGNORE INTO change_proposal (record_table, record_id, field, stamp, vector, value, office, "
            "period, detected_at, merge_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                table,
                record_id,
                name,
                stamp,
                json.dumps(dict(sorted(vector.items()))),
                json.dumps(value),
                clock.Stamp.parse(stamp).office,
                period,
                dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" "),
                merge_id,
            ),
        )


def _prune_proposals(target: sqlite3.Connection) -> None:
    """Drop proposals a later write has seen (accepted or rejected somewhere), and those of unknown records."""
    for table in RECORD_TABLES:
        rows = target.execute(
            f"SELECT p.id, p.field, p.vector, r.field_stamps, r.field_clocks, r.version FROM change_proposal p "
            f"LEFT JOIN {table} r ON r.id = p.record_id WHERE p.record_table = ? AND p.field != ?",
            (table, NEW_RECORD),
        ).fetchall()
        for proposal_id, name, vector, stamps, clocks, version in rows:
            record = {"field_stamps": stamps, "field_clocks": clocks, "version": version}
            current = _full(table, record)[1].get(name, {}) if clocks else None
            if current is None or dominates(current, json.loads(vector)):
                target.execute("DELETE FROM change_proposal WHERE id = ?", (proposal_id,))


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def guard_merge(target: sqlite3.Connection, source: sqlite3.Connection, policy: WritePolicy | None) -> LockGuard:
    """Merge the export's events first (so its approvals apply), then remember the approved records it touches."""
    merge_events(target, source, policy)
    return LockGuard(target, source, policy)


__all__: Sequence[str] = ("LockGuard", "guard_merge", "merge_events")
