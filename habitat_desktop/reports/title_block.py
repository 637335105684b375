"""The masthead of a UN document: "United Nations", the programme, symbol, distribution, date and languages."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

from habitat_desktop.l10n import _
from habitat_desktop.reports import wording as w
from habitat_desktop.reports.document import BODY, Story
from habitat_desktop.reports.options import ReportOptions
from habitat_desktop.reports.text_block import TextBlock
from habitat_desktop.storage.report_queries import ReportData


def title_block(story: Story, data: ReportData, options: ReportOptions, symbol: str) -> None:
    """Add the masthead: the programme on the start side, the document's particulars on the end side."""
    setter = story.setter
    language = setter.language
    plain = BODY.but(space_after=1, size=9, leading=12, justify=False)
    start = [
        TextBlock(setter, _("United Nations"), plain.but(bold=True, size=11, leading=15)),
        TextBlock(setter, w.name(data.programme_short), plain.but(bold=True)),
        TextBlock(setter, w.name(data.programme), plain),
    ]
    end = [
        TextBlock(setter, symbol, plain.but(bold=True, size=13, leading=17, align="end")),
        TextBlock(setter, _("Distr.: General"), plain.but(align="end")),
        TextBlock(setter, w.date(options.issued), plain.but(align="end")),
    ]
    if language != options.original_language:
        end.append(TextBlock(setter, w.language_name(language), plain.but(align="end")))
    end.append(
        TextBlock(
            setter,
            # Translators: in the masthead; {language} is a language's name ("English")
            w.fill(_("Original: {language}"), language=w.language_name(options.original_language)),
            plain.but(align="end"),
        )
    )
    cells = [end, start] if setter.rtl else [start, end]
    table = Table(
        [cells],
        colWidths=[story.width * 0.55, story.width * 0.45]
        if not setter.rtl
        else [story.width * 0.45, story.width * 0.55],
    )
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
    story.space(14)
