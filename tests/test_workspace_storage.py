"""Workspace files: created right, recognised, refused with a reason, upgraded after a backup, never half-written."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from habitat_desktop.domain.errors import WorkspaceError
from habitat_desktop.storage import backups, schema
from habitat_desktop.storage.engine import APPLICATION_ID, make_engine
from habitat_desktop.storage.workspace import closed_cleanly, open_workspace, verify_workspace
from tests.workspace_damage import damage_change_log


def _sha(path: Path) -> bytes:
    return path.read_bytes()


def test_new_workspace_is_marked_as_ours_and_uses_wal(workspace_path: Path) -> None:
    with sqlite3.connect(workspace_path) as raw:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert raw.execute("PRAGMA page_size").fetchone()[0] == 16384  # merges and large imports write less
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(schema.known_revisions())
    workspace = open_workspace(workspace_path)
    with workspace.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA trusted_schema").scalar() == 0
    assert workspace.office == "KEN"
    workspace.close()


def test_migrated_schema_matches_the_models(workspace_path: Path) -> None:
    engine = make_engine(workspace_path)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    # The full-text index (FTS5 virtual table and its shadow tables) is managed outside the models.
    differences = [d for d in differences if not (d[0] == "remove_table" and d[1].name.startswith("activity_search"))]
    assert differences == []


def test_workspace_at_first_revision_is_upgraded_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.habitat"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA application_id={APPLICATION_ID}")
    engine = make_engine(path)
    with engine.begin() as connection:
        schema.upgrade(connection, "0001")
        connection.exec_driver_sql(
            "INSERT INTO workspace_setting (key, value) VALUES ('workspace_id', 'w'), ('office', 'KEN'), "
            "('clock', '0'), ('app_version', '0.0.1')"
        )
        connection.exec_driver_sql(
            "INSERT INTO activity (id, created_at, updated_at, created_by, changed_by, version, field_stamps, "
            "deleted, office, title, description, status, language, resolutions, outcomes, priority_domains, "
            "operative_paragraphs, partners, translations) VALUES ('a1', '2024-01-01', '2024-01-01', 'KEN', "
            "'KEN', 'v', '{}', 0, 'KEN', 'Nakuru training', 'urban-rural linkages', 'completed', 'en', "
            "'[\"1/5\"]', '[3]', '[]', '[]', '[\"County of Nakuru\"]', '{}')"
        )
    engine.dispose()

    workspace = open_workspace(path)
    with workspace.engine.connect() as connection:
        assert schema.current_revision(connection) == schema.head_revision()
        found = connection.exec_driver_sql(
            "SELECT activity_id FROM activity_search WHERE body GLOB '*nakuru*'"
        ).fetchall()
        resolutions = connection.exec_driver_sql("SELECT count(*) FROM resolution").scalar()
    workspace.close()
    assert found == [("a1",)]
    assert resolutions == 16
    assert [b.reason for b in backups.list_backups(path)] == ["pre-upgrade"]


def test_workspace_from_a_newer_app_is_refused_naming_the_version(workspace_path: Path) -> None:
    with sqlite3.connect(workspace_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num='9999'")
        raw.execute("UPDATE workspace_setting SET value='7.2.0' WHERE key='app_version'")
    before = _sha(workspace_path)
    with pytest.raises(WorkspaceError, match=r"newer Habitat Desktop; version 7\.2\.0 or later"):
        open_workspace(workspace_path)
    assert _sha(workspace_path) == before


def test_missing_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="No workspace at"):
        open_workspace(tmp_path / "nowhere.habitat")


def test_text_file_is_not_a_workspace(tmp_path: Path) -> None:
    path = tmp_path / "notes.habitat"
    path.write_text("just some notes, not a database\n" * 10)
    with pytest.raises(WorkspaceError, match="not an SQLite database"):
        open_workspace(path)


def test_database_of_another_application_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.habitat"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE t (x)")
    before = _sha(path)
    with pytest.raises(WorkspaceError, match="another application"):
        open_workspace(path)
    assert _sha(path) == before


def test_corrupt_workspace_is_refused(workspace_path: Path) -> None:
    workspace = open_workspace(workspace_path)
    with workspace.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    workspace.close()
    data = bytearray(workspace_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for page in range(2, len(data) // page_size):  # scramble every page but the header page
        start = page * page_size
        data[start + 8 : start + page_size - 8] = bytes(reversed(data[start + 8 : start + page_size - 8]))
    workspace_path.write_bytes(bytes(data))
    with pytest.raises(WorkspaceError, match=r"damaged|malformed|not a Habitat"):
        open_workspace(workspace_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through read-only permissions")
def test_read_only_location_is_refused(workspace_path: Path) -> None:
    folder = workspace_path.parent
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(WorkspaceError, match="read-only location"):
            open_workspace(workspace_path)
    finally:
        folder.chmod(stat.S_IRWXU)


def test_read_only_file_is_refused(workspace_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if mode == os.W_OK else real_access(p, mode))
    with pytest.raises(WorkspaceError, match="read-only location"):
        open_workspace(workspace_path)


def test_revisions_are_read_as_alembic_reads_them() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(schema.MIGRATIONS))
    walked = [rev.revision for rev in reversed(list(ScriptDirectory.from_config(config).walk_revisions()))]
    assert schema.known_revisions() == walked and schema.head_revision() == walked[-1]


def test_deferred_check_opens_a_cleanly_closed_workspace_and_finds_damage_later(workspace_path: Path) -> None:
    damage_change_log(workspace_path)
    with pytest.raises(WorkspaceError, match="damaged"):
        open_workspace(workspace_path)
    workspace = open_workspace(workspace_path, verify=False)
    try:
        with pytest.raises(WorkspaceError, match="damaged"):
            verify_workspace(workspace)
    finally:
        workspace.close()


def test_a_workspace_left_open_by_a_crash_is_checked_before_opening(workspace_path: Path) -> None:
    damage_change_log(workspace_path)
    Path(f"{workspace_path}-wal").write_bytes(b"\0" * 32)  # what a killed process leaves behind
    assert not closed_cleanly(workspace_path)
    with pytest.raises(WorkspaceError, match="damaged"):
        open_workspace(workspace_path, verify=False)
