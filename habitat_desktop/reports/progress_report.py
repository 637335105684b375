"""The progress report on implementing the Assembly's resolutions, shaped like the Executive Director's report."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

from reportlab.platypus import Flowable

from habitat_desktop.domain.activity import symbol_key
from habitat_desktop.domain.enums import ActivityStatus, FundingSituation, FundingStage
from habitat_desktop.l10n import _, ngettext, npgettext, pgettext
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
    title = _("Progress in the implementation of the resolutions of the United Nations Habitat Assembly")
    return Metadata(
        title,
        _("Progress report on the implementation of Assembly resolutions"),
        w.name(data.programme),
        language,
        _symbol(data, options),
    )


def _symbol(data: ReportData, options: ReportOptions) -> str:
    return options.document_symbol or f"HABITAT/{data.workspace_office}/{options.issued.year}/PR"


def _title(data: ReportData, symbol: str) -> str:
    facts = data.resolution(symbol)
    return w.name(facts.titles) if facts else ""


def _item(data: ReportData, symbol: str) -> str:
    """A resolution at the head of an item after a colon ("resolution 2/7 on “Adequate housing for all”")."""
    title = _title(data, symbol)
    if not title:
        # Translators: a resolution named alone, heading an item of a list after a colon; {symbol} is e.g. "2/7"
        return w.fill(pgettext("list item", "resolution {symbol}"), symbol=symbol)
    # Translators: a resolution heading an item of a list after a colon; {symbol} is e.g. "2/7", {title} its title
    return w.fill(pgettext("list item", "resolution {symbol} on “{title}”"), symbol=symbol, title=title)


def _listed(data: ReportData, symbols: list[str]) -> str:
    """Resolutions named after "resolutions" in a sentence ("2/2 on “…” and 2/7 on “…”"); the sentence says
    "resolution" or "resolutions", in the case its language needs."""
    items = []
    for symbol in symbols:
        title = _title(data, symbol)
        if not title:
            items.append(symbol)
            continue
        # Translators: one resolution in a list that follows the word "resolutions" in a sentence, e.g.
        # "supported by resolutions 2/2 on “Adequate housing for all” and 2/7 on “…”"; translate so the sentence
        # reads well, e.g. "关于“{title}”的第 {symbol} 号决议" where the sentence itself does not say 决议
        items.append(
            w.fill(pgettext("after the word resolutions", "{symbol} on “{title}”"), symbol=symbol, title=title)
        )
    return w.joined(items)


def _number_of(items: list[str]) -> int:
    """The plural form for a noun before a list ("resolution 2/2", "resolutions 2/2 and 2/7"): one, two (Arabic's
    dual) or more; a list of 21 is no singular, as the count 21 is in Russian."""
    return min(len(items), 3)


def _symbols(symbols: list[str]) -> str:
    """Resolution symbols alone, listed ("2/2, 2/7 and 2/9")."""
    return w.joined(symbols)


def _support(data: ReportData, level_of: Callable[[str], str | None], outcome: bool) -> str:
    """Which resolutions directly and further support the strategic priority or an outcome: one whole sentence for
    each case, since the subject changes the sentence (gender, agreement) in most languages."""
    direct = [r.symbol for r in data.resolutions if r.kind == "resolution" and level_of(r.symbol) == "direct"]
    further = [r.symbol for r in data.resolutions if r.kind == "resolution" and level_of(r.symbol) == "further"]
    parts = []
    if direct:
        n = _number_of(direct)
        if outcome:
            # Translators: {resolutions} lists resolution symbols with their titles ("2/8 on “Urban planning …”")
            message = ngettext(
                "This outcome is directly supported by resolution {resolutions}.",
                "This outcome is directly supported by resolutions {resolutions}.",
                n,
            )
        else:
            # Translators: {resolutions} lists resolution symbols with their titles ("2/2 on “Adequate housing …”")
            message = ngettext(
                "The strategic priority is directly supported by resolution {resolutions}.",
                "The strategic priority is directly supported by resolutions {resolutions}.",
                n,
            )
        parts.append(w.fill(message, resolutions=_listed(data, direct)))
    if further:
        n = _number_of(further)
        if outcome and direct:
            # Translators: follows "This outcome is directly supported by …"; "It" is the outcome
            message = ngettext(
                "It is further supported by resolution {resolutions}.",
                "It is further supported by resolutions {resolutions}.",
                n,
            )
        elif outcome:
            # Translators: {resolutions} lists resolution symbols with their titles
            message = ngettext(
                "This outcome is further supported by resolution {resolutions}.",
                "This outcome is further supported by resolutions {resolutions}.",
                n,
            )
        elif direct:
            # Translators: follows "The strategic priority is directly supported by …"; "It" is the priority
            message = npgettext(
                "the strategic priority",
                "It is further supported by resolution {resolutions}.",
                "It is further supported by resolutions {resolutions}.",
                n,
            )
        else:
            # Translators: {resolutions} lists resolution symbols with their titles
            message = ngettext(
                "The strategic priority is further supported by resolution {resolutions}.",
                "The strategic priority is further supported by resolutions {resolutions}.",
                n,
            )
        parts.append(w.fill(message, resolutions=_listed(data, further)))
    return w.sentences(parts) or _("No resolution is aligned with this part of the strategic plan.")


def _in_brackets(status: str, n: int, in_words: bool) -> str:
    """How many of a summary's activities have a status, as the brackets after "4 activities were recorded" say it."""
    if status == "planned":
        # Translators: in brackets after "{count} activities were recorded", e.g. "(1 planned, 2 ongoing and 1
        # completed)"; the word agrees with "activity" where the language needs it
        message = npgettext("activities, in brackets", "{count} planned", "{count} planned", n)
    elif status == "ongoing":
        # Translators: in brackets after "{count} activities were recorded", e.g. "(2 ongoing and 1 completed)"
        message = npgettext("activities, in brackets", "{count} ongoing", "{count} ongoing", n)
    elif status == "completed":
        # Translators: in brackets after "{count} activities were recorded", e.g. "(2 ongoing and 1 completed)"
        message = npgettext("activities, in brackets", "{count} completed", "{count} completed", n)
    elif status == "stalled":
        # Translators: in brackets after "{count} activities were recorded", e.g. "(2 ongoing and 1 stalled)"
        message = npgettext("activities, in brackets", "{count} stalled", "{count} stalled", n)
    else:
        # Translators: in brackets after "{count} activities were recorded", e.g. "(2 completed and 1 cancelled)"
        message = npgettext("activities, in brackets", "{count} cancelled", "{count} cancelled", n)
    return w.fill(message, count=w.count_in_text(n) if in_words else w.count(n))


