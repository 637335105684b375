"""Translation states: beside each record's translations, the source each was made from and whether reviewed.

Existing translations become "translated", made from the record's current source text, stamped like the
translations they describe (so two workspaces upgrading the same records reach the same state and merge as one).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import json
import sqlite3

import sqlalchemy as sa
from alembic import op

from habitat_desktop.domain import translation_status

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None
TABLES = {"activity": ("title", "description"), "resolution_status": ("narrative",)}  # as at this revision


def upgrade() -> None:
    raw = op.get_bind().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    for table in TABLES:
        columns = {row[1] for row in raw.execute(f"PRAGMA table_info({table})")}
        if "translation_state" in columns:  # a workspace whose revision mark was moved back (tests of older steps)
            continue
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("translation_state", sa.JSON(), nullable=False, server_default="{}"))
    for table, fields in TABLES.items():
        _fill(raw, table, fields)


def _fill(raw: sqlite3.Connection, table: str, fields: tuple[str, ...]) -> None:
    columns = ", ".join(f'"{name}"' for name in fields)
    rows = raw.execute(
        f"SELECT id, translations, field_stamps, field_clocks, version, {columns} FROM {table} "
        "WHERE translations NOT IN ('{}', '') AND translation_state IN ('{}', '')"
    ).fetchall()
    for record_id, translations, stamps_text, clocks_text, version, *sources in rows:
        stamps, clocks = json.loads(stamps_text or "{}"), json.loads(clocks_text or "{}")
        stamp = stamps.get("translations") or version
        state = translation_status.initial_state(
            json.loads(translations), dict(zip(fields, sources, strict=True)), stamp
        )
        stamps["translation_state"] = stamp
        if "translations" in clocks:
            clocks["translation_state"] = clocks["translations"]
        raw.execute(
            f"UPDATE {table} SET translation_state = ?, field_stamps = ?, field_clocks = ? WHERE id = ?",
            (
                json.dumps(state, ensure_ascii=False),
                json.dumps(dict(sorted(stamps.items()))),
                json.dumps(dict(sorted(clocks.items()))),
                record_id,
            ),
        )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("translation_state")
