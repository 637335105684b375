"""Setting text for PDFs: bidi runs that read back in logical order, wrapping that keeps every character and fits."""

from __future__ import annotations

from bidi.algorithm import MIRRORED
from hypothesis import given, settings
from hypothesis import strategies as st

from habitat_desktop.reports.bidi_text import display, shape, visual_runs
from habitat_desktop.reports.line_setter import LineSetter, Piece
from habitat_desktop.reports.text_block import wrap_pieces

MIXED = st.text(alphabet=st.sampled_from(list("abc XYZ 0123/().,-") + list("مكتب الأمم المتحدة") + list("人居署")),
                max_size=60)


def _logical(line: str, rtl: bool) -> str:
    runs = sorted(visual_runs(line, rtl), key=lambda r: r.start)
    return "".join("".join(MIRRORED.get(c, c) for c in r.text[::-1]) if r.rtl else r.text for r in runs)


@given(MIXED, st.booleans())
def test_runs_put_back_in_reading_order_give_the_line(line: str, rtl: bool) -> None:
    assert _logical(line, rtl) == line


def test_arabic_display_order_keeps_numbers_and_symbols_readable() -> None:
    runs = visual_runs("القرار 2/7", True)
    assert [r.text for r in runs if not r.rtl] == ["2/7"]
    assert display("(24)", True) == "(24)"  # brackets mirrored around a number in a right-to-left line
    assert shape("موئل") != "موئل" and shape("UN-Habitat") == "UN-Habitat"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["housing", "土地", "السكن", "Жилье", "2/7", "x" * 40, " ", "。", "，"]),
                max_size=40), st.sampled_from(["ar", "zh", "en"]), st.integers(min_value=40, max_value=300))
def test_wrapping_keeps_every_character_and_fits(parts: list[str], language: str, width: int) -> None:
    setter = LineSetter(language)
    text = shape("".join(parts))
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
