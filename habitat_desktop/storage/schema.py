"""Schema revisions: which the workspace has, which this app knows, and upgrading between them (Alembic).

Reading revisions needs no Alembic (it is imported only to upgrade), so opening a workspace stays quick.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_ASSIGNMENT = re.compile(r'^(revision|down_revision)\s*(?::[^=]*)?=\s*(None|"([^"]*)"|\'([^\']*)\')\s*$', re.M)


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@functools.cache
def _chain() -> tuple[str, ...]:
    """The revisions of the migration scripts, oldest first, read from the scripts' own declarations."""
    parent_of: dict[str, str | None] = {}
    for script in (MIGRATIONS / "versions").glob("*.py"):
        found = {m.group(1): m.group(3) or m.group(4) for m in _ASSIGNMENT.finditer(script.read_text("utf-8"))}
        if "revision" in found:
            parent_of[str(found["revision"])] = found.get("down_revision")
    chain: list[str] = []
    children = {parent: child for child, parent in parent_of.items()}
    current = children.get(None)
    while current is not None:
        chain.append(current)
        current = children.get(current)
    return tuple(chain)


def known_revisions() -> list[str]:
    """Every revision this app knows, oldest first."""
    return list(_chain())


def head_revision() -> str:
    return _chain()[-1]


def current_revision(connection: Connection) -> str | None:
    """The workspace's revision (None for a database with no schema yet)."""
    exists = connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
    ).first()
    if exists is None:
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row is not None else None


def upgrade(connection: Connection, target: str = "head") -> None:
    """Bring the schema to a revision; the caller has taken a backup and owns the transaction."""
    from alembic import command

    command.upgrade(_config(connection), target)


def user_version(revision: str) -> int:
    """The SQLite ``user_version`` recorded for a revision (its position, counting from 1)."""
    return known_revisions().index(revision) + 1
