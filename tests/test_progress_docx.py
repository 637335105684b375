"""The progress report as a Word file and in Chinese: read back with python-docx, and the real report's key facts."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from pypdf import PdfReader

from habitat_desktop.cli import main
from habitat_desktop.services import report_documents
from habitat_desktop.services.reports import ReportOptions, generate_report
from tests.pdf_inspection import fonts, pdf_text, squeezed

FIXTURE = Path(__file__).parent / "data" / "progress_document.json"
DEMO_DOCUMENT = Path(__file__).parents[1] / "habitat_desktop" / "data" / "demo" / "progress_document.json"
KEY_FACTS_ZH = [
    "2025年5月26日至28日",
    "临时议程",
    "2400万美元",
    "90万美元",
    "50000",
    "180个国家",
    "毕尔巴鄂",
    "特罗姆瑟",
    "开罗",
    "上海大学",
    "纳库鲁",
    "大巴马科",
    "2025年2月",
    "乌干达",
    "2024年4月",
]


@pytest.fixture
def documented(demo_path: Path) -> Path:
    """The demo holding the test document (the demo's own, once it ships one, is tested below)."""
    for document in report_documents.list_documents(demo_path):
        report_documents.delete_document(demo_path, document.symbol)
    report_documents.import_document(demo_path, FIXTURE)
    return demo_path


def _docx(path: Path, language: str, out: Path) -> docx.document.Document:
    options = ReportOptions(output_format="docx")
    written = generate_report(path, "progress", language, out / f"progress-{language}.docx", options).files[language]
    return docx.Document(str(written))


def _footnotes_xml(document: docx.document.Document) -> str:
    part = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/footnotes"))
    return str(part.blob.decode("utf-8"))


def _all_text(document: docx.document.Document) -> str:
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join([*cells, *(p.text for p in document.paragraphs), _footnotes_xml(document)])


@pytest.mark.parametrize("language", ["zh"])
def test_the_chinese_report_gives_the_real_reports_key_facts(documented: Path, tmp_path: Path, language: str) -> None:
    pdf = generate_report(documented, "progress", language, tmp_path / "zh.pdf").files[language]
    in_pdf = squeezed(pdf_text(pdf))
    in_word = squeezed(_all_text(_docx(documented, language, tmp_path)))
    for fact in KEY_FACTS_ZH:
        assert fact in in_pdf, fact
        assert fact in in_word, fact


@pytest.mark.skipif(not DEMO_DOCUMENT.is_file(), reason="the demo's own document is not in this branch yet")
def test_the_demo_documents_chinese_report_gives_the_real_reports_key_facts(demo_path: Path, tmp_path: Path) -> None:
    pdf = generate_report(demo_path, "progress", "zh", tmp_path / "zh.pdf").files["zh"]
    in_pdf = squeezed(pdf_text(pdf))
    for fact in KEY_FACTS_ZH:
        assert fact in in_pdf, fact


def test_the_word_file_has_headings_numbering_footnotes_a_masthead_and_named_fonts(
    documented: Path, tmp_path: Path
) -> None:
    document = _docx(documented, "en", tmp_path)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "I.\tIntroduction" and headings[-1].endswith("Conclusion") and len(headings) == 8
    numbered = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(numbered) > 20 and {p._p.pPr.numPr.numId.val for p in numbered} == {90}
    references = document.element.body.findall(".//" + qn("w:footnoteReference"))
    notes = _footnotes_xml(document)
    assert len(references) >= 10 and notes.count("<w:footnote ") == len(references) + 2  # and the two separators
    assert "Shanghai University" in notes and "memorandum of understanding" in notes
    masthead = document.tables[0]
    assert "HSP/OECPR.2025/4" in masthead.cell(0, 1).text and "3 March 2025" in masthead.cell(0, 1).text
    assert "United Nations" in masthead.cell(0, 0).text
    fonts = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:rFonts"))
    assert fonts.get(qn("w:ascii")) == "Noto Serif" and fonts.get(qn("w:cs")) == "Noto Naskh Arabic"
    italic = [r.text for p in document.paragraphs for r in p.runs if r.italic]
    assert "Primer on Urban-Rural Linkages and Land" in italic


def test_the_arabic_word_file_runs_right_to_left_with_arabic_as_complex_script(
    documented: Path, tmp_path: Path
) -> None:
    document = _docx(documented, "ar", tmp_path)
    body = document.element.body
    assert body.find(qn("w:sectPr")).find(qn("w:bidi")) is not None
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert all(p._p.pPr is not None and p._p.pPr.find(qn("w:bidi")) is not None for p in paragraphs)
    assert all(r._r.rPr.find(qn("w:rtl")) is not None for p in paragraphs for r in p.runs)
    lang = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:bidi")) == "ar-SA"
    assert any("مقدمة" in p.text for p in paragraphs)


def test_the_chinese_word_file_sets_east_asian_fonts(documented: Path, tmp_path: Path) -> None:
    document = _docx(documented, "zh", tmp_path)
    defaults = document.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(".//" + qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Noto Serif SC" and fonts.get(qn("w:hint")) == "eastAsia"
    assert defaults.find(".//" + qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    heading = document.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert heading.get(qn("w:eastAsia")) == "Noto Sans SC"


def test_habitat_report_writes_one_word_file_per_language(documented: Path, tmp_path: Path) -> None:
    out = tmp_path / "all"
    assert (
        main(["report", str(documented), "--kind", "progress", "--lang", "all", "--format", "docx", "-o", str(out)])
        == 0
    )
    written = sorted(p.name for p in out.iterdir())
    assert written == [f"progress-{code}.docx" for code in sorted(["ar", "en", "es", "fr", "ru", "zh"])]
    for path in out.iterdir():
        assert docx.Document(str(path)).paragraphs


def test_a_document_that_is_not_there_is_refused(documented: Path, tmp_path: Path) -> None:
    code = main(
        [
            "report",
            str(documented),
            "--kind",
            "progress",
            "--document",
            "HSP/X/1",
            "--lang",
            "en",
            "-o",
            str(tmp_path / "x.pdf"),
        ]
    )
    assert code != 0 and not (tmp_path / "x.pdf").exists()


LIBREOFFICE_FACTS = {
    "zh": ("2025年5月26日至28日", "2400万美元", "90万美元", "上海大学", "毕尔巴鄂", "特罗姆瑟", "HSP/OECPR.2025/4"),
    "ar": ("نيروبي", "Local2030", "HSP/OECPR.2025/4", "HSP/EB.2025/7"),
}
LIBREOFFICE_FACES = {"zh": ("NotoSerifSC-Regular", "NotoSansSC-Bold"), "ar": ("NotoNaskhArabic-Regular",)}


def _bundled_fonts_config(tmp_path: Path) -> Path:
    """A fontconfig file adding the bundled fonts, as on a machine where the fonts the Word file names are
    installed."""
    fonts_dir = Path(__file__).parents[1] / "habitat_desktop" / "data" / "fonts"
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{fonts_dir}</dir><cachedir>{tmp_path / 'font-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return config


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("language", ["zh", "ar"])
def test_libreoffice_converts_the_word_file_with_its_facts_footnotes_and_fonts(
    demo_path: Path, tmp_path: Path, language: str
) -> None:
    """The demo document's Word file, converted headless to PDF by LibreOffice (which stops on a file it must
    repair): the text, the footnotes' text and the named fonts are all there."""
    _docx(demo_path, language, tmp_path)
    source = tmp_path / f"progress-{language}.docx"
    out = tmp_path / "libreoffice"
    environment = {**os.environ, "FONTCONFIG_FILE": str(_bundled_fonts_config(tmp_path))}
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        timeout=300,
        capture_output=True,
        env=environment,
    )
    pdf = out / f"progress-{language}.pdf"
    text = squeezed(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    for fact in LIBREOFFICE_FACTS[language]:
        assert fact in text, fact
    faces = {name.split("+")[-1] for name in fonts(pdf)}
    for face in LIBREOFFICE_FACES[language]:
        assert face in faces, faces
    pages = len(PdfReader(pdf).pages)
    assert 4 <= pages <= 14, pages


def test_the_arabic_word_files_masthead_keeps_its_english_particulars_left_to_right(
    documented: Path, tmp_path: Path
) -> None:
    """ "Distr.: General / 3 March 2025 / Arabic / Original: English" stay in English, as in the official Arabic
    version, in left-to-right paragraphs (a right-to-left one would show "March 2025 3")."""
    document = _docx(documented, "ar", tmp_path)
    cells = [p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    particulars = {p.text: p for p in cells if p.text in {"Distr.: General", "Arabic", "Original: English"}}
    assert set(particulars) == {"Distr.: General", "Arabic", "Original: English"}
    for paragraph in particulars.values():
        assert paragraph._p.pPr is None or paragraph._p.pPr.find(qn("w:bidi")) is None
