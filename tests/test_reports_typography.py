"""UN editorial typography in the PDFs: black headings, justified body text in every script, no widows or orphans,
"（草案）" kept whole, embedded values isolated line after line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextLine

from habitat_desktop.reports.bidi_order import display, isolate
from habitat_desktop.reports.document import BODY, HEADING, Metadata, Story, build_pdf, content_width
from habitat_desktop.reports.line_setter import LineSetter, Piece
from habitat_desktop.reports.text_block import TextBlock, lines_before_break, wrap_pieces

LONG = {
    "en": "The strategic plan provides a clear framework for implementing the resolutions adopted by the Assembly. "
    * 6,
    "ar": "توفر الخطة الاستراتيجية إطاراً واضحاً لتنفيذ القرارات التي اتخذتها جمعية الأمم المتحدة للموئل. " * 6,
    "zh": "战略计划为执行联合国人居大会通过的各项决议提供了明确框架，并推动住房、土地和基本服务。" * 6,
    "ru": "Стратегический план обеспечивает четкую основу для осуществления резолюций, принятых Ассамблеей. " * 6,
}


def _page_lines(source: bytes) -> list[tuple[float, float, float, str]]:
    """Text lines of the first page as (top, x_min, x_max, text), top to bottom."""
    found = []
    for page in extract_pages(io.BytesIO(source), page_numbers=[0]):
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTTextLine):
                chars = [c for c in item if isinstance(c, LTChar) and c.get_text().strip()]
                if chars:
                    found.append((-item.y1, min(c.x0 for c in chars), max(c.x1 for c in chars), item.get_text()))
            elif hasattr(item, "__iter__"):
                stack.extend(item)
    return sorted(found)


def _paragraph_pdf(language: str) -> bytes:
    setter = LineSetter(language)
    story = Story(setter, content_width("a4"))
    story.heading("Heading" if language == "en" else LONG[language][:12])
    story.text(LONG[language])
    output = io.BytesIO()
    build_pdf(output, story.items, setter, Metadata("t", "s", "a", language, ""))
    return output.getvalue()


@pytest.mark.parametrize("language", ["en", "ar", "zh", "ru"])
def test_body_text_is_justified_but_for_its_last_line(language: str) -> None:
    source = _paragraph_pdf(language)
    lines = _page_lines(source)[1:-1]  # the paragraph's lines: not the heading above, nor the page footer below
    left, right = min(line[1] for line in lines), max(line[2] for line in lines)
    reaching = [line[1] < left + 1 and line[2] > right - 1 for line in lines]
    assert len(lines) >= 4 and all(reaching[:-1]), (language, lines)  # every line but the last fills the measure
    assert not reaching[-1]


def test_headings_are_black() -> None:
    source = _paragraph_pdf("en")
    colours: set[tuple[float, ...]] = set()
    for page in extract_pages(io.BytesIO(source), page_numbers=[0]):
        stack = list(page)
        while stack:
            item = stack.pop()
            if isinstance(item, LTChar) and item.size > BODY.size + 1:
                colour = item.graphicstate.ncolor
                colours.add(tuple(colour) if isinstance(colour, (list, tuple)) else (float(colour or 0),))
            elif hasattr(item, "__iter__"):
                stack.extend(item)
    assert HEADING.color == (0.0, 0.0, 0.0)
    assert colours and all(not any(channel) for channel in colours)  # black in any colour space


def test_a_page_break_never_leaves_one_line_of_a_paragraph_alone() -> None:
    assert lines_before_break(1, 10) == 0  # no orphan: the paragraph goes to the next page
    assert lines_before_break(9, 10) == 8  # no widow: two lines go over
    assert lines_before_break(2, 3) == 0 and lines_before_break(5, 5) == 5
    setter = LineSetter("en")
    block = TextBlock(setter, LONG["en"], BODY)
    _width, height = block.wrap(300, 10_000)
    total = len(block.lines)
    assert block.split(300, BODY.leading * 1.5) == []
    first, rest = block.split(300, height - BODY.leading * 0.5)
    assert len(first.lines) == total - 2 and len(rest.lines) == 2


def test_a_short_bracketed_chinese_note_never_splits() -> None:
    setter = LineSetter("zh")
    text = "全球贫民窟改造出版物（草案）和城市更新技术准则（草案）已分发给各国家办事处。" * 2
    full = setter.width(text, 10)
    for width in range(40, int(full) + 20, 4):
        lines = ["".join(p.text for p in line) for line in wrap_pieces(setter, [Piece(text)], width, 10)]
        assert "".join(lines) == text
        for line in lines:
            assert not line.endswith(("（", "（草", "（草案")) and not line.startswith(("案）", "）", "草案）")), line


def test_french_spaces_and_no_break_spaces_never_end_a_line() -> None:
    setter = LineSetter("fr")
    text = (
        "Au titre de la résolution 2/6 (« Localisation des objectifs ») : Cours « Villes et objectifs » ; "
        "24\u00a0millions de dollars alloués à 30 programmes communs ; 50\u202f000 manifestations. "
    ) * 3
    full = setter.width(text, 10)
    for width in range(150, int(full) + 20, 3):  # wider than any word with its glued spaces
        lines = ["".join(p.text for p in line) for line in wrap_pieces(setter, [Piece(text)], width, 10)]
        assert " ".join(lines).split() == text.split()  # no-break spaces are kept as they are
        for line in lines:
            assert not line.endswith(("«", "24", "50")), line
            assert not line.startswith(("»", ":", ";", "millions", "000")), line


def test_an_isolated_value_broken_over_lines_keeps_its_punctuation_on_each() -> None:
    setter = LineSetter("ar")
    title = "Global publication on slum upgrading (draft), phase 2."
    text = "نشر " + isolate(title) + " [بالإنجليزية]"
    lines = wrap_pieces(setter, [Piece(text)], 120, 10)
    assert len(lines) >= 3
    shown = [display("".join(p.text for p in line), True) for line in lines]
    for line in shown:  # every part of the title is displayed left to right, its brackets and commas in place
        assert ")," not in line[:2] and not line.startswith(","), shown
    assert any("(draft)," in line for line in shown), shown


def test_the_bundled_body_faces_are_serif_song_and_naskh() -> None:
    from habitat_desktop.reports import fonts

    names = {family: Path(fonts.face(family).path).name for family in fonts.FAMILIES}
    assert names == {
        "latin": "NotoSerif-Regular.ttf",
        "arabic": "NotoNaskhArabic-Regular.ttf",
        "cjk": "NotoSerifSC-Regular.ttf",
    }
