"""What the PDF reports read from a workspace, in one pass, as plain language-neutral records."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import String, func, select, type_coerce
from sqlmodel import Session, col

from habitat_desktop.domain.glossary import Glossary
from habitat_desktop.domain.models import Activity, Funding, Office, ResolutionStatus
from habitat_desktop.domain.report_document import document_json
from habitat_desktop.resources import resource_path
from habitat_desktop.storage import catalog_queries, glossary_store, report_documents

Names = dict[str, str]
"""A name in each language, keyed by language code."""


@dataclass(frozen=True)
class ResolutionFacts:
    symbol: str
    kind: str
    session: int
    year: int
    document_symbol: str
    titles: Names
    priority: str | None  # direct | further | None
    outcomes: dict[int, str]  # outcome number -> direct | further


class ActivityFacts(NamedTuple):
    """An activity as reports print it (a tuple: a report reads tens of thousands)."""

    id: str
    office: str
    title: str
    description: str
    language: str
    translations: dict[str, dict[str, str]]
    status: str
    start_date: dt.date | None
    end_date: dt.date | None
    country: str | None
    city: str | None
    partners: tuple[str, ...]
    resolutions: tuple[str, ...]
    outcomes: tuple[int, ...]
    priority_domains: tuple[str, ...]
    product_kind: str | None
    operative_paragraphs: tuple[str, ...]  # cited, as "2/7:3" (resolution symbol and paragraph number)


@dataclass(frozen=True)
class FundingFacts:
    office: str
    activity_id: str | None
    resolution_symbol: str | None
    amount: Decimal
    currency: str
    source: str
    contributor: str
    date: dt.date | None
    stage: str


@dataclass(frozen=True)
class StatusFacts:
    office: str
    resolution_symbol: str
    period: str
    implementation_status: str
    resources_required: Decimal | None
    resources_mobilized: Decimal | None
    currency: str
    funding_situation: str | None
    narrative: str
    language: str
    translations: dict[str, dict[str, str]]


@dataclass(frozen=True)
class OfficeFacts:
    code: str
    name: str
    country: str
    kind: str
    language: str = "en"  # of the name
    translations: dict[str, dict[str, str]] = field(default_factory=dict)  # {language: {"name": …}}


@dataclass
class ReportData:
    """Everything a report may print, read in one transaction; names in all six languages."""

    workspace_office: str
    programme: Names
    programme_short: Names
    assembly: Names
    strategic_plan: Names
    priority: Names
    domains: dict[str, Names]
    outcomes: dict[int, Names]
    resolutions: list[ResolutionFacts]
    offices: dict[str, OfficeFacts]
    activities: list[ActivityFacts] = field(default_factory=list)
    funding: list[FundingFacts] = field(default_factory=list)
    statuses: list[StatusFacts] = field(default_factory=list)
    document: dict[str, Any] | None = None  # the report document printed (the shared JSON form), if any
    glossary: Glossary | None = None  # the workspace's terms over the shipped glossary
    extended_by: dict[str, str] = field(default_factory=dict)  # resolution symbol -> the decision extending it

    def resolution(self, symbol: str) -> ResolutionFacts | None:
        return next((r for r in self.resolutions if r.symbol == symbol and r.kind == "resolution"), None)

    def decision(self, symbol: str) -> ResolutionFacts | None:
        return next((r for r in self.resolutions if r.symbol == symbol and r.kind == "decision"), None)


@cache
def _extensions() -> dict[str, str]:
    """Which resolution each decision of the catalog extends (decision 2/1 extends the plan of resolution 1/1)."""
    shipped = json.loads(resource_path("catalog", "resolutions.json").read_text(encoding="utf-8"))
    return {item["extends"]: item["symbol"] for item in shipped if item.get("kind") == "decision" and "extends" in item}


def read_document(session: Session, symbol: str | None, kind: str = "progress") -> dict[str, Any] | None:
    """The document to print: the one with the symbol (None if there is none), or the newest of its kind."""
    if symbol:
        found = report_documents.by_symbol(session, symbol)
    else:
        newest = report_documents.all_documents(session, kind)
        found = newest[0] if newest else None
    return document_json(report_documents.fields_of(found)) if found is not None else None


def _in_period(start: dt.date | None, end: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether dates overlap a period (open ends match; undated activities always match)."""
    if since is not None and end is not None and end < since:
        return False
    return not (until is not None and start is not None and start > until)


