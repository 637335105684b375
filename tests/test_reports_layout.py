"""Setting text for PDFs: bidi runs that read back in logical order, wrapping that keeps every character and fits."""

from __future__ import annotations

import io
import unicodedata

import pytest
from bidi import get_display
from bidi.algorithm import MIRRORED
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar
from pypdf import PdfReader
from reportlab.graphics.shapes import Drawing, String
from reportlab.pdfgen.canvas import Canvas

from habitat_desktop.reports import fonts
from habitat_desktop.reports.arabic_shaping import shape_run
from habitat_desktop.reports.bidi_fast import fast_runs
from habitat_desktop.reports.bidi_order import (
    ISOLATES,
    display,
    full_levels,
    full_runs,
    isolate,
    sorted_by_display,
    visual_runs,
)
from habitat_desktop.reports.document import BODY, Metadata, Story, build_pdf, content_width
from habitat_desktop.reports.line_setter import LineSetter, Piece
from habitat_desktop.reports.text_block import wrap_pieces
from tests.pdf_inspection import normalized

MIXED = st.text(
    alphabet=st.sampled_from(list("abc XYZ 0123/().,-") + list("مكتب الأمم المتحدة") + list("人居署") + [*ISOLATES]),
    max_size=60,
)


def _logical(line: str, rtl: bool) -> str:
    runs = sorted(visual_runs(line, rtl), key=lambda r: r.start)
    return "".join("".join(MIRRORED.get(c, c) for c in r.text[::-1]) if r.rtl else r.text for r in runs)


@given(MIXED, st.booleans())
def test_runs_put_back_in_reading_order_give_the_line(line: str, rtl: bool) -> None:
    visible = "".join(c for c in line if c not in ISOLATES)  # isolate controls order the line; they are not drawn
    assert "".join(c for c in _logical(line, rtl) if c not in ISOLATES) == visible


def test_arabic_display_order_keeps_numbers_and_symbols_readable() -> None:
    runs = visual_runs("القرار 2/7", True)
    assert [r.text for r in runs if not r.rtl] == ["2/7"]
    assert display("(24)", True) == "(24)"  # brackets mirrored around a number in a right-to-left line


# The cases of issue 16, in display order (left to right) as UAX #9 orders them: brackets stay around the Latin text
# they enclose (rule N0), the comma after "para. 5" stays after it, an isolated symbol keeps its neighbours in place.
BIDI_CASES = [
    ("اتفاق مع الجماعة (SADC) وغيره", "هريغو (SADC) ةعامجلا عم قافتا"),
    (
        "نشر (Global publication on slum upgrading (draft)) [بالإنجليزية]",
        "[ةيزيلجنإلاب] (Global publication on slum upgrading (draft)) رشن",
    ),
    ("Community (SADC) تعاون", "نواعت Community (SADC)"),
    ("انظر para. 5، وكذلك", "كلذكو ،para. 5 رظنا"),
    ("الفقرة 5.", ".5 ةرقفلا"),
    ("القرار " + isolate("HSP/HA.2/Res.7") + "، الفقرة 3.", ".3 ةرقفلا ،HSP/HA.2/Res.7 رارقلا"),
    ("المسار " + isolate("/home/user/نسخ/demo.habitat") + " محفوظ", "ظوفحم /home/user/خسن/demo.habitat راسملا"),
]


@pytest.mark.parametrize(("line", "shown"), BIDI_CASES)
def test_brackets_punctuation_and_isolated_values_are_ordered_as_uax9_orders_them(line: str, shown: str) -> None:
    assert display(line, True) == shown
    unmirrored = "".join(line[i] for i in sorted_by_display(full_levels(line, True)) if line[i] not in ISOLATES)
    assert "".join(c for c in get_display(line, base_dir="R") if c not in ISOLATES) == unmirrored  # python-bidi


