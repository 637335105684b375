"""Justified Arabic lines lengthened with kashidas at the places the common rules give, which copy as typed."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTChar
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from habitat_desktop.reports.kashida import TATWEEL, best_place
from habitat_desktop.reports.line_setter import LineSetter, Piece
from habitat_desktop.reports.text_block import wrap_pieces
from habitat_desktop.services import demo
from habitat_desktop.services.reports import generate_report

PARAGRAPH = (
    "يعمل برنامج الأمم المتحدة للمستوطنات البشرية مع الحكومات والسلطات المحلية على تخطيط المدن والمستوطنات "
    "البشرية وتحسين السكن والخدمات الأساسية، ويدعم تنفيذ قرارات جمعية الأمم المتحدة للمستوطنات البشرية. "
) * 3
MEASURE, LEFT, SIZE = 380.0, 100.0, 11.0


def _justified_paragraph() -> tuple[bytes, int]:
    setter = LineSetter("ar")
    lines = wrap_pieces(setter, [Piece(PARAGRAPH)], MEASURE, SIZE)
    output = io.BytesIO()
    canvas = Canvas(output)
    for number, line in enumerate(lines):
        setter.draw(canvas, line, LEFT, 780 - 20 * number, MEASURE, SIZE, justify=number < len(lines) - 1)
    canvas.save()
    return output.getvalue(), len(lines)


def _lines_of_glyphs(source: bytes, leading: float = 20.0) -> list[list[LTChar]]:
    """The drawn glyphs of the first page by line (marks sit above or below the baseline), top to bottom."""
    rows: dict[int, list[LTChar]] = {}
    stack = list(next(extract_pages(io.BytesIO(source))))[::-1]
    while stack:  # in the order drawn
        item = stack.pop()
        if isinstance(item, LTChar):
            rows.setdefault(round(item.matrix[5] / leading), []).append(item)
        elif hasattr(item, "__iter__"):
            stack.extend(list(item)[::-1])
    return [rows[y] for y in sorted(rows, reverse=True)]


def _kashidas(glyphs: list[LTChar]) -> int:
    """Kashidas drawn: stretches of glyphs with an advance that stand for no text (tatweels), in drawing order."""
    drawn = "".join("k" if not glyph.get_text() and glyph.width > 0.5 else "." for glyph in glyphs)
    return len(re.findall("k+", drawn))


def test_the_best_place_for_a_kashida_follows_the_common_priorities() -> None:
    assert best_place("السكن") == (3, 1)  # after the seen: السـكن
    assert best_place("المتحدة") == (5, 2)  # before the final taa marbuta: المتحـدة
    assert best_place("مكتب") == (3, 4)  # before another final letter: مكتـب
    assert best_place("مُدُن") == (2, 2)  # after the meem's damma, before the dal: مُـدُن
    assert best_place("لا") is None  # lam-alef is one ligature
    assert best_place("الأمم") == (4, 4)  # never between the lam and the alef
    assert best_place("دار") is None  # dal and alef join no letter after them
    assert best_place("UN") is None


def test_a_justified_arabic_line_fills_the_measure_partly_with_kashidas() -> None:
    source, count = _justified_paragraph()
    rows = _lines_of_glyphs(source)
    assert len(rows) == count >= 4
    for row in rows[:-1]:  # every line but the last reaches both ends of the measure
        assert min(glyph.x0 for glyph in row) == pytest.approx(LEFT, abs=0.3)
        assert max(glyph.x1 for glyph in row) == pytest.approx(LEFT + MEASURE, abs=0.3)
    words_per_line = len(PARAGRAPH.split()) / count
    lengthened = [_kashidas(row) for row in rows[:-1]]
    assert sum(lengthened) > 0  # kashidas share the space left with the spaces
    assert all(n <= words_per_line for n in lengthened)  # not on every word
    assert _kashidas(rows[-1]) == 0  # the last line is not justified


def test_kashidas_are_not_in_the_text_copied(tmp_path: Path) -> None:
    source, _count = _justified_paragraph()
    path = tmp_path / "kashida.pdf"
    path.write_bytes(source)
    readers = [PdfReader(io.BytesIO(source)).pages[0].extract_text(), extract_text(path)]
    if shutil.which("pdftotext"):
        readers.append(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
    typed = [word.strip("،.") for word in PARAGRAPH.split()]
    for text in readers:
        assert TATWEEL not in text
        words = [word.strip("،.") for word in re.sub("[\u202a-\u202e\u200e\u200f]", "", text).split()]
        assert [word for word in words if word] == typed  # every word whole, in order: no space at a kashida


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_the_arabic_progress_report_has_kashidas_but_copies_as_typed(tmp_path: Path) -> None:
    workspace = tmp_path / "demo.habitat"
    demo.create_demo(workspace).close()
    pdf = generate_report(workspace, "progress", "ar", tmp_path / "progress-ar.pdf").files["ar"]
    assert sum(_kashidas(row) for row in _lines_of_glyphs(pdf.read_bytes(), 1.0)) > 0
    for text in (
        "\n".join(page.extract_text() for page in PdfReader(pdf).pages),
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout,
    ):
        assert TATWEEL not in text  # the demo's Arabic has no tatweel typed
        assert "الأمم المتحدة" in text
