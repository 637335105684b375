"""Reporting cycles: the events of a cycle (calls, submissions, decisions, reopenings, comments) and proposals.

``cycle_event`` holds immutable events that travel in exports and merge as a set; ``change_proposal`` holds
edits of approved records that arrived by merge, kept aside until a coordinator accepts or rejects them; an
index on activities by office and dates lets the completeness view count an office's records of a period.

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _exists(kind: str, name: str) -> bool:
    """Whether the schema already holds it (a workspace whose recorded revision is older than its tables)."""
    found = op.get_bind().exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?", (kind, name))
    return found.first() is not None


def upgrade() -> None:
    if not _exists("table", "cycle_event"):
        _create_tables()
    if not _exists("index", "ix_activity_office_dates"):
        op.create_index(
            "ix_activity_office_dates",
            "activity",
            ["office", "end_date", "start_date", "deleted", "origin_export"],
            unique=False,
        )


def _create_tables() -> None:
    op.create_table(
        "cycle_event",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("office", sa.String(length=16), nullable=False),
        sa.Column("author", sa.String(length=16), nullable=False),
        sa.Column("person", sa.String(), nullable=False),
        sa.Column("stamp", sa.String(length=40), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("offices", sa.JSON(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("record_table", sa.String(length=32), nullable=True),
        sa.Column("record_id", sa.String(length=36), nullable=True),
        sa.Column("field", sa.String(length=48), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle_event")),
    )
    op.create_index("ix_cycle_event_period_office", "cycle_event", ["period", "office"], unique=False)
    op.create_table(
        "change_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_table", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=48), nullable=False),
        sa.Column("stamp", sa.String(length=40), nullable=False),
        sa.Column("vector", sa.JSON(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("office", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("merge_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_proposal")),
        sa.UniqueConstraint(
            "record_table", "record_id", "field", "stamp", name=op.f("uq_change_proposal_record_table")
        ),
    )


def downgrade() -> None:
    op.drop_index("ix_activity_office_dates", table_name="activity")
    op.drop_table("change_proposal")
    op.drop_index("ix_cycle_event_period_office", table_name="cycle_event")
    op.drop_table("cycle_event")
