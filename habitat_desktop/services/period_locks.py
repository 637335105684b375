"""Approval locks on edits and imports: a record of an approved period is read-only until a coordinator reopens it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from habitat_desktop.domain import cycles
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.domain.models import Activity
from habitat_desktop.l10n import _
from habitat_desktop.storage import cycle_store
from habitat_desktop.storage.workspace import Workspace


def _value(values: Any, name: str) -> Any:
    return values.get(name) if isinstance(values, Mapping) else getattr(values, name, None)


def _dates(values: Any) -> tuple[dt.date | None, dt.date | None]:
    return _value(values, "end_date"), _value(values, "start_date")


def lock_reason(period: str, office: str) -> str:
    """Why a record cannot be changed, in the current language."""
    return _(
        "period {period} is approved for office {office}; its records are read-only until a coordinator reopens it"
    ).format(period=period, office=office)


def ensure_unlocked(cycle: cycles.Cycle, existing: Activity | None, fields: Any, office: str) -> None:
    """Refuse (ValidationError on "period") a change to a record of an approved period, or one moving into it."""
    if not cycle.decided:
        return
    for values in (existing, fields):
        if values is None:
            continue
        owner = str(_value(values, "office") or office)
        period = cycle_store.locked_period(cycle, owner, _dates(values))
        if period is not None:
            raise ValidationError("period", lock_reason(period, owner))


def check_session(session: Session, existing: Activity | None, fields: Any, office: str) -> None:
    ensure_unlocked(cycle_store.load_cycle(session), existing, fields, office)


def activity_lock(workspace: Workspace, activity_id: str) -> str | None:
    """Why an activity is read-only (its approved period), or None when it may be edited."""
    with workspace.reading() as session:
        activity = session.get(Activity, activity_id)
        if activity is None:
            return None
        period = cycle_store.locked_period(cycle_store.load_cycle(session), activity.office, _dates(activity))
        return None if period is None else lock_reason(period, activity.office)
