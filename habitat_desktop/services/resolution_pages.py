"""A resolution's page: its alignment, its activities by status, its funding, and its status per reporting period."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlmodel import Session, col

from habitat_desktop.domain import rules
from habitat_desktop.domain.enums import FundingStage, ImplementationStatus
from habitat_desktop.domain.errors import HabitatError, ValidationError
from habitat_desktop.domain.models import Activity, ActivityResolution, Funding, Resolution, ResolutionStatus
from habitat_desktop.l10n import _, current_language, name_in, ngettext
from habitat_desktop.services import period_locks
from habitat_desktop.storage import catalog_queries
from habitat_desktop.storage.recorder import Recorder
from habitat_desktop.storage.workspace import Workspace

__all__ = ["FundingLine", "PeriodStatus", "ResolutionPage", "resolution_page", "set_period_status"]


@dataclass(frozen=True)
class FundingLine:
    """Money for a resolution from one kind of source, in one currency."""

    source: str
    currency: str
    pledged: Decimal
    received: Decimal
    allocated: Decimal = Decimal(0)  # set aside for a purpose (e.g. joint programmes)
    secured: Decimal = Decimal(0)  # committed by an agreement (e.g. a memorandum of understanding)


@dataclass(frozen=True)
class PeriodStatus:
    id: str
    office: str
    period: str
    implementation_status: str
    funding_situation: str | None
    narrative: str


@dataclass(frozen=True)
class ResolutionPage:
    symbol: str
    kind: str
    title: str
    document_symbol: str
    session: int
    year: int
    priority: str | None  # support level for the strategic priority
    outcomes: list[tuple[int, str, str]]  # number, name, support level
    activities_by_status: dict[str, int]
    funding: list[FundingLine]
    statuses: list[PeriodStatus]  # newest period first

    @property
    def latest_narrative(self) -> str:
        return next((s.narrative for s in self.statuses if s.narrative), "")


def _resolution(session: Session, symbol: str) -> Resolution:
    found = session.scalars(select(Resolution).where(col(Resolution.symbol) == symbol)).first()
    if found is None:
        raise HabitatError(_("No resolution {symbol} in the catalog").format(symbol=symbol))
    return found


def resolution_funding(session: Session, symbol: str) -> list[FundingLine]:
    """Funding given for the resolution itself or for its (not deleted) activities, by source and currency."""
    of_activities = (
        select(col(ActivityResolution.activity_id))
        .join(Activity, col(Activity.id) == col(ActivityResolution.activity_id))
        .where(col(ActivityResolution.resolution_symbol) == symbol, col(Activity.deleted).is_(False))
    )
    rows = session.scalars(
        select(Funding).where(
            col(Funding.deleted).is_(False),
            or_(col(Funding.resolution_symbol) == symbol, col(Funding.activity_id).in_(of_activities)),
        )
    )
    sums: dict[tuple[str, str], dict[str, Decimal]] = {}
    for row in rows:
        bucket = sums.setdefault((row.source, row.currency), {stage.value: Decimal(0) for stage in FundingStage})
        bucket[row.stage] = bucket.get(row.stage, Decimal(0)) + row.amount
    return [
        FundingLine(source, currency, b["pledged"], b["received"], b["allocated"], b["secured"])
        for (source, currency), b in sorted(sums.items())
    ]


def resolution_page(workspace: Workspace, symbol: str, language: str | None = None) -> ResolutionPage:
    """Everything the resolution page shows, in a language."""
    language = language or current_language()
    with workspace.reading() as session:
        resolution = _resolution(session, symbol)
        targets = {a.target: a.level for a in catalog_queries.alignments(session) if a.resolution_id == resolution.id}
        names = {o.number: name_in(o.names, language) for o in catalog_queries.outcomes(session)}
        outcomes = sorted(
            (int(t.split(":")[1]), names.get(int(t.split(":")[1]), ""), level)
            for t, level in targets.items()
            if t.startswith("outcome:")
        )
        counts = session.execute(
            select(col(Activity.status), func.count())
            .join(ActivityResolution, col(ActivityResolution.activity_id) == col(Activity.id))
            .where(col(ActivityResolution.resolution_symbol) == symbol, col(Activity.deleted).is_(False))
            .group_by(col(Activity.status))
        ).all()
        statuses = session.scalars(
            select(ResolutionStatus)
            .where(col(ResolutionStatus.resolution_symbol) == symbol, col(ResolutionStatus.deleted).is_(False))
            .order_by(col(ResolutionStatus.period).desc(), col(ResolutionStatus.office))
        )
        periods = [
            PeriodStatus(
                s.id,
                s.office,
                s.period,
                s.implementation_status,
                s.funding_situation,
                (s.translations.get(language) or {}).get("narrative") or s.narrative,
            )
            for s in statuses
        ]
        return ResolutionPage(
            resolution.symbol,
            resolution.kind,
            name_in(resolution.titles, language),
            resolution.document_symbol,
            resolution.session,
            resolution.year,
            targets.get("priority"),
            outcomes,
            dict(Counter(dict(counts))),
            resolution_funding(session, symbol),
            periods,
        )


def set_period_status(
    workspace: Workspace, symbol: str, period: str, implementation_status: str, narrative: str | None = None
) -> str:
    """Record how a resolution stands in a period for this workspace's office (one transaction); return its id."""
    period = rules.text(period, "period", required=True).strip()
    if len(period) > 16:
        raise ValidationError(
            "period",
            ngettext(
                "too long: {count} character, at most {limit}",
                "too long: {count} characters, at most {limit}",
                len(period),
            ).format(count=len(period), limit=16),
        )
    status = ImplementationStatus.parse(implementation_status, "implementation_status").value
    with workspace.transaction() as session:
        _resolution(session, symbol)
        period_locks.status_lock(session, workspace.office, period)  # an approved period's statuses are read-only
        recorder = Recorder(session, workspace.office)
        existing = session.scalars(
            select(ResolutionStatus).where(
                col(ResolutionStatus.resolution_symbol) == symbol,
                col(ResolutionStatus.period) == period,
                col(ResolutionStatus.office) == workspace.office,
            )
        ).first()
        fields: dict[str, object] = {"implementation_status": status}
        if narrative is not None:
            fields["narrative"] = rules.text(narrative, "narrative", limit=rules.MAX_LONG_TEXT)
        if existing is None:
            record = recorder.create(
                ResolutionStatus, {"office": workspace.office, "resolution_symbol": symbol, "period": period, **fields}
            )
            return record.id
        recorder.update(existing, fields)
        recorder.restore(existing)
        return existing.id
