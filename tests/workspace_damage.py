"""Damaging a workspace file the way a failing disk does, for tests of the checks that must notice."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def damage_change_log(path: Path) -> None:
    """Break the change log's pages while the settings the opening reads stay whole."""
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = raw.execute("SELECT rootpage FROM sqlite_master WHERE name = 'change'").fetchone()[0]
        page_size = raw.execute("PRAGMA page_size").fetchone()[0]
    raw.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start] = 0x07  # not a b-tree page type
    path.write_bytes(bytes(data))
