"""The progress report on implementing the Assembly's resolutions, shaped like the Executive Director's report."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

from reportlab.platypus import Flowable

from habitat_desktop.domain.activity import symbol_key
from habitat_desktop.domain.enums import ActivityStatus, FundingSituation, FundingStage
from habitat_desktop.l10n import _, ngettext
from habitat_desktop.l10n.formatting import country_name
from habitat_desktop.reports import wording as w
from habitat_desktop.reports.bidi_order import isolate
from habitat_desktop.reports.document import BODY, TITLE, Metadata, Story
from habitat_desktop.reports.footnotes import Footnotes
from habitat_desktop.reports.line_setter import LineSetter, Piece, isolated
from habitat_desktop.reports.options import ReportOptions
from habitat_desktop.reports.progress_digest import MAX_TITLES, ResolutionDigest, digest
from habitat_desktop.reports.title_block import title_block
from habitat_desktop.storage.report_queries import ReportData, StatusFacts


def metadata(data: ReportData, options: ReportOptions, language: str) -> Metadata:
    title = _("Progress in the implementation of the resolutions of the {assembly}").format(
        assembly=w.name(data.assembly)
    )
    return Metadata(
        title,
        _("Progress report on the implementation of Assembly resolutions"),
        w.name(data.programme),
        language,
        _symbol(data, options),
    )


def _symbol(data: ReportData, options: ReportOptions) -> str:
    return options.document_symbol or f"HABITAT/{data.workspace_office}/{options.issued.year}/PR"


def _ref(data: ReportData, symbol: str) -> str:
    facts = data.resolution(symbol)
    title = w.name(facts.titles) if facts else ""
    return (
        _("resolution {symbol} on “{title}”").format(symbol=symbol, title=title) if title else w.resolution_ref(symbol)
    )


def _support(data: ReportData, level_of: Callable[[str], str | None], subject: str) -> str:
    direct = [r.symbol for r in data.resolutions if r.kind == "resolution" and level_of(r.symbol) == "direct"]
    further = [r.symbol for r in data.resolutions if r.kind == "resolution" and level_of(r.symbol) == "further"]
    parts = []
    if direct:
        parts.append(
            _("{subject} is directly supported by {resolutions}.").format(
                subject=subject, resolutions=w.joined(_ref(data, s) for s in direct)
            )
        )
    if further:
        parts.append(
            _("It is further supported by {resolutions}.").format(resolutions=w.joined(_ref(data, s) for s in further))
        )
    return w.sentences(parts) or _("No resolution is aligned with this part of the strategic plan.")


def _statuses(statuses: Counter[str]) -> str:
    return w.joined(
        _("{status}: {count}").format(status=ActivityStatus(s).label(), count=w.count(statuses[s]))
        for s in (m.value for m in ActivityStatus)
        if statuses[s]
    )


def _sources(cited: dict[str, set[str]]) -> str:
    """The operative paragraphs the activities cite, by resolution ("resolution 2/7, paragraphs 3 and 5")."""
    citations = [
        ngettext(
            "resolution {symbol}, paragraph {numbers}", "resolution {symbol}, paragraphs {numbers}", len(numbers)
        ).format(symbol=symbol, numbers=w.joined(_paragraph_numbers(numbers)))
        for symbol, numbers in sorted(cited.items(), key=lambda item: symbol_key(item[0]))
    ]
    return _("; ").join(citations)


def _paragraph_numbers(numbers: set[str]) -> list[str]:
    """Paragraph numbers in order, localized when they are plain numbers ("3", "12 bis" stays as it is)."""
    ordered = sorted(numbers, key=lambda n: (0, int(n), "") if n.isdecimal() else (1, 0, n))
    return [w.count(int(n)) if n.isdecimal() else n for n in ordered]


def _summary(symbol: str, group: ResolutionDigest, notes: Footnotes) -> list[Piece]:
    """One numbered paragraph: what was done under a resolution, with a note naming offices, partners and the
    operative paragraphs cited."""
    pieces = [
        Piece(
            ngettext(
                "Under {resolution}, {count} activity was recorded ({statuses}): ",
                "Under {resolution}, {count} activities were recorded ({statuses}): ",
                group.count,
            ).format(
                resolution=w.resolution_ref(symbol), count=w.count(group.count), statuses=_statuses(group.statuses)
            )
        )
    ]
    for index, activity in enumerate(group.leading):
        if index:
            pieces.append(Piece(_("; ")))
        pieces.extend(isolated(w.activity_title(activity)))
    if group.count > MAX_TITLES:
        pieces.append(Piece(" " + _("and {count} more").format(count=w.count(group.count - MAX_TITLES))))
    pieces.append(Piece(_(".")))
    detail = [_("Recorded by {offices}.").format(offices=w.joined(group.offices))]
    countries = sorted(country_name(code) for code in group.countries)
    if countries:
        detail.append(_("Countries: {countries}.").format(countries=w.joined(countries[:12])))
    if group.partners:
        detail.append(_("Partners: {partners}.").format(partners=w.joined(map(isolate, group.partners[:12]))))
    sources = _sources(group.cited)
    if sources:
        detail.append(_("Sources: {citations}.").format(citations=sources))
    pieces.append(notes.mark(w.sentences(detail)))
    return pieces


def _ordered(grouped: dict[str, ResolutionDigest], level_of: Callable[[str], str | None]) -> list[str]:
    rank = {"direct": 0, "further": 1}
    return sorted(grouped, key=lambda s: (rank.get(level_of(s) or "", 2), symbol_key(s)))


def _latest_statuses(data: ReportData) -> dict[str, StatusFacts]:
    latest: dict[str, StatusFacts] = {}
    for status in data.statuses:  # newest period first
        latest.setdefault(status.resolution_symbol, status)
    return latest


def _funding_totals(data: ReportData) -> dict[str, dict[tuple[str, str], Decimal]]:
    """Per resolution: sums by (stage, currency) of funding given to it or to its activities."""
    of_activity = {a.id: a.resolutions for a in data.activities}
    totals: dict[str, dict[tuple[str, str], Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for funding in data.funding:
        symbols = set(of_activity.get(funding.activity_id or "", ()))
        if funding.resolution_symbol:
            symbols = {funding.resolution_symbol}
        for symbol in symbols:
            totals[symbol][(funding.stage, funding.currency)] += funding.amount
    return totals


def build(data: ReportData, setter: LineSetter, width: float, options: ReportOptions) -> list[Flowable]:
    """The report's flowables, in the current language."""
    story = Story(setter, width)
    notes = story.notes
    number = iter(range(1, 10_000))
    section = iter(range(1, 100))
    title_block(story, data, options, _symbol(data, options))
    story.text(metadata(data, options, setter.language).title, TITLE)
    story.text(
        _("Implementing the resolutions of the {assembly} through the {plan}").format(
            assembly=w.name(data.assembly), plan=w.name(data.strategic_plan)
        ),
        TITLE.but(size=12, leading=16),
    )
    story.text(_("Report of the Executive Director"), BODY.but(bold=True, space_after=14))

    story.heading(_("Introduction"), label=w.section_label(next(section)))
    resolutions = [r for r in data.resolutions if r.kind == "resolution"]
    story.numbered(
        next(number),
        _(
            "The {plan} of the {programme} ({short}) provides a clear framework for implementing the {count} "
            "resolutions adopted by the {assembly}. It sets out one strategic priority, {priority}, and five outcomes:"
        ).format(
            plan=w.name(data.strategic_plan),
            programme=w.name(data.programme),
            short=w.name(data.programme_short),
            count=w.count(len(resolutions)),
            assembly=w.name(data.assembly),
            priority=w.name(data.priority),
        ),
    )
    for outcome in sorted(data.outcomes):
        story.bullet(w.name(data.outcomes[outcome]))
    digested = digest(data)
    scope = [
        _("This report draws on {activities} activities recorded by {offices} offices.").format(
            activities=w.count(len(data.activities)), offices=w.count(digested.offices)
        )
    ]
    if options.since or options.until:
        scope.append(_("It covers the period {period}.").format(period=w.period(options.since, options.until)))
    scope.append(
        _(
            "Activities are grouped by the strategic priority and by outcome, naming the resolutions that directly and "
            "further support each; their funding situation is summarized in the section on resource mobilization."
        )
    )
    story.numbered(next(number), w.sentences(scope))

    priority_of = {r.symbol: r.priority for r in data.resolutions}
    story.heading(
        _("Strategic priority: {priority}").format(priority=w.name(data.priority)), label=w.section_label(next(section))
    )
    story.numbered(next(number), _support(data, priority_of.get, _("The strategic priority")))
    for code, names in data.domains.items():
        grouped = digested.domains.get(code)
        if not grouped:
            continue
        story.heading(w.name(names), level=1)
        for symbol in _ordered(grouped, priority_of.get):
            story.numbered(next(number), _summary(symbol, grouped[symbol], notes))

    for outcome, names in sorted(data.outcomes.items()):
        level_of = {r.symbol: r.outcomes.get(outcome) for r in data.resolutions}.get
        story.heading(
            _("Outcome {number}: {name}").format(number=w.count(outcome), name=w.name(names)),
            label=w.section_label(next(section)),
        )
        story.numbered(next(number), _support(data, level_of, _("This outcome")))
        grouped = digested.outcomes.get(outcome, {})
        for symbol in _ordered(grouped, level_of):
            story.numbered(next(number), _summary(symbol, grouped[symbol], notes))
        if not grouped:
            story.numbered(next(number), _("No activity recorded for this outcome."))

    _resource_mobilization(story, data, notes, number, w.section_label(next(section)))

    story.heading(_("Conclusion"), label=w.section_label(next(section)))
    counts = Counter(a.status for a in data.activities)
    story.numbered(
        next(number),
        _(
            "Of the {total} activities recorded, {completed} are completed, {ongoing} ongoing, {planned} planned and "
            "{stalled} stalled."
        ).format(
            total=w.count(len(data.activities)),
            completed=w.count(counts["completed"]),
            ongoing=w.count(counts["ongoing"]),
            planned=w.count(counts["planned"]),
            stalled=w.count(counts["stalled"]),
        ),
    )
    constrained = sorted(
        (
            s
            for s, st in _latest_statuses(data).items()
            if st.funding_situation == FundingSituation.SEVERELY_CONSTRAINED
        ),
        key=symbol_key,
    )
    if constrained:
        story.numbered(
            next(number),
            _("Implementation of {resolutions} remains severely constrained by lack of funding.").format(
                resolutions=w.joined(w.resolution_ref(s) for s in constrained)
            ),
        )
    story.numbered(
        next(number),
        _("Details of the funding and programme status of each resolution are available in its fact sheet."),
    )
    return story.items


