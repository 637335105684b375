"""New records of approved periods arriving by merge: kept as proposals, not inserted, until a coordinator decides.

The rule is a function of a record and the cycle events, so every workspace splits records and proposals alike
whatever the order and grouping of merges: an activity, funding line or resolution status, not deleted, that
belongs to a period approved for its office (``cycle_store.locked_period``/``locked_funding``), whose every write
is its own office's, and whose first write is later (by the hybrid clock) than the approval (so the approver had
not seen it) is a *proposed new record*. It is held in ``change_proposal`` (field ``NEW_RECORD``, the whole row and
its open conflicts as the value), not in its table. After every merge: proposals the export brings join those held
(the later version of a record wins); records the rule now covers move into proposals; a proposal the rule no
longer covers (its period reopened) goes back into its table; a proposal whose record exists is dropped.

A coordinator deciding one (``services/proposals.py``) inserts the record with a write of its own: accepting
stamps it kept (``deleted`` false), rejecting stamps it deleted (a tombstone). Either way the record then carries
another office's write, so the rule no longer covers it, and it travels like any record: the proposal ends
everywhere after the next exchange, and re-merging the office's old export never brings a rejected record back.
(A record an office created before the approval that the approver had not seen cannot be told from one it had: it
is taken as part of the approved data.)
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from habitat_desktop.domain import clock, cycles, field_versions
from habitat_desktop.domain.models import SQLModel
from habitat_desktop.storage import cycle_store
from habitat_desktop.storage.merging import MalformedExportError

NEW_RECORD = ""  # the ``field`` of a proposal that holds a whole new record
TABLES = ("activity", "funding", "resolution_status")  # activities first: a funding line may need its activity
_CONFLICT_COLUMNS = ("field", "stamp", "vector", "value", "office", "detected_at", "merge_id")


def columns(table: str) -> list[str]:
    return [column.name for column in SQLModel.metadata.tables[table].columns]


def _date(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def _dates(row: dict[str, Any] | None) -> tuple[Any, Any] | None:
    return (_date(row["end_date"]), _date(row["start_date"])) if row is not None else None


def record_period(cycle: cycles.Cycle, table: str, row: dict[str, Any], activity: dict[str, Any] | None) -> str | None:
    """The approved period a record (``activity``: its activity's row, for a funding line) belongs to, or None."""
    office = row["office"]
    if table == "activity":
        return cycle_store.locked_period(cycle, office, (_date(row["end_date"]), _date(row["start_date"])))
    if table == "funding":
        return cycle_store.locked_funding(cycle, office, _date(row["date"]), _dates(activity))
    return cycle_store.locked_period(cycle, office, (None, None), row["period"])


def proposed_period(
    cycle: cycles.Cycle, table: str, row: dict[str, Any], activity: dict[str, Any] | None
) -> str | None:
    """The approved period of which this record is a proposed new record (see the module's rule), or None."""
    if row["deleted"] or not cycle.decided:
        return None
    written = field_versions.written_stamps(json.loads(row["field_stamps"] or "{}"), row["version"])
    stamps = [clock.Stamp.parse(s) for s in written]
    if not stamps or any(stamp.office != row["office"] for stamp in stamps):
        return None  # written by another office too: a coordinator has taken it in
    period = record_period(cycle, table, row, activity)
    if period is None:
        return None
    approval = cycle.last_step.get((period, row["office"]))
    if approval is None:
        return None
    return period if min(stamp.clock for stamp in stamps) > clock.Stamp.parse(approval.stamp).clock else None


def held(connection: sqlite3.Connection, table: str | None = None) -> dict[tuple[str, str], dict[str, Any]]:
    """The proposed new records a workspace (or export) holds: (table, id) → {row, conflicts, period, id}."""
    sql = "SELECT id, record_table, record_id, value, period FROM change_proposal WHERE field = ?"
    parameters: tuple[Any, ...] = (NEW_RECORD,)
    if table is not None:
        sql += " AND record_table = ?"
        parameters += (table,)
    found = {}
    for proposal_id, record_table, record_id, value, period in connection.execute(sql, parameters):
        body = json.loads(value)
        found[(record_table, record_id)] = {**body, "id": proposal_id, "period": period}
    return found


def _store(
    target: sqlite3.Connection,
    table: str,
    row: dict[str, Any],
    conflicts: list[list[Any]],
    period: str,
    merge_id: str,
    now: str,
) -> None:
    """Hold a record as a proposal; the later version wins over one already held (a join: order does not matter)."""
    row = {**row, "origin_export": None, "updated_at": row["created_at"]}  # the same wherever it is held
    existing = held(target, table).get((table, row["id"]))
    if existing is not None:
        mine = existing["row"]
        if (mine["version"], json.dumps(mine, sort_keys=True)) >= (row["version"], json.dumps(row, sort_keys=True)):
            return
        target.execute("DELETE FROM change_proposal WHERE id = ?", (existing["id"],))
    target.execute(
        "INSERT INTO change_proposal (record_table, record_id, field, stamp, vector, value, office, period, "
        "detected_at, merge_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            table,
            row["id"],
            NEW_RECORD,
            row["version"],
            "{}",
            json.dumps({"row": row, "conflicts": sorted(conflicts)}, sort_keys=True),
            row["office"],
            period,
            now,
            merge_id,
        ),
    )


def insert_record(target: Callable[[str, tuple[Any, ...]], Any], table: str, body: dict[str, Any]) -> None:
    """Put a held record (and its open conflicts) into its table, through ``target`` (an ``execute``)."""
    row = body["row"]
    names = list(row)
    quoted = ", ".join(f'"{name}"' for name in names)
    target(f"INSERT INTO {table} ({quoted}) VALUES ({','.join('?' * len(names))})", tuple(row[n] for n in names))
    for conflict in body.get("conflicts", []):
        target(
            "INSERT OR IGNORE INTO field_conflict (record_table, record_id, field, stamp, vector, value, office, "
            "detected_at, merge_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (table, row["id"], *conflict),
        )


