"""How a report in one language names things: catalog names, user text (translated or marked), money, dates.

Sentences are whole messages with named placeholders (see the report modules); the helpers here only fill them: numbers,
dates, money in running text, lists, and the spacing Chinese UN documents put between Arabic numerals or Latin letters
and Chinese characters ("第 2/2 号决议", "由 HQ 和 ROAF 记录").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from decimal import Decimal

from habitat_desktop.domain.glossary import Glossary, shipped
from habitat_desktop.l10n import _, current_language
from habitat_desktop.l10n.formatting import (
    babel_locale,
    format_date,
    format_money,
    format_money_compact,
    format_money_in_text,
    format_number,
)
from habitat_desktop.l10n.punctuation import arabic_list, compact_list, numbers_held_together, typeset
from habitat_desktop.reports.line_setter import Piece
from habitat_desktop.storage.report_queries import ActivityFacts, Names


def name(names: Names, language: str | None = None) -> str:
    """A catalog name in the language (English, then any, when the catalog lacks it), set by the language's
    punctuation rules ("l’Assemblée", "« … »" in French)."""
    from habitat_desktop.l10n import name_in  # the one rule (l10n.names); imported here to keep this edit local

    language = language or current_language()
    return typeset(name_in(names, language), language)


def language_name(code: str, language: str | None = None) -> str:
    """A language's name, in the report's language ("anglais", "英语")."""
    return str(babel_locale(language).languages.get(code, code))


def user_text(
    original: str, original_language: str, translated: str | None, language: str | None = None, bold: bool = False
) -> list[Piece]:
    """User-entered text in the report's language when translated, else as entered, marked with its language."""
    language = language or current_language()
    if original_language == language or not original:
        return [Piece(numbers_held_together(original), bold)]
    if translated:
        return [Piece(numbers_held_together(translated), bold)]
    marker = _language_marker(current_language(), original_language, language)
    return [Piece(numbers_held_together(original), bold), Piece(marker)]


@functools.lru_cache(maxsize=256)
def _language_marker(_current: str, original_language: str, language: str) -> str:
    """The note after user text left in another language (made once per language pair: it follows most titles)."""
    # Translators: after user text left in the language it was entered in; {language} is a language name
    return " " + _("[in {language}]").format(language=language_name(original_language, language))


_GLOSSARY: ContextVar[Glossary | None] = ContextVar("report_glossary", default=None)


@contextlib.contextmanager
def glossary_in_use(glossary: Glossary | None) -> Iterator[None]:
    """Name terms by ``glossary`` (the workspace's, over the shipped one) while a report is built."""
    token = _GLOSSARY.set(glossary)
    try:
        yield
    finally:
        _GLOSSARY.reset(token)


def term(text: str, language: str | None = None) -> str:
    """A partner, place or body in the report's language when the glossary knows it, else as entered (a name the
    glossary gives is set by the language's punctuation rules: "l’Afrique")."""
    language = language or current_language()
    named = (_GLOSSARY.get() or shipped()).name_in(text, language)
    return named if named == text else typeset(named, language)


def terms(texts: Iterable[str], language: str | None = None) -> list[str]:
    """Several names through ``term``, duplicates (one partner entered in two languages) dropped."""
    return list(dict.fromkeys(term(text, language) for text in texts))


def office_name(
    name: str, name_language: str, translations: dict[str, dict[str, str]], language: str | None = None
) -> str:
    """An office's name in the report's language when translated, else as entered and marked with its language."""
    language = language or current_language()
    translated = (translations.get(language) or {}).get("name")
    return "".join(piece.text for piece in user_text(name, name_language, translated, language))


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


_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_FULL_WIDTH = "\u3000-\u303f\uff00-\uffef\u201c\u201d\u2018\u2019"
_LATIN_THEN_HAN = re.compile(f"([A-Za-z])([{_HAN}])")
_HAN_THEN_LATIN = re.compile(f"([{_HAN}])([A-Za-z])")
# No space between an Arabic numeral and Han ("2024年12月1日", "记录了4项活动"), but the money form's space before
# 万/亿 stays ("2 400 万美元", as UN Chinese documents write amounts and as formatting.format_money_in_text makes it).
_NUMERAL_SPACE = re.compile(f"(?<=[0-9%]) +(?=[{_HAN}])(?![万亿])|(?<=[{_HAN}]) +(?=[0-9])")
_FULL_WIDTH_SPACE = re.compile(f" +(?=[{_FULL_WIDTH}])|(?<=[{_FULL_WIDTH}]) +")


def spaced(text: str, language: str | None = None) -> str:
    """Chinese as the UN's dates set it ("2026年12月5日"): no space between an Arabic numeral and a Chinese
    character ("记录了4项活动", "第6和7段"), none beside full-width punctuation ("（2024年，开罗）"); one space between
    a Chinese character and a Latin word ("由 HQ 记录"); other languages unchanged. A space the text typed between a
    numeral and Han would stretch with justification and let a line break inside "12月1日"."""
    if (language or current_language()) != "zh":
        return text
    text = _FULL_WIDTH_SPACE.sub("", _NUMERAL_SPACE.sub("", text))
    return _HAN_THEN_LATIN.sub(r"\1 \2", _LATIN_THEN_HAN.sub(r"\1 \2", text))


