"""Records store only the per-field stamps and version vectors their own version does not imply.

Every versioned record's ``field_stamps`` and ``field_clocks`` are rewritten in the compact form
(``domain/field_versions.py``): a field whose stamp is the record's version, and a vector that is its stamp's
alone, are left out; a field never written is kept as ``""``. Proposed new records held whole in
``change_proposal`` are rewritten alike. Rows are read and written by batches (memory stays flat). Exports of
format 1 (an older app's, at an older revision) are upgraded by this step in their private copy before they merge.

A row is taken as full when one of its stamps is its version (the latest write stamped a field): a row already
compact never holds its version as the stamp of a field it implies, and when it holds it only as ``deleted``'s, every
field it implies is explicit, so compacting it again changes nothing. Rows whose version data cannot be read are
left as they are, for the export checks to refuse them with their usual message.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from alembic import op

from habitat_desktop.domain import field_versions

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

TABLES = ("office", "activity", "funding", "resolution_status", "report_document", "glossary_term")
SHARED = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "created_by",
        "changed_by",
        "version",
        "field_stamps",
        "deleted",
        "field_clocks",
        "origin_export",
    }
)
"""The columns every versioned record has at this revision; a record's version stands for the others."""
BATCH = 2000
Rewrite = Callable[[str, str, str, tuple[str, ...]], tuple[str, str] | None]


def _compacted(stamps_text: str, clocks_text: str, version: str, fields: tuple[str, ...]) -> tuple[str, str] | None:
    """The compact texts of a full row, or None for a row to leave as it is (already compact, or unreadable)."""
    try:
        stamps, clocks = json.loads(stamps_text or "{}"), json.loads(clocks_text or "{}")
        if not isinstance(stamps, dict) or not isinstance(clocks, dict) or version not in stamps.values():
            return None
        if not all(isinstance(v, str) for v in stamps.values()) or not all(
            isinstance(v, dict) for v in clocks.values()
        ):
            return None
        new_stamps, new_clocks = field_versions.compact(stamps, clocks, version, fields)
    except (ValueError, TypeError, AttributeError):
        return None
    return json.dumps(new_stamps), json.dumps(new_clocks)


def _expanded(stamps_text: str, clocks_text: str, version: str, fields: tuple[str, ...]) -> tuple[str, str] | None:
    """The full texts of a compact row (downgrade), or None for a row to leave as it is."""
    try:
        stamps, clocks = json.loads(stamps_text or "{}"), json.loads(clocks_text or "{}")
        new_stamps, new_clocks = field_versions.expanded(stamps, clocks, version, fields)
    except (ValueError, TypeError, AttributeError):
        return None
    return json.dumps(new_stamps), json.dumps(new_clocks)


def _fields(raw: sqlite3.Connection, table: str) -> tuple[str, ...] | None:
    columns = [row[1] for row in raw.execute(f"PRAGMA table_info({table})")]
    return tuple(sorted(c for c in columns if c not in SHARED)) if "field_stamps" in columns else None


def _rewrite_records(raw: sqlite3.Connection, rewrite: Rewrite) -> None:
    for table in TABLES:
        fields = _fields(raw, table)
        if fields is None:
            continue
        last = 0
        while rows := raw.execute(
            f"SELECT rowid, field_stamps, field_clocks, version FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (last, BATCH),
        ).fetchall():
            last = rows[-1][0]
            updates = []
            for rowid, stamps, clocks, version in rows:
                new = rewrite(stamps, clocks, version, fields)
                if new is not None and new != (stamps, clocks):
                    updates.append((*new, rowid))
            raw.executemany(f"UPDATE {table} SET field_stamps = ?, field_clocks = ? WHERE rowid = ?", updates)


def _rewrite_proposed(raw: sqlite3.Connection, rewrite: Rewrite) -> None:
    """Proposed new records (``storage/proposed_records.py``: ``field`` is ``''``, the whole row in ``value``)."""
    known = {table: _fields(raw, table) for table in TABLES}
    last = 0
    while rows := raw.execute(
        "SELECT id, record_table, value FROM change_proposal WHERE field = '' AND id > ? ORDER BY id LIMIT ?",
        (last, BATCH),
    ).fetchall():
        last = rows[-1][0]
        updates = []
        for proposal_id, table, value in rows:
            fields = known.get(table)
            try:
                body: Any = json.loads(value)
                row = body["row"]
                new = (
                    None
                    if fields is None
                    else rewrite(row["field_stamps"], row["field_clocks"], row["version"], fields)
                )
            except (ValueError, TypeError, KeyError):
                continue
            if new is not None and new != (row["field_stamps"], row["field_clocks"]):
                row["field_stamps"], row["field_clocks"] = new
                updates.append((json.dumps(body, sort_keys=True), proposal_id))
        raw.executemany("UPDATE change_proposal SET value = ? WHERE id = ?", updates)


def _raw() -> sqlite3.Connection:
    raw = op.get_bind().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


def upgrade() -> None:
    raw = _raw()
    _rewrite_records(raw, _compacted)
    _rewrite_proposed(raw, _compacted)


def downgrade() -> None:
    raw = _raw()
    _rewrite_records(raw, _expanded)
    _rewrite_proposed(raw, _expanded)
