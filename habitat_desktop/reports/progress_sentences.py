"""The sentences of the progress report made from data: alignment, activity summaries, introduction, scope."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from habitat_desktop.domain.activity import symbol_key
from habitat_desktop.domain.enums import ActivityStatus
from habitat_desktop.l10n import N_, _, ngettext, npgettext, pgettext
from habitat_desktop.l10n.formatting import country_name
from habitat_desktop.reports import wording as w
from habitat_desktop.reports.bidi_order import isolate
from habitat_desktop.reports.footnotes import Footnotes
from habitat_desktop.reports.line_setter import Piece, isolated
from habitat_desktop.reports.options import ReportOptions
from habitat_desktop.reports.progress_digest import ResolutionDigest
from habitat_desktop.storage.report_queries import OfficeFacts, ReportData


def title_of(data: ReportData, symbol: str) -> str:
    facts = data.resolution(symbol)
    return w.name(facts.titles) if facts else ""


def item(data: ReportData, symbol: str) -> str:
    """A resolution at the head of an item after a colon ("resolution 2/7 on “Adequate housing for all”")."""
    title = title_of(data, symbol)
    if not title:
        # Translators: a resolution named alone, heading an item of a list after a colon; {symbol} is e.g. "2/7"
        return w.fill(pgettext("list item", "resolution {symbol}"), symbol=symbol)
    # Translators: a resolution heading an item of a list after a colon; {symbol} is e.g. "2/7", {title} its title
    return w.fill(pgettext("list item", "resolution {symbol} on “{title}”"), symbol=symbol, title=title)


def listed(data: ReportData, symbols: list[str]) -> str:
    """Resolutions named after "resolutions" in a sentence ("2/2 on “…” and 2/7 on “…”"); the sentence says
    "resolution" or "resolutions", in the case its language needs."""
    items = []
    for symbol in symbols:
        title = title_of(data, symbol)
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


def number_of(items: list[str]) -> int:
    """The plural form for a noun before a list ("resolution 2/2", "resolutions 2/2 and 2/7"): one, two (Arabic's
    dual) or more; a list of 21 is no singular, as the count 21 is in Russian."""
    return min(len(items), 3)


def symbols_of(symbols: list[str]) -> str:
    """Resolution symbols alone, listed ("2/2, 2/7 and 2/9")."""
    return w.joined(symbols)


def support(
    data: ReportData, level_of: Callable[[str], str | None], outcome: bool, served: list[str] | None = None
) -> str:
    """Which resolutions directly and further support the strategic priority or an outcome: one whole sentence for
    each case, since the subject changes the sentence (gender, agreement) in most languages. ``served`` lists the
    resolutions the section's activities implement (said when the catalog aligns none with the section)."""
    served = sorted(served or [], key=symbol_key)
    direct = [r.symbol for r in data.resolutions if r.kind == "resolution" and level_of(r.symbol) == "direct"]
    further = [r.symbol for r in data.resolutions if r.kind == "resolution" and level_of(r.symbol) == "further"]
    parts = []
    if direct:
        n = number_of(direct)
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
        parts.append(w.fill(message, resolutions=listed(data, direct)))
    if further:
        n = number_of(further)
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
        parts.append(w.fill(message, resolutions=listed(data, further)))
    if parts:
        return w.sentences(parts)
    if served:
        # Translators: {resolutions} lists resolution symbols ("2/6 and 2/10"); said of an outcome the strategic
        # plan aligns no resolution with, when activities recorded under it implement resolutions
        message = ngettext(
            "The strategic plan aligns no resolution with this outcome; the activities recorded under it implement "
            "resolution {resolutions}.",
            "The strategic plan aligns no resolution with this outcome; the activities recorded under it implement "
            "resolutions {resolutions}.",
            number_of(served),
        )
        return w.fill(message, resolutions=symbols_of(served))
    return _("No resolution is aligned with this part of the strategic plan.")


def in_brackets(status: str, n: int, in_words: bool) -> str:
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


def in_conclusion(status: str, n: int, in_words: bool) -> str:
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


def statuses(statuses: Counter[str], phrase: Callable[[str, int, bool], str]) -> str:
    """The counts of each status, listed; in words only when every one is under ten (a series of comparable
    numbers takes figures throughout once one of them does, as the UN Editorial Manual has it)."""
    present = [s for s in (m.value for m in ActivityStatus) if statuses[s]]
    in_words = all(statuses[s] <= 9 for s in present)
    return w.joined(phrase(s, statuses[s], in_words) for s in present)


def sources_of(cited: dict[str, set[str]]) -> str:
    """The operative paragraphs the activities cite, by resolution ("resolution 2/7, paragraphs 3 and 5")."""
    citations = [
        w.fill(
            # Translators: an item of "Sources: …"; {numbers} lists operative paragraph numbers ("6 and 7")
            ngettext(
                "resolution {symbol}, paragraph {numbers}", "resolution {symbol}, paragraphs {numbers}", len(numbers)
            ),
            symbol=symbol,
            numbers=w.joined(paragraph_numbers(numbers)),
        )
        for symbol, numbers in sorted(cited.items(), key=lambda item: symbol_key(item[0]))
    ]
    return _("; ").join(citations)


def paragraph_numbers(numbers: set[str]) -> list[str]:
    """Paragraph numbers in order, localized when they are plain numbers ("3", "12 bis" stays as it is)."""
    ordered = sorted(numbers, key=lambda n: (0, int(n), "") if n.isdecimal() else (1, 0, n))
    return [w.count(int(n)) if n.isdecimal() else n for n in ordered]


