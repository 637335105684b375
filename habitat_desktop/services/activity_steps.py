"""The activity writes a person takes one at a time (save, delete, restore, duplicate, restore a version), each
kept as an undo step and answered with what it changed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from habitat_desktop.domain.activity_edits import Choice
from habitat_desktop.services import activity_editing as editing
from habitat_desktop.services import purging, undo
from habitat_desktop.services.activity_editing import ActivityDraft, FundingEntry
from habitat_desktop.services.changes import Changes
from habitat_desktop.storage.workspace import Workspace

__all__ = ["Outcome", "delete", "duplicate", "purge", "restore", "restore_version", "save"]


@dataclass(frozen=True)
class Outcome:
    """The activity a step wrote (None when there was nothing to write) and what changed."""

    activity_id: str | None
    changes: Changes


def save(
    workspace: Workspace,
    base: ActivityDraft,
    values: Mapping[str, Any],
    funding: Sequence[FundingEntry] | None,
    choices: Mapping[str, Choice] | None = None,
) -> Outcome:
    """Save a form loaded as ``base`` (a new activity when its id is None); see ``activity_editing.save_activity``."""
    activity_id = editing.save_activity(
        workspace, base.id, values, funding, base=base if base.id else None, choices=choices
    )
    if base.id is None:
        return Outcome(
            activity_id, Changes.of(added=[activity_id]) | undo.record(workspace, "create", activity_id, None)
        )
    return Outcome(activity_id, Changes.of(edited=[activity_id]) | undo.record(workspace, "edit", activity_id, base))


def delete(workspace: Workspace, activity_id: str) -> Outcome:
    before = editing.load_activity(workspace, activity_id)
    if not editing.delete_activity(workspace, activity_id):
        return Outcome(None, Changes())
    return Outcome(
        activity_id, Changes.of(removed=[activity_id]) | undo.record(workspace, "delete", activity_id, before)
    )


def restore(workspace: Workspace, activity_id: str) -> Outcome:
    before = editing.load_activity(workspace, activity_id)
    editing.restore_activity(workspace, activity_id)
    return Outcome(
        activity_id, Changes.of(added=[activity_id]) | undo.record(workspace, "restore", activity_id, before)
    )


def duplicate(workspace: Workspace, activity_id: str) -> Outcome:
    copy = editing.duplicate_activity(workspace, activity_id)
    return Outcome(copy, Changes.of(added=[copy]) | undo.record(workspace, "duplicate", copy, None))


def restore_version(workspace: Workspace, activity_id: str, values: Mapping[str, Any]) -> Outcome:
    """Put back the values an activity had after an earlier change (History ▸ Restore)."""
    before = editing.load_activity(workspace, activity_id)
    editing.save_activity(workspace, activity_id, values)
    return Outcome(
        activity_id, Changes.of(edited=[activity_id]) | undo.record(workspace, "version", activity_id, before)
    )


def purge(workspace: Workspace) -> tuple[int, Changes]:
    """Purge every deleted activity (after a backup); how many, and what changed (the undo steps are gone too)."""
    gone = purging.purgeable(workspace)
    count = purging.purge_deleted(workspace, gone)
    return count, Changes.of(removed=gone, undo=True)