def test_arabic_is_shaped_by_the_fonts_own_rules() -> None:
    arabic = fonts.face("arabic").name
    isolated = [shape_run(letter, arabic, True)[0].char for letter in "مدن"]
    joined = shape_run("مدن", arabic, True)
    assert len(joined) == 3 and joined[-1].char != isolated[0]  # the initial meem is another glyph than the isolated
    marked = shape_run("مُدُن", arabic, True)
    marks = [glyph for glyph in marked if glyph.advance == 0]
    assert len(marks) == 2 and all(glyph.dy > 0.05 for glyph in marks)  # both dammas raised above their letters
    assert marks[0].dx != marks[1].dx  # each placed on its own letter (GPOS mark-to-base), not at one default spot
    lam_alef = shape_run("لا", arabic, True)
    assert sum(glyph.advance for glyph in lam_alef) < sum(shape_run(c, arabic, True)[0].advance for c in "لا")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["housing", "土地", "السكن", "Жилье", "2/7", "x" * 40, " ", "。", "，"]), max_size=40),
    st.sampled_from(["ar", "zh", "en"]),
    st.integers(min_value=40, max_value=300),
)
def test_wrapping_keeps_every_character_and_fits(parts: list[str], language: str, width: int) -> None:
    setter = LineSetter(language)
    text = "".join(parts)
    lines = wrap_pieces(setter, [Piece(text)], width, 10)
    kept = "".join(p.text for line in lines for p in line)
    assert "".join(kept.split()) == "".join(text.split())
    for line in lines:
        body = "".join(p.text for p in line)
        assert setter.width(body, 10) <= width + 0.01 or len(body.strip()) <= 2


def test_chinese_breaks_between_characters_but_not_before_closing_punctuation() -> None:
    setter = LineSetter("zh")
    text = "联合国人居署支持各国执行决议，推动住房、土地和基本服务。" * 3
    lines = wrap_pieces(setter, [Piece(text)], 120, 10)
    assert len(lines) > 3
    assert not any("".join(p.text for p in line).startswith(("，", "。", "、")) for line in lines)


def test_a_note_marker_and_closing_punctuation_stay_with_the_word_they_follow() -> None:
    for language, words, end in (
        ("en", "upgrading projects " * 6, [Piece("(draft)"), Piece(".")]),
        ("zh", "支持国家办事处执行贫民窟改造和住房项目" * 2, [Piece("项目"), Piece("。")]),
    ):
        setter = LineSetter(language)
        pieces = [Piece(words), *end, Piece("12", sup=True)]
        full = setter.width("".join(p.text for p in pieces), 10)
        for width in range(60, int(full) + 40, 3):  # every place a line can end near the marker
            lines = wrap_pieces(setter, pieces, width, 10)
            for line in lines[1:]:
                assert not line[0].sup and line[0].text not in (".", "。"), (language, width, line)
            assert "".join(p.text for line in lines for p in line).replace(" ", "") == "".join(
                p.text for p in pieces
            ).replace(" ", "")


def test_drawn_text_reads_back_across_font_subsets_and_string_delimiters() -> None:
    """More than 256 distinct characters spread over several embedded subsets; brackets and backslashes escaped."""
    chinese = "".join(sorted(c for c in fonts.face("cjk").coverage if "\u4e00" <= c <= "\u9fff")[:300])
    lines = [r"(a\b) 2/7 ((" + chinese[:150], chinese[150:], "مكتب (الأمم) المتحدة", "Жилье \\ )"]
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for number, line in enumerate(lines):
        setter = LineSetter("ar" if number == 2 else "zh")
        setter.draw(canvas, [Piece(line)], 20, 800 - 30 * number, 3000, 6)
    canvas.save()
    text = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    read = "".join(unicodedata.normalize("NFKC", text).split())
    for line in (lines[0], lines[1], lines[3]):
        assert "".join(line.split()) in read
    assert "الأمم" in read


BIDI_TEXT = st.text(
    alphabet=st.sampled_from(
        [
            *"مكتب الأمم abc XYZ 0123 ٠١٢ שלום",
            *"+-,./:%$#()[]«»!?",
            "\u064e",
            "\u0651",
            "\u00a0",
            "\u200f",
            "\u200e",
            "\u061c",
            *ISOLATES,
        ]
    ),
    max_size=60,
)


@settings(max_examples=300)
@given(BIDI_TEXT, st.booleans())
def test_the_bidi_algorithm_orders_lines_as_python_bidi_does(line: str, rtl: bool) -> None:
    """The complete algorithm gives python-bidi's order (the Rust unicode-bidi crate, which leaves brackets
    unmirrored); the short path, taken by every line of reports, gives the complete one's runs."""
    levels = full_levels(line, rtl)
    ours = "".join(line[i] for i in sorted_by_display(levels) if line[i] not in ISOLATES)
    theirs = "".join(c for c in get_display(line, base_dir="R" if rtl else "L") if c not in ISOLATES)
    assert ours == theirs
    fast = fast_runs(line, rtl)
    assert fast == full_runs(line, rtl) or (not line and fast is None)


