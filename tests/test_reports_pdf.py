"""The three reports of the demo workspace in six languages, read back: localized text in logical order, fonts
embedded with a glyph for every character, metadata and bookmarks, Arabic laid out right to left, lines that fit."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import format_compact_decimal, get_currency_name
from pypdf import PdfReader

from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.l10n.formatting import babel_locale, format_money_compact, format_money_in_text
from habitat_desktop.reports.document import MARGIN
from habitat_desktop.services import demo, report_documents
from habitat_desktop.services.reports import ReportOptions, generate_report
from habitat_desktop.storage.catalog_loader import catalog_data
from tests.pdf_inspection import fonts, normalized, pdf_text, squeezed, words

KINDS = ("progress", "resolution", "office")
PAGE_WIDTH = 595.2756  # A4 in points


@pytest.fixture(scope="session")
def demo_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every report kind of the demo workspace in all six languages, generated once."""
    folder = tmp_path_factory.mktemp("reports")
    workspace = folder / "demo.habitat"
    demo.create_demo(workspace).close()
    if not report_documents.list_documents(workspace):  # the progress report prints its document's masthead
        report_documents.import_document(workspace, Path(__file__).parent / "data" / "progress_document.json")
    made: dict[tuple[str, str], Path] = {}
    issued = dt.date(2025, 3, 3)
    for kind, options in (
        ("progress", ReportOptions(issued=issued)),
        ("resolution", ReportOptions(resolution="2/6", issued=issued)),
        ("office", ReportOptions(office="HQ", issued=issued)),
    ):
        result = generate_report(workspace, kind, "all", folder / kind, options)
        made.update({(kind, language): path for language, path in result.files.items()})
    # the progress report made from the data alone: after a document's narrative, generated paragraphs list only
    # the activities it does not cite, and the demo's narrative cites nearly all
    data_only = folder / "data-only.habitat"
    shutil.copy(workspace, data_only)
    for document in report_documents.list_documents(data_only):
        report_documents.delete_document(data_only, document.symbol)
    result = generate_report(data_only, "progress", "all", folder / "progress-data", ReportOptions(issued=issued))
    made.update({("progress-data", language): path for language, path in result.files.items()})
    return made


def _framework() -> dict[str, dict[str, object]]:
    return catalog_data()[1]


def _title(symbol: str, language: str) -> str:
    return next(r["title"][language] for r in catalog_data()[0] if r["symbol"] == symbol)


def _24_million(language: str) -> str:
    """USD 24 million as the language writes it; Arabic PDFs name the currency (a "US$" would display as "$US")."""
    if language == "ar":
        locale = babel_locale("ar")
        return f"{format_compact_decimal(24_000_000, locale=locale)} {get_currency_name('USD', locale=locale)}"
    return format_money_compact(Decimal(24_000_000), "USD", language=language)


def _contains(text: str, expected: str, language: str) -> bool:
    if language == "zh":
        return squeezed(expected) in squeezed(text)
    return normalized(expected) in normalized(text)


