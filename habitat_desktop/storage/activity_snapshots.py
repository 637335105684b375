"""An activity's editable values as the change log writes them, read from its stored row by one SQL expression."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from habitat_desktop.domain.activity import EDITABLE_FIELDS

_JSON_COLUMNS = frozenset(
    {"resolutions", "outcomes", "priority_domains", "operative_paragraphs", "partners", "translations"}
)
SNAPSHOT_FIELDS = (*EDITABLE_FIELDS, "translation_state")
"""The fields of an activity's "created" line: every editable field and the translation states."""

SNAPSHOT_SQL = "json_object({})".format(
    ", ".join(
        f"'{name}', json(a.{name})" if name in _JSON_COLUMNS or name == "translation_state" else f"'{name}', a.{name}"
        for name in SNAPSHOT_FIELDS
    )
)
"""The JSON object of an activity row ``a``'s values, as ``Recorder.create`` logs them (dates as ISO text)."""


def stored_values(connection: sqlite3.Connection, activity_id: str) -> dict[str, Any] | None:
    """An activity's values as stored now, in the change log's form; None if there is no such activity."""
    row = connection.execute(f"SELECT {SNAPSHOT_SQL} FROM activity a WHERE a.id = ?", (activity_id,)).fetchone()
    return None if row is None else dict(json.loads(row[0]))


__all__ = ["SNAPSHOT_FIELDS", "SNAPSHOT_SQL", "stored_values"]
