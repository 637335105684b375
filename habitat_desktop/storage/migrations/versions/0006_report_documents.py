"""Report documents: the progress report a workspace holds (particulars, meeting, sections, paragraphs, footnotes).

A new shared record, exported and merged field by field like activities; existing workspaces hold none.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "report_document",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=16), nullable=False),
        sa.Column("changed_by", sa.String(length=16), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("field_clocks", sa.JSON(), nullable=False),
        sa.Column("origin_export", sa.String(length=36), nullable=True),
        sa.Column("office", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("symbol", sa.String(length=48), nullable=False),
        sa.Column("document_date", sa.Date(), nullable=True),
        sa.Column("distribution", sa.String(length=16), nullable=False),
        sa.Column("original_language", sa.String(length=8), nullable=False),
        sa.Column("meeting", sa.JSON(), nullable=False),
        sa.Column("agenda_item", sa.JSON(), nullable=False),
        sa.Column("title", sa.JSON(), nullable=False),
        sa.Column("subtitle", sa.JSON(), nullable=False),
        sa.Column("author", sa.JSON(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_document")),
    )
    with op.batch_alter_table("report_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_document_symbol"), ["symbol"], unique=False)


def downgrade() -> None:
    op.drop_table("report_document")
