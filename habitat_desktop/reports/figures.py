"""The live figure fields of a report document (``domain/figure_fields.py``) filled from the report's data, in the
current language's UN forms: money in running text ("$24 million", "2 400 万美元"), counts with the language's
digit grouping, a resolution's implementation status in lower case."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from habitat_desktop.domain.cycles import in_period
from habitat_desktop.domain.enums import ImplementationStatus
from habitat_desktop.domain.figure_fields import Figure, figures_in, parse_figure
from habitat_desktop.l10n import _
from habitat_desktop.reports import wording as w
from habitat_desktop.storage.report_queries import ActivityFacts, ReportData


class Figures:
    """Fills figure fields from one report's data (the same data for every language)."""

    def __init__(self, data: ReportData) -> None:
        self.data = data

    def text(self, field: str) -> str:
        """A field's figure in the current language (the field was checked when the document was stored)."""
        figure = parse_figure(field)
        if figure.kind == "funding":
            return w.money(self._funding(figure), figure.get("currency") or "USD")
        if figure.kind == "mobilized":
            return w.money(self._mobilized(figure), figure.get("currency") or "USD")
        if figure.kind == "status":
            return self._status(figure)
        activities = list(self.activities(figure))
        if figure.what == "countries":
            return w.count(len({a.country for a in activities if a.country}))
        if figure.what == "offices":
            return w.count(len({a.office for a in activities}))
        return w.count(len(activities))

    def activities(self, figure: Figure) -> Iterable[ActivityFacts]:
        """The activities a field's filters select."""
        resolution, outcome, status = figure.get("resolution"), figure.get("outcome"), figure.get("status")
        office, period, kind, country = (figure.get(k) for k in ("office", "period", "kind", "country"))
        for activity in self.data.activities:
            if resolution and resolution not in activity.resolutions:
                continue
            if outcome and int(outcome) not in activity.outcomes:
                continue
            if status and activity.status != status:
                continue
            if office and activity.office != office:
                continue
            if kind and activity.product_kind != kind:
                continue
            if country and (activity.country or "").upper() != country:
                continue
            if period and not in_period(period, (activity.end_date, activity.start_date)):
                continue
            yield activity

    def _funding(self, figure: Figure) -> Decimal:
        currency = figure.get("currency") or "USD"
        resolution, office, period = figure.get("resolution"), figure.get("office"), figure.get("period")
        outcome = figure.get("outcome")
        activities = {a.id: a for a in self.data.activities}
        total = Decimal(0)
        for funding in self.data.funding:
            activity = activities.get(funding.activity_id or "")
            if funding.currency != currency or (figure.what != "all" and funding.stage != figure.what):
                continue
            if resolution and not _funds(funding.resolution_symbol, activity, resolution):
                continue
            if outcome and (activity is None or int(outcome) not in activity.outcomes):
                continue
            if office and funding.office != office:
                continue
            if period and not in_period(period, (funding.date, None), None):
                continue
            total += funding.amount
        return total

    def _mobilized(self, figure: Figure) -> Decimal:
        currency = figure.get("currency") or "USD"
        latest: dict[tuple[str, str], Decimal] = {}
        for status in self.data.statuses:
            if status.currency != currency or status.resources_mobilized is None:
                continue
            if figure.get("resolution") and status.resolution_symbol != figure.get("resolution"):
                continue
            if figure.get("office") and status.office != figure.get("office"):
                continue
            if figure.get("period") and status.period != figure.get("period"):
                continue
            # a resolution's mobilized resources are counted once: its newest report from each office
            latest.setdefault((status.resolution_symbol, status.office), status.resources_mobilized)
        return sum(latest.values(), Decimal(0))

    def _status(self, figure: Figure) -> str:
        for status in self.data.statuses:
            if status.resolution_symbol != figure.get("resolution"):
                continue
            if figure.get("office") and status.office != figure.get("office"):
                continue
            if figure.get("period") and status.period != figure.get("period"):
                continue
            label = ImplementationStatus(status.implementation_status).label()
            return label[:1].lower() + label[1:]
        # Translators: printed for a report document's figure of a resolution's status when none is reported
        return _("not reported")


def _funds(symbol: str | None, activity: ActivityFacts | None, resolution: str) -> bool:
    """Whether funding counts for a resolution: given to it, or (given to no resolution) to one of its activities."""
    if symbol:
        return symbol == resolution
    return activity is not None and resolution in activity.resolutions


def printed_amounts(document: dict[str, Any] | None) -> set[tuple[str, str, str]]:
    """The (resolution, funding stage, currency) amounts a document's narrative prints through figure fields: the
    generated funding paragraphs do not state them again."""
    printed = set()
    for section in (document or {}).get("sections", []):
        for item in section.get("paragraphs", []) + section.get("footnotes", []):
            for text in item["text"].values():
                for figure in figures_in(text):
                    resolution = figure.get("resolution")
                    if figure.kind == "funding" and figure.what != "all" and resolution:
                        printed.add((resolution, figure.what, figure.get("currency") or "USD"))
    return printed
