"""An office's activities in a period: by status and outcome (with charts) and by resolution (tables)."""

from __future__ import annotations

from collections import Counter, defaultdict

from reportlab.platypus import Flowable

from habitat_desktop.domain.activity import symbol_key
from habitat_desktop.domain.enums import ActivityStatus, OfficeKind
from habitat_desktop.l10n import _, ngettext
from habitat_desktop.l10n.formatting import country_name
from habitat_desktop.reports import wording as w
from habitat_desktop.reports.charts import BarChart, bars
from habitat_desktop.reports.document import BODY, TITLE, Metadata, Story
from habitat_desktop.reports.line_setter import LineSetter, Piece
from habitat_desktop.reports.options import ReportOptions
from habitat_desktop.storage.report_queries import ActivityFacts, ReportData


def metadata(data: ReportData, options: ReportOptions, language: str) -> Metadata:
    code = options.office or data.workspace_office
    return Metadata(
        # Translators: a title; {office} is an office code ("KEN")
        w.fill(_("Activities of office {office}"), office=code),
        _("Office activity report"),
        w.name(data.programme),
        language,
        # Translators: the document's symbol in its properties; {office} is an office code ("KEN")
        w.fill(_("Office report: {office}"), office=code),
    )


def place(city: str | None, country: str | None) -> str:
    """Where an activity took place: its city in the report's language (through the glossary) and its country."""
    if city and country:
        # Translators: an activity's place in a table; {city} is a city, {country} a country name
        return w.fill(_("{city}, {country}"), city=w.term(city), country=country_name(country))
    if city:
        return w.term(city)
    return country_name(country) if country else ""


def build(data: ReportData, setter: LineSetter, width: float, options: ReportOptions) -> list[Flowable]:
    code = options.office or data.workspace_office
    office = data.offices[code]
    story = Story(setter, width)
    story.text(w.name(data.programme), BODY.but(bold=True, space_after=2))
    story.text(_("Office activity report"), BODY.but(space_after=10))
    # Translators: a title; {office} is an office code ("KEN")
    story.text(w.fill(_("Activities of office {office}"), office=code), TITLE)
    story.text(
        w.fill(
            # Translators: {name} is the office's name, {kind} its kind ("Country office"), {country} a country name
            _("{name} ({kind}, {country})"),
            name=w.office_name(office.name, office.language, office.translations),
            kind=OfficeKind(office.kind).label(),
            country=country_name(office.country),
        ),
        BODY,
    )
    period = w.period(options.since, options.until)
    # Translators: {period} is a period of dates ("5 March 2025 to 3 December 2026")
    story.text(w.fill(_("Period: {period}"), period=period) if period else _("Period: all dates"), BODY)
    activities = data.activities
    # Translators: a sentence under the title of an office's report
    recorded = ngettext("{count} activity recorded.", "{count} activities recorded.", len(activities))
    sentence = w.fill(
        recorded, count=w.count_in_text(len(activities))
    )  # "Two activities recorded.", "记录了两项活动。"
    story.text(sentence[:1].upper() + sentence[1:], BODY.but(bold=True))

    story.heading(_("Activities by status"))
    statuses = Counter(a.status for a in activities)
    status_items = [(s.label(), (float(statuses[s.value]),)) for s in ActivityStatus if statuses[s.value]]
    if status_items:
        story.add(BarChart(setter, bars(status_items, lambda v: w.count(int(v)))))
        story.space(8)

    story.heading(_("Activities by outcome"))
    outcomes = Counter(n for a in activities for n in a.outcomes)
    outcome_items = [
        # Translators: a chart label; {number} is the outcome's number (not a count), {name} its name
        (w.fill(_("Outcome {number}: {name}"), number=w.count(n), name=w.name(names)), (float(outcomes[n]),))
        for n, names in sorted(data.outcomes.items())
    ]
    story.add(BarChart(setter, bars(outcome_items, lambda v: w.count(int(v))), label_share=0.55))
    story.space(8)

    story.heading(_("Activities by resolution"))
    grouped: dict[str, list[ActivityFacts]] = defaultdict(list)
    for activity in activities:
        for symbol in activity.resolutions:
            grouped[symbol].append(activity)
    if not grouped:
        story.text(_("No activity is recorded for this office in this period."))
    for symbol in sorted(grouped, key=symbol_key):
        facts = data.resolution(symbol)
        title = w.name(facts.titles) if facts else ""
        # Translators: a heading; {symbol} is the resolution's symbol ("2/7"), {title} its title
        story.heading(w.fill(_("Resolution {symbol}: {title}"), symbol=symbol, title=title), level=1)
        rows: list[list[str | list[Piece]]] = [
            [
                w.activity_title(a),
                ActivityStatus(a.status).label(),
                w.listed(w.count(n) for n in a.outcomes),
                w.period(a.start_date, a.end_date, compact=True),
                place(a.city, a.country),
            ]
            for a in grouped[symbol]
        ]
        story.table([_("Activity"), _("Status"), _("Outcomes"), _("Dates"), _("Place")], rows, [36, 13, 15, 18, 18])
    return story.items