def _contains_name(text: str, name: str, language: str) -> bool:
    """A name as a heading or running text gives it: after "Réalisation 2 :" French, Spanish and Russian headings (the
    report document's, as in the real report) start it in lower case."""
    return _contains(text, name, language) or _contains(text, name[:1].lower() + name[1:], language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_progress_report_speaks_the_language(demo_reports: dict[tuple[str, str], Path], language: str) -> None:
    text = pdf_text(demo_reports[("progress-data", language)])
    framework = _framework()
    programme = framework["programme"]
    assert isinstance(programme, dict)
    expected = [
        programme["short_name"][language],  # UN-Habitat's name in the language
        programme["name"][language],
        "2/7",
        _title("2/7", language),  # catalog titles in the language
        format_money_in_text(Decimal(24_000_000), "USD", language=language),  # "$24 million", in running text
    ]
    for value in expected:
        assert _contains(text, value, language), f"{language}: {value!r} not found in logical order"
    outcome = framework["outcomes"][1]["name"][language]  # type: ignore[index]
    assert _contains_name(text, outcome, language), f"{language}: {outcome!r} not found in logical order"


@pytest.mark.parametrize("language", LANGUAGES)
def test_fact_sheet_and_office_report_speak_the_language(
    demo_reports: dict[tuple[str, str], Path], language: str
) -> None:
    sheet = pdf_text(demo_reports[("resolution", language)])
    assert _contains(sheet, _title("2/6", language), language)
    assert _contains(sheet, _24_million(language), language)
    office = pdf_text(demo_reports[("office", language)])
    outcome = _framework()["outcomes"][1]["name"][language]  # type: ignore[index]
    assert _contains(office, outcome, language)
    assert _contains(office, _title("2/6", language), language)


def test_user_text_is_translated_where_a_translation_exists(demo_reports: dict[tuple[str, str], Path]) -> None:
    chinese = pdf_text(demo_reports[("progress-data", "zh")])
    assert squeezed("与南部非洲发展共同体和南非政府") in squeezed(chinese)  # activity.translations["zh"]
    spanish = pdf_text(demo_reports[("progress-data", "es")])
    assert "Establecimiento de la secretaría permanente" in normalized(spanish)  # entered in Spanish
    french = normalized(pdf_text(demo_reports[("progress-data", "fr")]))
    assert "Guide d’introduction aux liens entre zones urbaines et zones rurales et au foncier" in french
    english_title = "Primer on Urban-Rural Linkages and Land"
    assert english_title not in french  # the activity's English title is not printed
    # the English title in the document's report is its own French narrative citing an English-only publication
    # UN-style, by its English title with a French gloss
    french = normalized(pdf_text(demo_reports[("progress", "fr")]))
    assert french.count(english_title) == french.count(f"{english_title} (guide d’introduction") == 1


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_font_is_embedded_with_a_glyph_for_every_character(
    demo_reports: dict[tuple[str, str], Path], kind: str, language: str
) -> None:
    path = demo_reports[(kind, language)]
    used = fonts(path)
    drawn = set(pdf_text(path))
    assert used
    assert not drawn & {"\x00", "\ufffd"}, "a character was drawn without a glyph"
    for font in used.values():
        assert font.embedded, f"{font.name} is not embedded"
        assert not (font.missing & drawn), f"{font.name} has no glyph for {sorted(font.missing & drawn)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_metadata_bookmarks_and_page_numbers(demo_reports: dict[tuple[str, str], Path], language: str) -> None:
    reader = PdfReader(demo_reports[("progress", language)])
    assert reader.metadata is not None
    assert reader.metadata.title and reader.metadata.author == _framework()["programme"]["name"][language]  # type: ignore[index]
    assert reader.metadata.subject
    assert reader.trailer["/Root"]["/Lang"] == language
    entries = [item for item in reader.outline if not isinstance(item, list)]
    titles = [item.title for item in entries]
    targets = [reader.get_destination_page_number(item) for item in entries]
    assert targets == sorted(targets) and targets[-1] > 0  # each bookmark opens its own section's page
    assert len(titles) >= 8  # introduction, priority, five outcomes, resources, conclusion…
    assert any(_contains_name(t, _framework()["outcomes"][0]["name"][language], language) for t in titles)  # type: ignore[index]
    pages = len(reader.pages)
    last = normalized(reader.pages[-1].extract_text())
    assert str(pages) in last


def test_english_pages_say_page_x_of_y(demo_reports: dict[tuple[str, str], Path]) -> None:
    reader = PdfReader(demo_reports[("progress", "en")])
    total = len(reader.pages)
    assert f"Page 1 of {total}" in normalized(reader.pages[0].extract_text())
    assert f"Page {total} of {total}" in normalized(reader.pages[-1].extract_text())


def test_arabic_is_laid_out_right_to_left(demo_reports: dict[tuple[str, str], Path]) -> None:
    path = demo_reports[("progress", "ar")]
    right_edge = PAGE_WIDTH - MARGIN
    first_page = words(path, 1, 1)
    short_name = normalized(_framework()["programme"]["short_name"]["ar"])  # type: ignore[index]
    # the programme's short name sits on the right (start) side, ending at the right margin
    names = short_name.split()
    line = [w for w in first_page if w.text in names or w.text[::-1] in names]  # either order of the glyphs
    assert line and max(w.x_max for w in line) == pytest.approx(right_edge, abs=2)
    # the document symbol, on the end side, starts at the left margin
    symbol = next(w for w in first_page if w.text.startswith("HSP/OECPR"))
    assert symbol.x_min == pytest.approx(MARGIN, abs=2)
    english = words(demo_reports[("progress", "en")], 1, 1)
    assert next(w for w in english if w.text == "United").x_min == pytest.approx(MARGIN, abs=2)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("language", ["ar", "zh", "en", "ru"])
def test_every_line_fits_the_page(demo_reports: dict[tuple[str, str], Path], kind: str, language: str) -> None:
    """Chinese breaks between characters, long words break anywhere: nothing runs past the margins."""
    for word in words(demo_reports[(kind, language)]):
        assert word.x_min >= MARGIN - 1.5 and word.x_max <= PAGE_WIDTH - MARGIN + 1.5, word


def test_chinese_wraps_between_characters(demo_reports: dict[tuple[str, str], Path]) -> None:
    lines = [line for line in pdf_text(demo_reports[("progress", "zh")]).splitlines() if len(line) > 30]
    assert len(lines) > 20  # long lines of Chinese exist, yet all fit (see the margin test)


def test_chinese_sentences_follow_each_other_without_a_space(demo_reports: dict[tuple[str, str], Path]) -> None:
    text = pdf_text(demo_reports[("progress-data", "zh")])
    assert "。资料来源：" in text  # a note's sentences
    assert not re.findall("..[。！？] ..", text)


_PARTICULARS = {  # the masthead's lines as the official versions print them (HSP/OECPR.2025/4 in Chinese)
    "en": ["Distr.: General", "3 March 2025", "Original: English"],
    "fr": ["Distr. générale", "3 mars 2025", "Français", "Original\u202f: anglais"],
    "es": ["Distr. general", "3 de marzo de 2025", "Español", "Original: inglés"],
    "ru": ["Distr.: General", "3 March 2025", "Russian", "Original: English"],
    "zh": ["Distr.: General", "3 March 2025", "Chinese", "Original: English"],
    "ar": ["Distr.: General", "3 March 2025", "Arabic", "Original: English"],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_masthead_particulars_read_as_in_the_official_version(
    demo_reports: dict[tuple[str, str], Path], language: str
) -> None:
    """Arabic, Chinese and Russian versions keep "Distr.: General / 3 March 2025 / Chinese / Original: English"
    in English; French and Spanish translate them, the language's name capitalized as a line of its own."""
    first_page = PdfReader(demo_reports[("progress", language)]).pages[0].extract_text()
    lines = [line.strip().strip("\u2068\u2069") for line in first_page.splitlines()]
    for expected in _PARTICULARS[language]:
        assert expected in lines, f"{language}: {expected!r} not a line of the masthead"


def test_the_arabic_masthead_prints_the_english_date_day_first(demo_reports: dict[tuple[str, str], Path]) -> None:
    """The English date in a right-to-left masthead is isolated: "3 March 2025" reads day first on the page."""
    on_page = words(demo_reports[("progress", "ar")], 1, 1)
    march = next(word for word in on_page if word.text == "March")
    day = next(word for word in on_page if word.text == "3" and abs(word.y_min - march.y_min) < 2)
    assert day.x_max < march.x_min


@pytest.mark.parametrize(
    ("language", "marked", "misplaced"),
    [
        ("fr", r"logement\d+\.", r"logement\.\d"),  # French: the marker before the full stop
        ("es", r"vivienda\d+\.", r"vivienda\.\d"),
        ("en", r"Goals”\.\d+", r"Goals”\d+\."),  # English: after it
    ],
)
def test_a_note_marker_stands_on_the_languages_side_of_the_full_stop(
    demo_reports: dict[tuple[str, str], Path], language: str, marked: str, misplaced: str
) -> None:
    text = normalized(pdf_text(demo_reports[("progress", language)])).replace("\u2068", "").replace("\u2069", "")
    assert re.search(marked, text) and not re.search(misplaced, text)


def test_footnotes_name_offices_never_their_codes(demo_reports: dict[tuple[str, str], Path]) -> None:
    english = normalized(pdf_text(demo_reports[("progress", "en")]))
    assert "Office: UN-Habitat Headquarters." in english and "Country: South Africa." in english
    assert "recorded by HQ" not in english and "by ROAF" not in english


def test_a_number_grouped_with_spaces_keeps_its_groups_in_order_in_arabic(
    demo_reports: dict[tuple[str, str], Path],
) -> None:
    """ "أكثر من 50 000 حدث": typed with a plain space, which in right-to-left text would put "000" first; held
    together with a no-break space, "50" stands left of "000" on the page."""
    path = demo_reports[("progress", "ar")]
    pages = len(PdfReader(path).pages)
    on_pages = words(path, 1, pages)
    found = [
        (fifty, thousand)
        for fifty in on_pages
        if fifty.text.strip("\u00a0") == "50"
        for thousand in on_pages
        if thousand.text.strip("\u00a0") == "000"
        and thousand.page == fifty.page
        and abs(thousand.y_min - fifty.y_min) < 2
    ]
    assert found and all(fifty.x_max < thousand.x_min for fifty, thousand in found)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_running_head_starts_on_the_second_page(demo_reports: dict[tuple[str, str], Path], language: str) -> None:
    """UN documents print the symbol in the masthead of the first page and as a running head from page 2 on."""
    pages = PdfReader(demo_reports[("progress", language)]).pages
    symbol = "HSP/OECPR.2025/4"
    assert pages[0].extract_text().count(symbol) == 1  # the masthead's
    assert symbol in pages[1].extract_text()


def test_the_chinese_agenda_item_carries_its_asterisk_where_the_official_version_does(
    demo_reports: dict[tuple[str, str], Path],
) -> None:
    first_page = squeezed(PdfReader(demo_reports[("progress", "zh")]).pages[0].extract_text())
    assert "临时议程*项目5" in first_page  # as HSP/OECPR.2025/4 in Chinese, not "临时议程项目5*"
    assert "provisionalagenda*" in squeezed(PdfReader(demo_reports[("progress", "en")]).pages[0].extract_text())