def _in_conclusion(status: str, n: int, in_words: bool) -> str:
    """How many activities have a status, as a clause of the conclusion's sentence says it ("20 are completed")."""
    if status == "planned":
        # Translators: a clause of "Of the 54 activities recorded, 20 are completed, 10 are ongoing, 5 are planned and
        # 3 are stalled."; {count} activities are planned
        message = npgettext("activities, in a sentence", "{count} is planned", "{count} are planned", n)
    elif status == "ongoing":
        # Translators: a clause of "Of the 54 activities recorded, 20 are completed, 10 are ongoing, …"
        message = npgettext("activities, in a sentence", "{count} is ongoing", "{count} are ongoing", n)
    elif status == "completed":
        # Translators: a clause of "Of the 54 activities recorded, 20 are completed, 10 are ongoing, …"
        message = npgettext("activities, in a sentence", "{count} is completed", "{count} are completed", n)
    elif status == "stalled":
        # Translators: a clause of "Of the 54 activities recorded, … 5 are planned and 3 are stalled."
        message = npgettext("activities, in a sentence", "{count} is stalled", "{count} are stalled", n)
    else:
        # Translators: a clause of "Of the 54 activities recorded, … 3 are stalled and 1 has been cancelled."
        message = npgettext("activities, in a sentence", "{count} has been cancelled", "{count} have been cancelled", n)
    return w.fill(message, count=w.count_in_text(n) if in_words else w.count(n))


