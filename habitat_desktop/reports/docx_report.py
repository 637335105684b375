"""The progress report as an editable Word file (python-docx): the same story as the PDF, in one language."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Pt

from habitat_desktop.reports import docx_parts as parts
from habitat_desktop.reports import progress_report
from habitat_desktop.reports.document import MARGIN, PAPERS
from habitat_desktop.reports.docx_story import DocxStory
from habitat_desktop.reports.options import ReportOptions
from habitat_desktop.storage.report_queries import ReportData


def write_docx(target: Path, data: ReportData, options: ReportOptions, language: str) -> int:
    """Write the progress report as .docx in the current language; return its number of paragraphs."""
    document = docx.Document()
    section = document.sections[0]
    width, height = PAPERS[options.paper]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(width / 28.3465), Cm(height / 28.3465)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN / 28.3465))
    normal = document.styles["Normal"]
    normal.font.size = Pt(10)
    parts.style_document(document, language)
    story = DocxStory(document, language)
    progress_report.write(story, data, options, language)
    head = progress_report.head_of(data, options, language)
    header = section.header.paragraphs[0]
    header.text = head.symbol
    if language == "ar":
        parts.paragraph_bidi(header._p.get_or_add_pPr())
    document.core_properties.title = head.title
    document.core_properties.subject = head.symbol
    document.core_properties.language = parts.LANGUAGE_TAGS[language]
    story.footnotes.serialize()
    document.save(str(target))
    return len(document.paragraphs)
