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
    op.execute(
        "INSERT INTO activity_search (activity_id, title, description, partners, translations) "
        "SELECT id, title, description, "
        "(SELECT group_concat(value, ' ') FROM json_each(activity.partners)), "
        "(SELECT group_concat(json_extract(value, '$.title') || ' ' || json_extract(value, '$.description'), ' ') "
        " FROM json_each(activity.translations)) "
        "FROM activity WHERE NOT deleted"
    )


def downgrade() -> None:
    op.execute("DROP TABLE activity_search")
