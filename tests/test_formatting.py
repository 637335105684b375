"""Money, numbers and dates in each language's own form, readable in the direction that language runs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from habitat_desktop.l10n import LANGUAGES, use_language
from habitat_desktop.l10n.formatting import (
    format_date,
    format_money,
    format_money_compact,
    format_money_in_text,
    format_number,
    format_percent_in_text,
    session_name,
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_amount_reads_in_every_language(language: str) -> None:
    full = format_money(Decimal("24000000.50"), "USD", language=language)
    short = format_money_compact(Decimal(24_000_000), "USD", language=language)
    assert "50" in full and "24" in full and "24" in short
    if language == "ar":  # "US$" in right-to-left text is displayed "$US": the currency is named
        assert "دولار أمريكي" in full and "دولار أمريكي" in short
        assert "$" not in full + short
    else:
        assert "$" in full and "$" in short


def test_numbers_and_dates_follow_the_locale() -> None:
    assert format_number(Decimal("1234.5"), language="fr").replace("\u202f", " ") == "1 234,5"
    assert format_number(1234, language="en") == "1,234"
    assert format_date(dt.date(2025, 3, 3), language="fr") == "3 mars 2025"
    assert format_date(dt.date(2025, 3, 3), language="zh") == "2025年3月3日"
    assert format_date(None) == ""


# UN documents' own forms (DGACM editorial manuals and the official language versions), per language.
UN_DATES = {
    "en": "5 December 2026",
    "fr": "5 décembre 2026",
    "es": "5 de diciembre de 2026",
    "ru": "5 декабря 2026 года",
    "zh": "2026年12月5日",
    "ar": "5 كانون الأول/ديسمبر 2026",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_dates_are_written_as_un_documents_write_them(language: str) -> None:
    assert format_date(dt.date(2026, 12, 5), language=language) == UN_DATES[language]


@pytest.mark.parametrize(
    ("month", "expected"),
    [(1, "كانون الثاني/يناير"), (6, "حزيران/يونيه"), (7, "تموز/يوليه"), (8, "آب/أغسطس"), (10, "تشرين الأول/أكتوبر")],
)
def test_arabic_months_pair_both_names(month: int, expected: str) -> None:
    assert format_date(dt.date(2025, month, 3), language="ar") == f"3 {expected} 2025"


def test_french_first_of_the_month_is_an_ordinal() -> None:
    assert format_date(dt.date(2026, 12, 1), language="fr") == "1er décembre 2026"


def test_english_table_dates_put_the_day_first() -> None:
    assert format_date(dt.date(2026, 12, 5), style="medium", language="en") == "5 Dec 2026"


def _plain(text: str) -> str:
    """Babel's no-break spaces (U+00A0, U+202F) as plain spaces, for comparing with the written forms."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


UN_MONEY = {  # USD in running text: 24 million, 900,000, 1.5 million, 2 billion
    "en": ("$24 million", "$900,000", "$1.5 million", "$2 billion"),
    "fr": ("24 millions de dollars", "900 000 dollars", "1,5 million de dollars", "2 milliards de dollars"),
    "es": ("24 millones de dólares", "900.000 dólares", "1,5 millones de dólares", "2 millardos de dólares"),
    "ru": ("24 млн долл. США", "900 000 долл. США", "1,5 млн долл. США", "2 млрд долл. США"),
    "zh": ("2 400 万美元", "90 万美元", "150 万美元", "20 亿美元"),
    "ar": ("24 مليون دولار", "900,000 دولار", "1.5 مليون دولار", "2 بليون دولار"),
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("amount", "index"),
    [(Decimal(24_000_000), 0), (Decimal(900_000), 1), (Decimal(1_500_000), 2), (Decimal(2_000_000_000), 3)],
)
def test_money_in_running_text_is_written_as_un_documents_write_it(language: str, amount: Decimal, index: int) -> None:
    assert _plain(format_money_in_text(amount, "USD", language=language)) == UN_MONEY[language][index]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "1 million de dollars"), ("es", "1 millón de dólares"), ("en", "$1 million")],
)
def test_one_million_is_singular(language: str, expected: str) -> None:
    assert format_money_in_text(Decimal(1_000_000), "USD", language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "EUR 3 million"), ("fr", "3 millions EUR"), ("ru", "3 млн EUR"), ("zh", "300 万 EUR")],
)
def test_other_currencies_carry_their_code(language: str, expected: str) -> None:
    assert format_money_in_text(Decimal(3_000_000), "EUR", language=language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "25 per cent"), ("fr", "25 %"), ("es", "25 %"), ("ru", "25 %"), ("zh", "25%"), ("ar", "25 في المائة")],
)
def test_percentages_in_running_text(language: str, expected: str) -> None:
    assert _plain(format_percent_in_text(Decimal("0.25"), language=language)) == expected
    assert _plain(format_percent_in_text(0.125, language="en")) == "12.5 per cent"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Second session"),
        ("fr", "Deuxième session"),
        ("es", "Segundo período de sesiones"),
        ("ru", "Вторая сессия"),
        ("zh", "第二届会议"),
        ("ar", "الدورة الثانية"),
    ],
)
def test_sessions_are_named_by_their_ordinal(language: str, expected: str) -> None:
    with use_language(language):
        assert session_name(2) == expected
        assert session_name("2", 2023).startswith(expected) and "2023" in session_name(2, 2023)


def test_a_session_past_the_fifth_is_named_by_its_number() -> None:
    with use_language("zh"):
        assert session_name(7) == "第 7 届会议"
