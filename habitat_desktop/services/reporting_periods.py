"""Reporting cycles: opening a period (the call), submitting and withdrawing, reviewing, reopening, commenting.

Each step is an event written in one transaction and carried by the next export (``storage/cycle_merging.py``).
Coordinating offices (regional offices, headquarters) open periods, approve, return and reopen; an office
submits and withdraws only its own submissions. Which period a record belongs to: ``domain/cycles.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, select

from habitat_desktop.domain import cycles
from habitat_desktop.domain.cycles import EventKind, State
from habitat_desktop.domain.enums import OfficeKind
from habitat_desktop.domain.errors import HabitatError, ValidationError
from habitat_desktop.domain.models import VERSIONED_TABLES, Office
from habitat_desktop.l10n import _, quoted_value
from habitat_desktop.storage import cycle_store
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.recorder import Recorder

COORDINATING = (OfficeKind.REGIONAL, OfficeKind.HEADQUARTERS)


@dataclass(frozen=True)
class PeriodView:
    """An open reporting period: the call as the latest coordinator's step states it."""

    period: str
    due: dt.date | None
    offices: tuple[str, ...]
    message: str
    opened_by: str


@dataclass(frozen=True)
class OfficeStatus:
    """Where one expected office stands in a period."""

    office: str
    state: State
    records: int
    last_merged: dt.datetime | None
    days_late: int
    comment: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "office": self.office,
            "state": str(self.state),
            "records": self.records,
            "last_merged": self.last_merged.isoformat() if self.last_merged else None,
            "days_late": self.days_late,
        }


def _view(call: cycles.Call) -> PeriodView:
    return PeriodView(call.period, call.due, call.offices, call.message, call.author)


def require_coordinator(session: Session, office: str) -> None:
    if cycle_store.office_kind(session, office) not in COORDINATING:
        raise HabitatError(
            _(
                "Only a coordinating office (a regional office or headquarters) may do this; this workspace belongs "
                "to office {office}"
            ).format(office=office)
        )


def _call(cycle: cycles.Cycle, period: str) -> cycles.Call:
    call = cycle.calls.get(period)
    if call is None:
        raise HabitatError(_("No reporting period {period} has been opened").format(period=period))
    return call


def _offices(session: Session, codes: Sequence[str]) -> tuple[str, ...]:
    known = set(session.exec(select(Office.code)))
    cleaned = tuple(dict.fromkeys(code.strip().upper() for code in codes if code.strip()))
    if not cleaned:
        raise ValidationError("offices", _("name at least one office"))
    for code in cleaned:
        if code not in known:
            raise ValidationError("offices", _("unknown office {value}").format(value=quoted_value(code)))
    return cleaned


def open_period(path: Path, period: str, *, due: dt.date, offices: Sequence[str], message: str = "") -> PeriodView:
    """Open a reporting period (or restate its call): the due date, the offices expected, a message."""
    name = cycles.check_period(period)
    with storage.opened(Path(path)) as workspace, workspace.transaction() as session:
        require_coordinator(session, workspace.office)
        expected = _offices(session, offices)
        recorder = Recorder(session, workspace.office)
        cycle_store.add_event(
            session, recorder, EventKind.OPEN, name, due=due, offices=list(expected), text=message.strip()
        )
        return _view(cycle_store.load_cycle(session).calls[name])


def list_periods(path: Path) -> list[PeriodView]:
    """Every period opened, as its latest call states it."""
    with storage.opened(Path(path), read_only=True) as workspace, workspace.reading() as session:
        cycle = cycle_store.load_cycle(session)
        return [_view(cycle.calls[name]) for name in sorted(cycle.calls)]


def _statuses(session: Session, period: str, today: dt.date) -> list[OfficeStatus]:
    cycle = cycle_store.load_cycle(session)
    call = _call(cycle, period)
    counts = cycle_store.record_counts(session, period, call.offices)
    merged = cycle_store.last_merged(session)
    found = []
    for office in call.offices:
        records = counts.get(office, 0)
        state = cycle.state(period, office, records)
        step = cycle.last_step.get((period, office))
        submission = cycle.submitted.get((period, office))
        found.append(
            OfficeStatus(
                office,
                state,
                records,
                merged.get(office),
                cycles.days_late(call.due, state, today, cycles.step_date(submission) if submission else None),
                step.text if step is not None else "",
            )
        )
    return found


def period_status(path: Path, period: str, *, today: dt.date | None = None) -> list[OfficeStatus]:
    """Every expected office of a period: its state, records, last export merged, days late."""
    with storage.opened(Path(path), read_only=True) as workspace, workspace.reading() as session:
        return _statuses(session, period, today or cycles.today())


def status_in(workspace: storage.Workspace, period: str, *, today: dt.date | None = None) -> list[OfficeStatus]:
    """The same, in a workspace already open (the window's)."""
    with workspace.reading() as session:
        return _statuses(session, period, today or cycles.today())


def periods_in(workspace: storage.Workspace) -> list[PeriodView]:
    """Every period opened, in a workspace already open (the window's)."""
    with workspace.reading() as session:
        cycle = cycle_store.load_cycle(session)
        return [_view(cycle.calls[name]) for name in sorted(cycle.calls)]


