"""The masthead of a UN document and the block under it: symbol, distribution, date, languages, the meeting, the
agenda item, title, subtitle and author line — as the report document gives them, none invented."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

from habitat_desktop.l10n import _, use_language
from habitat_desktop.l10n.formatting import format_date
from habitat_desktop.reports import wording as w
from habitat_desktop.reports.bidi_order import isolate
from habitat_desktop.reports.document import BODY, TITLE, Story
from habitat_desktop.reports.line_setter import Piece
from habitat_desktop.reports.options import ReportOptions
from habitat_desktop.reports.text_block import TextBlock
from habitat_desktop.storage.report_queries import ReportData

_MARK_AT = "\ue000"  # a private-use character standing for the asterisk's place while the message is filled
AGENDA_MARK = "*"  # UN documents mark the agenda's own footnote with an asterisk, outside the numbered notes


@dataclass(frozen=True)
class Masthead:
    """What the first page says above the text, in one language (empty strings are left out)."""

    organization: str
    programme_short: str
    programme: str
    symbol: str
    distribution: str
    date: str
    language: str  # the report's language, when it is not the original
    original: str
    meeting: list[str] = field(default_factory=list)  # body, session, dates and place
    agenda: str = ""  # "Item 5 of the provisional agenda" (in Chinese "临时议程", the asterisk, then agenda_after)
    agenda_after: str = ""  # what follows the agenda's footnote asterisk ("项目5")
    agenda_note: str = ""  # its footnote ("HSP/OECPR.2025/1.")
    agenda_title: str = ""
    title: str = ""
    subtitle: str = ""
    author: str = ""


def meeting_dates(start: dt.date | None, end: dt.date | None, language: str) -> str:
    """A meeting's dates as UN documents write them: "26–28 May 2025", "2025年5月26日至28日", "26 a 28 de mayo"."""
    if start and end and start != end and (start.year, start.month) == (end.year, end.month):
        last = format_date(end, language=language)
        if language == "zh":
            return f"{last[: last.index('月') + 1]}{start.day}日至{end.day}日"
        if language == "es":
            return f"{start.day} a {last}"
        return f"{start.day}–{last}"
    if start and end and start != end:
        return w.period(start, end)
    return format_date(start or end, language=language)


PARTICULARS_IN_ENGLISH = {"ar": "en", "ru": "en", "zh": "en"}  # the masthead's particulars in these versions


def _distribution(code: str) -> str:
    if code == "limited":
        return _("Distr.: Limited")
    if code == "restricted":
        return _("Distr.: Restricted")
    return _("Distr.: General")