@dataclass
class Moved:
    """What settling moved: activities either way (their indexes to refresh), records into proposals."""

    activities: list[str] = field(default_factory=list)
    held: list[tuple[str, str]] = field(default_factory=list)  # (table, id)


def settle(
    target: sqlite3.Connection, source: sqlite3.Connection, cycle: cycles.Cycle, signer: str | None, merge_id: str
) -> Moved:
    """After a merge, split records and proposed new records by the rule; say what moved.

    ``signer``: the office of an export whose signer is trusted only for itself (its own records' proposals are
    taken, no others'); None for a coordinator's export (every proposal it holds is taken)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    try:
        incoming = held(source)
    except (ValueError, TypeError) as error:
        raise MalformedExportError(f"proposed new record: {error}") from error
    for (table, record_id), body in incoming.items():
        row = _checked(table, record_id, body)
        written = field_versions.written_stamps(json.loads(row["field_stamps"]), row["version"])
        writers = {clock.Stamp.parse(s).office for s in written}
        if signer is None or writers <= {row["office"]} == {signer}:
            _store(target, table, row, body.get("conflicts", []), body["period"], merge_id, now)
    moved = Moved()
    for table in reversed(TABLES):  # funding lines before their activities (which they refer to)
        into = _move_in(target, cycle, table, merge_id, now)
        moved.held += [(table, record_id) for record_id in into]
        moved.activities += into if table == "activity" else []
    for table in TABLES:
        moved.activities += _move_out(target, cycle, table)
    return moved


def _activity(target: sqlite3.Connection, activity_id: str | None) -> dict[str, Any] | None:
    if not activity_id:
        return None
    names = columns("activity")
    quoted = ", ".join(f'"{n}"' for n in names)
    row = target.execute(f"SELECT {quoted} FROM activity WHERE id = ?", (activity_id,)).fetchone()
    if row is not None:
        return dict(zip(names, row, strict=True))
    body = held(target, "activity").get(("activity", activity_id))
    return body["row"] if body is not None else None


def _move_in(target: sqlite3.Connection, cycle: cycles.Cycle, table: str, merge_id: str, now: str) -> list[str]:
    """Move the records of approved periods that the rule covers out of their table, into proposals; their ids."""
    names = columns(table)
    quoted = ", ".join(f'"{n}"' for n in names)
    moved = []
    for (period, office), event in sorted(cycle.last_step.items()):
        if cycle.decided.get((period, office)) != cycles.State.APPROVED:
            continue
        after = f"{clock.Stamp.parse(event.stamp).clock:016x}"  # versions start with their clock in hex
        sql = f"SELECT {quoted} FROM {table} WHERE office = ? AND NOT deleted AND version > ?"
        for values in target.execute(sql, (office, after)).fetchall():
            row = dict(zip(names, values, strict=True))
            found = proposed_period(cycle, table, row, _activity(target, row.get("activity_id")))
            if found is None:
                continue
            conflicts = target.execute(
                f"SELECT {', '.join(_CONFLICT_COLUMNS)} FROM field_conflict WHERE record_table = ? AND record_id = ?",
                (table, row["id"]),
            ).fetchall()
            _store(target, table, row, [list(c) for c in conflicts], found, merge_id, now)
            target.execute("DELETE FROM field_conflict WHERE record_table = ? AND record_id = ?", (table, row["id"]))
            if table == "activity":  # its derived indexes first (they refer to it)
                for index in ("activity_resolution", "activity_outcome"):
                    target.execute(f"DELETE FROM {index} WHERE activity_id = ?", (row["id"],))
            moved.append(row["id"])
            target.execute(f"DELETE FROM {table} WHERE id = ?", (row["id"],))
    return moved


def _move_out(target: sqlite3.Connection, cycle: cycles.Cycle, table: str) -> list[str]:
    """Drop the proposals whose record exists; put back those the rule no longer covers (a period reopened)."""
    moved = []
    for (_table, record_id), body in held(target, table).items():
        if target.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone() is not None:
            target.execute("DELETE FROM change_proposal WHERE id = ?", (body["id"],))
            continue
        row = body["row"]
        if proposed_period(cycle, table, row, _activity(target, row.get("activity_id"))) is not None:
            continue
        insert_record(target.execute, table, body)
        target.execute("DELETE FROM change_proposal WHERE id = ?", (body["id"],))
        if table == "activity":
            moved.append(record_id)
    return moved


def _checked(table: str, record_id: str, body: dict[str, Any]) -> dict[str, Any]:
    """An export's proposed new record, or MalformedExportError: its table, columns and version data as stored."""
    row = body.get("row")
    try:
        if table not in TABLES or not isinstance(row, dict) or sorted(row) != sorted(columns(table)):
            raise ValueError(table)
        if row["id"] != record_id or not isinstance(row["office"], str) or not isinstance(row["version"], str):
            raise ValueError(record_id)
        for stamp in field_versions.written_stamps(json.loads(row["field_stamps"]), row["version"]):
            clock.checked_stamp(stamp)
        conflicts = body.get("conflicts", [])
        if not isinstance(conflicts, list) or not all(
            isinstance(c, list) and len(c) == len(_CONFLICT_COLUMNS) for c in conflicts
        ):
            raise ValueError("conflicts")
        cycles.check_period(str(body["period"]))
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise MalformedExportError(f"proposed new record {record_id}: {error}") from error
    return row


__all__ = ["NEW_RECORD", "held", "insert_record", "proposed_period", "record_period", "settle"]
