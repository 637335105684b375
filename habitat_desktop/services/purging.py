"""Purging deleted activities for good: content and history go; a bare tombstone keeps merges from reviving them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlmodel import col

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.domain.models import Activity, Change, Funding
from habitat_desktop.l10n import _
from habitat_desktop.storage import activity_store, backups, undo_log
from habitat_desktop.storage.recorder import Recorder
from habitat_desktop.storage.workspace import Workspace

__all__ = ["purge_deleted", "purgeable"]

BLANK: dict[str, object] = {
    "title": "",
    "description": "",
    "partners": [],
    "translations": {},
    "city": None,
    "operative_paragraphs": [],
}
"""What a purge empties. A purged activity is a deleted one with an empty title (no live activity has one)."""


def purgeable(workspace: Workspace) -> list[str]:
    """The deleted activities that can be purged (those in the Deleted view)."""
    with workspace.reading() as session:
        return list(
            session.scalars(
                select(col(Activity.id))
                .where(col(Activity.deleted).is_(True), col(Activity.title) != "")
                .order_by(col(Activity.id))
            )
        )


def purge_deleted(workspace: Workspace, activity_ids: Sequence[str] | None = None) -> int:
    """Purge deleted activities (the given ones, or all), after a backup; return how many were purged. The undo
    steps go too: the earlier states they hold are what a purge erases."""
    candidates = set(purgeable(workspace))
    chosen = sorted(candidates if activity_ids is None else set(activity_ids))
    not_deleted = [activity_id for activity_id in chosen if activity_id not in candidates]
    if not_deleted:
        raise HabitatError(
            _("Activity {id} is not in the Deleted view; delete it before purging it").format(id=not_deleted[0])
        )
    if not chosen:
        return 0
    backups.take_backup(workspace.path, "pre-purge")
    with workspace.transaction() as session:
        recorder = Recorder(session, workspace.office)
        for activity_id in chosen:
            activity = session.get(Activity, activity_id)
            assert activity is not None
            recorder.update(activity, dict(BLANK))
            for funding in session.scalars(select(Funding).where(col(Funding.activity_id) == activity_id)):
                recorder.update(funding, {"contributor": ""})
                recorder.delete(funding)
            activity_store.reindex(session, activity)
            session.flush()
            session.execute(
                delete(Change).where(col(Change.record_table) == "activity", col(Change.record_id) == activity_id)
            )
        undo_log.store(session, [], 0)
    return len(chosen)
