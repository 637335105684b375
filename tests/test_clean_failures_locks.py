"""Every command that writes, while another program holds the workspace's write lock: a clean message and that
program's commit kept; and what killed programs leave (``.partial`` copies, merge folders) gone on the next start."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from habitat_desktop.services import workspaces
from habitat_desktop.storage import backups

GOOD = '{"title": "Nakuru training", "resolutions": ["1/5"], "outcomes": [3], "language": "en"}\n'
DEMO_ACTIVITY = "00000000-0000-4000-8000-000000000001"


def _inputs(run_cli: Any, demo: Path, folder: Path) -> dict[str, Path]:
    """Files each write command takes, each changing something (so the command must write)."""
    lines = folder / "in.jsonl"
    lines.write_text(GOOD, encoding="utf-8")
    texts, document = folder / "texts.xlf", folder / "document.json"
    assert run_cli("translations", "export", demo, "--lang", "fr", "-o", texts).code == 0
    xliff = texts.read_text("utf-8")
    texts.write_text(re.sub(r"<target>([^<]*)</target>", r"<target>\1 (revised)</target>", xliff, count=1), "utf-8")
    assert run_cli("documents", "export", demo, "HSP/OECPR.2025/4", "-o", document).code == 0
    shared = json.loads(document.read_text("utf-8"))
    shared["date"] = "2025-12-02" if shared.get("date") != "2025-12-02" else "2025-12-03"
    document.write_text(json.dumps(shared), "utf-8")
    return {"lines": lines, "texts": texts, "document": document}


WRITES = [
    ("activities", "import", "{ws}", "{lines}"),
    ("translations", "import", "{ws}", "{texts}"),
    ("documents", "import", "{ws}", "{document}"),
    ("periods", "open", "{ws}", "2030", "--due", "2030-12-31", "--offices", "KEN"),
    ("comment", "{ws}", DEMO_ACTIVITY, "Please add the partners"),
]


def test_every_write_while_another_program_holds_the_write_lock(demo_path: Path, tmp_path: Path, run_cli: Any) -> None:
    files = _inputs(run_cli, demo_path, tmp_path)
    other = sqlite3.connect(demo_path, isolation_level=None)
    try:
        other.execute("PRAGMA journal_mode=WAL")
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO workspace_setting (key, value) VALUES ('other-program', 'busy')")
        for command in WRITES:
            args = [str(word).format(ws=demo_path, **files) for word in command]
            outcome = run_cli(*args)
            assert outcome.code == 1, (command, outcome.out, outcome.err)
            assert "locked by another program" in outcome.err and "Traceback" not in outcome.err, outcome.err
        other.execute("COMMIT")
        assert other.execute("SELECT value FROM workspace_setting WHERE key = 'other-program'").fetchone() == ("busy",)
    finally:
        other.close()
    for command in WRITES:  # once it is free, each goes through
        args = [str(word).format(ws=demo_path, **files) for word in command]
        assert run_cli(*args).code == 0, command


def _aged(path: Path, hours: float) -> Path:
    path.write_bytes(b"half a copy")
    then = time.time() - hours * 3600
    os.utime(path, (then, then))
    return path


def test_partial_copies_killed_programs_left_are_removed_on_the_next_start(workspace_path: Path, run_cli: Any) -> None:
    folder = backups.backup_folder(workspace_path)
    folder.mkdir(exist_ok=True)
    stale = [
        _aged(workspace_path.with_suffix(".partial"), 2),  # a killed restore's copy
        _aged(workspace_path.parent / f".{workspace_path.name}.1a2b3c4d.partial", 2),  # a killed creation's
        _aged(folder / f"{workspace_path.stem}-20260101T000000000000Z-pre-merge.partial", 5),  # a killed backup's
    ]
    running = _aged(folder / f"{workspace_path.stem}-20261205T000000000000Z-scheduled.partial", 0)  # being written
    other = _aged(workspace_path.parent / "someone-elses.partial", 5)  # not ours
    assert run_cli("check", workspace_path).code == 0
    assert [path for path in stale if path.exists()] == []
    assert running.exists() and other.exists()


def test_the_window_start_removes_what_killed_merges_left_in_the_temporary_folder(
    workspace_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    from tests.test_clean_failures import subprocess_pid

    dead = subprocess_pid()
    left = temp / f"habitat-merge-{dead}-abcd"
    left.mkdir()
    (left / "workspace.sqlite").write_bytes(b"x" * 1000)
    workspaces.open_workspace(workspace_path).close()  # as the window opens a workspace
    assert not left.exists()


def test_a_full_disk_stops_merge_and_restore_at_their_backup_with_nothing_changed(
    tmp_path: Path, run_cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.merge_support import add_activity, export, office_workspace
    from tests.test_trust_exports import fingerprint

    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    add_activity(ken, "Kibera slum upgrading")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    file = export(ken, tmp_path / "ken.habx")
    earlier = backups.take_backup(roaf, "scheduled").name

    def disk_full(*_args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backups, "_copy_database", disk_full)
    before = fingerprint(roaf)
    for command in (("merge", roaf, file, "--trust"), ("backups", "restore", roaf, earlier)):
        outcome = run_cli(*command)
        assert outcome.code == 1 and "Traceback" not in outcome.err, outcome.err
        assert "Cannot write a backup" in outcome.err and "full" in outcome.err, outcome.err
        assert fingerprint(roaf) == before
    assert not list(backups.backup_folder(roaf).glob("*.partial"))