def _stage_amount(stage: FundingStage, amount: str) -> str:
    """An amount pledged or received, worded to follow "{amount} mobilized" in one list."""
    if stage is FundingStage.PLEDGED:
        return _("{amount} pledged").format(amount=amount)
    return _("{amount} received").format(amount=amount)


def _resource_mobilization(story: Story, data: ReportData, notes: Footnotes, number: Iterable[int], label: str) -> None:
    numbers = iter(number)
    story.heading(_("Resource mobilization"), label=label)
    latest = _latest_statuses(data)
    totals = _funding_totals(data)
    language = story.setter.language
    for situation in FundingSituation:
        symbols = sorted((s for s, st in latest.items() if st.funding_situation == situation), key=symbol_key)
        if not symbols:
            continue
        pieces = [Piece(situation.label() + _(": "), bold=True)]
        for index, symbol in enumerate(symbols):
            if index:
                pieces.append(Piece(_("; ")))
            pieces.append(Piece(_ref(data, symbol)))
            status = latest[symbol]
            amounts = [
                _stage_amount(FundingStage(stage), w.money(total, currency))
                for (stage, currency), total in sorted(totals.get(symbol, {}).items())
                if total
            ]
            if status.resources_mobilized:
                amounts.insert(
                    0, _("{amount} mobilized").format(amount=w.money(status.resources_mobilized, status.currency))
                )
            if amounts:
                pieces.append(Piece(" (" + w.joined(amounts) + ")"))
            narrative = (status.translations.get(language) or {}).get("narrative")
            if status.narrative:
                pieces.append(notes.mark(isolated(w.user_text(status.narrative, status.language, narrative))))
        pieces.append(Piece(_(".")))
        story.numbered(next(numbers), pieces)
    unreported = sorted(
        (
            r.symbol
            for r in data.resolutions
            if r.kind == "resolution" and (r.symbol not in latest or latest[r.symbol].funding_situation is None)
        ),
        key=symbol_key,
    )
    if unreported:
        story.numbered(
            next(numbers),
            _("No funding situation has been reported for {resolutions}.").format(
                resolutions=w.joined(w.resolution_ref(s) for s in unreported)
            ),
        )
