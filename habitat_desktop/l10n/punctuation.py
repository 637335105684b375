"""Punctuation as UN documents in each language set it: list separators, quotation marks, French spacing.

The rules, in one place (DGACM practice in each official language):
- Lists: "a, b and c" (English, no serial comma), "a, b et c", "a, b y c", "a, b и c", "a、b和c"; Arabic separates the
  items with the Arabic comma and repeats "و" before each ("أ، وب، وج"), with a space after "و" before a numeral or a
  Latin word ("4 و 5"). Table cells list compactly with the language's separator ("4, 5", "4، 5", "4、5").
- Quotation marks: English “…”, Chinese “…”, French « … » (narrow no-break spaces inside), Spanish and Russian «…»,
  Arabic «…» (as the UN's Arabic documents quote titles); inside a quotation Russian „…“, French and Spanish “…”.
- French: a narrow no-break space (U+202F) before ; : ! ? and inside « » (Imprimerie nationale, UN French practice), so
  a line never starts with the sign and justification never stretches the space; the apostrophe is ’ (U+2019).
- Arabic uses its own comma "،", semicolon "؛" and question mark "؟": the catalogs carry them (tests/test_punctuation.py
  checks every Arabic message).

``typeset`` applies the French rules to every translated catalog message (``l10n.translation``), so translators may type
plain spaces and apostrophes; user text is never changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

NARROW_NO_BREAK_SPACE = "\u202f"

QUOTES: dict[str, tuple[str, str]] = {
    "en": ("“", "”"),
    "zh": ("“", "”"),
    "fr": ("«\u202f", "\u202f»"),
    "es": ("«", "»"),
    "ru": ("«", "»"),
    "ar": ("«", "»"),
}
"""Each language's opening and closing quotation marks (with French's inner spaces)."""

NESTED_QUOTES: dict[str, tuple[str, str]] = {"ru": ("„", "“"), "fr": ("“", "”"), "es": ("“", "”")}
"""Quotation marks inside a quotation («… „умных“ городов»), where they differ from the outer ones."""

LIST_SEPARATORS: dict[str, str] = {"ar": "، ", "zh": "、"}
"""The separator of a compact list (a table cell) where it is not ", "."""

_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")

# French: any spaces before ; : ! ? » and after « become one narrow no-break space; a letter, digit or closing
# bracket directly before ; ! ? gets one (not ":" there: "10:30", "https:", "%(name)s:" stay as typed).
_FRENCH_BEFORE = re.compile(r"[ \u00a0\u202f]+(?=[;:!?»])")
_FRENCH_AFTER = re.compile(r"(?<=«)[ \u00a0\u202f]*")
_FRENCH_TOUCHING = re.compile(r"(?:(?<=[^\W\d_])|(?<=[)\]}]))(?=[;!?](?:\s|$))")
_FRENCH_COLON = re.compile(r"(?:(?<=[^\W\d_])|(?<=[)\]}]))(?=:(?:\s|$))")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_]|[{%&])")  # &: a menu accelerator ("l'&original")


@lru_cache(maxsize=8192)
def typeset(message: str, language: str) -> str:
    """A translated message with the language's typographic rules applied (French spacing and apostrophe);
    other languages unchanged."""
    if language != "fr":
        return message
    text = _APOSTROPHE.sub("’", message)
    text = _FRENCH_BEFORE.sub(NARROW_NO_BREAK_SPACE, text)
    text = _FRENCH_AFTER.sub(NARROW_NO_BREAK_SPACE, text)
    text = _FRENCH_TOUCHING.sub(NARROW_NO_BREAK_SPACE, text)
    return _FRENCH_COLON.sub(NARROW_NO_BREAK_SPACE, text)


def quoted(text: str, language: str) -> str:
    """``text`` between the language's quotation marks."""
    opening, closing = QUOTES[language]
    return f"{opening}{text}{closing}"


def compact_list(items: Iterable[str], language: str) -> str:
    """Items for a table cell, separated as the language separates them ("4, 5", "4، 5", "4、5")."""
    return LIST_SEPARATORS.get(language, ", ").join(items)


def arabic_list(items: list[str]) -> str:
    """Items listed in Arabic running text: "أ وب", "أ، وب، وج"; "و" stands apart before a numeral or Latin word."""
    if len(items) < 2:
        return "".join(items)
    tail = [_and(item) for item in items[1:]]
    if len(items) == 2:
        return f"{items[0]} {tail[0]}"
    return "، ".join([items[0], *tail])


def _and(item: str) -> str:
    """ "و" before an item: joined to an Arabic word, a space before anything else ("و 5", "و HQ")."""
    first = item.lstrip("\u2066\u2067\u2068")[:1]
    return f"و{item}" if _ARABIC_LETTER.match(first) else f"و {item}"


_SPACED_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?!\d)")


def numbers_held_together(text: str) -> str:
    """A number whose digit groups are written with plain spaces ("50 000") held together with no-break spaces:
    a line never breaks inside it, and in right-to-left text its groups keep their order (a no-break space is a
    number separator to the bidi algorithm; a plain space between two numbers would show "000 50")."""
    return _SPACED_NUMBER.sub(lambda number: number.group().replace(" ", "\u00a0"), text) if " " in text else text
