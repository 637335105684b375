"""Titles of publications: italic (Noto Serif Italic) in the Latin and Cyrillic PDFs; upright in Arabic and Chinese
script, a Chinese title between 《》."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest

from habitat_desktop.cli import main
from habitat_desktop.services import report_documents
from habitat_desktop.services.reports import ReportOptions, generate_report
from tests.pdf_inspection import fonts, pdf_text, squeezed


def _italic_faces(path: Path) -> list[str]:
    return [name for name in fonts(path) if "Italic" in name]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_narrative_with_italics_embeds_the_italic_face(demo_path: Path, tmp_path: Path, language: str) -> None:
    target = tmp_path / f"progress-{language}.pdf"
    assert main(["report", str(demo_path), "--kind", "progress", "--lang", language, "-o", str(target)]) == 0
    assert [name.split("+")[-1] for name in _italic_faces(target)] == ["NotoSerif-Italic"]
    assert all(use.embedded and not use.missing for use in fonts(target).values())


def _rewrite(path: Path, change: Any) -> None:
    loaded = report_documents.load_document(path)
    assert loaded is not None
    document, version = loaded
    for section in document["sections"]:
        for item in section["paragraphs"] + section["footnotes"]:
            item["text"] = {language: change(text) for language, text in item["text"].items()}
    report_documents.save_document(path, document, version)


def test_a_narrative_without_italics_embeds_no_italic_face(demo_path: Path, tmp_path: Path) -> None:
    _rewrite(demo_path, lambda text: text.replace("\\*", "").replace("*", ""))
    target = tmp_path / "progress-en.pdf"
    assert main(["report", str(demo_path), "--kind", "progress", "--lang", "en", "-o", str(target)]) == 0
    assert _italic_faces(target) == []


def test_a_chinese_title_prints_upright_between_title_marks(demo_path: Path, tmp_path: Path) -> None:
    loaded = report_documents.load_document(demo_path)
    assert loaded is not None
    document, version = loaded
    document["sections"][0]["paragraphs"].insert(
        0,
        {
            "id": "introduction-titles",
            "text": {
                "en": "See *The New Urban Agenda Illustrated*.",
                "zh": "见*新城市议程图解*和*The New Urban Agenda Illustrated*。",
                "ar": "انظر *الخطة الحضرية الجديدة مصورة* و*The New Urban Agenda Illustrated*.",
            },
        },
    )
    report_documents.save_document(demo_path, document, version)
    written = generate_report(
        demo_path, "progress", "zh", tmp_path / "zh.docx", ReportOptions(output_format="docx")
    ).files["zh"]
    paragraph = next(p for p in docx.Document(str(written)).paragraphs if "新城市议程图解" in p.text)
    assert "见《新城市议程图解》和The New Urban Agenda Illustrated。" in paragraph.text
    assert [r.text for r in paragraph.runs if r.italic] == ["The New Urban Agenda Illustrated"]
    pdf = tmp_path / "zh.pdf"
    assert main(["report", str(demo_path), "--kind", "progress", "--lang", "zh", "-o", str(pdf)]) == 0
    assert "见《新城市议程图解》和TheNewUrbanAgendaIllustrated。" in squeezed(pdf_text(pdf))
    written = generate_report(
        demo_path, "progress", "ar", tmp_path / "ar.docx", ReportOptions(output_format="docx")
    ).files["ar"]
    paragraph = next(p for p in docx.Document(str(written)).paragraphs if "مصورة" in p.text)
    assert [r.text for r in paragraph.runs if r.italic] == ["The New Urban Agenda Illustrated"]
