"""The demo progress document (HSP/OECPR.2025/4) is well formed in six languages and states the real report's facts."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from habitat_desktop.resources import resource_path

LANGUAGES = {"en", "fr", "es", "ru", "zh", "ar"}
SECTIONS = [
    "introduction",
    "strategic_priority",
    "outcome_1",
    "outcome_2",
    "outcome_3",
    "outcome_4",
    "outcome_5",
    "conclusion",
]
REFERENCE = re.compile(r"\[\^([^\]]+)\]")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    with resource_path("demo", "progress_document.json").open(encoding="utf-8") as file:
        loaded: dict[str, Any] = json.load(file)
    return loaded


def _texts(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Every human text object (keyed by language) in the document, with where it is."""
    if isinstance(node, dict):
        if node and set(node) <= LANGUAGES and all(isinstance(v, str) for v in node.values()):
            yield where, node
            return
        for key, value in node.items():
            yield from _texts(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{where}[{index}]")


def _section(document: dict[str, Any], key: str) -> dict[str, Any]:
    return next(s for s in document["sections"] if s["key"] == key)


# The figures the demo document's fields print from the demo's funding records (as the report fills them).
FILLED = {
    "zh": {"{{funding:allocated resolution=2/6}}": "2 400 万美元", "{{funding:secured resolution=1/5}}": "90 万美元"},
    "en": {"{{funding:allocated resolution=2/6}}": "$24 million", "{{funding:secured resolution=1/5}}": "$900,000"},
}


def _filled(text: str, language: str) -> str:
    for field, figure in FILLED.get(language, {}).items():
        text = text.replace(field, figure)
    return text


def _all_text(document: dict[str, Any], language: str) -> str:
    return _filled("\n".join(text[language] for _, text in _texts(document)), language)


def _section_text(document: dict[str, Any], key: str, language: str) -> str:
    section = _section(document, key)
    return _filled("\n".join(item["text"][language] for item in section["paragraphs"] + section["footnotes"]), language)


def test_metadata_is_the_real_documents(document: dict[str, Any]) -> None:
    assert document["kind"] == "progress"
    assert document["symbol"] == "HSP/OECPR.2025/4"
    assert document["date"] == "2025-03-03"
    assert document["distribution"] == "general"
    assert document["original_language"] == "en"
    assert (document["meeting"]["start"], document["meeting"]["end"]) == ("2025-05-26", "2025-05-28")
    assert document["meeting"]["place"]["zh"] == "内罗毕"
    assert document["agenda_item"]["number"] == "5"
    assert document["agenda_item"]["footnote"]["en"] == "HSP/OECPR.2025/1."
    assert document["agenda_item"]["footnote"]["zh"] == "HSP/OECPR.2025/1。"
    assert document["author"]["en"] == "Report of the Executive Director"
    assert "2026–2029" in document["title"]["zh"]
    assert document["meeting"]["body"]["zh"] == "联合国人类住区规划署常驻代表委员会"


def test_every_text_has_all_six_languages(document: dict[str, Any]) -> None:
    texts = list(_texts(document))
    assert len(texts) == 65  # 8 metadata texts, 8 headings, 34 paragraphs, 15 footnotes
    for where, text in texts:
        assert set(text) == LANGUAGES, where
        filled = {language for language, value in text.items() if value.strip()}
        # Only the subtitle may be left empty, and then in every language alike.
        assert filled == LANGUAGES or (not filled and where == "/subtitle"), where


def test_sections_are_the_reports_eight_chapters_in_order(document: dict[str, Any]) -> None:
    assert [s["key"] for s in document["sections"]] == SECTIONS
    ids = [p["id"] for s in document["sections"] for p in s["paragraphs"]]
    assert len(ids) == len(set(ids))
    for section in document["sections"]:
        for paragraph in section["paragraphs"]:
            assert paragraph["id"].startswith(section["key"] + "-")
            is_item = paragraph["id"][-1].isalpha()
            assert (paragraph.get("style") == "subparagraph") == is_item, paragraph["id"]
    assert sum(1 for p in _section(document, "introduction")["paragraphs"] if p.get("style")) == 5


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_footnote_references_resolve_within_their_section_in_order(document: dict[str, Any], language: str) -> None:
    count = 0
    for section in document["sections"]:
        notes = [note["id"] for note in section["footnotes"]]
        assert len(notes) == len(set(notes))
        cited = [ref for p in section["paragraphs"] for ref in REFERENCE.findall(p["text"][language])]
        # Every reference names a footnote of its own section; every footnote is cited once, in its order.
        assert cited == notes, (section["key"], language)
        for note in section["footnotes"]:
            assert not REFERENCE.search(note["text"][language])
        count += len(notes)
    assert count == 15


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_markup_is_only_italics_references_and_figures(document: dict[str, Any], language: str) -> None:
    for where, text in _texts(document):
        value = text[language]
        assert value.replace("\\*", "").count("*") % 2 == 0, where
        assert not re.search(r"</?[a-zA-Z]", value), where
        assert "[^" not in REFERENCE.sub("", value), where
        assert "\n" not in value, where


def test_chinese_states_the_reports_key_facts(document: dict[str, Any]) -> None:
    zh = _all_text(document, "zh")
    for fact in (
        "2 400 万美元",
        "90 万美元",
        "50 000",
        "180个国家",
        "2025年2月",
        "毕尔巴鄂",
        "特罗姆瑟",
        "纳库鲁",
        "大巴马科",
        "开罗",
        "上海大学",
        "第78/122号决议",
        "9月20日",
        "HSP/OECPR.2025/5",
        "第2/1号决定",
        "南部非洲发展共同体",
        "2024年12月",
        "斯洛伐克",
        "意大利",
        "“妇女领导的城市”",
        "“北京+30”",
        "利雅得",
        "内罗毕大学",
        "城市行动供资窗口",
        "联合国供资契约",
        "多边开发银行",
        "HSP/EB.2025/7",
    ):
        assert fact in zh, fact
    assert "乌干达，于2024年4月" in _section_text(document, "outcome_3", "zh")
    assert "2 400 万美元" in _section_text(document, "outcome_2", "zh")
    shanghai = next(n for n in _section(document, "outcome_5")["footnotes"] if "上海大学" in n["text"]["zh"])
    assert "90 万美元" in _filled(shanghai["text"]["zh"], "zh") and "谅解备忘录" in shanghai["text"]["zh"]


def test_english_states_the_reports_key_facts(document: dict[str, Any]) -> None:
    en = _all_text(document, "en")
    for fact in (
        "$24 million",
        "$900,000",
        "50,000 events",
        "180 countries",
        "February 2025",
        "Bilbao",
        "Tromsø",
        "Nakuru",
        "Greater Bamako",
        "Cairo",
        "Shanghai University",
        "resolution 78/122",
        "20 September",
        "HSP/OECPR.2025/5",
        "decision 2/1",
        "Southern African Development Community",
        "December 2024",
        "Slovakia",
        "Italy",
        "Women-led Cities",
        "Beijing+30",
        "Riyadh",
        "University of Nairobi",
        "Urban Action Funding Window",
        "Funding Compact",
        "multilateral development banks",
        "HSP/EB.2025/7",
    ):
        assert fact in en, fact
    assert "Uganda, where an expert group meeting was organized in April 2024" in _section_text(
        document, "outcome_3", "en"
    )
    assert "allocated to 30 joint programmes" in _section_text(document, "outcome_2", "en")


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_amounts_are_live_figures_of_the_data(document: dict[str, Any], language: str) -> None:
    """The allocation and the secured contribution are printed from the funding records (tests/test_figure_fields.py
    checks the figures printed in each language)."""
    allocation = next(p for p in _section(document, "outcome_2")["paragraphs"] if p["id"] == "outcome_2-13")
    secured = next(n for n in _section(document, "outcome_5")["footnotes"] if n["id"] == "fn-shanghai")
    assert "{{funding:allocated resolution=2/6}}" in allocation["text"][language]
    assert "{{funding:secured resolution=1/5}}" in secured["text"][language]


def test_arabic_figures_keep_their_digit_groups_together(document: dict[str, Any]) -> None:
    """In a right-to-left paragraph an ordinary space splits "900 000" into two numbers that the bidirectional
    algorithm lays out as "000 900"; a no-break space (a common separator) keeps the figure whole."""
    split = re.compile(r"\d \d{3}\b")
    with resource_path("demo", "demo.json").open(encoding="utf-8") as file:
        demo = json.load(file)
    arabic = [texts["ar"] for _where, texts in _texts(document)]
    arabic += [t for record in demo["activities"] + demo["resolution_statuses"] for t in _arabic(record)]
    assert [text for text in arabic if split.search(text)] == []


def _arabic(record: dict[str, Any]) -> list[str]:
    if record.get("language") == "ar":
        return [str(record.get(field) or "") for field in ("title", "description", "narrative")]
    return list(record.get("translations", {}).get("ar", {}).values())
