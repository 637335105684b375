"""After a section's narrative, the generated paragraphs list only the activities the narrative does not cite (by
resolution symbol or by quoting the activity's title): the report states each fact once."""

from __future__ import annotations

from pathlib import Path

import docx

from habitat_desktop.services import report_documents
from habitat_desktop.services.reports import ReportOptions, generate_report


def _sections(path: Path, tmp_path: Path) -> dict[str, list[str]]:
    """The English Word file's paragraphs under each top-level heading."""
    options = ReportOptions(output_format="docx")
    out = generate_report(path, "progress", "en", tmp_path / "progress-en.docx", options).files["en"]
    found: dict[str, list[str]] = {}
    current = ""
    for paragraph in docx.Document(str(out)).paragraphs:
        if paragraph.style.name == "Heading 1":
            current = paragraph.text
            found[current] = []
        elif current:
            found[current].append(paragraph.text)
    return found


def _generated(paragraphs: list[str]) -> list[str]:
    return [
        p
        for p in paragraphs
        if p.startswith("Under resolution") and (" recorded (" in p or " activity was recorded: " in p)
    ]


def _outcome(found: dict[str, list[str]], number: int) -> list[str]:
    return next(paragraphs for heading, paragraphs in found.items() if f"Outcome {number}" in heading)


def _only_narrative(path: Path, section: str, english: str) -> None:
    """Keep the demo document's sections but give one section a single narrative paragraph."""
    loaded = report_documents.load_document(path)
    assert loaded is not None
    document, version = loaded
    for item in document["sections"]:
        if item["key"] == section:
            item["paragraphs"] = [{"id": f"{section}-1", "text": {"en": english}}]
            item["footnotes"] = []
    report_documents.save_document(path, document, version)


def test_the_demo_narrative_is_not_restated_by_generated_paragraphs(demo_path: Path, tmp_path: Path) -> None:
    found = _sections(demo_path, tmp_path)
    # the outcome 3 narrative names each of its resolutions and their work: no generated paragraph lists it again
    assert _generated(_outcome(found, 3)) == []
    assert sum(p.count("Greater Bamako") for p in _outcome(found, 3)) == 0  # the narrative says it in a footnote
    # an activity the outcome 1 narrative does not cite (under 2/2, which it never names) is still listed
    assert any("Support to country offices implementing slum upgrading" in p for p in _generated(_outcome(found, 1)))


def test_an_activity_whose_title_the_narrative_quotes_is_not_listed_again(demo_path: Path, tmp_path: Path) -> None:
    _only_narrative(demo_path, "outcome_3", "The urban safety monitor was developed with mayors and academia.")
    generated = _generated(_outcome(_sections(demo_path, tmp_path), 3))
    safety = next(p for p in generated if p.startswith("Under resolution 1/2"))
    assert "two activities were recorded" in safety
    assert "Knowledge-sharing and peer-learning events on urban safety" in safety
    assert "Urban safety monitor;" not in safety and not safety.endswith("Urban safety monitor.")
    # resolutions the narrative does not name keep all their activities
    assert any(p.startswith("Under resolution 1/5, ") for p in generated)


def test_a_narrative_naming_a_resolution_speaks_for_its_activities(demo_path: Path, tmp_path: Path) -> None:
    _only_narrative(
        demo_path, "outcome_3", "Under resolution 1/5, urban-rural linkages work went on in three countries."
    )
    generated = _generated(_outcome(_sections(demo_path, tmp_path), 3))
    assert not any(p.startswith("Under resolution 1/5") for p in generated)
    assert any(p.startswith("Under resolution 1/2, three activities were recorded") for p in generated)


def test_an_amount_the_narrative_prints_is_not_stated_again_in_the_funding_paragraphs(
    demo_path: Path, tmp_path: Path
) -> None:
    text = "\n".join(_outcome(_sections(demo_path, tmp_path), 5))
    assert "Resources mobilized: resolution 2/6" in text and "$24 million allocated" not in text
    assert "$900,000 secured" not in text  # the narrative's footnote prints it
    for document in report_documents.list_documents(demo_path):  # without the narrative, the data states them
        report_documents.delete_document(demo_path, document.symbol)
    text = "\n".join(_outcome(_sections(demo_path, tmp_path), 5))
    assert "$24 million allocated" in text and "$900,000 secured" in text
