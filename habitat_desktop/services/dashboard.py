"""The workspace at a glance: activities per resolution and per outcome, and each resolution's funding."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlmodel import col

from habitat_desktop.domain.models import Activity, ActivityOutcome, ActivityResolution
from habitat_desktop.l10n import current_language, name_in
from habitat_desktop.services.resolution_pages import resolution_funding
from habitat_desktop.storage import catalog_queries
from habitat_desktop.storage.workspace import Workspace

__all__ = ["Bar", "Dashboard", "FundingBar", "dashboard"]


@dataclass(frozen=True)
class Bar:
    key: str
    name: str
    count: int


@dataclass(frozen=True)
class FundingBar:
    symbol: str
    currency: str
    pledged: Decimal
    received: Decimal
    allocated: Decimal = Decimal(0)
    secured: Decimal = Decimal(0)


@dataclass(frozen=True)
class Dashboard:
    total: int
    by_resolution: list[Bar]
    by_outcome: list[Bar]
    funding: list[FundingBar]


def dashboard(workspace: Workspace, language: str | None = None) -> Dashboard:
    """Counts and sums over the workspace's activities that are not deleted."""
    language = language or current_language()
    live = col(Activity.deleted).is_(False)
    with workspace.reading() as session:
        total = int(session.scalar(select(func.count()).select_from(Activity).where(live)) or 0)
        per_resolution = dict(
            session.execute(
                select(col(ActivityResolution.resolution_symbol), func.count())
                .join(Activity, col(Activity.id) == col(ActivityResolution.activity_id))
                .where(live)
                .group_by(col(ActivityResolution.resolution_symbol))
            ).all()
        )
        per_outcome = dict(
            session.execute(
                select(col(ActivityOutcome.outcome_number), func.count())
                .join(Activity, col(Activity.id) == col(ActivityOutcome.activity_id))
                .where(live)
                .group_by(col(ActivityOutcome.outcome_number))
            ).all()
        )
        resolutions = [r for r in catalog_queries.resolutions(session) if r.kind == "resolution"]
        by_resolution = [
            Bar(r.symbol, name_in(r.titles, language), int(per_resolution.get(r.symbol, 0))) for r in resolutions
        ]
        by_outcome = [
            Bar(str(o.number), name_in(o.names, language), int(per_outcome.get(o.number, 0)))
            for o in catalog_queries.outcomes(session)
        ]
        funding: list[FundingBar] = []
        for r in resolutions:
            per_currency: dict[str, list[Decimal]] = {}
            for line in resolution_funding(session, r.symbol):
                sums = per_currency.setdefault(line.currency, [Decimal(0)] * 4)
                sums[0] += line.pledged
                sums[1] += line.received
                sums[2] += line.allocated
                sums[3] += line.secured
            funding.extend(FundingBar(r.symbol, cur, *amounts) for cur, amounts in sorted(per_currency.items()))
    return Dashboard(total, by_resolution, by_outcome, funding)