def fill(message: str, **values: object) -> str:
    """A translated message with its placeholders filled, spaced as the language sets numbers in text."""
    return spaced(message.format(**values))


def joined(items: Iterable[str]) -> str:
    """Items listed the way the language lists them in running text ("a, b and c", "a、b和c", "أ، وب، وج"); English
    without the serial comma, as the UN Editorial Manual has it (rules: ``l10n.punctuation``)."""
    from babel.lists import format_list

    values = list(items)
    language = current_language()
    if not values:
        return ""
    if language == "ar":
        return arabic_list(values)
    return str(format_list(values, locale="en_GB" if language == "en" else babel_locale()))


def listed(items: Iterable[str]) -> str:
    """Items in a table cell, separated by the language's comma ("4, 5", "4، 5", "4、5")."""
    return compact_list(items, current_language())


def sentences(parts: Iterable[str]) -> str:
    """Whole sentences (each one message) one after another as the language runs them: a space between, none after
    a Chinese full stop."""
    text = ""
    for part in (p for p in parts if p):
        if text and not text.endswith(("。", "！", "？")):
            text += " "
        text += part
    return text


def money(amount: Decimal, currency: str) -> str:
    """An amount in running text ("$24 million", "24 millions de dollars", "2 400 万美元", "24 مليون دولار")."""
    return format_money_in_text(amount, currency)


def money_compact(amount: Decimal, currency: str) -> str:
    """A large amount in the language's short form for charts ("$24M", "24 M $US", "US$2400万")."""
    return format_money_compact(amount, currency)


def money_in_full(amount: Decimal, currency: str) -> str:
    """An amount to the cent ("US$24,000,000.00"; in Arabic with the currency's name)."""
    return format_money(amount, currency)


def count(value: int) -> str:
    """A count with the language's digit grouping ("1,234", "1 234")."""
    return format_number(value)


_ENGLISH_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_CHINESE_WORDS = ("零", "一", "两", "三", "四", "五", "六", "七", "八", "九")  # 两 before a measure word


def count_in_text(value: int) -> str:
    """A count inside a sentence: UN English and Chinese write one to nine in words ("four activities",
    "四项活动"), larger counts in figures; the other languages keep figures, whose words agree in gender."""
    language = current_language()
    if 0 <= value <= 9 and language == "en":
        return _ENGLISH_WORDS[value]
    if 0 < value <= 9 and language == "zh":
        return _CHINESE_WORDS[value]
    return format_number(value)


def date(value: dt.date | None) -> str:
    """A date as UN documents write it ("5 December 2026", "2026年12月5日")."""
    return format_date(value)


_YEARS = re.compile(r"(\d{4})\s*[–-]\s*(\d{4})")


def years_of(names: dict[str, str]) -> str | None:
    """The period a catalog name covers ("2026–2029" from "Strategic Plan 2026–2029"), written with an en dash."""
    found = _YEARS.search(names.get("en") or next(iter(names.values()), ""))
    return f"{found.group(1)}–{found.group(2)}" if found else None


def period(start: dt.date | None, end: dt.date | None, *, compact: bool = False) -> str:
    """A period of dates as the language writes one (UN long dates; ``compact`` for table cells); empty when both
    ends are unknown."""
    style = "medium" if compact else "long"
    if start and end:
        # Translators: a period of two dates, e.g. "5 March 2025 to 3 December 2026"
        return fill(_("{start} to {end}"), start=format_date(start, style=style), end=format_date(end, style=style))
    if start:
        # Translators: a period open at its end; {date} is a date such as "5 March 2025"
        return fill(_("from {date}"), date=format_date(start, style=style))
    if end:
        # Translators: a period open at its start; {date} is a date such as "5 March 2025"
        return fill(_("until {date}"), date=format_date(end, style=style))
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


# Where a note's marker stands against the punctuation that follows its word: after it in English and Chinese UN
# documents ("mobility.2", "报告，1"), before it in French, Spanish, Russian and Arabic ("durable2.", "жилья7.").
_NOTE_AFTER_PUNCTUATION = {"en", "zh"}
_CLOSING = {".", ";", ",", "。", "；", "，", "،", "؛"}


def notes_placed(pieces: list[Piece], language: str | None = None) -> list[Piece]:
    """Generated text with each note marker moved to the language's side of the punctuation next to it."""
    after = (language or current_language()) in _NOTE_AFTER_PUNCTUATION
    placed = list(pieces)
    for index in range(len(placed) - 1):
        first, second = placed[index], placed[index + 1]
        marker, stop = (first, second) if after else (second, first)
        if marker.sup and not stop.sup and stop.text.strip() in _CLOSING:
            placed[index], placed[index + 1] = second, first
    return placed
