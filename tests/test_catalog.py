"""The shipped catalog: sixteen texts of the Assembly in six languages, aligned exactly as HSP/OECPR.2025/4 says."""

from __future__ import annotations

from pathlib import Path

import pytest

from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.services.catalog import list_resolutions
from habitat_desktop.storage.catalog_loader import catalog_data

REPORT = Path(__file__).resolve().parents[2] / "shared" / "reference" / "HSP-OECPR.2025-4.zh.txt"

# Paragraphs 4, 8, 12, 16 and 20 of the report: which resolutions directly and further support what.
EXPECTED_ALIGNMENT = {
    "priority": {"direct": {"2/2", "2/7"}, "further": {"2/8", "1/5", "2/4", "2/3"}},
    "outcome:1": {"direct": {"2/8"}, "further": {"2/5", "2/4"}},
    "outcome:2": {"direct": {"2/6"}, "further": {"1/4", "2/5"}},
    "outcome:3": {"direct": {"1/3", "2/1"}, "further": {"1/2", "1/5", "2/4", "2/5"}},
    "outcome:4": {"direct": {"2/3"}, "further": {"1/4", "1/5", "2/7", "2/9"}},
    "outcome:5": {"direct": set(), "further": set()},
}


def _texts(mapping: dict[str, str]) -> None:
    assert set(mapping) == set(LANGUAGES)
    assert all(value.strip() for value in mapping.values())


def test_sixteen_texts_with_symbols_and_titles_in_six_languages() -> None:
    resolutions, _framework = catalog_data()
    assert len(resolutions) == 16
    symbols = [(r["kind"], r["symbol"], r["document_symbol"]) for r in resolutions]
    assert ("resolution", "2/7", "HSP/HA.2/Res.7") in symbols
    assert ("decision", "2/1", "HSP/HA.2/Dec.1") in symbols
    assert {r["year"] for r in resolutions if r["session"] == 1} == {2019}
    assert {r["year"] for r in resolutions if r["session"] == 2} == {2023}
    for resolution in resolutions:
        _texts(resolution["title"])
        for paragraph in resolution.get("operative_paragraphs", []):
            _texts(paragraph["text"])


def test_alignment_is_exactly_what_the_report_states() -> None:
    found: dict[str, dict[str, set[str]]] = {t: {"direct": set(), "further": set()} for t in EXPECTED_ALIGNMENT}
    for view in list_resolutions(None, "en"):
        if view.kind != "resolution":
            continue
        if view.priority:
            found["priority"][view.priority].add(view.symbol)
        for number, level in view.outcomes.items():
            found[f"outcome:{number}"][level].add(view.symbol)
    assert found == EXPECTED_ALIGNMENT


@pytest.mark.skipif(not REPORT.exists(), reason="the shared reference folder is not beside the checkout")
def test_chinese_titles_are_worded_as_in_the_report() -> None:
    report = "".join(REPORT.read_text(encoding="utf-8").split())
    resolutions, _framework = catalog_data()
    cited = [r for r in resolutions if r["kind"] == "resolution" and r["symbol"] not in ("1/1",)]
    for resolution in cited:
        title = "".join(resolution["title"]["zh"].split())
        assert title in report, f"{resolution['symbol']}: {title}"


def test_framework_names_in_six_languages() -> None:
    _resolutions, framework = catalog_data()
    assert [o["number"] for o in framework["outcomes"]] == [1, 2, 3, 4, 5]
    for outcome in framework["outcomes"]:
        _texts(outcome["name"])
    assert framework["outcomes"][2]["name"]["zh"] == "知识、数据、数字化和能力发展"
    assert framework["strategic_priority"]["name"]["zh"] == "人人都有获得适当住房、土地和基本服务的机会"
    assert [d["code"] for d in framework["priority_domains"]] == ["housing", "land", "basic_services"]
    assert [a["code"] for a in framework["impact_areas"]] == ["poverty", "humanitarian_crises", "climate_change"]
    for group in ("priority_domains", "impact_areas"):
        for term in framework[group]:
            _texts(term["name"])
    _texts(framework["programme"]["name"])
