"""Dates, numbers, percentages and money in each language's own CLDR form (Babel)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from habitat_desktop.l10n.translation import _, current_language

_CURRENCY_NAMED = {"ar"}  # right-to-left: a Latin currency symbol would be split around its "$"
_BABEL_LOCALES = {"ar": "ar", "zh": "zh_Hans_CN", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}


def babel_locale(language: str | None = None) -> Locale:
    """The CLDR locale used to format for a language."""
    return _locale(language or current_language())


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(_BABEL_LOCALES[language])


def format_date(value: dt.date | None, *, style: str = "long", language: str | None = None) -> str:
    """A date as the language writes it ("3 mars 2025", "2025年3月3日"); empty when unknown."""
    if value is None:
        return ""
    return babel_dates.format_date(value, format=style, locale=babel_locale(language))


def format_datetime(value: dt.datetime, *, language: str | None = None) -> str:
    """A moment in the locale's medium form, in UTC (offices span time zones; UTC reads the same everywhere)."""
    moment = value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return babel_dates.format_datetime(moment, format="medium", tzinfo=dt.UTC, locale=babel_locale(language)) + " UTC"


def format_number(value: int | Decimal, *, language: str | None = None) -> str:
    """A number with the language's grouping and decimal separators."""
    if isinstance(value, int):  # counts and paragraph numbers, formatted again and again in reports
        return _format_count(value, language or current_language())
    return babel_numbers.format_decimal(value, locale=babel_locale(language))


@lru_cache(maxsize=4096)
def _format_count(value: int, language: str) -> str:
    return str(babel_numbers.format_decimal(value, locale=_locale(language)))


def format_percent(value: Decimal | float, *, language: str | None = None) -> str:
    """A ratio (0.25) as a percentage in the language's form."""
    return babel_numbers.format_percent(value, locale=babel_locale(language))


def format_money(amount: Decimal, currency: str, *, language: str | None = None) -> str:
    """An amount of money in full ("US$24,000,000.00"), in the language's form; Arabic names the currency
    ("24,000,000.00 دولار أمريكي"): a symbol such as "US$" inside right-to-left text is displayed as "$US"."""
    if (language or current_language()) in _CURRENCY_NAMED:
        return str(babel_numbers.format_currency(amount, currency, locale=babel_locale(language), format_type="name"))
    return babel_numbers.format_currency(amount, currency, locale=babel_locale(language))


def format_money_compact(amount: Decimal, currency: str, *, language: str | None = None) -> str:
    """A large amount in short form ("$24M", "24 M $US", "US$2400万", "24 مليون دولار أمريكي")."""
    if (language or current_language()) in _CURRENCY_NAMED:
        return _("{amount} {currency}").format(
            amount=babel_numbers.format_compact_decimal(amount, locale=babel_locale(language)),
            currency=babel_numbers.get_currency_name(currency, locale=babel_locale(language)),
        )
    return babel_numbers.format_compact_currency(amount, currency, locale=babel_locale(language))


def country_name(code: str, *, language: str | None = None) -> str:
    """A country's name (ISO 3166-1 alpha-2 code) in the language; the code itself when unknown."""
    return babel_locale(language).territories.get(code.upper(), code)


def currency_name(code: str, *, language: str | None = None) -> str:
    """A currency's name (ISO 4217) in the language."""
    return babel_numbers.get_currency_name(code, locale=babel_locale(language))