def _statuses(statuses: Counter[str], phrase: Callable[[str, int, bool], str]) -> str:
    """The counts of each status, listed; in words only when every one is under ten (a series of comparable
    numbers takes figures throughout once one of them does, as the UN Editorial Manual has it)."""
    present = [s for s in (m.value for m in ActivityStatus) if statuses[s]]
    in_words = all(statuses[s] <= 9 for s in present)
    return w.joined(phrase(s, statuses[s], in_words) for s in present)


def _sources(cited: dict[str, set[str]]) -> str:
    """The operative paragraphs the activities cite, by resolution ("resolution 2/7, paragraphs 3 and 5")."""
    citations = [
        w.fill(
            # Translators: an item of "Sources: …"; {numbers} lists operative paragraph numbers ("6 and 7")
            ngettext(
                "resolution {symbol}, paragraph {numbers}", "resolution {symbol}, paragraphs {numbers}", len(numbers)
            ),
            symbol=symbol,
            numbers=w.joined(_paragraph_numbers(numbers)),
        )
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
            w.fill(
                # Translators: {symbol} is a resolution's symbol ("2/7"); {statuses} says how many are planned,
                # ongoing, completed or stalled ("1 planned and 3 completed"); the activities' titles follow the colon
                ngettext(
                    "Under resolution {symbol}, {count} activity was recorded ({statuses}): ",
                    "Under resolution {symbol}, {count} activities were recorded ({statuses}): ",
                    group.count,
                ),
                symbol=symbol,
                count=w.count_in_text(group.count),
                statuses=_statuses(group.statuses, _in_brackets),
            )
        )
    ]
    for index, activity in enumerate(group.leading):
        if index:
            pieces.append(Piece(_("; ")))
        pieces.extend(isolated(w.activity_title(activity)))
    if group.count > MAX_TITLES:
        more = group.count - MAX_TITLES
        # Translators: ends the list of activities' titles: "…; Urban safety monitor and 3 other activities."
        others = ngettext(" and {count} other activity", " and {count} other activities", more)
        pieces.append(Piece(w.fill(others, count=w.count_in_text(more))))
    pieces.append(Piece(_(".")))
    # Translators: in a footnote; {offices} lists office codes ("HQ, KEN and ROAF")
    recorded = ngettext("Activity recorded by {offices}.", "Activities recorded by {offices}.", group.count)
    detail = [w.fill(recorded, offices=w.joined(group.offices))]
    countries = sorted(country_name(code) for code in group.countries)
    if countries:
        # Translators: in a footnote; {countries} lists country names
        detail.append(w.fill(_("Countries: {countries}."), countries=w.joined(countries[:12])))
    if group.partners:
        # Translators: in a footnote; {partners} lists partner organizations as entered
        detail.append(w.fill(_("Partners: {partners}."), partners=w.joined(map(isolate, w.terms(group.partners)[:12]))))
    sources = _sources(group.cited)
    if sources:
        # Translators: in a footnote; {citations} lists "resolution 2/2, paragraphs 6 and 7; resolution 2/7, …"
        detail.append(w.fill(_("Sources: {citations}."), citations=sources))
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
    story.text(_subtitle(data), TITLE.but(size=12, leading=16))
    story.text(_("Report of the Executive Director"), BODY.but(bold=True, space_after=14))

    story.heading(_("Introduction"), label=w.section_label(next(section)))
    resolutions = [r for r in data.resolutions if r.kind == "resolution"]
    story.numbered(next(number), _introduction(data, len(resolutions)))
    for outcome in sorted(data.outcomes):
        story.bullet(w.name(data.outcomes[outcome]))
    digested = digest(data)
    scope = [_scope(len(data.activities), digested.offices)]
    if options.since or options.until:
        scope.append(_covered(options))
    scope.append(
        _(
            "Activities are grouped by the strategic priority and by outcome, naming the resolutions that directly and "
            "further support each; their funding situation is summarized in the section on resource mobilization."
        )
    )
    story.numbered(next(number), w.sentences(scope))

    priority_of = {r.symbol: r.priority for r in data.resolutions}
    story.heading(
        # Translators: a heading; {priority} is the strategic priority's name
        w.fill(_("Strategic priority: {priority}"), priority=w.name(data.priority)),
        label=w.section_label(next(section)),
    )
    story.numbered(next(number), _support(data, priority_of.get, outcome=False))
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
            # Translators: a heading; {number} is the outcome's number (1 to 5, not a count), {name} its name
            w.fill(_("Outcome {number}: {name}"), number=w.count(outcome), name=w.name(names)),
            label=w.section_label(next(section)),
        )
        story.numbered(next(number), _support(data, level_of, outcome=True))
        grouped = digested.outcomes.get(outcome, {})
        for symbol in _ordered(grouped, level_of):
            story.numbered(next(number), _summary(symbol, grouped[symbol], notes))
        if not grouped:
            story.numbered(next(number), _("No activity has been recorded under this outcome."))

    _resource_mobilization(story, data, notes, number, w.section_label(next(section)))

    story.heading(_("Conclusion"), label=w.section_label(next(section)))
    counts = Counter(a.status for a in data.activities)
    total = len(data.activities)
    story.numbered(
        next(number),
        w.fill(
            # Translators: {statuses} says how many of them are completed, ongoing, planned or stalled:
            # "20 are completed, 10 are ongoing, 5 are planned and 3 are stalled"
            ngettext(
                "Of the {count} activity recorded, {statuses}.",
                "Of the {count} activities recorded, {statuses}.",
                total,
            ),
            count=w.count_in_text(total),
            statuses=_statuses(counts, _in_conclusion),
        )
        if total
        else _("No activity has been recorded."),
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
            w.fill(
                # Translators: {resolutions} lists resolution symbols ("2/2, 2/7 and 2/9")
                ngettext(
                    "Implementation of resolution {resolutions} remains severely constrained by lack of funding.",
                    "Implementation of resolutions {resolutions} remains severely constrained by lack of funding.",
                    _number_of(constrained),
                ),
                resolutions=_symbols(constrained),
            ),
        )
    story.numbered(
        next(number),
        _("Details of the funding and programme status of each resolution are available in its fact sheet."),
    )
    return story.items


