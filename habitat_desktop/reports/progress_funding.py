"""The progress report's resource mobilization paragraphs: funding by stage, situations, resolutions left out.

An amount the report document's narrative prints through a figure field (``{{funding:allocated resolution=2/6}}``)
is not stated again beside its resolution here."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from habitat_desktop.domain.activity import symbol_key
from habitat_desktop.domain.enums import FundingSituation, FundingStage
from habitat_desktop.l10n import _, current_language, ngettext
from habitat_desktop.reports import wording as w
from habitat_desktop.reports.document import Story
from habitat_desktop.reports.figures import printed_amounts
from habitat_desktop.reports.footnotes import Footnotes
from habitat_desktop.reports.line_setter import Piece, isolated
from habitat_desktop.reports.progress_sentences import item, number_of, symbols_of
from habitat_desktop.storage.report_queries import ReportData, StatusFacts


def latest_statuses(data: ReportData) -> dict[str, StatusFacts]:
    latest: dict[str, StatusFacts] = {}
    for status in data.statuses:  # newest period first
        latest.setdefault(status.resolution_symbol, status)
    return latest


def funding_totals(data: ReportData) -> dict[str, dict[tuple[str, str], Decimal]]:
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


def stage_amount(stage: FundingStage, amount: str) -> str:
    """An amount named for its stage ("$24 million allocated"), one item of a list of amounts."""
    if stage is FundingStage.PLEDGED:
        # Translators: {amount} is money in running text ("$24 million"); one item of a list of amounts
        return w.fill(_("{amount} pledged"), amount=amount)
    if stage is FundingStage.ALLOCATED:
        # Translators: {amount} is money in running text ("$24 million"), set aside for a purpose (e.g. allocated to
        # joint programmes); one item of a list of amounts
        return w.fill(_("{amount} allocated"), amount=amount)
    if stage is FundingStage.SECURED:
        # Translators: {amount} is money in running text ("$900,000"), committed by an agreement such as a
        # memorandum of understanding; one item of a list of amounts
        return w.fill(_("{amount} secured"), amount=amount)
    # Translators: {amount} is money in running text ("$24 million"); one item of a list of amounts
    return w.fill(_("{amount} received"), amount=amount)


# a bracketed citation of paragraphs or footnotes ("(HSP/OECPR.2025/4, para. 26)", "(footnote 11)", "(notes 8 et 12)",
# "(párr. 13)", "(сноска 11)", "(الحاشية 11)", "（第 13 段）", "（脚注 8 和 12）"): the word, then numbers and "and"
_CITED = (
    r"paras?\.|paragraphs?|footnotes?|par\.|paragraphes?|notes?|párrs?\.|párrafos?|notas?|пункт[а-я]*|сноск[а-я]*"
    r"|الفقر[\u0621-\u064a]*|الحاشي[\u0621-\u064a]*|脚注"
)
_NUMBERS = r"[0-9](?:[0-9\s,，、،]|and|et|y|и|和|و)*"
_SYMBOL_FIRST = r"(?:[A-Z]{2,}[A-Za-z./0-9]*[,，،]\s*)?"
_SELF_REFERENCE = re.compile(rf"\s*[(（]{_SYMBOL_FIRST}(?:(?:{_CITED})\s*{_NUMBERS}|第\s*{_NUMBERS}段)[)）]")


def without_dangling_references(text: str) -> str:
    """User text without bracketed citations of paragraphs or footnotes, in any of the six languages
    ("(HSP/OECPR.2025/4, para. 26)", "(footnote 11)", "（第 13 段）", "(الحاشية 11)"): their numbers are those of
    another document, not of the one printed."""
    return _SELF_REFERENCE.sub("", text)


def _amounts(
    symbol: str,
    status: StatusFacts,
    totals: dict[str, dict[tuple[str, str], Decimal]],
    printed: set[tuple[str, str, str]],
) -> list[str]:
    """A resolution's amounts, each named for its stage, but those the document's narrative prints through a figure
    field (stated once); the status's "mobilized" only when no funding is recorded (it would count the same money
    twice)."""
    recorded = sorted(
        totals.get(symbol, {}).items(),
        key=lambda item: (list(FundingStage).index(FundingStage(item[0][0])), item[0][1]),
    )
    amounts = [
        stage_amount(FundingStage(stage), w.money(total, currency))
        for (stage, currency), total in recorded
        if total and (symbol, stage, currency) not in printed
    ]
    if status.resources_mobilized and not recorded:
        # Translators: {amount} is money in running text ("$24 million"); one item of a list of amounts
        amounts.append(w.fill(_("{amount} mobilized"), amount=w.money(status.resources_mobilized, status.currency)))
    return amounts


def funding_paragraphs(story: Story, data: ReportData, notes: Footnotes, numbers: Iterable[int]) -> None:
    """One paragraph per funding situation naming its resolutions and their amounts, then the resolutions with
    none reported; resolutions reported on separately (extended by a decision) are left out of both."""
    number = iter(numbers)
    latest = {s: st for s, st in latest_statuses(data).items() if s not in data.extended_by}
    totals = funding_totals(data)
    printed = printed_amounts(data.document)
    language = current_language()
    for situation in FundingSituation:
        symbols = sorted((s for s, st in latest.items() if st.funding_situation == situation), key=symbol_key)
        if not symbols:
            continue
        pieces = [Piece(situation.label() + _(": "), bold=True)]
        for index, symbol in enumerate(symbols):
            if index:
                pieces.append(Piece(_("; ")))
            pieces.append(Piece(item(data, symbol)))
            status = latest[symbol]
            amounts = _amounts(symbol, status, totals, printed)
            if amounts:
                # Translators: after a resolution's name: its amounts in brackets (" ($24 million allocated and …)")
                pieces.append(Piece(w.fill(_(" ({amounts})"), amounts=w.joined(amounts))))
            translated = (status.translations.get(language) or {}).get("narrative")
            if status.narrative:
                text = w.user_text(
                    without_dangling_references(status.narrative),
                    status.language,
                    without_dangling_references(translated) if translated else None,
                )
                pieces.append(notes.mark(isolated(text)))
        pieces.append(Piece(_(".")))
        story.numbered(next(number), w.notes_placed(pieces))
    unreported = sorted(
        (
            r.symbol
            for r in data.resolutions
            if r.kind == "resolution"
            and r.symbol not in data.extended_by
            and (r.symbol not in latest or latest[r.symbol].funding_situation is None)
        ),
        key=symbol_key,
    )
    if unreported:
        story.numbered(
            next(number),
            w.fill(
                # Translators: {resolutions} lists resolution symbols ("1/2, 1/4 and 2/10")
                ngettext(
                    "No funding situation has been reported for resolution {resolutions}.",
                    "No funding situation has been reported for resolutions {resolutions}.",
                    number_of(unreported),
                ),
                resolutions=symbols_of(unreported),
            ),
        )
