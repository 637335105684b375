"""Merge metadata: per-field version vectors, the export a record came through, conflicts, merge history, trust.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_VERSIONED = ("office", "activity", "funding", "resolution_status")


def upgrade() -> None:
    for table in _VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("field_clocks", sa.JSON(), nullable=False, server_default="{}"))
            batch_op.add_column(sa.Column("origin_export", sa.String(length=36), nullable=True))

    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.create_index(
            "ux_change_record_field_stamp", ["record_table", "record_id", "field", "stamp", "action"], unique=True
        )
        batch_op.drop_index("ix_change_record")  # the unique index above starts with the same two columns

    op.create_table(
        "field_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_table", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=48), nullable=False),
        sa.Column("stamp", sa.String(length=40), nullable=False),
        sa.Column("vector", sa.JSON(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("office", sa.String(length=16), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("merge_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_field_conflict")),
        sa.UniqueConstraint("record_table", "record_id", "field", "stamp", name=op.f("uq_field_conflict_record_table")),
    )
    op.create_table(
        "merge_event",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("file_name", sa.String(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("export_id", sa.String(length=36), nullable=False),
        sa.Column("signer", sa.String(length=16), nullable=False),
        sa.Column("key_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_merge_event")),
    )
    op.create_table(
        "trusted_office",
        sa.Column("office", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("trusted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("public_key", name=op.f("pk_trusted_office")),
    )
    op.create_index(op.f("ix_trusted_office_office"), "trusted_office", ["office"], unique=False)


def downgrade() -> None:
    op.drop_table("trusted_office")
    op.drop_table("merge_event")
    op.drop_table("field_conflict")
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.create_index("ix_change_record", ["record_table", "record_id"], unique=False)
        batch_op.drop_index("ux_change_record_field_stamp")
    for table in _VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("origin_export")
            batch_op.drop_column("field_clocks")
