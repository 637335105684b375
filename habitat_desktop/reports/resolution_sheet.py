"""A fact sheet for one resolution: alignment, activities, funding by source with a chart, latest status."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from reportlab.platypus import Flowable

from habitat_desktop.domain.enums import (
    ActivityStatus,
    FundingSituation,
    FundingSource,
    FundingStage,
    ImplementationStatus,
    SupportLevel,
)
from habitat_desktop.l10n import _, pgettext
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
    # Translators: a title; {symbol} is the resolution's symbol ("2/7"), {title} its title
    title = w.fill(_("Resolution {symbol}: {title}"), symbol=facts.symbol, title=w.name(facts.titles))
    return Metadata(
        title,
        _("Resolution fact sheet"),
        w.name(data.programme),
        language,
        # Translators: the document's symbol in its properties; {symbol} is the resolution's symbol ("2/7")
        w.fill(_("Fact sheet: resolution {symbol}"), symbol=facts.symbol),
    )


def _adoption(facts: ResolutionFacts) -> str:
    """Which session of the Assembly adopted the resolution, with the session's ordinal in words."""
    values = {"symbol": facts.symbol, "document": facts.document_symbol, "year": str(facts.year)}
    if facts.session == 1:
        # Translators: {symbol} is "2/7", {document} the document symbol ("HSP/HA.2/Res.7"), {year} a year
        message = _(
            "Resolution {symbol} ({document}) was adopted by the United Nations Habitat Assembly at its first "
            "session, in {year}."
        )
    elif facts.session == 2:
        # Translators: {symbol} is "2/7", {document} the document symbol ("HSP/HA.2/Res.7"), {year} a year
        message = _(
            "Resolution {symbol} ({document}) was adopted by the United Nations Habitat Assembly at its second "
            "session, in {year}."
        )
    elif facts.session == 3:
        # Translators: {symbol} is "2/7", {document} the document symbol ("HSP/HA.2/Res.7"), {year} a year
        message = _(
            "Resolution {symbol} ({document}) was adopted by the United Nations Habitat Assembly at its third "
            "session, in {year}."
        )
    else:
        # Translators: {session} is the session's number (not a count); {year} a year
        message = _(
            "Resolution {symbol} ({document}) was adopted by the United Nations Habitat Assembly at session "
            "{session}, in {year}."
        )
        values["session"] = w.count(facts.session)
    return w.fill(message, **values)


def build(data: ReportData, setter: LineSetter, width: float, options: ReportOptions) -> list[Flowable]:
    facts = _facts(data, options)
    story = Story(setter, width)
    story.text(w.name(data.programme), BODY.but(bold=True, space_after=2))
    story.text(_("Resolution fact sheet"), BODY.but(space_after=10))
    story.text(w.name(facts.titles), TITLE)
    story.text(_adoption(facts), BODY)
    if options.since or options.until:
        # Translators: {period} is a period of dates ("5 March 2025 to 3 December 2026")
        story.text(w.fill(_("Period: {period}"), period=w.period(options.since, options.until)), BODY)

    years = w.years_of(data.strategic_plan)
    story.heading(
        # Translators: a heading; {period} is the strategic plan's period ("2026–2029")
        w.fill(_("Alignment with the strategic plan for the period {period}"), period=years)
        if years
        # Translators: a heading; {plan} is the strategic plan's name, kept in the nominative
        else w.fill(_("Alignment with the strategic plan: {plan}"), plan=w.name(data.strategic_plan))
    )
    if facts.priority:
        story.bullet(
            w.fill(
                # Translators: {priority} is the strategic priority's name; {level} is "Direct" or "Further"
                _("Strategic priority, {priority}: {level}"),
                priority=w.name(data.priority),
                level=SupportLevel(facts.priority).label(),
            ),
            indent=0,
        )
    for number, level in sorted(facts.outcomes.items()):
        story.bullet(
            w.fill(
                # Translators: {number} is the outcome's number (not a count), {name} its name, {level} "Direct" or
                # "Further"
                _("Outcome {number}, {name}: {level}"),
                number=w.count(number),
                name=w.name(data.outcomes.get(number, {})),
                level=SupportLevel(level).label(),
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
                w.period(a.start_date, a.end_date, compact=True),
                w.joined(w.terms(a.partners)),
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
        line = w.fill(
            # Translators: {period} is a reporting period as entered ("2025"), {office} an office code, {status} the
            # implementation status ("On track")
            pgettext("reporting period", "Period {period}, reported by {office}: {status}"),
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
        lambda: {stage.value: Decimal(0) for stage in FundingStage}
    )
    for funding in data.funding:
        if funding.resolution_symbol == facts.symbol or funding.activity_id in activity_ids:
            sums[(funding.source, funding.currency)][funding.stage] += funding.amount
    if not sums:
        story.text(_("No funding is recorded for this resolution."))
        return
    # the stages with money (pledged and received always), from the least certain money to the most
    stages = [
        stage.value
        for stage in FundingStage
        if stage in (FundingStage.PLEDGED, FundingStage.RECEIVED) or any(v[stage.value] for v in sums.values())
    ]
    rows: list[list[str | list[Piece]]] = [
        [FundingSource(source).label(), currency, *(w.money_in_full(v[stage], currency) for stage in stages)]
        for (source, currency), v in sorted(sums.items())
    ]
    names = {
        # Translators: heads a column and a chart legend of amounts pledged (not a funding stage's name)
        "pledged": pgettext("amounts", "Pledged"),
        # Translators: heads a column and a chart legend of amounts allocated (set aside for a purpose)
        "allocated": pgettext("amounts", "Allocated"),
        # Translators: heads a column and a chart legend of amounts secured (committed by an agreement)
        "secured": pgettext("amounts", "Secured"),
        # Translators: heads a column and a chart legend of amounts received (not a funding stage's name)
        "received": pgettext("amounts", "Received"),
    }
    legend = [names[stage] for stage in stages]
    share = 52 / len(stages)
    story.table([_("Source"), _("Currency"), *legend], rows, [34, 14, *([share] * len(stages))])
    chart_bars = [
        Bar(
            FundingSource(source).label(),
            tuple(float(v[stage]) for stage in stages),
            tuple(w.money_compact(v[stage], currency) for stage in stages),
        )
        for (source, currency), v in sorted(sums.items())
    ]
    story.add(BarChart(story.setter, chart_bars, legend))
    story.space(10)
