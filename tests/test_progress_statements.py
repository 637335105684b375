"""The progress report's statements, one test per wrong statement of issue 18: each failed before the fix.

The data-driven paragraphs are read from the demo without a report document (a document's narrative stands in
for the generated alignment sentences); the masthead and the document's paragraphs from the demo holding the
document of tests/data (the shared format).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest

from habitat_desktop.l10n.formatting import format_date
from habitat_desktop.services import report_documents
from habitat_desktop.services.reports import ReportOptions, generate_report
from tests.pdf_inspection import normalized, pdf_text

FIXTURE = Path(__file__).parent / "data" / "progress_document.json"


@pytest.fixture
def data_only(demo_path: Path) -> Path:
    """The demo with no report document: everything printed comes from the data."""
    for document in report_documents.list_documents(demo_path):
        report_documents.delete_document(demo_path, document.symbol)
    return demo_path


@pytest.fixture
def with_document(data_only: Path) -> Path:
    report_documents.import_document(data_only, FIXTURE)
    return data_only


def english(path: Path, tmp_path: Path) -> str:
    out = generate_report(path, "progress", "en", tmp_path / "progress-en.pdf").files["en"]
    return normalized(pdf_text(out))


def sections(path: Path, tmp_path: Path, language: str = "en") -> dict[str, list[str]]:
    """The Word file's paragraphs under each top-level heading."""
    options = ReportOptions(output_format="docx")
    out = generate_report(path, "progress", language, tmp_path / f"progress-{language}.docx", options).files[language]
    found: dict[str, list[str]] = {}
    current = ""
    for paragraph in docx.Document(str(out)).paragraphs:
        if paragraph.style.name == "Heading 1":
            current = paragraph.text
            found[current] = []
        elif current:
            found[current].append(paragraph.text)
    return found


def test_the_masthead_prints_the_documents_symbol_date_meeting_and_agenda_item(
    with_document: Path, tmp_path: Path
) -> None:
    text = english(with_document, tmp_path)
    first_page = text[: text.index("Introduction")]
    assert "HSP/OECPR.2025/4" in first_page and "3 March 2025" in first_page
    assert format_date(dt.date.today(), language="en") not in text
    assert "HABITAT/" not in text
    assert "Committee of Permanent Representatives" in first_page and "Third open-ended meeting" in first_page
    assert "26–28 May 2025, Nairobi" in first_page
    assert "Item 5 of the provisional agenda" in first_page
    assert "Progress in the implementation of the resolutions and decisions adopted" in first_page
    assert "HSP/OECPR.2025/1." in text  # the agenda item's note


def test_a_workspace_without_a_document_prints_no_invented_symbol_or_date(data_only: Path, tmp_path: Path) -> None:
    text = english(data_only, tmp_path)
    assert "HABITAT/" not in text and "/PR" not in text
    assert format_date(dt.date.today(), language="en") not in text


def test_outcome_3_is_directly_supported_by_1_3_and_2_1(data_only: Path, tmp_path: Path) -> None:
    text = english(data_only, tmp_path)
    assert re.search(
        r"This outcome is directly supported by resolutions 1/3 on “[^”]+” and 2/1 on “International", text
    )


def test_outcome_5_is_never_said_to_have_no_resolution_then_followed_by_resolutions(
    data_only: Path, tmp_path: Path
) -> None:
    outcome_5 = next(
        paragraphs for heading, paragraphs in sections(data_only, tmp_path).items() if "Outcome 5" in heading
    )
    assert not any("No resolution is aligned" in p for p in outcome_5)
    assert outcome_5[0].startswith("The strategic plan aligns no resolution with this outcome")
    assert "2/10" in outcome_5[0]


def test_resolution_1_1_is_left_out_with_its_reason_and_decision_2_1_stated(data_only: Path, tmp_path: Path) -> None:
    text = english(data_only, tmp_path)
    unreported = re.search(r"No funding situation has been reported for resolutions? ([^.]+)\.", text)
    assert unreported is None or "1/1" not in unreported.group(1).split(", ")
    assert "Under resolution 1/1" not in text
    assert re.search(r"resolution 1/1 on “[^”]+”, extended by decision 2/1 on “Extension of the strategic plan", text)
    assert "is reported on separately" in text


def test_funding_stages_are_named_for_what_they_are(data_only: Path, tmp_path: Path) -> None:
    text = english(data_only, tmp_path)
    assert "$24 million allocated" in text and "$900,000 secured" in text
    assert "mobilized and" not in text and "$24 million received" not in text and "$900,000 pledged" not in text


def test_each_activity_is_cited_once_per_section_and_no_list_is_cut(data_only: Path, tmp_path: Path) -> None:
    found = sections(data_only, tmp_path)
    for heading, paragraphs in found.items():
        cited = [
            title.strip()
            for p in paragraphs
            if p.startswith("Under resolution")
            for title in re.split(r"\): | recorded: ", p, maxsplit=1)[1].rstrip(".").split("; ")
        ]
        assert len(cited) == len(set(cited)), heading
    text = "\n".join(p for paragraphs in found.values() for p in paragraphs)
    assert "other activit" not in text and "Bilbao" in text


def test_footnotes_cite_nothing_outside_the_printed_document(data_only: Path, tmp_path: Path) -> None:
    text = english(data_only, tmp_path)
    assert not re.search(r"para(graph)?s?\. \d+\)", text)
    assert not re.search(r"\(footnotes? \d+", text)


def test_the_documents_paragraphs_and_notes_are_numbered_through_the_report(
    with_document: Path, tmp_path: Path
) -> None:
    out = generate_report(with_document, "progress", "en", tmp_path / "doc.docx", ReportOptions(output_format="docx"))
    document = docx.Document(str(out.files["en"]))
    numbered = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert numbered[0].text.startswith("Progress on resolution 1/1")  # the document's first paragraph
    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/footnotes"))
    notes = part.blob.decode("utf-8")
    assert "Shanghai University" in notes and "HSP/EB.2024/8" in notes


@pytest.mark.parametrize("language", ["fr", "es", "ru", "zh", "ar"])
def test_footnotes_cite_nothing_outside_the_printed_document_in_any_language(
    data_only: Path, tmp_path: Path, language: str
) -> None:
    options = ReportOptions(output_format="docx")
    out = generate_report(data_only, "progress", language, tmp_path / f"p-{language}.docx", options).files[language]
    document = docx.Document(str(out))
    notes = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/footnotes"))
    text = re.sub(r"<[^>]+>", "", notes.blob.decode("utf-8"))
    cited = r"par\.|párr\.|пункт|note|nota|сноск|الفقرة|الحاشية|脚注"
    assert not re.search(rf"[(（][^()（）]*(?:{cited})[^()（）]*\d+[)）]", text), text
    assert not re.search(r"（第 ?\d+ ?段）", text)
