"""The reports read as whole sentences in each language: grammar, dates and money as UN documents write them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from habitat_desktop.l10n import use_language
from habitat_desktop.reports import wording as w
from habitat_desktop.reports.options import ReportOptions
from habitat_desktop.services import demo, report_documents
from habitat_desktop.services.reports import generate_report
from tests.pdf_inspection import normalized, pdf_text, squeezed

LATIN_AND_CYRILLIC = ("en", "fr", "es", "ru")


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    """The demo's progress report and fact sheet 2/7 in five languages (Arabic text is read from the catalogs in
    test_wording_plurals: its PDF text is not yet extracted in logical order)."""
    folder = tmp_path_factory.mktemp("wording")
    workspace = folder / "demo.habitat"
    demo.create_demo(workspace).close()
    for document in report_documents.list_documents(workspace):  # the sentences made from the data are read
        report_documents.delete_document(workspace, document.symbol)
    # a document of particulars only, its date left empty: the masthead prints the day of printing
    particulars = folder / "particulars.json"
    particulars.write_text(json.dumps({"symbol": "HSP/OECPR.2026/4", "date": ""}), encoding="utf-8")
    report_documents.import_document(workspace, particulars)
    issued = dt.date(2026, 12, 5)
    made: dict[tuple[str, str], str] = {}
    for kind, options in (
        ("progress", ReportOptions(issued=issued)),
        ("resolution", ReportOptions(resolution="2/7", issued=issued)),
    ):
        for language in (*LATIN_AND_CYRILLIC, "zh"):
            path: Path = folder / f"{kind}-{language}.pdf"
            generate_report(workspace, kind, language, path, options)
            made[(kind, language)] = pdf_text(path)
    return made


EXPECTED = {
    "en": [
        "5 December 2026",
        "Progress in the implementation of the resolutions of the United Nations Habitat Assembly",
        "through the strategic plan for the period 2026–2029",
        "Under resolution 2/2, four activities were recorded (one ongoing, one completed and two stalled):",
        "It sets out one strategic priority, Access to adequate housing, land and basic services for all, and five "
        "outcomes:",
        "recorded by nine offices.",
        "The strategic priority is directly supported by resolutions 2/2 on",
        "($24 million allocated)",  # an allocation to joint programmes, not money "mobilized and received"
        # a series takes figures throughout once one number is ten or more
        "Of the 54 activities recorded, 1 is planned, 15 are ongoing, 33 are completed and 5 are stalled.",
    ],
    "fr": [
        "5 décembre 2026",
        "résolutions de l’Assemblée des Nations Unies pour l’habitat au moyen du plan stratégique pour la période",
        # each activity once per section: the two shared with 2/2 are cited under 2/2
        "Au titre de la résolution 2/7, 2 activités ont été enregistrées (1 prévue et 1 achevée)",
        "24 millions de dollars alloués",
    ],
    "es": [
        "5 de diciembre de 2026",
        "En relación con la resolución 2/7, se registraron 2 actividades (1 prevista y 1 completada)",
        "24 millones de dólares asignados",
    ],
    "ru": [
        "Distr.: General 5 December 2026 Russian Original: English",  # as the official Russian versions print it
        "Ход осуществления резолюций Ассамблеи Организации Объединенных Наций по населенным пунктам",
        "посредством стратегического плана на 2026–2029 годы",
        "В рамках резолюции 2/2 зарегистрировано 4 мероприятия (1 осуществляемое, 1 завершенное и 2 приостановленных)",
        "принятых Ассамблеей Организации Объединенных Наций по населенным пунктам",
        "непосредственно поддерживается резолюциями 2/2",
        "выделено 24 млн долл. США",
    ],
}
# The errors the issue reported, which must not come back.
REFUSED = {
    "en": ["December 5, 2026", "$24M", "Assembly of the United Nations Human Settlements Programme"],
    "fr": ["1 prévues", "et 1 autres", "M $US"],
    "es": ["1 previstas", "MUS$"],
    "ru": ["резолюций Ассамблея", "В рамках резолюция", "посредством Стратегический план", "2026 г."],
}


@pytest.mark.parametrize("language", LATIN_AND_CYRILLIC)
def test_progress_report_sentences_are_grammatical(texts: dict[tuple[str, str], str], language: str) -> None:
    text = normalized(texts[("progress", language)].replace("\u202f", " ").replace("\u00a0", " "))
    for expected in EXPECTED[language]:
        assert normalized(expected) in text, f"{language}: {expected!r}"
    for refused in REFUSED[language]:
        assert refused not in text, f"{language}: {refused!r}"


def test_chinese_progress_report_reads_as_un_chinese(texts: dict[tuple[str, str], str]) -> None:
    text = texts[("progress", "zh")]
    flat = normalized(text)
    assert "Distr.: General 5 December 2026 Chinese Original: English" in flat  # as HSP/OECPR.2025/4 in Chinese
    for expected in [
        "根据第2/2号决议，记录了四项活动（一项正在进行、一项已完成和两项停滞）",  # words for one to nine, 两
        "第2/2号决议第6和7段",  # no typed space beside a numeral
        "以及五项成果：",
        "已分配 2 400 万美元",
        "办事处：联合国人居署总部",  # offices by name, never by code
    ]:
        assert squeezed(expected) in squeezed(text), expected
    for refused in ["1和停滞", "第 6和7 段", "US$"]:
        assert refused not in flat, refused
    assert "（已分配" in text and "(已分配" not in text  # full-width brackets (NFKC would fold them)
    assert squeezed("联合国人类住区规划署联合国人居大会") not in squeezed(text)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "was adopted by the United Nations Habitat Assembly at its second session, in 2023."),
        ("fr", "a été adoptée par l’Assemblée des Nations Unies pour l’habitat à sa deuxième session, en 2023."),
        ("es", "en su segundo período de sesiones, en 2023."),
        ("ru", "на ее второй сессии в 2023 году."),
        ("zh", "由联合国人居大会第二届会议于2023年通过。"),
    ],
)
def test_fact_sheet_names_the_session_in_words(texts: dict[tuple[str, str], str], language: str, expected: str) -> None:
    text = texts[("resolution", language)]
    if language == "zh":
        assert squeezed(expected) in squeezed(text)
    else:
        assert normalized(expected) in normalized(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("记录了 4 项活动", "记录了4项活动"),
        ("由HQ和ROAF记录。", "由 HQ 和 ROAF 记录。"),
        ("第 6和7 段", "第6和7段"),
        ("（ 4 项）", "（4项）"),  # no space beside full-width punctuation
    ],
)
def test_chinese_spacing_between_numerals_and_han(text: str, expected: str) -> None:
    with use_language("zh"):
        assert w.spaced(text) == expected
    with use_language("fr"):
        assert w.spaced(text) == text


@pytest.mark.parametrize(
    ("language", "n", "expected"),
    [("en", 4, "four"), ("en", 12, "12"), ("zh", 2, "两"), ("zh", 5, "五"), ("fr", 4, "4")],
)
def test_small_counts_in_words_where_the_language_writes_them(language: str, n: int, expected: str) -> None:
    with use_language(language):
        assert w.count_in_text(n) == expected


def test_english_lists_have_no_serial_comma() -> None:
    with use_language("en"):
        assert w.joined(["HQ", "KEN", "ROAF"]) == "HQ, KEN and ROAF"
