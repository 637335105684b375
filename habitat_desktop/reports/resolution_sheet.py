"""A fact sheet for one resolution: alignment, activities, funding by source with a chart, latest status."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from reportlab.platypus import Flowable

from habitat_desktop.domain.enums import (
    ActivityStatus,
    FundingSituation,
    FundingSource,
    ImplementationStatus,
    SupportLevel,
)
from habitat_desktop.l10n import _
from habitat_desktop.reports import wording as w
from habitat_desktop.reports.charts import Bar, BarChart
from habitat_desktop.reports.document import BODY, TITLE, Metadata, Story
from habitat_desktop.reports.line_setter import LineSetter, Piece, isolated
from habitat_desktop.reports.options import ReportOptions
from habitat_desktop.storage.report_queries import ReportData, ResolutionFacts


def _facts(data: ReportData, options: ReportOptions) -> ResolutionFacts:
    facts = data.resolution(options.resolution or "")
    assert facts is not None, "the service checks the resolution"
    return facts


def metadata(data: ReportData, options: ReportOptions, language: str) -> Metadata:
    facts = _facts(data, options)
    title = _("Resolution {symbol}: {title}").format(symbol=facts.symbol, title=w.name(facts.titles))
    return Metadata(
        title,
        _("Resolution fact sheet"),
        w.name(data.programme),
        language,
        _("Fact sheet: resolution {symbol}").format(symbol=facts.symbol),
    )


def build(data: ReportData, setter: LineSetter, width: float, options: ReportOptions) -> list[Flowable]:
    facts = _facts(data, options)
    story = Story(setter, width)
    story.text(w.name(data.programme), BODY.but(bold=True, space_after=2))
    story.text(_("Resolution fact sheet"), BODY.but(space_after=10))
    story.text(w.name(facts.titles), TITLE)
    story.text(
        _("Resolution {symbol} ({document}) adopted by the {assembly} at its session {session} ({year}).").format(
            symbol=facts.symbol,
            document=facts.document_symbol,
            assembly=w.name(data.assembly),
            session=w.count(facts.session),
            year=str(facts.year),
        ),
        BODY,
    )
    if options.since or options.until:
        story.text(_("Period: {period}").format(period=w.period(options.since, options.until)), BODY)

    story.heading(_("Alignment with the {plan}").format(plan=w.name(data.strategic_plan)))
    if facts.priority:
        story.bullet(
            _("Strategic priority, {priority}: {level}").format(
                priority=w.name(data.priority), level=SupportLevel(facts.priority).label()
            ),
            indent=0,
        )
    for number, level in sorted(facts.outcomes.items()):
        story.bullet(
            _("Outcome {number}, {name}: {level}").format(
                number=w.count(number), name=w.name(data.outcomes.get(number, {})), level=SupportLevel(level).label()
            ),
            indent=0,
        )
    if not facts.priority and not facts.outcomes:
        story.text(_("No alignment with the strategic priority or an outcome is recorded."))

    activities = [a for a in data.activities if facts.symbol in a.resolutions]
    story.heading(_("Activities"))
    if activities:
        rows: list[list[str | list[Piece]]] = [
            [
                w.activity_title(a),
                ActivityStatus(a.status).label(),
                a.office,
                w.period(a.start_date, a.end_date),
                w.joined(a.partners),
            ]
            for a in activities
        ]
        story.table([_("Activity"), _("Status"), _("Office"), _("Dates"), _("Partners")], rows, [36, 15, 9, 18, 22])
    else:
        story.text(_("No activity is recorded for this resolution."))

    _funding(story, data, facts, {a.id for a in activities})

    story.heading(_("Latest status"))
    statuses = [s for s in data.statuses if s.resolution_symbol == facts.symbol]
    if not statuses:
        story.text(_("No status has been reported for this resolution."))
    for status in statuses[:1]:
        line = _("Period {period}, reported by {office}: {status}").format(
            period=status.period,
            office=status.office,
            status=ImplementationStatus(status.implementation_status).label(),
        )
        if status.funding_situation:
            line += _("; ") + FundingSituation(status.funding_situation).label()
        story.text(line, BODY.but(bold=True))
        translated = (status.translations.get(setter.language) or {}).get("narrative")
        if status.narrative:
            story.text(isolated(w.user_text(status.narrative, status.language, translated)))
    return story.items


def _funding(story: Story, data: ReportData, facts: ResolutionFacts, activity_ids: set[str]) -> None:
    story.heading(_("Funding by source"))
    sums: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(
        lambda: {"pledged": Decimal(0), "received": Decimal(0)}
    )
    for funding in data.funding:
        if funding.resolution_symbol == facts.symbol or funding.activity_id in activity_ids:
            sums[(funding.source, funding.currency)][funding.stage] += funding.amount
    if not sums:
        story.text(_("No funding is recorded for this resolution."))
        return
    rows: list[list[str | list[Piece]]] = [
        [
            FundingSource(source).label(),
            currency,
            w.money_in_full(v["pledged"], currency),
            w.money_in_full(v["received"], currency),
        ]
        for (source, currency), v in sorted(sums.items())
    ]
    story.table([_("Source"), _("Currency"), _("Pledged"), _("Received")], rows, [34, 14, 26, 26])
    chart_bars = [
        Bar(
            FundingSource(source).label(),
            (float(v["pledged"]), float(v["received"])),
            (w.money(v["pledged"], currency), w.money(v["received"], currency)),
        )
        for (source, currency), v in sorted(sums.items())
    ]
    story.add(BarChart(story.setter, chart_bars, [_("Pledged"), _("Received")]))
    story.space(10)
