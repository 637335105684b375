"""Rebuild the full-text search index with its one definition (storage/search_index.py).

Indexes built before it lost the translations of an activity when one of them had a title and no description
(the text was NULL), and held Arabic text unfolded, so "الاحياء" did not find "الأحياء". Every activity is
indexed anew; a later change to what is indexed adds a migration that calls the same rebuild.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlite3

from alembic import op

from habitat_desktop.storage import search_index

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    raw = op.get_bind().connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    has_index = raw.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'activity_search'")
    if has_index.fetchone() is not None:  # an export's database carries no index: merging indexes what it brings
        search_index.rebuild(raw)


def downgrade() -> None:
    """Nothing to undo: the table keeps its shape, and older code reindexes each activity it saves."""