def _subtitle(data: ReportData) -> str:
    years = w.years_of(data.strategic_plan)
    if years:
        return w.fill(
            # Translators: the report's subtitle; {period} is the strategic plan's period ("2026–2029")
            _(
                "Implementing the resolutions of the United Nations Habitat Assembly through the strategic plan for "
                "the period {period}"
            ),
            period=years,
        )
    return w.fill(
        # Translators: the report's subtitle when the strategic plan's name has no period; {plan} is its name
        _("Implementing the resolutions of the United Nations Habitat Assembly: {plan}"),
        plan=w.name(data.strategic_plan),
    )


def _introduction(data: ReportData, resolutions: int) -> str:
    years = w.years_of(data.strategic_plan)
    if years:
        # Translators: {period} is the strategic plan's period ("2026–2029")
        first = ngettext(
            "The strategic plan of the United Nations Human Settlements Programme (UN-Habitat) for the period {period} "
            "provides a clear framework for implementing the {count} resolution adopted by the United Nations "
            "Habitat Assembly.",
            "The strategic plan of the United Nations Human Settlements Programme (UN-Habitat) for the period {period} "
            "provides a clear framework for implementing the {count} resolutions adopted by the United Nations "
            "Habitat Assembly.",
            resolutions,
        )
    else:
        # Translators: {period} is the strategic plan's name; the sentence keeps it in the nominative
        first = ngettext(
            "The strategic plan of the United Nations Human Settlements Programme (UN-Habitat), {period}, provides a "
            "clear framework for implementing the {count} resolution adopted by the United Nations Habitat Assembly.",
            "The strategic plan of the United Nations Human Settlements Programme (UN-Habitat), {period}, provides a "
            "clear framework for implementing the {count} resolutions adopted by the United Nations Habitat Assembly.",
            resolutions,
        )
    outcomes = len(data.outcomes)
    # Translators: {priority} is the strategic priority's name; the outcomes are listed after the colon
    second = ngettext(
        "It sets out one strategic priority, {priority}, and {count} outcome:",
        "It sets out one strategic priority, {priority}, and {count} outcomes:",
        outcomes,
    )
    return w.sentences(
        [
            w.fill(first, period=years or w.name(data.strategic_plan), count=w.count_in_text(resolutions)),
            w.fill(second, priority=w.name(data.priority), count=w.count_in_text(outcomes)),
        ]
    )


