"""SQLAlchemy engines over a workspace file, with the pragmas that keep it safe."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from habitat_desktop.storage import search_index

APPLICATION_ID = 0x48414254  # "HABT": recognises a Habitat workspace among SQLite files (header offset 68)
SQLITE_HEADER = b"SQLite format 3\x00"


DERIVED_ROWS_UNCHECKED = "habitat_derived_rows_unchecked"
"""An execution option: the transaction's connection does not check foreign keys (``Workspace.transaction``)."""


def make_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on the workspace: WAL, foreign keys on, untrusted schema off, real transactions."""
    url = f"sqlite:///file:{path.as_posix()}?mode=ro&uri=true" if read_only else f"sqlite:///{path.as_posix()}"
    engine = create_engine(url, poolclass=NullPool, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below own transactions
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA trusted_schema=OFF")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MiB: large imports and merges stay in memory
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
        search_index.register(dbapi_connection)  # the index's folding, for saves, merges and migrations

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get(DERIVED_ROWS_UNCHECKED):
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")  # before BEGIN, as SQLite wants; this connection only
        connection.exec_driver_sql("BEGIN")

    return engine


MERGE_CACHE_KIB = 131072
"""The page cache a merge's connection gets (128 MiB): merges touch many index pages."""


def merge_connection(connection: Any) -> sqlite3.Connection:
    """The SQLite connection under a session's SQLAlchemy connection, with the larger cache a merge wants."""
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    raw.execute(f"PRAGMA cache_size=-{MERGE_CACHE_KIB}")
    return raw
