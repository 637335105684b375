"""A workspace that cannot be written (a read-only copy), or whose backup folder cannot: every command (import
and restore too) and the window say so plainly, never a traceback, and the file is left as it was. As root,
permissions do not stop writes, so the copy is made immutable (chattr +i) instead; where that is not possible
either, the tests are skipped with the reason."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.merge_support import add_activity, export, office_workspace


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def read_only(demo_path: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the demo that this process cannot write: read-only permissions, or immutable for root."""
    path = tmp_path / "ro" / "demo.habitat"
    path.parent.mkdir()
    shutil.copy(demo_path, path)
    backup = path.parent / "demo.habitat.backups" / "demo-20260101T000000000000Z-scheduled.habitat"
    backup.parent.mkdir()
    shutil.copy(demo_path, backup)  # a backup to restore
    if os.geteuid() != 0:
        path.chmod(stat.S_IRUSR)
        path.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
        yield path
        path.parent.chmod(stat.S_IRWXU)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root, where read-only permissions do not stop writes, and chattr is not installed")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"running as root and this file system cannot make a file immutable: {made.stderr.decode()}")
    try:
        with pytest.raises(PermissionError):  # really read-only, even for root
            path.open("ab").close()
        yield path
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def test_every_command_says_the_workspace_cannot_be_written(read_only: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    before = _digest(read_only)
    kenya = office_workspace(tmp_path / "ken.habitat", "KEN")
    add_activity(kenya, "Land tenure")
    exported = export(kenya, tmp_path / "ken.habx")
    lines = tmp_path / "in.jsonl"
    lines.write_text('{"title": "Nakuru training", "resolutions": ["1/5"], "outcomes": [3]}\n', encoding="utf-8")
    commands = [
        ("check", read_only),
        ("activities", "export", read_only, "-o", tmp_path / "out.jsonl"),
        ("report", read_only, "--kind", "progress", "--lang", "ar", "-o", tmp_path / "out.pdf"),
        ("merge", read_only, exported, "--trust"),
        ("conflicts", read_only, "--json"),
        ("export", read_only, "-o", tmp_path / "out.habx"),
        ("activities", "import", read_only, lines),
        ("backups", "restore", read_only, "demo-20260101T000000000000Z-scheduled.habitat"),
    ]
    for command in commands:  # a command that only reads may work; any other says why it cannot
        outcome = run_cli(*command)
        assert "Traceback" not in outcome.err + outcome.out
        if command[0] in ("merge", "backups") or command[:2] == ("activities", "import") or outcome.code != 0:
            assert outcome.code == 1, (command, outcome)
            said = outcome.err
            assert ("read-only location" in said and "copy it to a folder you can write to" in said) or (
                command[0] == "backups" and "is read-only; nothing was changed" in said  # as root: the file alone
            ), said
    assert _digest(read_only) == before
    wal = read_only.parent / f"{read_only.name}-wal"
    assert not wal.exists() or wal.stat().st_size == 0  # a reader's empty log at most: nothing was written


@pytest.mark.gui
def test_the_window_says_so_and_offers_the_start_page(read_only: Path, qapp, qtbot, tmp_path: Path) -> None:
    pytest.importorskip("PySide6")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from habitat_desktop.ui.app_settings import AppSettings
    from habitat_desktop.ui.main import Shell
    from tests.journey_support import Modals, button, click

    before = _digest(read_only)
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    said: list[str] = []

    def read(box) -> None:
        said.append(box.text())
        click(qtbot, button(box, QMessageBox.StandardButton.Ok))

    modals = Modals(qtbot).expect(read)
    shell.show_at_launch(read_only)  # habitat-desktop PATH
    modals.done()
    try:
        assert "read-only location" in said[0]
        qtbot.waitUntil(lambda: shell.start is not None and shell.start.isVisible())
        assert shell.window is None
        assert _digest(read_only) == before
    finally:
        if shell.start is not None:
            shell.start.close()


def test_a_backup_folder_that_cannot_be_written_stops_restore_and_import_before_any_change(
    demo_path: Path, tmp_path: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    from habitat_desktop.storage import backups
    from tests.test_trust_exports import fingerprint

    folder = backups.backup_folder(demo_path)
    name = backups.take_backup(demo_path, "scheduled").name  # one to restore; the next is not due for a day
    lines = tmp_path / "in.jsonl"
    lines.write_text('{"title": "Nakuru training", "resolutions": ["1/5"], "outcomes": [3]}\n', encoding="utf-8")
    before = fingerprint(demo_path)
    if os.geteuid() != 0:
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    elif shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], check=False).returncode:
        pytest.skip("running as root, and this folder cannot be made immutable")
    try:
        for command in (("activities", "import", demo_path, lines), ("backups", "restore", demo_path, name)):
            outcome = run_cli(*command)
            assert outcome.code == 1 and "Traceback" not in outcome.err, outcome.err
            assert "Cannot write a backup" in outcome.err, outcome.err
            assert fingerprint(demo_path) == before
    finally:
        if os.geteuid() != 0:
            folder.chmod(stat.S_IRWXU)
        else:
            subprocess.run(["chattr", "-i", str(folder)], check=False)
