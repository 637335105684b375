"""Chinese sets Arabic numerals against Han with no typed space ("自2024年12月1日起"), none beside full-width
punctuation and none after a note marker: a typed space stretches with justification and lets a line break inside
"12月1日". The money form keeps its space before 万/亿 ("2 400 万美元", as UN Chinese documents write amounts)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from habitat_desktop.l10n import use_language
from habitat_desktop.reports import wording as w
from habitat_desktop.resources import resource_path
from habitat_desktop.services.reports import generate_report
from tests.pdf_inspection import pdf_text

_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_FULL_WIDTH = "（）《》「」『』【】，。、；：！？“”"
_STRAY = re.compile(
    rf"[0-9] (?=[{_HAN}])(?![万亿])|[{_HAN}] (?=[0-9])|[{_FULL_WIDTH}] |(?<=\S) [{_FULL_WIDTH}]|\] (?=[{_HAN}])"
)
_FOOTNOTE_LABEL = re.compile(r"^(?:[0-9]{1,2}|[一二三四五六七八九十]+、) ")  # a note's or heading's label, set apart


def _stray(text: str) -> list[str]:
    return [text[max(0, m.start() - 8) : m.end() + 8] for m in _STRAY.finditer(text)]


def test_the_demo_chinese_progress_report_has_no_stray_spaces(demo_path: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "progress-zh.pdf"
    generate_report(demo_path, "progress", "zh", pdf)
    lines = [_FOOTNOTE_LABEL.sub("", line) for line in pdf_text(pdf).splitlines()]
    found = [hit for line in lines for hit in _stray(line)]
    assert not found, found
    flat = "".join(lines)
    assert "2025年5月26日至28日" in flat and "第1页，共" in flat
    amounts = re.findall(r"[0-9][0-9 ]* ?万美元", flat)
    assert amounts and all(amount.endswith(" 万美元") for amount in amounts), amounts  # one money form throughout


def _chinese(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [t for k, v in node.items() for t in ([v] if k == "zh" and isinstance(v, str) else _chinese(v))]
        zh = node.get("zh")
        return found + ([t for t in zh.values() if isinstance(t, str)] if isinstance(zh, dict) else [])
    if isinstance(node, list):
        return [t for item in node for t in _chinese(item)]
    return []


@pytest.mark.parametrize("name", ["progress_document.json", "demo.json"])
def test_the_demo_chinese_texts_type_no_stray_spaces(name: str) -> None:
    with resource_path("demo", name).open(encoding="utf-8") as file:
        texts = _chinese(json.load(file))
    assert texts
    found = [hit for text in texts for hit in _stray(text)]
    assert not found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("自 2024 年 12 月 1 日起", "自2024年12月1日起"),
        ("（ 2024 年，开罗）", "（2024年，开罗）"),
        ("报告， 以及", "报告，以及"),
        ("已分配 2 400 万美元", "已分配2 400 万美元"),
        ("由HQ记录", "由 HQ 记录"),
    ],
)
def test_chinese_spacing_of_filled_messages(text: str, expected: str) -> None:
    with use_language("zh"):
        assert w.spaced(text) == expected
