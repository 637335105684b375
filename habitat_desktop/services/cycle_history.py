"""The history of reporting cycles told as sentences: calls, submissions, decisions, reopenings and comments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.lists import format_list
from sqlmodel import Session, col, select

from habitat_desktop.domain import clock
from habitat_desktop.domain.cycles import EventKind
from habitat_desktop.domain.models import VERSIONED_TABLES, Activity, CycleEvent, Funding, ResolutionStatus
from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import babel_locale, format_date
from habitat_desktop.services.history import field_label
from habitat_desktop.storage import cycle_store
from habitat_desktop.storage import workspace as storage


@dataclass(frozen=True)
class CycleEntry:
    """One step of a cycle: which office (and person) did it, when, about which office, told as a sentence."""

    kind: str
    period: str
    office: str
    author: str
    person: str
    written_at: dt.datetime
    sentence: str
    record_id: str | None = None
    field: str | None = None
    table: str | None = None


def describe(event: CycleEvent) -> str:
    """The step as one sentence in the current language."""
    values = {"author": event.author, "office": event.office, "period": event.period, "comment": event.text}
    kind = EventKind(event.kind)
    if kind == EventKind.OPEN:
        offices = format_list(list(event.offices), locale=babel_locale()) if event.offices else ""
        due = format_date(event.due) if event.due else ""
        if event.text:
            return _("{author} opened period {period}, due {due}, for {offices}: {comment}").format(
                due=due, offices=offices, **values
            )
        return _("{author} opened period {period}, due {due}, for {offices}.").format(
            due=due, offices=offices, **values
        )
    if kind == EventKind.SUBMIT:
        return _("Office {office} submitted period {period}.").format(**values)
    if kind == EventKind.WITHDRAW:
        return _("Office {office} withdrew its submission of period {period}.").format(**values)
    if kind == EventKind.APPROVE:
        if event.text:
            return _("{author} approved period {period} of office {office}: {comment}").format(**values)
        return _("{author} approved period {period} of office {office}.").format(**values)
    if kind == EventKind.RETURN:
        return _("{author} returned period {period} to office {office}: {comment}").format(**values)
    if kind == EventKind.REOPEN:
        return _("{author} reopened period {period} of office {office}: {comment}").format(**values)
    if event.record_table == "funding":
        if event.field:
            return _("{author} commented on a funding line ({field}): {comment}").format(
                field=field_label(event.field), **values
            )
        return _("{author} commented on a funding line: {comment}").format(**values)
    if event.field:
        return _("{author} commented on {field}: {comment}").format(field=field_label(event.field), **values)
    return _("{author} commented: {comment}").format(**values)


def _entry(event: CycleEvent) -> CycleEntry:
    moment = dt.datetime.fromtimestamp(clock.Stamp.parse(event.stamp).milliseconds / 1000, dt.UTC)
    return CycleEntry(
        event.kind,
        event.period,
        event.office,
        event.author,
        event.person,
        moment,
        describe(event),
        event.record_id,
        event.field,
        event.record_table,
    )


def period_history(path: Path, period: str) -> list[CycleEntry]:
    """Every step of a period and every comment on its records, newest first."""
    with storage.opened(Path(path), read_only=True) as workspace, workspace.reading() as session:
        found = cycle_store.events(session, period=period)
        found.extend(
            event
            for event in cycle_store.comments(session)
            if event.record_id and _in_period(session, event.record_table or "", event.record_id, period)
        )
        found.sort(key=lambda e: (e.stamp, e.id))
        return [_entry(event) for event in reversed(found)]


def _in_period(session: Session, table: str, record_id: str, period: str) -> bool:
    """Whether a record belongs to a period (domain/cycles.py; a funding line by its date or its activity's)."""
    from habitat_desktop.domain import cycles

    model = VERSIONED_TABLES.get(table)
    record: Any = session.get(model, record_id) if model is not None else None
    if isinstance(record, Activity):
        return cycles.in_period(period, (record.end_date, record.start_date))
    if isinstance(record, Funding):
        activity = session.get(Activity, record.activity_id) if record.activity_id else None
        by_activity = activity is not None and cycles.in_period(period, (activity.end_date, activity.start_date))
        return by_activity or (record.date is not None and cycles.in_period(period, (record.date, None)))
    if isinstance(record, ResolutionStatus):
        return cycles.in_period(period, (None, None), record.period)
    return False


def record_notes(workspace: storage.Workspace, record_id: str) -> list[CycleEntry]:
    """The comments on a record (on an activity: and on its funding lines) and the decisions on its office's periods
    that hold it, newest first."""
    from habitat_desktop.domain import cycles

    with workspace.reading() as session:
        found = cycle_store.events(session, record_id=record_id)
        activity = session.get(Activity, record_id)
        if activity is not None:
            for line in session.exec(select(Funding.id).where(col(Funding.activity_id) == record_id)):
                found.extend(cycle_store.events(session, record_id=line))
            for event in cycle_store.events(session):
                if (
                    event.kind in (EventKind.RETURN, EventKind.APPROVE, EventKind.REOPEN)
                    and event.office == activity.office
                    and cycles.in_period(event.period, (activity.end_date, activity.start_date))
                ):
                    found.append(event)
        found.sort(key=lambda e: (e.stamp, e.id))
        return [_entry(event) for event in reversed(found)]
