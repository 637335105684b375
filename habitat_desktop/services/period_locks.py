"""Approval locks on edits and imports: a record of an approved period is read-only until a coordinator reopens it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlmodel import Session

from habitat_desktop.domain import cycles
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.domain.models import Activity, Funding, ResolutionStatus
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


def funding_period(cycle: cycles.Cycle, office: str, date: dt.date | None, activity: Any) -> str | None:
    """The approved period a funding line (its date, its activity) belongs to, or None."""
    return cycle_store.locked_funding(cycle, office, date, _dates(activity) if activity is not None else None)


def ensure_funding_unlocked(cycle: cycles.Cycle, office: str, date: dt.date | None, activity: Any) -> None:
    """Refuse (ValidationError on "funding") adding, changing or removing a funding line of an approved period."""
    if not cycle.decided:
        return
    period = funding_period(cycle, office, date, activity)
    if period is not None:
        raise ValidationError("funding", lock_reason(period, office))


def record_period(session: Session, cycle: cycles.Cycle, record: Any) -> str | None:
    """The approved period any record (an activity, a funding line, a resolution status) belongs to, or None."""
    if not cycle.decided:
        return None
    if isinstance(record, Activity):
        return cycle_store.locked_period(cycle, record.office, _dates(record))
    if isinstance(record, Funding):
        activity = session.get(Activity, record.activity_id) if record.activity_id else None
        return funding_period(cycle, record.office, record.date, activity)
    if isinstance(record, ResolutionStatus):
        return cycle_store.locked_period(cycle, record.office, (None, None), record.period)
    return None


def ensure_record_unlocked(session: Session, record: Any) -> None:
    """Refuse (ValidationError on "period") any change to a record of an approved period (translations included)."""
    period = record_period(session, cycle_store.load_cycle(session), record)
    if period is not None:
        raise ValidationError("period", lock_reason(period, record.office))


def status_lock(session: Session, office: str, period: str) -> None:
    """Refuse (ValidationError on "period") writing an office's resolution status of an approved period."""
    locked = cycle_store.locked_period(cycle_store.load_cycle(session), office, (None, None), period)
    if locked is not None:
        raise ValidationError("period", lock_reason(locked, office))


def activity_lock(workspace: Workspace, activity_id: str) -> str | None:
    """Why an activity is read-only (its approved period), or None when it may be edited."""
    with workspace.reading() as session:
        activity = session.get(Activity, activity_id)
        if activity is None:
            return None
        period = cycle_store.locked_period(cycle_store.load_cycle(session), activity.office, _dates(activity))
        return None if period is None else lock_reason(period, activity.office)
