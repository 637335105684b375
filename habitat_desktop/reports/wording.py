"""How a report in one language names things: catalog names, user text (translated or marked), money, dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from habitat_desktop.l10n import _, current_language
from habitat_desktop.l10n.formatting import (
    babel_locale,
    format_date,
    format_money,
    format_money_compact,
    format_number,
)
from habitat_desktop.reports.line_setter import Piece
from habitat_desktop.storage.report_queries import ActivityFacts, Names


def name(names: Names, language: str | None = None) -> str:
    """A catalog name in the language (English, then any, when the catalog lacks it)."""
    from habitat_desktop.l10n import name_in  # the one rule (l10n.names); imported here to keep this edit local

    return name_in(names, language)


def language_name(code: str, language: str | None = None) -> str:
    """A language's name, in the report's language ("anglais", "英语")."""
    return str(babel_locale(language).languages.get(code, code))


def user_text(
    original: str, original_language: str, translated: str | None, language: str | None = None, bold: bool = False
) -> list[Piece]:
    """User-entered text in the report's language when translated, else as entered, marked with its language."""
    language = language or current_language()
    if original_language == language or not original:
        return [Piece(original, bold)]
    if translated:
        return [Piece(translated, bold)]
    marker = _("[in {language}]").format(language=language_name(original_language, language))
    return [Piece(original, bold), Piece(" " + marker)]


def activity_title(activity: ActivityFacts, language: str | None = None, bold: bool = False) -> list[Piece]:
    language = language or current_language()
    return user_text(
        activity.title, activity.language, (activity.translations.get(language) or {}).get("title"), language, bold
    )


def activity_description(activity: ActivityFacts, language: str | None = None) -> list[Piece]:
    language = language or current_language()
    return user_text(
        activity.description,
        activity.language,
        (activity.translations.get(language) or {}).get("description"),
        language,
    )


def resolution_ref(symbol: str) -> str:
    """ "resolution 2/7" in the language."""
    return _("resolution {symbol}").format(symbol=symbol)


def joined(items: Iterable[str]) -> str:
    """Items listed the way the language lists them ("a, b and c", "a、b和c")."""
    from babel.lists import format_list

    values = list(items)
    if not values:
        return ""
    return str(format_list(values, locale=babel_locale()))


def sentences(parts: Iterable[str]) -> str:
    """Sentences one after another as the language runs them: a space between, none after a Chinese full stop."""
    text = ""
    for part in (p for p in parts if p):
        if text and not text.endswith(("。", "！", "？")):
            text += " "
        text += part
    return text


def money(amount: Decimal, currency: str) -> str:
    """A large amount in the language's short form ("$24M", "24 M $US", "US$2400万", "24 مليون دولار أمريكي")."""
    return format_money_compact(amount, currency)


def money_in_full(amount: Decimal, currency: str) -> str:
    """An amount to the cent ("US$24,000,000.00"; in Arabic with the currency's name)."""
    return format_money(amount, currency)


def count(value: int) -> str:
    return format_number(value)


def date(value: dt.date | None) -> str:
    return format_date(value)


def period(start: dt.date | None, end: dt.date | None) -> str:
    """A period of dates as the language writes one; empty when both ends are unknown."""
    if start and end:
        return _("{start} to {end}").format(
            start=format_date(start, style="medium"), end=format_date(end, style="medium")
        )
    if start:
        return _("from {date}").format(date=format_date(start, style="medium"))
    if end:
        return _("until {date}").format(date=format_date(end, style="medium"))
    return ""


_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV")
_ARABIC_ORDINALS = (
    "أولا",
    "ثانيا",
    "ثالثا",
    "رابعا",
    "خامسا",
    "سادسا",
    "سابعا",
    "ثامنا",
    "تاسعا",
    "عاشرا",
    "حادي عشر",
    "ثاني عشر",
    "ثالث عشر",
    "رابع عشر",
    "خامس عشر",
)
_CHINESE_NUMERALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五")


def section_label(number: int, language: str | None = None) -> str:
    """A section's number as UN documents in the language write it ("IV.", "رابعا -", "四、")."""
    language = language or current_language()
    index = min(number, len(_ROMAN)) - 1
    if language == "ar":
        return f"{_ARABIC_ORDINALS[index]} -"
    if language == "zh":
        return f"{_CHINESE_NUMERALS[index]}、"
    return f"{_ROMAN[index]}."