def own_state(workspace: storage.Workspace, period: str) -> State:
    """This workspace's own office's state in a period."""
    with workspace.reading() as session:
        cycle = cycle_store.load_cycle(session)
        records = cycle_store.record_counts(session, period, [workspace.office]).get(workspace.office, 0)
        return cycle.state(period, workspace.office, records)


def own_calls(workspace: storage.Workspace) -> list[tuple[PeriodView, State]]:
    """The periods this workspace's office is expected to report for, with its state in each (for the banner)."""
    with workspace.reading() as session:
        cycle = cycle_store.load_cycle(session)
        found = []
        for name in sorted(cycle.calls):
            call = cycle.calls[name]
            if workspace.office not in call.offices:
                continue
            records = cycle_store.record_counts(session, name, [workspace.office]).get(workspace.office, 0)
            found.append((_view(call), cycle.state(name, workspace.office, records)))
        return found


def is_coordinator(workspace: storage.Workspace) -> bool:
    """Whether this workspace's office coordinates (opens periods, reviews submissions)."""
    with workspace.reading() as session:
        return cycle_store.office_kind(session, workspace.office) in COORDINATING


def _step(path: Path, period: str, kind: EventKind, office: str | None, text: str, allowed: Sequence[State]) -> State:
    with storage.opened(Path(path)) as workspace, workspace.transaction() as session:
        subject = office or workspace.office
        if kind in cycles.COORDINATOR_KINDS:
            require_coordinator(session, workspace.office)
        cycle = cycle_store.load_cycle(session)
        call = _call(cycle, period)
        if subject not in call.offices:
            raise HabitatError(
                _("Office {office} is not expected to report for period {period}").format(office=subject, period=period)
            )
        records = cycle_store.record_counts(session, period, [subject]).get(subject, 0)
        state = cycle.state(period, subject, records)
        if state not in allowed:
            raise HabitatError(
                _("Period {period} of office {office} is {state}; this step does not apply").format(
                    period=period, office=subject, state=_(cycles.STATE_LABELS[state]).lower()
                )
            )
        recorder = Recorder(session, workspace.office)
        cycle_store.add_event(session, recorder, kind, period, office=subject, text=text.strip())
        after = cycle_store.load_cycle(session)
        return after.state(period, subject, records)


def submit(path: Path, period: str, *, withdraw: bool = False) -> State:
    """Submit this office's records of a period (or withdraw the submission until it is reviewed)."""
    if withdraw:
        return _step(path, period, EventKind.WITHDRAW, None, "", [State.SUBMITTED])
    return _step(path, period, EventKind.SUBMIT, None, "", [State.NOT_STARTED, State.IN_PROGRESS, State.RETURNED])


def review(path: Path, period: str, office: str, *, approve: bool, comment: str = "") -> State:
    """Approve an office's submission, or return it with a comment saying what to change."""
    code = office.strip().upper()
    if not approve and not comment.strip():
        raise ValidationError("comment", _("a returned submission needs a comment saying what to change"))
    kind = EventKind.APPROVE if approve else EventKind.RETURN
    return _step(path, period, kind, code, comment, [State.SUBMITTED])


def reopen(path: Path, period: str, office: str, *, comment: str) -> State:
    """Reopen an approved (or returned) period of an office, with a comment; it unlocks after the next exchange."""
    if not comment.strip():
        raise ValidationError("comment", _("reopening needs a comment saying why"))
    return _step(path, period, EventKind.REOPEN, office.strip().upper(), comment, [State.APPROVED, State.RETURNED])


def comment(path: Path, record_id: str, text: str, *, field: str | None = None) -> str:
    """Comment on a record (or one of its fields); return the comment's id. Coordinators and the owner may."""
    if not text.strip():
        raise ValidationError("text", _("the comment is empty"))
    with storage.opened(Path(path)) as workspace, workspace.transaction() as session:
        for table, model in VERSIONED_TABLES.items():
            record = session.get(model, record_id)
            if record is not None and table != "office":
                break
        else:
            raise HabitatError(_("No record {record} in this workspace").format(record=record_id))
        columns = set(model.__table__.columns.keys())  # type: ignore[attr-defined]
        if field is not None and field not in columns:
            raise ValidationError(
                "field", _("record {record} has no field {value}").format(record=record_id, value=quoted_value(field))
            )
        owner = str(getattr(record, "office", ""))
        if owner != workspace.office:
            require_coordinator(session, workspace.office)
        recorder = Recorder(session, workspace.office)
        event = cycle_store.add_event(
            session,
            recorder,
            EventKind.COMMENT,
            "",
            office=owner,
            text=text.strip(),
            record_table=table,
            record_id=record_id,
            field=field,
        )
        return event.id


__all__ = [
    "OfficeStatus",
    "PeriodView",
    "comment",
    "is_coordinator",
    "list_periods",
    "open_period",
    "own_calls",
    "own_state",
    "period_status",
    "periods_in",
    "reopen",
    "require_coordinator",
    "review",
    "status_in",
    "submit",
]
