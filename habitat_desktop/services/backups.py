"""Listing and restoring a workspace's automatic backups."""

from __future__ import annotations

from pathlib import Path

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.storage import backups
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.backups import Backup

__all__ = ["Backup", "list_backups", "restore_backup"]


def list_backups(path: Path) -> list[Backup]:
    """A workspace's backups, newest first."""
    return backups.list_backups(Path(path))


def restore_backup(path: Path, which: str) -> Path:
    """Bring back a backup (by file name, path, or position in the list counting from 1); return the safety copy."""
    path = Path(path)
    available = backups.list_backups(path)
    chosen = _choose(available, which)
    if chosen is None:
        raise HabitatError(_("No backup {name} for {path}; see 'habitat backups list'").format(name=which, path=path))
    storage.recognise(chosen.path)
    safety = backups.restore_backup(path, chosen.path)
    storage.open_workspace(path).close()  # proves the restored file opens, upgrading it if it is older
    return safety


def _choose(available: list[Backup], which: str) -> Backup | None:
    if which.isdigit() and 1 <= int(which) <= len(available):
        return available[int(which) - 1]
    for backup in available:
        if which in (backup.path.name, str(backup.path)):
            return backup
    return None
