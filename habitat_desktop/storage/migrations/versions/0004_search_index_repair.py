"""Rebuild the full-text search index with its one definition (storage/search_index.py).

Indexes built before it lost the translations of an activity when one of them had a title and no description
(the text was NULL), and held Arabic text unfolded, so "الاحياء" did not find "الأحياء". Revision 0010
replaces the index with one of another shape and indexes every activity anew with the one definition, so this
revision has nothing left to do (the definition of today cannot fill the table of this revision).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Nothing: 0010 rebuilds the index."""


def downgrade() -> None:
    """Nothing to undo."""
