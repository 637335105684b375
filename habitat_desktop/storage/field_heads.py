"""A stored field's heads (its row's value and its open conflicts) read and rewritten as one set, for the lock guard.

A field's state is the set of its heads (``domain.field_merge``): the winner in the record's row and the others in
``field_conflict``. Merging keeps that shape (the winner is never also a conflict, no head dominates another); a
step that takes a head out of the set (a write the approval lock sets aside as a proposal) or puts one in (the
approved value put back) must rebuild the whole set with ``merge_heads``, or it leaves, say, the head it restored
in the row beside the same head kept as a conflict — a conflict that exists only where merges came in that order.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from habitat_desktop.domain import clock
from habitat_desktop.domain.field_merge import Head

ConflictRow = tuple[Any, ...]  # (field, stamp, vector, value, office, detected_at, merge_id), as stored


def conflict_rows(target: sqlite3.Connection, table: str, record_id: str) -> list[ConflictRow]:
    """The open conflicts of a record, as stored."""
    return target.execute(
        "SELECT field, stamp, vector, value, office, detected_at, merge_id FROM field_conflict "
        "WHERE record_table = ? AND record_id = ?",
        (table, record_id),
    ).fetchall()


def of_conflicts(rows: Sequence[ConflictRow], name: str) -> list[Head]:
    """The heads of field ``name`` among a record's conflict rows."""
    return [Head(row[1], json.loads(row[2]), json.loads(row[3])) for row in rows if row[0] == name]


def row_head(stamps: dict[str, str], clocks: dict[str, dict[str, int]], name: str, value: Any) -> Head:
    """The head a record's row holds for a field (full stamps and vectors; a field never written has stamp "")."""
    return Head(stamps.get(name, ""), dict(clocks.get(name, {})), value)


def rewrite_conflicts(
    target: sqlite3.Connection,
    table: str,
    record_id: str,
    name: str,
    losers: Sequence[Head],
    known: Sequence[ConflictRow],
    merge_id: str,
) -> None:
    """Make ``losers`` the field's open conflicts; a head already stored (in ``known``) keeps when and by which
    merge it was found."""
    found = {(row[0], row[1]): row[5:] for row in known}
    target.execute(
        "DELETE FROM field_conflict WHERE record_table = ? AND record_id = ? AND field = ?", (table, record_id, name)
    )
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    for head in losers:
        detected_at, by_merge = found.get((name, head.stamp), (now, merge_id))
        target.execute(
            "INSERT OR IGNORE INTO field_conflict (record_table, record_id, field, stamp, vector, value, office, "
            "detected_at, merge_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                table,
                record_id,
                name,
                head.stamp,
                json.dumps(dict(sorted(head.vector.items()))),
                json.dumps(head.value),
                clock.Stamp.parse(head.stamp).office if head.stamp else "",
                detected_at,
                by_merge,
            ),
        )


__all__ = ["ConflictRow", "conflict_rows", "of_conflicts", "rewrite_conflicts", "row_head"]