def masthead(
    data: ReportData, options: ReportOptions, document: dict[str, Any] | None, language: str, defaults: dict[str, str]
) -> Masthead:
    """The masthead of a report: the document's particulars, or (without a document) no symbol and no date;
    ``defaults`` gives the title, subtitle and author line used when the document leaves them empty."""
    from habitat_desktop.reports.narrative import Narrative  # the narrative module imports the story's styles

    text = Narrative(document, language).text
    original = (document or {}).get("original_language") or options.original_language
    symbol = (document or {}).get("symbol") or options.document_symbol or ""
    # The official Arabic, Chinese and Russian versions keep the document's particulars in English ("Distr.:
    # General / 3 March 2025 / Chinese / Original: English" in HSP/OECPR.2025/4 in Chinese); French and Spanish
    # translate them ("Distr. générale / 3 mars 2025 / Français / Original : anglais").
    with use_language(PARTICULARS_IN_ENGLISH.get(language, language)):
        date = ""
        if document is not None:
            stated = document.get("date")
            date = w.date(dt.date.fromisoformat(stated) if stated else options.issued)
        distribution = _distribution((document or {}).get("distribution") or "general")
        language_line = w.language_name(language) if language != original else ""
        language_line = language_line[:1].upper() + language_line[1:]  # "Français", "Español", as the line stands
        # Translators: in the masthead; {language} is a language's name ("English")
        original_line = w.fill(_("Original: {language}"), language=w.language_name(original))
    meeting_lines: list[str] = []
    agenda = agenda_after = agenda_note = agenda_title = ""
    if document is not None:
        meeting = document.get("meeting") or {}
        start = dt.date.fromisoformat(meeting["start"]) if meeting.get("start") else None
        end = dt.date.fromisoformat(meeting["end"]) if meeting.get("end") else None
        dates, place = meeting_dates(start, end, language), text(meeting.get("place"))
        when = (
            # Translators: the meeting's dates and place under the masthead ("26–28 May 2025, Nairobi")
            w.fill(_("{dates}, {place}"), dates=dates, place=place) if dates and place else dates or place
        )
        meeting_lines = [line for line in (text(meeting.get("body")), text(meeting.get("session")), when) if line]
        item = document.get("agenda_item") or {}
        if item.get("number"):
            # Translators: under the masthead; {number} is the item's number as the agenda writes it ("5"); {mark}
            # is where the agenda's footnote asterisk goes ("Item 5 of the provisional agenda*", "临时议程*项目5")
            filled = w.fill(_("Item {number} of the provisional agenda{mark}"), number=item["number"], mark=_MARK_AT)
            agenda, _at, agenda_after = filled.partition(_MARK_AT)
            agenda_note = text(item.get("footnote"))
            agenda_title = text(item.get("title"))
    return Masthead(
        organization=_("United Nations"),
        programme_short=w.name(data.programme_short),
        programme=w.name(data.programme),
        symbol=symbol,
        distribution=distribution,
        date=date,
        language=language_line,
        original=original_line,
        meeting=meeting_lines,
        agenda=agenda,
        agenda_after=agenda_after,
        agenda_note=agenda_note,
        agenda_title=agenda_title,
        title=text((document or {}).get("title")) or defaults["title"],
        # the document's subtitle goes with its title; a document without a title takes both from the defaults
        subtitle=text((document or {}).get("subtitle"))
        if text((document or {}).get("title"))
        else defaults["subtitle"],
        author=text((document or {}).get("author")) or defaults["author"],
    )


def title_block(story: Story, head: Masthead) -> None:
    """Add the masthead to a PDF story: the programme on the start side, the document's particulars on the end
    side; then the meeting, the agenda item (its note marked with an asterisk), the title and the author line."""
    setter = story.setter
    plain = BODY.but(space_after=1, size=9, leading=12, justify=False)
    start = [
        TextBlock(setter, head.organization, plain.but(bold=True, size=11, leading=15)),
        TextBlock(setter, head.programme_short, plain.but(bold=True)),
        TextBlock(setter, head.programme, plain),
    ]
    # each line isolated: in an Arabic masthead "3 March 2025" keeps its day first
    particulars = [isolate(line) for line in (head.distribution, head.date, head.language, head.original)]
    end = (
        [TextBlock(setter, head.symbol, plain.but(bold=True, size=13, leading=17, align="end"))] if head.symbol else []
    )
    end += [TextBlock(setter, line, plain.but(align="end")) for line in particulars if line]
    cells = [end, start] if setter.rtl else [start, end]
    widths = [story.width * 0.55, story.width * 0.45]
    table = Table([cells], colWidths=widths[::-1] if setter.rtl else widths)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), setter.regular.primary.name),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    story.add(table)
    story.space(10)
    block = BODY.but(space_after=0, justify=False)
    for index, line in enumerate(head.meeting):
        story.text(line, block.but(bold=index == 0))
    if head.agenda:
        marker = [story.notes.mark(head.agenda_note, label=AGENDA_MARK)] if head.agenda_note else []
        after = [Piece(head.agenda_after)] if head.agenda_after else []
        story.text([Piece(head.agenda), *marker, *after], block.but(space_before=6))
        if head.agenda_title:
            story.text(head.agenda_title, block.but(bold=True, space_after=6))
    story.space(8)
    story.text(head.title, TITLE)
    if head.subtitle:
        story.text(head.subtitle, TITLE.but(size=12, leading=16))
    story.text(head.author, BODY.but(bold=True, space_after=14))
