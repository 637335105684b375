"""An activity's change history from the change log, and its values as they were after any change."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.domain.models import Change
from habitat_desktop.l10n import _
from habitat_desktop.services.activity_editing import load_activity
from habitat_desktop.storage.workspace import Workspace

__all__ = ["HistoryEntry", "activity_history", "values_at"]


@dataclass(frozen=True)
class HistoryEntry:
    """One line of history: who (office, person) changed which field, when, from what to what."""

    change_id: int
    action: str  # created | updated | deleted | restored | resolved
    field: str
    old_value: Any
    new_value: Any
    office: str
    author: str
    changed_at: dt.datetime
    stamp: str


def _changes(workspace: Workspace, activity_id: str) -> list[Change]:
    statement = (
        select(Change)
        .where(col(Change.record_table) == "activity", col(Change.record_id) == activity_id)
        .order_by(col(Change.stamp), col(Change.id))
    )  # merged logs interleave: the clock orders them
    with workspace.reading() as session:
        return list(session.scalars(statement))


def activity_history(workspace: Workspace, activity_id: str) -> list[HistoryEntry]:
    """Every change of an activity, newest first."""
    return [
        HistoryEntry(
            int(c.id or 0), c.action, c.field, c.old_value, c.new_value, c.office, c.author, c.changed_at, c.stamp
        )
        for c in reversed(_changes(workspace, activity_id))
    ]


def values_at(workspace: Workspace, activity_id: str, change_id: int) -> dict[str, Any]:
    """The activity's editable values as they stood right after a change (to restore that version)."""
    current = load_activity(workspace, activity_id).values
    values: dict[str, Any] = {}
    found = False
    for change in _changes(workspace, activity_id):
        if change.action == "created" and isinstance(change.new_value, dict):
            values = dict(change.new_value)
        elif change.action == "updated" and change.field:
            values[change.field] = change.new_value
        if change.id == change_id:
            found = True
            break
    if not found:
        raise HabitatError(_("No change {number} in the history of this activity").format(number=change_id))
    return {name: values.get(name, current[name]) for name in current}
