"""Automatic backups of a workspace, kept on a rotating schedule (as Anki keeps them), and their restoration."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from habitat_desktop.domain.errors import WorkspaceError
from habitat_desktop.l10n import _

DAILY, WEEKLY, MONTHLY = 7, 4, 12
"""Keep the newest backup of each of the last 7 days, 4 weeks and 12 months."""
KEEP_EVENT_BACKUPS = 10
"""Backups taken before a risky operation (upgrade, merge, restore) kept besides the schedule."""
_NAME = re.compile(r"^(?P<stem>.+)-(?P<when>\d{8}T\d{6}(?:\d{6})?Z)-(?P<reason>[a-z-]+)\.habitat$")


@dataclass(frozen=True, order=True)
class Backup:
    taken_at: dt.datetime
    reason: str
    path: Path


def backup_folder(workspace: Path) -> Path:
    """Backups live beside the workspace, in ``<name>.backups/``, so they travel with it."""
    return workspace.with_name(workspace.name + ".backups")


def take_backup(workspace: Path, reason: str, *, now: dt.datetime | None = None) -> Path:
    """Copy the workspace consistently (SQLite backup API, safe while it is open) and prune old copies."""
    when = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    folder = backup_folder(workspace)
    try:
        folder.mkdir(exist_ok=True)
        target = folder / f"{workspace.stem}-{when}-{reason}.habitat"
        _copy_database(workspace, target)
    except OSError as error:
        raise WorkspaceError(
            _("Cannot write a backup of {path}: {reason}").format(path=workspace, reason=error.strerror or error)
        ) from error
    prune(workspace)
    return target


def _copy_database(source: Path, target: Path) -> None:
    partial = target.with_suffix(".partial")
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    os.replace(partial, target)


def list_backups(workspace: Path) -> list[Backup]:
    """The workspace's backups, newest first."""
    folder = backup_folder(workspace)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.habitat"):
        match = _NAME.match(path.name)
        if not match or match["stem"] != workspace.stem:
            continue
        stamp = match["when"]
        pattern = "%Y%m%dT%H%M%S%fZ" if len(stamp) > 16 else "%Y%m%dT%H%M%SZ"
        taken = dt.datetime.strptime(stamp, pattern).replace(tzinfo=dt.UTC)
        found.append(Backup(taken, match["reason"], path))
    return sorted(found, reverse=True)


def backups_to_keep(backups: Iterable[Backup], now: dt.datetime) -> set[Path]:
    """The rotation rule: newest per day (7 days), per ISO week (4), per month (12), and recent event backups."""
    ordered = sorted(backups, reverse=True)
    keep: set[Path] = set()
    for bucket, limit in ((_day, DAILY), (_week, WEEKLY), (_month, MONTHLY)):
        seen: list[object] = []
        for backup in ordered:
            key = bucket(backup.taken_at)
            if key in seen:
                continue
            if len(seen) >= limit:
                break
            seen.append(key)
            keep.add(backup.path)
    events = [b for b in ordered if b.reason != "scheduled"][:KEEP_EVENT_BACKUPS]
    keep.update(b.path for b in events)
    keep.update(b.path for b in ordered if now - b.taken_at < dt.timedelta(hours=1))
    return keep


def _day(moment: dt.datetime) -> object:
    return moment.date()


def _week(moment: dt.datetime) -> object:
    return moment.isocalendar()[:2]


def _month(moment: dt.datetime) -> object:
    return (moment.year, moment.month)


def prune(workspace: Path, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete the backups the rotation rule no longer keeps; return them."""
    backups = list_backups(workspace)
    keep = backups_to_keep(backups, now or dt.datetime.now(dt.UTC))
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def scheduled_backup_due(workspace: Path, *, now: dt.datetime | None = None) -> bool:
    """Whether a day has passed since the newest backup."""
    backups = list_backups(workspace)
    moment = now or dt.datetime.now(dt.UTC)
    return not backups or moment - backups[0].taken_at >= dt.timedelta(days=1)


def restore_backup(workspace: Path, backup: Path) -> Path:
    """Replace the workspace by a backup, after backing up the current state; return that safety copy."""
    if not backup.is_file():
        raise WorkspaceError(_("No backup at {path}").format(path=backup))
    safety = take_backup(workspace, "pre-restore") if workspace.exists() else backup
    for suffix in ("-wal", "-shm"):
        Path(str(workspace) + suffix).unlink(missing_ok=True)
    _copy_database(backup, workspace)
    return safety
