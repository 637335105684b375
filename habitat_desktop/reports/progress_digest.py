"""The progress report's activities grouped by section and resolution, summarised once for all six languages."""

from __future__ import annotations

import threading
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from habitat_desktop.storage.report_queries import ActivityFacts, ReportData

MAX_TITLES = 6  # activities named in a paragraph; the others are counted


@dataclass
class ResolutionDigest:
    """What a numbered paragraph says about the activities under one resolution in one section."""

    count: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    leading: list[ActivityFacts] = field(default_factory=list)  # named: completed first, then ongoing
    offices: list[str] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)  # country codes (names are sorted once localized)
    partners: list[str] = field(default_factory=list)  # sorted
    cited: dict[str, set[str]] = field(default_factory=dict)  # resolution symbol -> operative paragraph numbers


@dataclass
class ProgressDigest:
    """Per priority domain and per outcome, the resolutions its activities serve and what they did."""

    offices: int
    domains: dict[str, dict[str, ResolutionDigest]]
    outcomes: dict[int, dict[str, ResolutionDigest]]


def _digest_resolution(activities: list[ActivityFacts]) -> ResolutionDigest:
    ranked = sorted(activities, key=lambda a: (a.status != "completed", a.status != "ongoing"))
    cited: dict[str, set[str]] = defaultdict(set)
    for activity in activities:
        for paragraph in activity.operative_paragraphs:
            symbol, _sep, number = paragraph.rpartition(":")
            cited[symbol].add(number)
    return ResolutionDigest(
        count=len(activities),
        statuses=Counter(a.status for a in activities),
        leading=ranked[:MAX_TITLES],
        offices=sorted({a.office for a in activities}),
        countries={a.country for a in activities if a.country},
        partners=sorted({p for a in activities for p in a.partners}),
        cited=dict(cited),
    )


def _by_resolution(activities: Iterable[ActivityFacts]) -> dict[str, ResolutionDigest]:
    grouped: dict[str, list[ActivityFacts]] = defaultdict(list)
    for activity in activities:
        for symbol in activity.resolutions:
            grouped[symbol].append(activity)
    return {symbol: _digest_resolution(members) for symbol, members in grouped.items()}


def _make(data: ReportData) -> ProgressDigest:
    in_domain: dict[str, list[ActivityFacts]] = defaultdict(list)
    in_outcome: dict[int, list[ActivityFacts]] = defaultdict(list)
    for activity in data.activities:
        for code in activity.priority_domains:
            in_domain[code].append(activity)
        for outcome in activity.outcomes:
            in_outcome[outcome].append(activity)
    return ProgressDigest(
        offices=len({a.office for a in data.activities}),
        domains={code: _by_resolution(members) for code, members in in_domain.items()},
        outcomes={number: _by_resolution(members) for number, members in in_outcome.items()},
    )


_lock = threading.Lock()
_last: tuple[weakref.ref[ReportData], ProgressDigest] | None = None


def digest(data: ReportData) -> ProgressDigest:
    """The digest of a report's data, made once however many languages the report is printed in."""
    global _last
    with _lock:
        if _last is None or _last[0]() is not data:
            _last = (weakref.ref(data), _make(data))
        return _last[1]
