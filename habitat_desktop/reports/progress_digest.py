"""The progress report's activities grouped by section and resolution, summarised once for all six languages.

Within a section each activity is cited once: under the first of its resolutions in the section's order (those
directly supporting the section first, then those further supporting it, then the others, by symbol). Every
activity is named (no list is cut short). Resolutions reported on separately are left out.

Where the report document has narrative paragraphs for a section, the people who wrote them speak for what they
cite, and the generated paragraphs list only the activities the narrative does not cite: an activity is cited when
the section's narrative (its paragraphs and footnotes, in any of the six languages) names one of the activity's
resolutions by symbol ("2/6", not "2/60" or "HSP/EB.2024/6") or quotes the activity's title (in any language,
ignoring case and punctuation). A section whose narrative cites every activity gets no generated paragraphs.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from habitat_desktop.domain.activity import symbol_key
from habitat_desktop.storage.report_queries import ActivityFacts, ReportData

_RANK = {"direct": 0, "further": 1}


@dataclass
class ResolutionDigest:
    """What a numbered paragraph says about the activities under one resolution in one section."""

    count: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    leading: list[ActivityFacts] = field(default_factory=list)  # all of them: completed first, then ongoing
    offices: list[str] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)  # country codes (names are sorted once localized)
    partners: list[str] = field(default_factory=list)  # sorted
    places: list[str] = field(default_factory=list)  # cities as entered, sorted (named through the glossary)
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
        leading=ranked,
        offices=sorted({a.office for a in activities}),
        countries={a.country for a in activities if a.country},
        partners=sorted({p for a in activities for p in a.partners}),
        places=sorted({a.city for a in activities if a.city}),
        cited=dict(cited),
    )


def section_order(level_of: Callable[[str], str | None]) -> Callable[[str], tuple[int, tuple[int, ...]]]:
    """The order of a section's resolutions: directly supporting, further supporting, then the others."""
    return lambda symbol: (_RANK.get(level_of(symbol) or "", 2), symbol_key(symbol))


def _by_resolution(
    activities: Iterable[ActivityFacts], order: Callable[[str], tuple[int, tuple[int, ...]]], left_out: set[str]
) -> dict[str, ResolutionDigest]:
    grouped: dict[str, list[ActivityFacts]] = defaultdict(list)
    for activity in activities:
        symbols = sorted((s for s in activity.resolutions if s not in left_out), key=order)
        if symbols:
            grouped[symbols[0]].append(activity)
    return {symbol: _digest_resolution(members) for symbol, members in grouped.items()}


_NOT_WORD = re.compile(r"[\W_]+")
_SYMBOL = re.compile(r"(?<![\w/.])([0-9]{1,2}/[0-9]{1,3})(?![\w/])")


def _normal(text: str) -> str:
    return " " + _NOT_WORD.sub(" ", text.casefold()).strip() + " "


@dataclass(frozen=True)
class _Narrative:
    """What a section's narrative cites: resolution symbols it names, and its text (normalized) to find titles."""

    symbols: frozenset[str]
    text: str

    def cites(self, activity: ActivityFacts) -> bool:
        if self.symbols.intersection(activity.resolutions):
            return True
        titles = [activity.title, *(t.get("title", "") for t in activity.translations.values())]
        return any(title.strip() and _normal(title) in self.text for title in titles)


def _narratives(document: dict[str, Any] | None) -> dict[str, _Narrative]:
    """Per section key holding narrative paragraphs, what its narrative cites."""
    found = {}
    for section in (document or {}).get("sections", []):
        if not section.get("paragraphs"):
            continue
        texts = [t for item in section["paragraphs"] + section.get("footnotes", []) for t in item["text"].values()]
        symbols = frozenset(match for text in texts for match in _SYMBOL.findall(text))
        found[section["key"]] = _Narrative(symbols, " ".join(_normal(text) for text in texts))
    return found


def _make(data: ReportData) -> ProgressDigest:
    in_domain: dict[str, list[ActivityFacts]] = defaultdict(list)
    in_outcome: dict[int, list[ActivityFacts]] = defaultdict(list)
    narratives = _narratives(data.document)
    priority_text = narratives.get("strategic_priority")
    for activity in data.activities:
        domains = [code for code in data.domains if code in activity.priority_domains]
        if domains and not (priority_text and priority_text.cites(activity)):
            in_domain[domains[0]].append(activity)  # cited once in the priority's section: under its first domain
        for outcome in activity.outcomes:
            outcome_text = narratives.get(f"outcome_{outcome}")
            if not (outcome_text and outcome_text.cites(activity)):
                in_outcome[outcome].append(activity)
    resolutions = [r for r in data.resolutions if r.kind == "resolution"]
    priority = section_order({r.symbol: r.priority for r in resolutions}.get)
    left_out = set(data.extended_by)
    outcomes = {}
    for number, members in in_outcome.items():
        order = section_order({r.symbol: r.outcomes.get(number) for r in resolutions}.get)
        outcomes[number] = _by_resolution(members, order, left_out)
    return ProgressDigest(
        offices=len({a.office for a in data.activities}),
        domains={code: _by_resolution(members, priority, left_out) for code, members in in_domain.items()},
        outcomes=outcomes,
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
