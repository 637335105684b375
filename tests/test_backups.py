"""Automatic backups rotate like Anki's and can be listed and restored from the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from habitat_desktop.storage.backups import DAILY, MONTHLY, WEEKLY, Backup, backups_to_keep

NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)


def _backup(hours_ago: int, reason: str = "scheduled") -> Backup:
    taken = NOW - dt.timedelta(hours=hours_ago)
    return Backup(taken, reason, Path(f"w-{taken:%Y%m%dT%H%M%S}-{reason}.habitat"))


@given(st.lists(st.integers(min_value=0, max_value=24 * 800), unique=True, max_size=150))
def test_rotation_keeps_newest_and_is_bounded(hours: list[int]) -> None:
    found = [_backup(h) for h in hours]
    keep = backups_to_keep(found, NOW)
    if found:
        assert max(found).path in keep
    assert len(keep) <= DAILY + WEEKLY + MONTHLY + 1  # plus anything from the last hour
    for backup in found:  # the newest of each of the last seven days is kept
        same_day = [b for b in found if b.taken_at.date() == backup.taken_at.date()]
        days_back = len({b.taken_at.date() for b in found if b.taken_at.date() > backup.taken_at.date()})
        if backup == max(same_day) and days_back < DAILY:
            assert backup.path in keep


def test_backups_before_risky_operations_are_kept_beyond_the_schedule() -> None:
    found = [_backup(h) for h in range(0, 24 * 3, 1)] + [_backup(24 * 2 + 5, "pre-upgrade")]
    keep = backups_to_keep(found, NOW)
    assert Path(f"w-{NOW - dt.timedelta(hours=53):%Y%m%dT%H%M%S}-pre-upgrade.habitat") in keep


def test_list_and_restore_bring_back_an_earlier_state(workspace_path: Path, run_cli, tmp_path: Path) -> None:
    entry = tmp_path / "one.jsonl"
    entry.write_text(
        '{"title": "Nakuru training", "resolutions": ["1/5"], "outcomes": [3], '
        '"status": "completed", "language": "en"}\n',
        encoding="utf-8",
    )
    assert run_cli("activities", "import", workspace_path, entry).code == 0
    listing = run_cli("backups", "list", workspace_path)
    assert "pre-import" in listing.out
    pre_import = next(line.split()[0] for line in listing.out.splitlines() if "pre-import" in line)
    restored = run_cli("backups", "restore", workspace_path, pre_import)
    assert restored.code == 0, restored.err
    exported = run_cli("activities", "export", workspace_path)
    assert exported.out == ""
    assert "pre-restore" in run_cli("backups", "list", workspace_path).out


def test_restoring_an_unknown_backup_fails_clearly(workspace_path: Path, run_cli) -> None:
    result = run_cli("backups", "restore", workspace_path, "42")
    assert result.code == 1
    assert "No backup 42" in result.err and "Traceback" not in result.err