# One activity under a resolution: its status said with it, agreeing with "activity" ("une activité achevée").
_ONE_ACTIVITY = {
    # Translators: {symbol} is a resolution's symbol ("2/7"); the activity's title follows the colon
    "planned": N_("Under resolution {symbol}, one planned activity was recorded: "),
    # Translators: {symbol} is a resolution's symbol ("2/7"); the activity's title follows the colon
    "ongoing": N_("Under resolution {symbol}, one ongoing activity was recorded: "),
    # Translators: {symbol} is a resolution's symbol ("2/7"); the activity's title follows the colon
    "completed": N_("Under resolution {symbol}, one completed activity was recorded: "),
    # Translators: {symbol} is a resolution's symbol ("2/7"); the activity's title follows the colon
    "stalled": N_("Under resolution {symbol}, one stalled activity was recorded: "),
    # Translators: {symbol} is a resolution's symbol ("2/7"); the activity's title follows the colon
    "cancelled": N_("Under resolution {symbol}, one cancelled activity was recorded: "),
}


def _summary_head(symbol: str, group: ResolutionDigest) -> Piece:
    """The head of a summary of several activities: how many were recorded, and how many have each status."""
    return Piece(
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
            statuses=statuses(group.statuses, in_brackets),
        )
    )


def summary(
    symbol: str, group: ResolutionDigest, notes: Footnotes, offices: dict[str, OfficeFacts] | None = None
) -> list[Piece]:
    """One numbered paragraph: what was done under a resolution, with a note naming offices (by their names in the
    report's language, never their internal codes), partners and the operative paragraphs cited."""
    if group.count == 1:
        pieces = [Piece(w.fill(_(_ONE_ACTIVITY[next(s for s, n in group.statuses.items() if n)]), symbol=symbol))]
    else:
        pieces = [_summary_head(symbol, group)]
    for index, activity in enumerate(group.leading):
        if index:
            pieces.append(Piece(_("; ")))
        pieces.extend(isolated(w.activity_title(activity)))
    pieces.append(Piece(_(".")))
    named_offices = [_office(code, offices or {}) for code in group.offices]
    # Translators: in a footnote, like "Country: …" and "Partners: …"; {offices} lists office names
    recorded = ngettext("Office: {offices}.", "Offices: {offices}.", len(named_offices))
    detail = [w.fill(recorded, offices=w.joined(named_offices))]
    countries = sorted(country_name(code) for code in group.countries)
    if countries:
        shown = countries[:12]
        # Translators: in a footnote; {countries} lists country names
        named = ngettext("Country: {countries}.", "Countries: {countries}.", len(shown))
        detail.append(w.fill(named, countries=w.joined(shown)))
    if group.places:
        # Translators: in a footnote; {places} lists cities (in the report's language when the glossary knows them)
        detail.append(w.fill(_("Places: {places}."), places=w.joined(map(isolate, w.terms(group.places)[:12]))))
    if group.partners:
        # Translators: in a footnote; {partners} lists partner organizations as entered
        detail.append(w.fill(_("Partners: {partners}."), partners=w.joined(map(isolate, w.terms(group.partners)[:12]))))
    sources = sources_of(group.cited)
    if sources:
        # Translators: in a footnote; {citations} lists "resolution 2/2, paragraphs 6 and 7; resolution 2/7, …"
        detail.append(w.fill(_("Sources: {citations}."), citations=sources))
    pieces.append(notes.mark(w.sentences(detail)))
    return w.notes_placed(pieces)


def ordered(grouped: dict[str, ResolutionDigest], level_of: Callable[[str], str | None]) -> list[str]:
    rank = {"direct": 0, "further": 1}
    return sorted(grouped, key=lambda s: (rank.get(level_of(s) or "", 2), symbol_key(s)))


def subtitle(data: ReportData) -> str:
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


def introduction(data: ReportData, resolutions: int) -> str:
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


def covered(options: ReportOptions) -> str:
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


def scope(activities: int, offices: int) -> str:
    # Translators: the agent of "recorded by …" in "This report draws on 54 activities recorded by 9 offices."
    by = w.fill(npgettext("recorded by", "{count} office", "{count} offices", offices), count=w.count_in_text(offices))
    # Translators: {offices} is "9 offices", in the form "recorded by" needs
    message = ngettext(
        "This report draws on {count} activity recorded by {offices}.",
        "This report draws on {count} activities recorded by {offices}.",
        activities,
    )
    return w.fill(message, count=w.count_in_text(activities), offices=by)


def reported_separately(data: ReportData) -> list[str]:
    """Sentences on the resolutions this report leaves out, with the reason: a decision extended the plan they
    approved, and their implementation is reported on separately."""
    out = []
    for symbol, decision_symbol in sorted(data.extended_by.items(), key=lambda pair: symbol_key(pair[0])):
        decision = data.decision(decision_symbol)
        out.append(
            w.fill(
                # Translators: {resolution} and {decision} are symbols ("1/1", "2/1"); {title} and
                # {decision_title} their titles; said of a resolution left out of the progress report
                _(
                    "Progress in the implementation of resolution {resolution} on “{title}”, extended by decision "
                    "{decision} on “{decision_title}”, is reported on separately and is not covered by this report."
                ),
                resolution=symbol,
                title=title_of(data, symbol),
                decision=decision_symbol,
                decision_title=w.name(decision.titles) if decision else "",
            )
        )
    return out


def _office(code: str, offices: dict[str, OfficeFacts]) -> str:
    """An office by its name in the report's language (its code when the workspace does not know it)."""
    office = offices.get(code)
    return isolate(w.office_name(office.name, office.language, office.translations)) if office else code
