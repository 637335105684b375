"""The derived indexes (resolutions, outcomes, full text) of the activities a merge brings in or changes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from habitat_desktop.storage import search_index

REINDEX_BATCH = 20_000  # activities reindexed per statement: FTS5 writes a segment at each statement's start


@dataclass
class ChangedActivities:
    """Activities whose derived indexes wait to be written: new ones by rowid (every activity row past
    ``indexed_rowid`` is new to this merge), changed ones by id; and the latest clock seen."""

    indexed_rowid: int = 0
    new_activities: int = 0
    changed_activities: list[str] = field(default_factory=list)
    max_clock: int = 0

    def pending(self) -> int:
        """How many activities wait to be reindexed."""
        return self.new_activities + len(self.changed_activities)


def last_rowid(target: sqlite3.Connection) -> int:
    (last,) = target.execute("SELECT coalesce(max(rowid), 0) FROM activity").fetchone()
    return int(last)


def reindex_activities(target: sqlite3.Connection, changed: ChangedActivities) -> None:
    """Write the derived indexes (resolutions, outcomes, full text) of the activities merged in: the new ones
    by rowid range, as an import does; the changed ones (held before) by id, their old index rows removed."""
    if changed.new_activities:
        _index_activities(target, "FROM activity a WHERE a.rowid > ? AND NOT a.deleted", (changed.indexed_rowid,))
    if changed.changed_activities:
        target.execute("CREATE TEMP TABLE IF NOT EXISTS merged_activity (id TEXT PRIMARY KEY)")
        target.execute("DELETE FROM temp.merged_activity")
        target.executemany(
            "INSERT OR IGNORE INTO temp.merged_activity VALUES (?)", ((i,) for i in changed.changed_activities)
        )
        held = "(SELECT m.id FROM temp.merged_activity m CROSS JOIN activity a ON a.id = m.id WHERE a.rowid <= ?)"
        target.execute(f"DELETE FROM temp.merged_activity WHERE id NOT IN {held}", (changed.indexed_rowid,))
        target.execute("DELETE FROM activity_resolution WHERE activity_id IN (SELECT id FROM temp.merged_activity)")
        target.execute("DELETE FROM activity_outcome WHERE activity_id IN (SELECT id FROM temp.merged_activity)")
        target.execute(
            "DELETE FROM activity_search WHERE rowid IN (SELECT rowid FROM activity_search "
            "WHERE activity_id IN (SELECT id FROM temp.merged_activity))"
        )
        # CROSS JOIN fixes the join order: the batch's ids drive, the activity table is looked up by key
        _index_activities(
            target, "FROM temp.merged_activity m CROSS JOIN activity a ON a.id = m.id WHERE NOT a.deleted"
        )
        target.execute("DELETE FROM temp.merged_activity")
    changed.indexed_rowid = last_rowid(target)
    changed.new_activities = 0
    changed.changed_activities.clear()


def _index_activities(target: sqlite3.Connection, selected: str, parameters: tuple[Any, ...] = ()) -> None:
    """Index the activities ``selected`` (a FROM … WHERE clause naming the activity table ``a``)."""
    target.execute(
        "INSERT OR IGNORE INTO activity_resolution (activity_id, resolution_symbol) "
        f"SELECT a.id, j.value {selected.replace('WHERE', ', json_each(a.resolutions) j WHERE', 1)}",
        parameters,
    )
    target.execute(
        "INSERT OR IGNORE INTO activity_outcome (activity_id, outcome_number) "
        f"SELECT a.id, j.value {selected.replace('WHERE', ', json_each(a.outcomes) j WHERE', 1)}",
        parameters,
    )
    target.execute(search_index.insert_sql(selected), parameters)
