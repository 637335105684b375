"""Reading and writing reporting-cycle events, counting each office's records of a period, and approval locks."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from habitat_desktop.domain import cycles
from habitat_desktop.domain.models import CycleEvent, Office
from habitat_desktop.storage.recorder import Recorder

EVENT_COLUMNS = ("id", "kind", "period", "office", "author", "stamp", "due", "offices", "text")


def as_event(row: CycleEvent) -> cycles.Event:
    return cycles.Event(
        row.id, row.kind, row.period, row.office, row.author, row.stamp, row.due, tuple(row.offices), row.text
    )


def load_cycle(session: Session) -> cycles.Cycle:
    """The state derived from every event this workspace holds."""
    return cycles.fold(as_event(row) for row in session.exec(select(CycleEvent)))


def load_cycle_raw(connection: sqlite3.Connection) -> cycles.Cycle:
    """The same, read through a plain connection (during a merge)."""
    events = []
    for row in connection.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM cycle_event"):
        due = dt.date.fromisoformat(row[6]) if row[6] else None
        offices = tuple(json.loads(row[7] or "[]"))
        events.append(cycles.Event(row[0], row[1], row[2], row[3], row[4], row[5], due, offices, row[8] or ""))
    return cycles.fold(events)


def add_event(session: Session, recorder: Recorder, kind: cycles.EventKind, period: str, **values: Any) -> CycleEvent:
    """Write one event, stamped by the workspace's clock (later than every event it has seen)."""
    event = CycleEvent(
        kind=str(kind), period=period, author=recorder.office, person=recorder.author, stamp=recorder.stamp(), **values
    )
    session.add(event)
    session.flush()
    return event


def events(session: Session, *, record_id: str | None = None, period: str | None = None) -> list[CycleEvent]:
    statement = select(CycleEvent).order_by(col(CycleEvent.stamp), col(CycleEvent.id))
    if record_id is not None:
        statement = statement.where(col(CycleEvent.record_id) == record_id)
    if period is not None:
        statement = statement.where(col(CycleEvent.period) == period)
    return list(session.exec(statement))


def comments(session: Session) -> list[CycleEvent]:
    """Every comment on a record, oldest first."""
    statement = select(CycleEvent).where(col(CycleEvent.kind) == str(cycles.EventKind.COMMENT))
    return list(session.exec(statement.order_by(col(CycleEvent.stamp), col(CycleEvent.id))))


def office_kind(session: Session, office: str) -> str | None:
    row = session.exec(select(Office).where(col(Office.code) == office)).first()
    return row.kind if row is not None else None


def record_counts(session: Session, period: str, offices: Iterable[str] | None = None) -> dict[str, int]:
    """How many records (activities, their funding lines, resolution statuses; not deleted) each office holds for a
    period."""
    counts: dict[str, int] = {}
    span = cycles.period_span(period)
    queries = []
    if span is not None:
        queries.append(
            (
                "SELECT office, count(*) FROM activity INDEXED BY ix_activity_office_dates WHERE NOT deleted "
                "AND coalesce(end_date, start_date) BETWEEN :first AND :last GROUP BY office",
                {"first": span[0].isoformat(), "last": span[1].isoformat()},
            )
        )
        queries.append(  # funding lines by their date, else by their activity's (lines of deleted activities: none)
            (
                "SELECT f.office, count(*) FROM funding f LEFT JOIN activity a ON a.id = f.activity_id "
                "WHERE NOT f.deleted AND NOT coalesce(a.deleted, 0) "
                "AND coalesce(f.date, a.end_date, a.start_date) BETWEEN :first AND :last GROUP BY f.office",
                {"first": span[0].isoformat(), "last": span[1].isoformat()},
            )
        )
    queries.append(
        (
            "SELECT office, count(*) FROM resolution_status WHERE NOT deleted AND period = :period GROUP BY office",
            {"period": period},
        )
    )
    for sql, parameters in queries:
        for office, count in session.execute(text(sql), parameters):
            counts[office] = counts.get(office, 0) + int(count)
    if offices is not None:
        wanted = set(offices)
        counts = {office: count for office, count in counts.items() if office in wanted}
    return counts


def last_merged(session: Session) -> dict[str, dt.datetime]:
    """When a record of each office last arrived by merge (signed by the office itself or relayed)."""
    found: dict[str, dt.datetime] = {}
    sql = (
        "SELECT a.office, max(m.merged_at) FROM (SELECT DISTINCT office, origin_export FROM activity "
        "INDEXED BY ix_activity_office_dates) a JOIN merge_event m ON m.export_id = a.origin_export "
        "GROUP BY a.office UNION ALL SELECT signer, max(merged_at) FROM merge_event GROUP BY signer"
    )
    for office, merged_at in session.execute(text(sql)):
        if merged_at is None:
            continue
        when = merged_at if isinstance(merged_at, dt.datetime) else dt.datetime.fromisoformat(str(merged_at))
        if office not in found or when > found[office]:
            found[office] = when
    return found


def locked_period(
    cycle: cycles.Cycle, office: str, dates: tuple[dt.date | None, dt.date | None], explicit: str | None = None
) -> str | None:
    """The approved period a record of ``office`` with these (end, start) dates or explicit period belongs to."""
    for period in cycle.approved_periods(office):
        if cycles.in_period(period, dates, explicit):
            return period
    return None


def locked_funding(
    cycle: cycles.Cycle,
    office: str,
    date: dt.date | None,
    activity_dates: tuple[dt.date | None, dt.date | None] | None,
) -> str | None:
    """The approved period a funding line belongs to: the one holding its date, else (and always, since a line is
    part of its activity) its activity's; None when neither is approved."""
    if date is not None:
        period = locked_period(cycle, office, (date, None))
        if period is not None:
            return period
    return locked_period(cycle, office, activity_dates) if activity_dates is not None else None
