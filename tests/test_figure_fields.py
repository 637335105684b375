"""Live figure fields in the report document: filled from the data in each language's UN form, following the data,
and refused (naming the paragraph) when unknown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import docx
import pytest

from habitat_desktop.cli import main
from habitat_desktop.services import report_documents
from habitat_desktop.services.reports import ReportOptions, generate_report
from tests.pdf_inspection import pdf_text, squeezed

FIELD_PARAGRAPH = {
    "id": "introduction-figures",
    "text": {
        "en": "Allocated under 2/6: {{funding:allocated resolution=2/6}}; secured under 1/5: "
        "{{funding:secured resolution=1/5}}; activities under 2/6: {{count:activities resolution=2/6}}.",
        "zh": "第 2/6 号决议项下已分配 {{funding:allocated resolution=2/6}}，第 1/5 号决议项下已获得 "
        "{{funding:secured resolution=1/5}}。",
        "ar": "خُصص في إطار القرار 2/6 مبلغ {{funding:allocated resolution=2/6}}.",
    },
}


def _with_paragraph(path: Path, paragraph: dict[str, Any]) -> None:
    loaded = report_documents.load_document(path)
    assert loaded is not None
    document, version = loaded
    document["sections"][0]["paragraphs"].insert(0, paragraph)
    report_documents.save_document(path, document, version)


def _docx_text(path: Path, language: str, out: Path) -> str:
    target = out / f"progress-{language}.docx"
    options = ReportOptions(output_format="docx")
    written = generate_report(path, "progress", language, target, options).files[language]
    return "\n".join(p.text for p in docx.Document(str(written)).paragraphs)


def test_a_field_prints_the_amount_in_each_languages_un_style(demo_path: Path, tmp_path: Path) -> None:
    _with_paragraph(demo_path, FIELD_PARAGRAPH)
    english = _docx_text(demo_path, "en", tmp_path)
    assert "Allocated under 2/6: $24 million; secured under 1/5: $900,000; activities under 2/6: " in english
    chinese = _docx_text(demo_path, "zh", tmp_path)
    assert "第 2/6 号决议项下已分配 2 400 万美元，第 1/5 号决议项下已获得 90 万美元。" in chinese
    assert "{{" not in english + chinese
    pdf = tmp_path / "progress-zh.pdf"
    assert main(["report", str(demo_path), "--kind", "progress", "--lang", "zh", "-o", str(pdf)]) == 0
    printed = squeezed(pdf_text(pdf))
    assert "第2/6号决议项下已分配2400万美元" in printed and "第1/5号决议项下已获得90万美元" in printed


def test_the_demo_documents_figures_come_from_the_data(demo_path: Path, tmp_path: Path) -> None:
    loaded = report_documents.load_document(demo_path)
    assert loaded is not None
    texts = json.dumps(loaded[0], ensure_ascii=False)
    assert texts.count("{{funding:allocated resolution=2/6}}") == 6
    assert texts.count("{{funding:secured resolution=1/5}}") == 6
    english = _docx_text(demo_path, "en", tmp_path)
    assert "$24 million was allocated to 30 joint programmes" in english
    arabic = _docx_text(demo_path, "ar", tmp_path)
    assert "خُصص مبلغ 24 مليون دولار لصالح 30 برنامجا" in arabic


@pytest.mark.parametrize(
    ("language", "allocation", "secured"),
    [
        ("en", "$24 million", "$900,000"),
        ("fr", "24 millions de dollars", "900\u202f000 dollars"),
        ("es", "24 millones de dólares", "900.000 dólares"),
        ("ru", "24 млн долл. США", "900\u00a0000 долл. США"),
        ("zh", "2 400 万美元", "90 万美元"),
        ("ar", "24 مليون دولار", "900,000 دولار"),
    ],
)
def test_the_demo_documents_amounts_print_in_each_languages_un_style(
    demo_path: Path, tmp_path: Path, language: str, allocation: str, secured: str
) -> None:
    target = tmp_path / f"progress-{language}.docx"
    options = ReportOptions(output_format="docx")
    written = generate_report(demo_path, "progress", language, target, options).files[language]
    document = docx.Document(str(written))
    body = "\n".join(p.text for p in document.paragraphs)
    assert allocation in body
    notes = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/footnotes"))
    assert secured in notes.blob.decode("utf-8")


def _activity_count(text: str) -> int:
    sentence = text.split("activities under 2/6: ", 1)[1]
    return int(sentence.split(".", 1)[0])


def test_changing_the_data_changes_the_printed_figure(demo_path: Path, tmp_path: Path) -> None:
    _with_paragraph(demo_path, FIELD_PARAGRAPH)
    before = _activity_count(_docx_text(demo_path, "en", tmp_path))
    added = {
        "office": "HQ",
        "resolutions": ["2/6"],
        "outcomes": [2],
        "title": "A further SDG localization workshop",
        "status": "planned",
        "language": "en",
    }
    source = tmp_path / "more.jsonl"
    source.write_text(json.dumps(added) + "\n", encoding="utf-8")
    assert main(["activities", "import", str(demo_path), str(source)]) == 0
    assert _activity_count(_docx_text(demo_path, "en", tmp_path)) == before + 1


@pytest.mark.parametrize(
    ("field", "reason"),
    [
        ("{{count:activitys}}", "count:activities"),
        ("{{fundng:allocated}}", "not a known figure"),
        ("{{count:activities colour=red}}", "not a filter"),
        ("{{funding:allocated resolution=two}}", "resolution"),
    ],
)
def test_an_unknown_field_is_refused_naming_the_paragraph(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, reason: str
) -> None:
    loaded = report_documents.load_document(demo_path)
    assert loaded is not None
    document = loaded[0]
    outcome_2 = next(s for s in document["sections"] if s["key"] == "outcome_2")
    paragraph = next(p for p in outcome_2["paragraphs"] if p["id"] == "outcome_2-13")
    paragraph["text"]["zh"] += field
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert main(["documents", "import", str(demo_path), str(source)]) != 0
    error = capsys.readouterr().err
    assert "paragraphs[" in error and ".text.zh" in error and "“outcome_2-13”" in error, error
    assert reason in error, error
    stored = report_documents.load_document(demo_path)
    assert stored is not None and field not in json.dumps(stored[0], ensure_ascii=False)
