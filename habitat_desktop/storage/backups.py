"""Automatic backups of a workspace, kept on a rotating schedule (as Anki keeps them), and their restoration.

A backup is written beside its final name as ``.partial`` and renamed when complete; a ``.partial`` left by a
killed program is removed on the next backup. Restoring checks the backup page by page first, then copies it
into the workspace through SQLite (the backup API, under SQLite's locks): a program that has the workspace
open waits, or the restore is refused, and no commit of it is lost to a file replaced under its feet.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable
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


def take_backup(workspace: Path, reason: str, *, now: dt.datetime | None = None, keep: Path | None = None) -> Path:
    """Copy the workspace consistently (SQLite backup API, safe while it is open) and prune old copies.

    ``keep`` is never pruned (the backup a restore is about to bring back).
    """
    when = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    folder = backup_folder(workspace)
    try:
        folder.mkdir(exist_ok=True)
        _remove_stale_partials(folder)
        target = folder / f"{workspace.stem}-{when}-{reason}.habitat"
        _copy_database(workspace, target)
    except (OSError, sqlite3.Error) as error:
        reason_text = getattr(error, "strerror", None) or str(error)
        raise WorkspaceError(
            _("Cannot write a backup of {path}: {reason}").format(path=workspace, reason=reason_text)
        ) from error
    prune(workspace, keep=keep)
    return target


STALE_PARTIAL = dt.timedelta(hours=1)


def _remove_stale_partials(folder: Path) -> None:
    """Remove ``.partial`` copies a killed program left (an hour old: no backup takes that long to write)."""
    limit = dt.datetime.now(dt.UTC).timestamp() - STALE_PARTIAL.total_seconds()
    for partial in folder.glob("*.partial"):
        try:
            if partial.stat().st_mtime < limit:
                partial.unlink()
        except OSError:
            continue


def remove_stale_partials(workspace: Path) -> None:
    """Remove the ``.partial`` copies killed programs left beside a workspace and in its backup folder (a restore's
    copy, a backup's, a new workspace's), once they are an hour old: on the next start, not only the next backup."""
    limit = dt.datetime.now(dt.UTC).timestamp() - STALE_PARTIAL.total_seconds()
    beside = [workspace.with_suffix(".partial"), *workspace.parent.glob(f".{glob.escape(workspace.name)}.*.partial")]
    folder = backup_folder(workspace)
    for partial in [*beside, *(folder.glob("*.partial") if folder.is_dir() else [])]:
        try:
            if partial.is_file() and partial.stat().st_mtime < limit:
                partial.unlink()
        except OSError:
            continue


def _copy_database(source: Path, target: Path) -> None:
    partial = target.with_suffix(".partial")
    try:
        src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise


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
        try:
            taken = dt.datetime.strptime(stamp, pattern).replace(tzinfo=dt.UTC)
        except ValueError:  # a stray file named like a backup, at an impossible time: not one of ours
            continue
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


def prune(workspace: Path, *, now: dt.datetime | None = None, keep: Path | None = None) -> list[Path]:
    """Delete the backups the rotation rule no longer keeps (``keep`` aside); return them."""
    backups = list_backups(workspace)
    kept = backups_to_keep(backups, now or dt.datetime.now(dt.UTC)) | {keep}
    removed = [b.path for b in backups if b.path not in kept]
    for path in removed:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    return removed


def scheduled_backup_due(workspace: Path, *, now: dt.datetime | None = None) -> bool:
    """Whether a day has passed since the newest backup."""
    backups = list_backups(workspace)
    moment = now or dt.datetime.now(dt.UTC)
    return not backups or moment - backups[0].taken_at >= dt.timedelta(days=1)


def _backup_uri(backup: Path) -> str:
    """Read a backup without writing beside it: a backup is never written after it is taken, so SQLite may treat
    it as immutable (no ``-shm`` made) and read it in a folder that cannot be written; unless a ``-wal`` lies
    beside it, which then must be read."""
    immutable = "" if Path(f"{backup}-wal").exists() else "&immutable=1"
    return f"file:{backup.as_posix()}?mode=ro{immutable}"


def check_backup(backup: Path) -> None:
    """Refuse a backup that is damaged (SQLite's quick check of every page), before it replaces anything."""
    try:
        connection = sqlite3.connect(_backup_uri(backup), uri=True)
        try:
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as error:
        verdict = str(error)
    if verdict != "ok":
        raise WorkspaceError(
            _("The backup {path} is damaged ({reason}); the workspace was not changed").format(
                path=backup, reason=verdict
            )
        )


def restore_backup(workspace: Path, backup: Path) -> Path:
    """Bring a backup back into the workspace, after backing up the current state; return that safety copy.

    The backup is checked first; the copy goes through SQLite into the workspace file itself, waiting for (or
    refused by, after the busy timeout) a program writing to it, so that program loses nothing it committed.
    """
    if not backup.is_file():
        raise WorkspaceError(_("No backup at {path}").format(path=backup))
    with contextlib.suppress(OSError):  # a copy a killed restore left (written beside the workspace, then renamed)
        workspace.with_suffix(".partial").unlink(missing_ok=True)
    check_backup(backup)
    if not workspace.exists():
        _copy_database(backup, workspace)
        return backup
    try:
        safety = take_backup(workspace, "pre-restore", keep=backup)
    except WorkspaceError:
        if not _damaged(workspace):
            raise
        return _replace_damaged(workspace, backup)
    try:
        source = sqlite3.connect(_backup_uri(backup), uri=True)
        try:
            target = sqlite3.connect(workspace, timeout=BUSY_SECONDS)
            try:
                source.backup(target, progress=_deadline(time.monotonic() + BUSY_SECONDS))
            finally:
                target.close()
        finally:
            source.close()
    except (sqlite3.Error, TimeoutError) as error:
        detail = "busy" if isinstance(error, TimeoutError) else str(error)
        if _damaged(workspace):
            return _replace_damaged(workspace, backup, safety)
        if "locked" in detail or "busy" in detail:
            message = _("The workspace {path} is in use by another program; close it and restore again.")
        elif "readonly" in detail or "read-only" in detail:
            message = _("The workspace {path} is read-only; nothing was changed.")
        else:
            message = _("The workspace {path} could not be changed: {reason}")
        raise WorkspaceError(message.format(path=workspace, reason=detail)) from error
    return safety


BUSY_SECONDS = 5


def _deadline(until: float) -> Callable[[int, int, int], None]:
    """A backup progress callback that gives up once a program has kept the workspace locked too long.

    SQLite's backup API retries a locked destination for ever; the callback runs between the retries.
    """

    def check(_status: int, _remaining: int, _total: int) -> None:
        if time.monotonic() > until:
            raise TimeoutError

    return check


def _damaged(workspace: Path) -> bool:
    """Whether SQLite finds the workspace file damaged (then no program can be working in it)."""
    try:
        connection = sqlite3.connect(f"file:{workspace.as_posix()}?mode=ro", uri=True)
        try:
            return bool(connection.execute("PRAGMA quick_check").fetchone()[0] != "ok")
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return not isinstance(error, sqlite3.OperationalError) or "malformed" in str(error)


def _replace_damaged(workspace: Path, backup: Path, safety: Path | None = None) -> Path:
    """Replace a damaged workspace file by a backup, keeping the damaged bytes as the safety copy."""
    if safety is None:
        when = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        safety = backup_folder(workspace) / f"{workspace.stem}-{when}-pre-restore.habitat"
        try:
            shutil.copyfile(workspace, safety)
        except OSError as error:
            raise WorkspaceError(
                _("Cannot write a backup of {path}: {reason}").format(path=workspace, reason=error.strerror or error)
            ) from error
    try:
        for suffix in ("-wal", "-shm"):
            Path(str(workspace) + suffix).unlink(missing_ok=True)
        _copy_database(backup, workspace)
    except (OSError, sqlite3.Error) as error:
        raise WorkspaceError(
            _("The workspace {path} could not be changed: {reason}").format(path=workspace, reason=error)
        ) from error
    return safety