def _covered(options: ReportOptions) -> str:
    """The sentence saying which period the report covers; one message for each kind of period."""
    since, until = w.date(options.since), w.date(options.until)
    if since and until:
        # Translators: {start} and {end} are dates ("5 March 2025", "3 December 2026")
        return w.fill(_("It covers the period from {start} to {end}."), start=since, end=until)
    if since:
        # Translators: {date} is a date ("5 March 2025")
        return w.fill(_("It covers the period from {date}."), date=since)
    # Translators: {date} is a date ("3 December 2026")
    return w.fill(_("It covers the period until {date}."), date=until)


def _scope(activities: int, offices: int) -> str:
    # Translators: the agent of "recorded by …" in "This report draws on 54 activities recorded by 9 offices."
    by = w.fill(npgettext("recorded by", "{count} office", "{count} offices", offices), count=w.count_in_text(offices))
    # Translators: {offices} is "9 offices", in the form "recorded by" needs
    message = ngettext(
        "This report draws on {count} activity recorded by {offices}.",
        "This report draws on {count} activities recorded by {offices}.",
        activities,
    )
    return w.fill(message, count=w.count_in_text(activities), offices=by)


def _stage_amount(stage: FundingStage, amount: str) -> str:
    """An amount pledged or received, worded to follow "{amount} mobilized" in one list."""
    if stage is FundingStage.PLEDGED:
        # Translators: {amount} is money in running text ("$24 million"); one item of a list of amounts
        return w.fill(_("{amount} pledged"), amount=amount)
    # Translators: {amount} is money in running text ("$24 million"); one item of a list of amounts
    return w.fill(_("{amount} received"), amount=amount)


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
            pieces.append(Piece(_item(data, symbol)))
            status = latest[symbol]
            amounts = [
                _stage_amount(FundingStage(stage), w.money(total, currency))
                for (stage, currency), total in sorted(totals.get(symbol, {}).items())
                if total
            ]
            if status.resources_mobilized:
                amounts.insert(
                    0,
                    # Translators: {amount} is money in running text ("$24 million"); one item of a list of amounts
                    w.fill(_("{amount} mobilized"), amount=w.money(status.resources_mobilized, status.currency)),
                )
            if amounts:
                # Translators: after a resolution's name: its amounts in brackets (" ($24 million mobilized and …)")
                pieces.append(Piece(w.fill(_(" ({amounts})"), amounts=w.joined(amounts))))
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
            w.fill(
                # Translators: {resolutions} lists resolution symbols ("1/2, 1/4 and 2/10")
                ngettext(
                    "No funding situation has been reported for resolution {resolutions}.",
                    "No funding situation has been reported for resolutions {resolutions}.",
                    _number_of(unreported),
                ),
                resolutions=_symbols(unreported),
            ),
        )
