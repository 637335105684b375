"""Money, numbers and dates in each language's own form, readable in the direction that language runs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.l10n.formatting import format_date, format_money, format_money_compact, format_number


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
