"""Every failure a clean message through the command line, and nothing stored lost or changed by it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from habitat_desktop.storage import backups
from tests.merge_support import add_activity, export, office_workspace
from tests.test_trust_exports import fingerprint

GOOD = '{"title": "Nakuru training", "resolutions": ["1/5"], "outcomes": [3], "language": "en"}'


def refused(run_cli: Any, workspace: Path, *args: object, reason: str) -> str:
    before = fingerprint(workspace)
    outcome = run_cli(*args)
    assert outcome.code == 1, outcome.out
    assert "Traceback" not in outcome.err and reason in outcome.err, outcome.err
    assert fingerprint(workspace) == before
    return outcome.err


@pytest.mark.parametrize(
    "line, reason",
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"title": "x", "outcomes": [' + "9" * 5000 + "]}", "not valid JSON"),
        ('{"title": "Lone \\ud800 surrogate", "resolutions": ["1/5"], "outcomes": [3]}', "surrogate"),
        ('{"title": NaN}', "not valid JSON"),
        ('{"title": "' + "x" * 1_100_000, "longer than"),  # no newline: refused before it is read whole
    ],
)
def test_hostile_json_lines_are_refused_by_line(
    workspace_path: Path, tmp_path: Path, run_cli: Any, line: str, reason: str
) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD + "\n" + line, encoding="utf-8")
    error = refused(run_cli, workspace_path, "activities", "import", workspace_path, source, reason=reason)
    assert "in.jsonl:2" in error


def test_a_lone_surrogate_in_a_csv_json_cell_is_refused(workspace_path: Path, tmp_path: Path, run_cli: Any) -> None:
    source = tmp_path / "in.csv"
    source.write_text('title,resolutions,outcomes\nA title,"[""\\ud800""]",[3]\n', encoding="utf-8")
    refused(
        run_cli, workspace_path, "activities", "import", workspace_path, source, reason="row 2, column B (Resolutions)"
    )


def test_a_carriage_return_is_quoted_in_csv_and_the_file_reads_back(
    workspace_path: Path, tmp_path: Path, run_cli: Any
) -> None:
    add_activity(workspace_path, "Carriage returns", description="first line\r=1+1\rthird\r\nfourth")
    out = tmp_path / "out.csv"
    assert run_cli("activities", "export", workspace_path, "-o", out).code == 0
    data = out.read_bytes().decode("utf-8")
    for newline in ("\r\n", "\r", "\n"):  # however a reader splits lines, "=1+1" never starts a row
        rows = list(csv.reader(io.StringIO(data.replace("\r\n", newline) if newline != "\r\n" else data, newline="")))
        assert all(not row or not row[0].startswith("=") for row in rows)
    rows = list(csv.DictReader(io.StringIO(data, newline="")))
    assert len(rows) == 1 and rows[0]["description"] == "first line\r=1+1\rthird\r\nfourth"
    again = run_cli("activities", "import", workspace_path, out)
    assert again.code == 0 and again.out.strip() == "0 added, 0 updated, 1 unchanged, 0 deleted", again.err


def test_a_merge_while_another_program_holds_the_write_lock(tmp_path: Path, run_cli: Any) -> None:
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    add_activity(ken, "Kibera slum upgrading")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    file = export(ken, tmp_path / "ken.habx")
    other = sqlite3.connect(roaf, isolation_level=None)
    try:
        other.execute("PRAGMA journal_mode=WAL")
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE workspace_setting SET value = value WHERE key = 'clock'")
        outcome = run_cli("merge", roaf, file, "--trust")
        assert outcome.code == 1 and "locked by another program" in outcome.err, outcome.err
        assert "Traceback" not in outcome.err
        other.execute("COMMIT")
    finally:
        other.close()
    assert run_cli("merge", roaf, file, "--trust").code == 0  # once it is free


def _disk_full(*_args: object) -> None:
    raise sqlite3.OperationalError("database or disk is full")


def test_a_full_disk_while_taking_a_backup(workspace_path: Path, tmp_path: Path, run_cli: Any, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for old in backups.list_backups(workspace_path):  # the daily backup is due
        old.path.unlink()
    monkeypatch.setattr(backups, "_copy_database", _disk_full)
    checked = run_cli("check", workspace_path)  # read-only work goes on; the failed daily backup only warns
    assert checked.code == 0 and "Integrity: ok" in checked.out and "Traceback" not in checked.err
    assert "daily backup" in checked.err and "full" in checked.err
    listed = run_cli("activities", "export", workspace_path)
    assert listed.code == 0 and "Traceback" not in listed.err
    source = tmp_path / "in.jsonl"
    source.write_text(GOOD + "\n", encoding="utf-8")
    refused(run_cli, workspace_path, "activities", "import", workspace_path, source, reason="Cannot write a backup")
    assert not list(backups.backup_folder(workspace_path).glob("*.partial"))


def test_a_stray_file_with_an_impossible_time_in_the_backup_folder(workspace_path: Path, run_cli: Any) -> None:
    folder = backups.backup_folder(workspace_path)
    folder.mkdir(exist_ok=True)
    (folder / f"{workspace_path.stem}-20261399T999999Z-scheduled.habitat").write_bytes(b"not a backup")
    assert run_cli("check", workspace_path).code == 0
    listed = run_cli("backups", "list", workspace_path)
    assert listed.code == 0 and "20261399" not in listed.out


def _fake_backup(workspace: Path, taken: dt.datetime, reason: str) -> Path:
    folder = backups.backup_folder(workspace)
    folder.mkdir(exist_ok=True)
    target = folder / f"{workspace.stem}-{taken:%Y%m%dT%H%M%S%f}Z-{reason}.habitat"
    shutil.copy(workspace, target)
    return target


def test_restoring_an_old_backup_that_the_safety_backup_would_prune(
    workspace_path: Path, tmp_path: Path, run_cli: Any
) -> None:
    now = dt.datetime.now(dt.UTC)
    oldest = _fake_backup(workspace_path, now - dt.timedelta(days=3), "pre-import")
    for hours in range(10):  # ten newer backups before risky operations: the oldest is the eleventh
        _fake_backup(workspace_path, now - dt.timedelta(days=2, hours=hours), "pre-import")
    add_activity(workspace_path, "Made after the backups")
    outcome = run_cli("backups", "restore", workspace_path, oldest.name)
    assert outcome.code == 0, outcome.err
    assert run_cli("activities", "export", workspace_path).out == ""  # the state of the old backup


def test_a_damaged_backup_is_refused_before_it_replaces_a_sound_workspace(workspace_path: Path, run_cli: Any) -> None:
    damaged = _fake_backup(workspace_path, dt.datetime.now(dt.UTC) - dt.timedelta(days=1), "scheduled")
    data = damaged.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])  # cut short, as a copy interrupted by a full disk
    refused(run_cli, workspace_path, "backups", "restore", workspace_path, damaged.name, reason="damaged")


def test_a_restore_while_another_program_writes_waits_or_refuses_and_loses_nothing(
    workspace_path: Path, run_cli: Any
) -> None:
    backup = _fake_backup(workspace_path, dt.datetime.now(dt.UTC) - dt.timedelta(days=1), "scheduled")
    other = sqlite3.connect(workspace_path, isolation_level=None)
    try:
        other.execute("PRAGMA journal_mode=WAL")
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO workspace_setting (key, value) VALUES ('other-program', 'busy')")
        outcome = run_cli("backups", "restore", workspace_path, backup.name)
        assert outcome.code == 1 and "in use by another program" in outcome.err, outcome.err
        other.execute("COMMIT")
        kept = other.execute("SELECT value FROM workspace_setting WHERE key = 'other-program'").fetchone()
        assert kept == ("busy",)  # its commit is there, not lost to a file replaced under it
        restored = run_cli("backups", "restore", workspace_path, backup.name)  # now free: the restore goes on
        assert restored.code == 0, restored.err
        seen = other.execute("SELECT value FROM workspace_setting WHERE key = 'other-program'").fetchone()
        assert seen is None  # the open program sees the restored state, not a stale file
    finally:
        other.close()


def test_copies_left_by_killed_merges_are_removed_on_the_next_start(
    tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    dead = subprocess_pid()
    left = [temp / f"habitat-merge-{dead}-abcd", temp / f"habitat-export-{dead}-efgh", temp / "habitat-merge-old"]
    for folder in left:
        folder.mkdir()
        (folder / "workspace.sqlite").write_bytes(b"x" * 1000)
    os.utime(temp / "habitat-merge-old", (time.time() - 3 * 86400, time.time() - 3 * 86400))
    running = temp / f"habitat-merge-{os.getpid()}-live"  # a merge of a program still running stays
    running.mkdir()
    assert run_cli("merge", roaf, export(ken, tmp_path / "ken.habx"), "--trust").code == 0
    assert sorted(p.name for p in temp.iterdir()) == [running.name]


def subprocess_pid() -> int:
    """The id of a process that has ended."""
    import subprocess

    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid
