"""Dates, numbers, percentages and money in each language's CLDR form (Babel), or the UN's where it differs.

UN documents (DGACM editorial manuals) write dates and money in running text their own way in each language: "5 December
2026" (not CLDR English's "December 5, 2026"), "5 декабря 2026 года", "5 كانون الأول/ديسمبر 2026", "$24 million",
"24 millions de dollars", "24 млн долл. США", "2 400 万美元". Those rules live here, once; tables may keep
compact forms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from habitat_desktop.l10n.punctuation import compact_list
from habitat_desktop.l10n.translation import N_, _, current_language

_CURRENCY_NAMED = {"ar"}  # right-to-left: a Latin currency symbol would be split around its "$"
_BABEL_LOCALES = {"ar": "ar", "zh": "zh_Hans_CN", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}


def babel_locale(language: str | None = None) -> Locale:
    """The CLDR locale used to format for a language."""
    return _locale(language or current_language())


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(_BABEL_LOCALES[language])


# The UN's Arabic months pair the Levantine (Syriac) name with the Egyptian one.
_UN_ARABIC_MONTHS = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيه",
    "تموز/يوليه",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)
# Where the UN's long date differs from CLDR's: day first in English, "года" written out in Russian.
_UN_LONG_DATE = {"en": "d MMMM y", "ru": "d MMMM y 'года'"}
_UN_MEDIUM_DATE = {"en": "d MMM y"}  # CLDR English puts the month first ("Dec 5, 2026")


def format_date(value: dt.date | None, *, style: str = "long", language: str | None = None) -> str:
    """A date as UN documents in the language write it: "5 December 2026", "1er décembre 2026", "5 de diciembre de
    2026", "5 декабря 2026 года", "2026年12月5日", "5 كانون الأول/ديسمبر 2026"; empty when unknown.
    ``style="medium"`` is a compact form for tables ("5 Dec 2026")."""
    if value is None:
        return ""
    language = language or current_language()
    if style == "long":
        if language == "ar":
            return f"{value.day} {_UN_ARABIC_MONTHS[value.month - 1]} {value.year}"
        if language == "fr" and value.day == 1:  # "1er décembre 2026"
            return "1er " + babel_dates.format_date(value, format="MMMM y", locale=_locale(language))
        pattern = _UN_LONG_DATE.get(language, "long")
        return babel_dates.format_date(value, format=pattern, locale=_locale(language))
    if style == "medium":
        return babel_dates.format_date(value, format=_UN_MEDIUM_DATE.get(language, "medium"), locale=_locale(language))
    return babel_dates.format_date(value, format=style, locale=_locale(language))


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
    """A ratio (0.25) as a percentage in the language's compact form ("25%", "25 %"), for tables and charts."""
    return babel_numbers.format_percent(value, locale=babel_locale(language))


def format_percent_in_text(value: Decimal | float, *, language: str | None = None) -> str:
    """A ratio (0.25) as running text in UN documents writes it: "25 per cent", "25 %", "25 في المائة", "25%"."""
    language = language or current_language()
    number = babel_numbers.format_decimal(Decimal(str(value)) * 100, format="#,##0.#", locale=_locale(language))
    if language == "en":
        return f"{number} per cent"
    if language == "ar":
        return f"{number} في المائة"
    return babel_numbers.format_percent(value, locale=_locale(language))


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


