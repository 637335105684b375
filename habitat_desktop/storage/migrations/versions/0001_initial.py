"""initial workspace schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "activity",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=16), nullable=False),
        sa.Column("changed_by", sa.String(length=16), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("office", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("city", sa.String(), nullable=True),
        sa.Column("product_kind", sa.String(length=24), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("resolutions", sa.JSON(), nullable=False),
        sa.Column("outcomes", sa.JSON(), nullable=False),
        sa.Column("priority_domains", sa.JSON(), nullable=False),
        sa.Column("operative_paragraphs", sa.JSON(), nullable=False),
        sa.Column("partners", sa.JSON(), nullable=False),
        sa.Column("translations", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity")),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index("ix_activity_office_status", ["office", "status"], unique=False)

    op.create_table(
        "change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_table", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=48), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("office", sa.String(length=16), nullable=False),
        sa.Column("author", sa.String(), nullable=False),
        sa.Column("stamp", sa.String(length=40), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change")),
    )
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.create_index("ix_change_record", ["record_table", "record_id"], unique=False)

    op.create_table(
        "framework_term",
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("code", sa.String(length=48), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "code", name=op.f("pk_framework_term")),
    )
    op.create_table(
        "funding",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=16), nullable=False),
        sa.Column("changed_by", sa.String(length=16), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("office", sa.String(length=16), nullable=False),
        sa.Column("activity_id", sa.String(length=36), nullable=True),
        sa.Column("resolution_symbol", sa.String(length=8), nullable=True),
        sa.Column("amount", sa.String(length=40), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.Column("contributor", sa.String(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funding")),
    )
    with op.batch_alter_table("funding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_funding_activity_id"), ["activity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_funding_resolution_symbol"), ["resolution_symbol"], unique=False)

    op.create_table(
        "office",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=16), nullable=False),
        sa.Column("changed_by", sa.String(length=16), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office")),
        sa.UniqueConstraint("code", name=op.f("uq_office_code")),
    )
    op.create_table(
        "outcome",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_outcome")),
    )
    op.create_table(
        "resolution",
        sa.Column("id", sa.String(length=24), nullable=False),
        sa.Column("symbol", sa.String(length=8), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("session", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("document_symbol", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution")),
    )
    with op.batch_alter_table("resolution", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resolution_symbol"), ["symbol"], unique=False)

    op.create_table(
        "resolution_status",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=16), nullable=False),
        sa.Column("changed_by", sa.String(length=16), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("field_stamps", sa.JSON(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("office", sa.String(length=16), nullable=False),
        sa.Column("resolution_symbol", sa.String(length=8), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("implementation_status", sa.String(length=16), nullable=False),
        sa.Column("resources_required", sa.String(length=40), nullable=True),
        sa.Column("resources_mobilized", sa.String(length=40), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("funding_situation", sa.String(length=24), nullable=True),
        sa.Column("narrative", sa.String(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("translations", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution_status")),
    )
    with op.batch_alter_table("resolution_status", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_resolution_status_resolution_symbol"), ["resolution_symbol"], unique=False)

    op.create_table(
        "workspace_setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_workspace_setting")),
    )
    op.create_table(
        "activity_outcome",
        sa.Column("activity_id", sa.String(length=36), nullable=False),
        sa.Column("outcome_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activity.id"], name=op.f("fk_activity_outcome_activity_id_activity")
        ),
        sa.PrimaryKeyConstraint("activity_id", "outcome_number", name=op.f("pk_activity_outcome")),
    )
    with op.batch_alter_table("activity_outcome", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_outcome_outcome_number"), ["outcome_number"], unique=False)

    op.create_table(
        "activity_resolution",
        sa.Column("activity_id", sa.String(length=36), nullable=False),
        sa.Column("resolution_symbol", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"], ["activity.id"], name=op.f("fk_activity_resolution_activity_id_activity")
        ),
        sa.PrimaryKeyConstraint("activity_id", "resolution_symbol", name=op.f("pk_activity_resolution")),
    )
    with op.batch_alter_table("activity_resolution", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_resolution_resolution_symbol"), ["resolution_symbol"], unique=False
        )

    op.create_table(
        "alignment",
        sa.Column("resolution_id", sa.String(length=24), nullable=False),
        sa.Column("target", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["resolution_id"], ["resolution.id"], name=op.f("fk_alignment_resolution_id_resolution")
        ),
        sa.PrimaryKeyConstraint("resolution_id", "target", name=op.f("pk_alignment")),
    )
    op.create_table(
        "operative_paragraph",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("resolution_id", sa.String(length=24), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["resolution_id"], ["resolution.id"], name=op.f("fk_operative_paragraph_resolution_id_resolution")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operative_paragraph")),
    )
    with op.batch_alter_table("operative_paragraph", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_operative_paragraph_resolution_id"), ["resolution_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("operative_paragraph", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_operative_paragraph_resolution_id"))

    op.drop_table("operative_paragraph")
    op.drop_table("alignment")
    with op.batch_alter_table("activity_resolution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_resolution_resolution_symbol"))

    op.drop_table("activity_resolution")
    with op.batch_alter_table("activity_outcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_outcome_outcome_number"))

    op.drop_table("activity_outcome")
    op.drop_table("workspace_setting")
    with op.batch_alter_table("resolution_status", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resolution_status_resolution_symbol"))

    op.drop_table("resolution_status")
    with op.batch_alter_table("resolution", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resolution_symbol"))

    op.drop_table("resolution")
    op.drop_table("outcome")
    op.drop_table("office")
    with op.batch_alter_table("funding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_resolution_symbol"))
        batch_op.drop_index(batch_op.f("ix_funding_activity_id"))

    op.drop_table("funding")
    op.drop_table("framework_term")
    with op.batch_alter_table("change", schema=None) as batch_op:
        batch_op.drop_index("ix_change_record")

    op.drop_table("change")
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index("ix_activity_office_status")

    op.drop_table("activity")
