"""The progress report on implementing the Assembly's resolutions: the Executive Director's report as the
workspace's report document gives it, with the paragraphs made from activities and funding.

How narrative and data combine, section by section: where the document has paragraphs for a section, they come
first and stand in for the generated alignment sentence (the people writing the report state the alignment in its
own words); the paragraphs made from the data follow (activities by resolution; in outcome 5, funding). The
introduction's and the conclusion's generated text is used only where the document has none, but the figures of
scope and of activity statuses are always printed from the data. Without a document the whole report is made from
the data, with no symbol and no date in the masthead. Paragraph numbers run through the whole document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from reportlab.platypus import Flowable

from habitat_desktop.domain.activity import symbol_key
from habitat_desktop.domain.enums import FundingSituation
from habitat_desktop.l10n import _, ngettext
from habitat_desktop.reports import progress_sentences as say
from habitat_desktop.reports import wording as w
from habitat_desktop.reports.document import Metadata, Story
from habitat_desktop.reports.figures import Figures
from habitat_desktop.reports.line_setter import LineSetter
from habitat_desktop.reports.narrative import Narrative
from habitat_desktop.reports.options import ReportOptions
from habitat_desktop.reports.progress_digest import ResolutionDigest, digest, section_order
from habitat_desktop.reports.progress_funding import funding_paragraphs, latest_statuses
from habitat_desktop.reports.title_block import Masthead, masthead, title_block
from habitat_desktop.storage.report_queries import ReportData


def _defaults(data: ReportData) -> dict[str, str]:
    return {
        "title": _("Progress in the implementation of the resolutions of the United Nations Habitat Assembly"),
        "subtitle": say.subtitle(data),
        "author": _("Report of the Executive Director"),
    }


def head_of(data: ReportData, options: ReportOptions, language: str) -> Masthead:
    """The masthead of the report in the current language."""
    return masthead(data, options, data.document, language, _defaults(data))


def metadata(data: ReportData, options: ReportOptions, language: str) -> Metadata:
    head = head_of(data, options, language)
    return Metadata(
        head.title,
        _("Progress report on the implementation of Assembly resolutions"),
        w.name(data.programme),
        language,
        head.symbol,
    )


def _summaries(
    story: Any, grouped: dict[str, ResolutionDigest], order: Any, numbers: Iterator[int], data: ReportData
) -> None:
    for symbol in sorted(grouped, key=order):
        story.numbered(next(numbers), say.summary(symbol, grouped[symbol], story.notes, data.offices))


def _introduction(
    story: Any, data: ReportData, options: ReportOptions, text: Narrative, numbers: Iterator[int]
) -> None:
    if text.has("introduction"):
        text.write(story, "introduction", numbers)
    else:
        resolutions = [r for r in data.resolutions if r.kind == "resolution"]
        story.numbered(next(numbers), say.introduction(data, len(resolutions)))
        for outcome in sorted(data.outcomes):
            story.bullet(w.name(data.outcomes[outcome]))
        for sentence in say.reported_separately(data):
            story.numbered(next(numbers), sentence)
    scope = [say.scope(len(data.activities), digest(data).offices)]
    if options.since or options.until:
        scope.append(say.covered(options))
    scope.append(
        _(
            "Activities are grouped by the strategic priority and by outcome, naming the resolutions that directly and "
            "further support each; their funding situation is summarized in the section on resource mobilization."
        )
    )
    story.numbered(next(numbers), w.sentences(scope))


def _conclusion(story: Any, data: ReportData, text: Narrative, numbers: Iterator[int]) -> None:
    counts = Counter(a.status for a in data.activities)
    total = len(data.activities)
    story.numbered(
        next(numbers),
        w.fill(
            # Translators: {statuses} says how many of them are completed, ongoing, planned or stalled:
            # "20 are completed, 10 are ongoing, 5 are planned and 3 are stalled"
            ngettext(
                "Of the {count} activity recorded, {statuses}.",
                "Of the {count} activities recorded, {statuses}.",
                total,
            ),
            count=w.count_in_text(total),
            statuses=say.statuses(counts, say.in_conclusion),
        )
        if total
        else _("No activity has been recorded."),
    )
    constrained = sorted(
        (
            s
            for s, st in latest_statuses(data).items()
            if st.funding_situation == FundingSituation.SEVERELY_CONSTRAINED and s not in data.extended_by
        ),
        key=symbol_key,
    )
    if constrained:
        story.numbered(
            next(numbers),
            w.fill(
                # Translators: {resolutions} lists resolution symbols ("2/2, 2/7 and 2/9")
                ngettext(
                    "Implementation of resolution {resolutions} remains severely constrained by lack of funding.",
                    "Implementation of resolutions {resolutions} remains severely constrained by lack of funding.",
                    say.number_of(constrained),
                ),
                resolutions=say.symbols_of(constrained),
            ),
        )
    if text.has("conclusion"):
        text.write(story, "conclusion", numbers)
    else:
        story.numbered(
            next(numbers),
            _("Details of the funding and programme status of each resolution are available in its fact sheet."),
        )


def write(story: Any, data: ReportData, options: ReportOptions, language: str) -> None:
    """Write the report into a story (the PDF's, or the Word file's) in the current language."""
    text = Narrative(data.document, language, Figures(data).text)
    numbers = iter(range(1, 10_000))
    sections = iter(range(1, 100))
    head = head_of(data, options, language)
    if isinstance(story, Story):
        title_block(story, head)
    else:
        story.masthead(head)
    digested = digest(data)
    resolutions = [r for r in data.resolutions if r.kind == "resolution"]

    story.heading(text.heading("introduction") or _("Introduction"), label=w.section_label(next(sections)))
    _introduction(story, data, options, text, numbers)

    priority_of = {r.symbol: r.priority for r in resolutions}.get
    story.heading(
        text.heading("strategic_priority")
        # Translators: a heading; {priority} is the strategic priority's name
        or w.fill(_("Strategic priority: {priority}"), priority=w.name(data.priority)),
        label=w.section_label(next(sections)),
    )
    if text.has("strategic_priority"):
        text.write(story, "strategic_priority", numbers)
    else:
        story.numbered(next(numbers), say.support(data, priority_of, outcome=False))
    for code, names in data.domains.items():
        grouped = digested.domains.get(code)
        if grouped:
            story.heading(w.name(names), level=1)
            _summaries(story, grouped, section_order(priority_of), numbers, data)

    for outcome, names in sorted(data.outcomes.items()):
        level_of = {r.symbol: r.outcomes.get(outcome) for r in resolutions}.get
        key = f"outcome_{outcome}"
        story.heading(
            text.heading(key)
            # Translators: a heading; {number} is the outcome's number (1 to 5, not a count), {name} its name
            or w.fill(_("Outcome {number}: {name}"), number=w.count(outcome), name=w.name(names)),
            label=w.section_label(next(sections)),
        )
        grouped = digested.outcomes.get(outcome, {})
        if text.has(key):
            text.write(story, key, numbers)
        else:
            story.numbered(next(numbers), say.support(data, level_of, outcome=True, served=list(grouped)))
        _summaries(story, grouped, section_order(level_of), numbers, data)
        if not grouped and not text.has(key):
            story.numbered(next(numbers), _("No activity has been recorded under this outcome."))
        if outcome == max(data.outcomes):  # the last outcome is effective resource mobilization
            funding_paragraphs(story, data, story.notes, numbers)

    story.heading(text.heading("conclusion") or _("Conclusion"), label=w.section_label(next(sections)))
    _conclusion(story, data, text, numbers)


def build(data: ReportData, setter: LineSetter, width: float, options: ReportOptions) -> list[Flowable]:
    """The report's flowables, in the current language."""
    story = Story(setter, width)
    write(story, data, options, setter.language)
    return story.items