# Running-text money for the United States dollar, the UN's "$": (under a million, millions, billions).
_USD_IN_TEXT = {
    "en": ("${amount}", "${amount} million", "${amount} billion"),
    "fr": ("{amount} dollars", "{amount} millions de dollars", "{amount} milliards de dollars"),
    "es": ("{amount} dólares", "{amount} millones de dólares", "{amount} millardos de dólares"),
    "ru": ("{amount} долл. США", "{amount} млн долл. США", "{amount} млрд долл. США"),
    "ar": ("{amount} دولار", "{amount} مليون دولار", "{amount} بليون دولار"),
}
# Other currencies carry their ISO code: "EUR 2 million" (en), "2 millions EUR", "2 млн EUR", "2 مليون EUR".
_CODE_IN_TEXT = {
    "en": ("{currency} {amount}", "{currency} {amount} million", "{currency} {amount} billion"),
    "fr": ("{amount} {currency}", "{amount} millions {currency}", "{amount} milliards {currency}"),
    "es": ("{amount} {currency}", "{amount} millones {currency}", "{amount} millardos {currency}"),
    "ru": ("{amount} {currency}", "{amount} млн {currency}", "{amount} млрд {currency}"),
    "ar": ("{amount} {currency}", "{amount} مليون {currency}", "{amount} بليون {currency}"),
}
# French writes "1,5 million de dollars" (singular below two), Spanish "1 millón" but "1,5 millones de dólares".
_SINGULAR_BELOW = {"fr": Decimal(2), "es": Decimal("1.05")}
_SINGULAR_UNITS = {
    "fr": (("millions de", "million de"), ("milliards de", "milliard de")),
    "es": (("millones de", "millón de"), ("millardos de", "millardo de")),
}


def format_money_in_text(amount: Decimal, currency: str, *, language: str | None = None) -> str:
    """An amount as UN documents write it in running text: "$24 million", "24 millions de dollars", "24 millones de
    dólares", "24 млн долл. США", "2 400 万美元", "24 مليون دولار"; amounts under a million in full ("$900,000")."""
    language = language or current_language()
    amount = Decimal(amount)
    if language == "zh":
        return _chinese_money(amount, currency)
    scale = 2 if abs(amount) >= 1_000_000_000 else 1 if abs(amount) >= 1_000_000 else 0
    value = amount / Decimal(1000) ** (scale + 1) if scale else amount
    number = babel_numbers.format_decimal(value, format="#,##0.#" if scale else "#,##0", locale=_locale(language))
    forms = _USD_IN_TEXT if currency == "USD" else _CODE_IN_TEXT
    text = forms[language][scale].format(amount=number, currency=currency)
    if scale and language in _SINGULAR_BELOW and abs(round(value, 1)) < _SINGULAR_BELOW[language]:
        for plural, singular in _SINGULAR_UNITS.get(language, ()):
            text = text.replace(plural, singular)
    return text


def _chinese_money(amount: Decimal, currency: str) -> str:
    """Chinese counts money in 万 (10⁴) and 亿 (10⁸), thousands grouped by a space: "2 400 万美元", "90 万美元"."""
    unit = "亿" if abs(amount) >= 100_000_000 else "万" if abs(amount) >= 10_000 else ""
    value = amount / (100_000_000 if unit == "亿" else 10_000 if unit else 1)
    number = babel_numbers.format_decimal(value, format="#,##0.#", locale=_locale("zh")).replace(",", " ")
    name = "美元" if currency == "USD" else f" {currency}"
    return f"{number} {unit}{name}" if unit else f"{number} {name.strip()}"


_SESSIONS = {
    1: N_("First session"),
    2: N_("Second session"),
    3: N_("Third session"),
    4: N_("Fourth session"),
    5: N_("Fifth session"),
}


def session_name(number: int | str, year: int | None = None) -> str:
    """A session of the Assembly by its ordinal, as UN documents name it ("Second session", "第二届会议",
    "الدورة الثانية"), with its year when given; a session past the fifth by its number."""
    count = int(number) if str(number).isdecimal() else 0
    # Translators: a session of the Assembly past the fifth; {number} is its number
    name = _(_SESSIONS[count]) if count in _SESSIONS else _("Session {number}").format(number=number)
    if year is None:
        return name
    # Translators: {session} is a session's name ("Second session"), {year} the year it met
    return _("{session} ({year})").format(session=name, year=year)


def format_list_compact(items: Iterable[str], *, language: str | None = None) -> str:
    """Items for a table cell or a short list of codes, with the language's comma ("4, 5", "4، 5", "4、5")."""
    return compact_list(items, language or current_language())


def country_name(code: str, *, language: str | None = None) -> str:
    """A country's name (ISO 3166-1 alpha-2 code) in the language; the code itself when unknown."""
    return babel_locale(language).territories.get(code.upper(), code)


def currency_name(code: str, *, language: str | None = None) -> str:
    """A currency's name (ISO 4217) in the language."""
    return babel_numbers.get_currency_name(code, locale=babel_locale(language))
