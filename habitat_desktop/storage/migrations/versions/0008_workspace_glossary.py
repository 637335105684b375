"""A workspace glossary over the shipped one; office names and report documents' texts get translation states.

``glossary_term`` is a shared record (merged per field: each language's name on its own); an office's name gets
the language it is written in (English for existing offices), its translations and their states, as activities
have (``domain/translation_status.py``); a report document gets ``text_state`` beside its sections
(``domain/document_texts.py``: existing translations count as made from today's source).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")


def _exists(kind: str, name: str) -> bool:
    """Whether the schema already holds it (a workspace whose recorded revision is older than its tables)."""
    found = op.get_bind().exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?", (kind, name))
    return found.first() is not None


def upgrade() -> None:
    if not _exists("table", "glossary_term"):
        op.create_table(
            "glossary_term",
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
            sa.Column("term_key", sa.String(length=64), nullable=False),
            sa.Column("kind", sa.String(length=16), nullable=False),
            *(sa.Column(code, sa.String(length=300), nullable=False) for code in LANGUAGES),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_glossary_term")),
        )
        with op.batch_alter_table("glossary_term", schema=None) as batch_op:
            batch_op.create_index(batch_op.f("ix_glossary_term_term_key"), ["term_key"], unique=False)
    columns = {row[1] for row in op.get_bind().exec_driver_sql("PRAGMA table_info(office)")}
    if "translation_state" not in columns:
        with op.batch_alter_table("office", schema=None) as batch_op:
            batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=False, server_default="en"))
            batch_op.add_column(sa.Column("translations", sa.JSON(), nullable=False, server_default="{}"))
            batch_op.add_column(sa.Column("translation_state", sa.JSON(), nullable=False, server_default="{}"))
    columns = {row[1] for row in op.get_bind().exec_driver_sql("PRAGMA table_info(report_document)")}
    if "text_state" not in columns:
        with op.batch_alter_table("report_document", schema=None) as batch_op:
            batch_op.add_column(sa.Column("text_state", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    with op.batch_alter_table("report_document", schema=None) as batch_op:
        batch_op.drop_column("text_state")
    with op.batch_alter_table("office", schema=None) as batch_op:
        batch_op.drop_column("translation_state")
        batch_op.drop_column("translations")
        batch_op.drop_column("language")
    op.drop_table("glossary_term")
