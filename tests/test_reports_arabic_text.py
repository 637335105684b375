"""Arabic in the PDFs as readers and indexers get it: the letters typed, in reading order, with three extractors;
characters no bundled font has printed visibly and reported; the ReportLab internals the line setter needs."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from habitat_desktop.reports import fonts
from habitat_desktop.reports import reportlab_adapter as rl
from habitat_desktop.reports.document import BODY, Metadata, Story, build_pdf, content_width
from habitat_desktop.reports.line_setter import LineSetter, Piece
from habitat_desktop.services import demo, report_documents
from habitat_desktop.services.reports import ReportOptions, generate_report
from tests.pdf_inspection import fonts as pdf_fonts

PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
UNITED_NATIONS = "الأمم المتحدة"


@pytest.fixture(scope="module")
def arabic_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("arabic")
    workspace = folder / "demo.habitat"
    demo.create_demo(workspace).close()
    issued = dt.date(2025, 3, 3)
    made = {}
    for kind, options in (
        ("progress", ReportOptions(issued=issued)),
        ("resolution", ReportOptions(resolution="2/6", issued=issued)),
        ("office", ReportOptions(office="HQ", issued=issued)),
    ):
        made[kind] = generate_report(workspace, kind, "ar", folder / f"{kind}-ar.pdf", options).files["ar"]
    return made


def _pypdf(path: Path | bytes) -> str:
    reader = PdfReader(io.BytesIO(path) if isinstance(path, bytes) else path)
    return "\n".join(page.extract_text() for page in reader.pages)


def _pdftotext(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub("[\u202a-\u202e\u200e\u200f]", "", text)  # the direction marks poppler adds around runs


def test_the_arabic_progress_report_is_searchable_with_pypdf_and_pdfminer(arabic_reports: dict[str, Path]) -> None:
    for text in (_pypdf(arabic_reports["progress"]), extract_text(arabic_reports["progress"])):
        assert UNITED_NATIONS in text
        assert "موئل الأمم المتحدة" in text
        assert not PRESENTATION_FORMS.search(text)  # base letters, as typed


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_arabic_reports_are_searchable_with_pdftotext(arabic_reports: dict[str, Path]) -> None:
    for kind, path in arabic_reports.items():
        text = _pdftotext(path)
        assert "الصفحة" in text, kind
        assert not PRESENTATION_FORMS.search(text), kind
    assert UNITED_NATIONS in _pdftotext(arabic_reports["progress"])


def test_every_arabic_page_footer_reads_page_x_of_y(arabic_reports: dict[str, Path]) -> None:
    for path in arabic_reports.values():
        reader = PdfReader(path)
        for number, page in enumerate(reader.pages, start=1):
            last = page.extract_text().strip().splitlines()[-1]
            assert last == f"الصفحة {number} من {len(reader.pages)}", (path.name, last)


def _drawn(language: str, lines: list[str]) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    setter = LineSetter(language)
    for number, line in enumerate(lines):
        setter.draw(canvas, [Piece(line)], 40, 780 - 24 * number, 500, 11)
    canvas.save()
    return buffer.getvalue()


def test_brackets_around_latin_text_in_arabic_come_back_in_logical_order() -> None:
    lines = [
        "شركاء: الجماعة الإنمائية للجنوب الأفريقي (SADC) وغيرها",
        "نشر (Global publication on slum upgrading (draft)) [بالإنجليزية]",
        "انظر para. 5، وكذلك الفقرة 6.",
    ]
    text = _pypdf(_drawn("ar", lines))
    for line in lines:
        assert line in text


def test_vowel_marks_and_lam_alef_extract_as_typed() -> None:
    words = "مُدُن الأمم لا إلى"
    data = _drawn("ar", [words])
    assert words in _pypdf(data)
    assert words in extract_text(io.BytesIO(data))


def test_a_character_no_font_has_prints_as_a_visible_replacement_and_is_reported(tmp_path: Path) -> None:
    setter = LineSetter("en")
    story = Story(setter, content_width("a4"))
    story.text("Housing 🏠 and a private character \ue000 here.", BODY)
    path = tmp_path / "emoji.pdf"
    build_pdf(path, story.items, setter, Metadata("t", "s", "a", "en", "HDR"))
    assert setter.missing == {"🏠", "\ue000"}
    text = _pypdf(path)
    assert "Housing \ufffd and a private character \ufffd here." in text
    used = pdf_fonts(path)
    assert all("\ufffd" not in font.missing for font in used.values())  # drawn with a real glyph, not a blank


def test_the_report_service_says_which_characters_it_could_not_print(tmp_path: Path) -> None:
    workspace = tmp_path / "demo.habitat"
    demo.create_demo(workspace).close()
    clean = generate_report(workspace, "progress", "en", tmp_path / "clean.pdf", ReportOptions())
    assert clean.warnings == ()
    # The option's symbol is printed only when the workspace holds no report document, so drop the demo's.
    assert report_documents.delete_document(workspace, "HSP/OECPR.2025/4")
    options = ReportOptions(document_symbol="HSP/🏠/1")
    result = generate_report(workspace, "progress", "en", tmp_path / "emoji.pdf", options)
    assert len(result.warnings) == 1 and "U+1F3E0" in result.warnings[0]


def test_the_reportlab_internals_the_line_setter_needs_are_there() -> None:
    for family in fonts.FAMILIES:
        for bold in (False, True):
            assert rl.check(fonts.face(family, bold).name) == []


def test_the_internals_check_fails_loudly_when_reportlab_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    original = Canvas.__init__

    def without_code(self: Canvas, *args: object, **kwargs: object) -> None:
        original(self, *args, **kwargs)  # type: ignore[arg-type]
        del self._code

    monkeypatch.setattr(Canvas, "__init__", without_code)
    assert "Canvas._code" in rl.check(fonts.face("latin").name)


def test_the_frame_internals_footnotes_and_headings_need_are_there(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.platypus import Frame

    assert rl.check_frames() == []
    original = Frame._geom

    def renamed(self: Frame) -> None:
        original(self)
        self._foot = self.__dict__.pop("_y1p")

    monkeypatch.setattr(Frame, "_geom", renamed)  # a ReportLab that renamed the foot
    assert "Frame._y1p" in rl.check_frames()


@pytest.mark.parametrize("output", ["file", "-"])
def test_habitat_report_says_which_characters_it_printed_as_a_replacement(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes], output: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from habitat_desktop import cli
    from tests.merge_support import add_activity, office_workspace

    workspace = office_workspace(tmp_path / "ken.habitat", "KEN")
    add_activity(workspace, "Housing 🏠 for all \ue000")
    monkeypatch.chdir(tmp_path)
    target = str(tmp_path / "office.pdf") if output == "file" else "-"
    capsysbinary.readouterr()
    code = cli.main(["report", str(workspace), "--kind", "office", "--office", "KEN", "--lang", "en", "-o", target])
    said = capsysbinary.readouterr().err.decode("utf-8")
    assert code == 0, said
    assert "U+1F3E0 U+E000" in said and "\ufffd" in said  # said on standard error, the PDF alone on standard output