def _heading_after_filler(filler_lines: int, chart: bool = False) -> list[str]:
    """Each page's text of a story: paragraphs filling part of the first page, then a heading and a long
    paragraph (numbered words, to tell which lines went where), or a chart with a caption."""
    setter = LineSetter("en")
    story = Story(setter, content_width("a4"))
    for _index in range(filler_lines):
        story.text("Filler line.", BODY.but(space_after=0))
    story.heading("The heading", label="IV.")
    if chart:
        story.add(Drawing(300, 200, String(10, 100, "Chart caption")))
    story.text(" ".join(f"w{index}" for index in range(400)))
    output = io.BytesIO()
    build_pdf(output, story.items, setter, Metadata("Headings", "Headings", "UN-Habitat", "en", "TEST"))
    return [normalized(page.extract_text()) for page in PdfReader(output).pages]


def test_a_heading_starts_its_long_paragraph_on_the_same_page_instead_of_leaving_a_blank_stretch() -> None:
    room = _heading_after_filler(40)  # about ten lines left on the first page
    assert "The heading" in room[0] and "w0" in room[0]
    assert "w399" in room[-1] and "w0" not in room[1]


def test_a_heading_never_ends_a_page_without_the_first_lines_of_its_text() -> None:
    crowded = _heading_after_filler(45)  # room for the heading and one line of its text
    assert "The heading" not in crowded[0] and "w0" not in crowded[0]
    assert crowded[1].index("The heading") < crowded[1].index("w0 w1")


def test_a_heading_goes_over_the_page_with_a_chart_that_does_not_fit_below_it() -> None:
    pages = _heading_after_filler(40, chart=True)
    assert "The heading" not in pages[0]
    assert pages[1].index("The heading") < pages[1].index("Chart caption") < pages[1].index("w0 w1")


def test_no_chinese_line_starts_with_closing_punctuation_after_an_isolated_title_nor_ends_with_an_opening_one() -> None:
    setter = LineSetter("zh")
    pieces = [
        Piece("联合国气候变化框架公约缔约方大会第二十九届会议期间的城市化和气候变化部长级会议；"),
        Piece(isolate("下一代打造可持续的城市韧性（SURGe）倡议")),
        Piece("。"),
        Piece("18", sup=True),
        Piece("世界城市论坛第十二届会议（2024年，开罗）与合作伙伴举行的会议。"),
    ]
    full = setter.width("".join(p.text for p in pieces), 10)
    for width in range(60, int(full) + 20, 2):  # every place a line can end
        lines = ["".join(p.text for p in line).strip(ISOLATES) for line in wrap_pieces(setter, pieces, width, 10)]
        for line in lines[1:]:
            assert not line.startswith(("。", "18")), (width, lines)
        for line in lines[:-1]:
            assert not line.endswith("（"), (width, lines)


def test_a_chinese_line_that_would_be_spaced_out_stays_ragged() -> None:
    """A justified Chinese line far shorter than the measure (before a URL that cannot break) is not letter-spaced
    to fill it; one a little short is."""
    reached = []
    for text in (
        "局提交的决议执行情况报告，以及人居署在线决议跟踪系统（网址：",
        "联合国人居署支持各国执行决议，推动住房、土地和基本服务",
    ):
        buffer = io.BytesIO()
        canvas = Canvas(buffer)
        setter = LineSetter("zh")
        measure = setter.width(text, 10) * 1.04 if reached else 430.0
        setter.draw(canvas, [Piece(text)], 50, 700, measure, 10, justify=True)
        canvas.save()
        page = next(extract_pages(io.BytesIO(buffer.getvalue())))
        right = max(char.x1 for box in page for line in box for char in line if isinstance(char, LTChar))
        reached.append(right > 50 + measure * 0.99)
    assert reached == [False, True]


def test_a_long_compound_may_break_at_its_hyphen_but_a_short_one_never() -> None:
    """Hyphenation-free, but a line may end at a compound's own hyphen ("информационно-|пропагандистской"), so a
    justified line is not left half empty; "ООН-Хабитат" stays whole."""
    setter = LineSetter("ru")
    text = "партнерств и коалиций, а также в информационно-пропагандистской деятельности ООН-Хабитат " * 3
    broken = set()
    for width in range(200, 420, 3):  # the compound fits on a line
        lines = ["".join(p.text for p in line) for line in wrap_pieces(setter, [Piece(text)], width, 10)]
        assert "".join("".join(lines).split()) == "".join(text.split())
        broken |= {line.rsplit(" ", 1)[-1] for line in lines[:-1]}
    assert "информационно-" in broken
    assert "ООН-" not in broken
