"""Full-text search over activities (SQLite FTS5): titles, descriptions, partners and translations.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE activity_search USING fts5("
        "activity_id UNINDEXED, title, description, partners, translations, "
        "tokenize = 'trigram')"
    )
    # the index is filled by 0004, with the one definition of what is indexed (storage/search_index.py)


def downgrade() -> None:
    op.execute("DROP TABLE activity_search")