def gather(
    session: Session,
    workspace_office: str,
    *,
    office: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> ReportData:
    """The catalog, the offices and the live (not deleted) activities, funding and statuses, optionally narrowed."""
    terms = {t.code: t.names for t in catalog_queries.framework_terms(session, "name")}
    priority = next(iter(catalog_queries.framework_terms(session, "priority")), None)
    domains = {t.code: t.names for t in catalog_queries.framework_terms(session, "domain")}
    alignment: dict[str, dict[str, str]] = {}
    for row in catalog_queries.alignments(session):
        alignment.setdefault(row.resolution_id, {})[row.target] = row.level
    resolutions = []
    for r in catalog_queries.resolutions(session):
        targets = alignment.get(r.id, {})
        resolutions.append(
            ResolutionFacts(
                r.symbol,
                r.kind,
                r.session,
                r.year,
                r.document_symbol,
                dict(r.titles),
                targets.get("priority"),
                {int(t.split(":")[1]): level for t, level in targets.items() if t.startswith("outcome:")},
            )
        )
    offices = {
        o.code: OfficeFacts(o.code, o.name, o.country, o.kind, o.language, dict(o.translations))
        for o in session.scalars(select(Office).where(col(Office.deleted).is_(False)))
    }
    data = ReportData(
        workspace_office,
        terms.get("programme", {}),
        terms.get("programme_short", {}),
        terms.get("assembly", {}),
        terms.get("strategic_plan", {}),
        dict(priority.names) if priority else {},
        domains,
        {o.number: dict(o.names) for o in catalog_queries.outcomes(session)},
        resolutions,
        offices,
        extended_by={r: d for r, d in _extensions().items() if any(x.symbol == d for x in resolutions)},
        glossary=glossary_store.workspace_glossary(session),
    )
    columns = (
        Activity.id,
        Activity.office,
        Activity.title,
        Activity.description,
        Activity.language,
        Activity.status,
        Activity.country,
        Activity.city,
        Activity.product_kind,
    )
    # dates as stored (ISO text), parsed by date.fromisoformat rather than SQLAlchemy's per-value regular expression
    dates = (type_coerce(col(Activity.start_date), String), type_coerce(col(Activity.end_date), String))
    # the six JSON columns come as one array, decoded once per row instead of six times
    lists = func.json_array(
        *(
            func.json(col(c))
            for c in (
                Activity.translations,
                Activity.partners,
                Activity.resolutions,
                Activity.outcomes,
                Activity.priority_domains,
                Activity.operative_paragraphs,
            )
        ),
        type_=String,
    )
    query = select(*(col(c) for c in columns), *dates, lists).where(col(Activity.deleted).is_(False))
    if office:
        query = query.where(col(Activity.office) == office)
    for found in session.execute(query.order_by(col(Activity.start_date), col(Activity.title), col(Activity.id))):
        values: Any = tuple(found)
        (
            id_,
            office_code,
            title,
            description,
            language,
            status,
            country,
            city,
            product_kind,
            start_text,
            end_text,
            encoded,
        ) = values
        start = dt.date.fromisoformat(start_text) if start_text else None
        end = dt.date.fromisoformat(end_text) if end_text else None
        if not _in_period(start, end, since, until):
            continue
        translations, partners, symbols, outcomes, domains, paragraphs = json.loads(encoded)
        data.activities.append(
            ActivityFacts(
                id_,
                office_code,
                title,
                description,
                language,
                dict(translations or {}),
                status,
                start,
                end,
                country,
                city,
                tuple(partners or ()),
                tuple(symbols or ()),
                tuple(outcomes or ()),
                tuple(domains or ()),
                product_kind,
                tuple(paragraphs or ()),
            )
        )
    funding = select(Funding).where(col(Funding.deleted).is_(False))
    if office:
        funding = funding.where(col(Funding.office) == office)
    for f in session.scalars(funding.order_by(col(Funding.date), col(Funding.id))):
        if since is not None and f.date is not None and f.date < since:
            continue
        if until is not None and f.date is not None and f.date > until:
            continue
        data.funding.append(
            FundingFacts(
                f.office,
                f.activity_id,
                f.resolution_symbol,
                f.amount,
                f.currency,
                f.source,
                f.contributor,
                f.date,
                f.stage,
            )
        )
    statuses = select(ResolutionStatus).where(col(ResolutionStatus.deleted).is_(False))
    for s in session.scalars(statuses.order_by(col(ResolutionStatus.period).desc(), col(ResolutionStatus.office))):
        data.statuses.append(
            StatusFacts(
                s.office,
                s.resolution_symbol,
                s.period,
                s.implementation_status,
                s.resources_required,
                s.resources_mobilized,
                s.currency,
                s.funding_situation,
                s.narrative,
                s.language,
                dict(s.translations),
            )
        )
    return data
