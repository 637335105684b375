"""Reporting cycles: period names and their dates, the steps of a cycle, and the state every workspace derives.

A cycle is a set of immutable events (``models.CycleEvent``). Each workspace folds the events it holds in the
order of their stamps (hybrid logical clocks: a decision made after seeing a submission has a later stamp), so
the state is a function of the set: merging events in any order or grouping gives the same state everywhere.
A step that does not apply to the state reached (withdrawing what was approved, approving what was withdrawn)
is ignored by every workspace alike.

Which period a record belongs to: a period named by dates ("2025", "2026-Q1", "2026-H2", "2026-03") covers a
span of days; an activity belongs to the period whose span holds its end date, else its start date; a record
with no date (a resolution status; an activity without dates) belongs to the period named by its ``period``
field when it has one. A funding line belongs to the period holding its date and to its activity's. A period with any
other name ("EB-2026") holds only records naming it explicitly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from habitat_desktop.domain import clock
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import N_, _, quoted_value

_PERIOD = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$")
_DATED = re.compile(r"^(\d{4})(?:-(Q[1-4]|H[12]|\d{2}))?$")


class EventKind(StrEnum):
    OPEN = "open"
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    APPROVE = "approve"
    RETURN = "return"
    REOPEN = "reopen"
    COMMENT = "comment"


COORDINATOR_KINDS = frozenset({EventKind.OPEN, EventKind.APPROVE, EventKind.RETURN, EventKind.REOPEN})
OFFICE_KINDS = frozenset({EventKind.SUBMIT, EventKind.WITHDRAW})


class State(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"


STATE_LABELS = {
    State.NOT_STARTED: N_("Not started"),
    State.IN_PROGRESS: N_("In progress"),
    State.SUBMITTED: N_("Submitted"),
    State.RETURNED: N_("Returned"),
    State.APPROVED: N_("Approved"),
}

# the steps that apply from each decided state (None: nothing decided, or reopened)
_TRANSITIONS: dict[tuple[State | None, EventKind], State | None] = {
    (None, EventKind.SUBMIT): State.SUBMITTED,
    (State.RETURNED, EventKind.SUBMIT): State.SUBMITTED,
    (State.SUBMITTED, EventKind.WITHDRAW): None,
    (State.SUBMITTED, EventKind.APPROVE): State.APPROVED,
    (State.SUBMITTED, EventKind.RETURN): State.RETURNED,
    (State.APPROVED, EventKind.REOPEN): None,
    (State.RETURNED, EventKind.REOPEN): None,
}


def check_period(name: str) -> str:
    """A period name as typed ("2025", "2026-Q1", "EB-2026"), or a ValidationError naming the field."""
    text = name.strip()
    if not _PERIOD.match(text):
        raise ValidationError(
            "period",
            _("{value} is not a period name (letters, digits, '-', '.', '_'; at most 16)").format(
                value=quoted_value(name)
            ),
        )
    return text


def period_span(name: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a period named by dates, or None for a period named otherwise."""
    match = _DATED.match(name)
    if match is None:
        return None
    year, part = int(match.group(1)), match.group(2)
    if part is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if part[0] in "QH":
        months = 3 if part[0] == "Q" else 6
        first = (int(part[1]) - 1) * months + 1
        last = first + months - 1
    else:
        first = last = int(part)
        if not 1 <= first <= 12:
            return None
    end = dt.date(year + 1, 1, 1) if last == 12 else dt.date(year, last + 1, 1)
    return dt.date(year, first, 1), end - dt.timedelta(days=1)


def in_period(period: str, dates: tuple[dt.date | None, dt.date | None], explicit: str | None = None) -> bool:
    """Whether a record with these (end, start) dates, or else this explicit period, belongs to ``period``."""
    day = dates[0] or dates[1]
    if day is not None:
        span = period_span(period)
        return span is not None and span[0] <= day <= span[1]
    return explicit == period


@dataclass(frozen=True)
class Event:
    """A cycle event as the fold reads it."""

    id: str
    kind: str
    period: str
    office: str
    author: str
    stamp: str
    due: dt.date | None = None
    offices: tuple[str, ...] = ()
    text: str = ""


@dataclass
class Call:
    """An open period: what the latest call asks (due date, offices, message) and who made it."""

    period: str
    due: dt.date | None
    offices: tuple[str, ...]
    message: str
    author: str
    stamp: str


@dataclass
class Cycle:
    """The state derived from a set of events: the calls, and each (period, office)'s decided state."""

    calls: dict[str, Call] = field(default_factory=dict)
    decided: dict[tuple[str, str], State | None] = field(default_factory=dict)
    last_step: dict[tuple[str, str], Event] = field(default_factory=dict)
    submitted: dict[tuple[str, str], Event] = field(default_factory=dict)  # the submission the state rests on
    coordinators: set[str] = field(default_factory=set)

    def state(self, period: str, office: str, records: int) -> State:
        """The state shown: the decided one, else in progress (records exist) or not started."""
        decided = self.decided.get((period, office))
        if decided is not None:
            return decided
        return State.IN_PROGRESS if records else State.NOT_STARTED

    def approved(self, period: str, office: str) -> bool:
        return self.decided.get((period, office)) == State.APPROVED

    def approved_periods(self, office: str) -> list[str]:
        return sorted(p for (p, o), s in self.decided.items() if o == office and s == State.APPROVED)


def fold(events: Iterable[Event]) -> Cycle:
    """The cycle state of a set of events (any order in, the same state out)."""
    cycle = Cycle()
    for event in sorted(events, key=lambda e: (e.stamp, e.id)):
        kind = EventKind(event.kind)
        if kind in COORDINATOR_KINDS:
            cycle.coordinators.add(event.author)
        if kind == EventKind.OPEN:
            cycle.calls[event.period] = Call(
                event.period, event.due, event.offices, event.text, event.author, event.stamp
            )
            continue
        if kind == EventKind.COMMENT:
            continue
        key = (event.period, event.office)
        before = cycle.decided.get(key)
        if (before, kind) in _TRANSITIONS:
            cycle.decided[key] = _TRANSITIONS[(before, kind)]
            cycle.last_step[key] = event
            if kind == EventKind.SUBMIT:
                cycle.submitted[key] = event
    return cycle


def step_date(event: Event) -> dt.date:
    """The day a step was taken: its stamp's time, on the local calendar (as "today" is read)."""
    return dt.datetime.fromtimestamp(clock.Stamp.parse(event.stamp).milliseconds / 1000).date()


def today() -> dt.date:
    """Today on the local calendar, read from the clock that stamps the steps."""
    return dt.datetime.fromtimestamp(clock.wall_clock_ms() / 1000).date()


def days_late(due: dt.date | None, state: State, today: dt.date, submitted: dt.date | None = None) -> int:
    """How late an office is: for a submitted or approved period, its submission day past the due date; for any
    other state (not started, in progress, returned), today past the due date; 0 when on time or with no due date."""
    if due is None:
        return 0
    if state in (State.SUBMITTED, State.APPROVED):
        return max(0, (submitted - due).days) if submitted is not None else 0
    return max(0, (today - due).days)
