"""Spreadsheet column labels in the six languages, the field a header cell (key, label or common word) names, and
the code a labelled cell means."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from babel.lists import format_list

from habitat_desktop.domain import activity_fields
from habitat_desktop.domain.enums import Labelled
from habitat_desktop.exchange.activity_files import FIELDS, METADATA_FIELDS
from habitat_desktop.exchange.header_words import HEADER_WORDS
from habitat_desktop.l10n import LANGUAGES, _, current_language, pgettext, use_language
from habitat_desktop.l10n.punctuation import quoted

SPREADSHEET_FIELDS: tuple[str, ...] = FIELDS + METADATA_FIELDS
"""The columns an activity sheet has, in order."""

LABELLED_FIELDS: dict[str, type[Labelled]] = activity_fields.LABELLED_FIELDS
"""Fields whose cells may hold a code or its label in the sheet's language."""


def _labels() -> dict[str, str]:
    return {
        "id": pgettext("spreadsheet column", "ID"),
        **{spec.key: spec.column() for spec in activity_fields.ACTIVITY_FIELDS},
        "created_by": pgettext("spreadsheet column", "Created by"),
        "changed_by": pgettext("spreadsheet column", "Changed by"),
        "updated_at": pgettext("spreadsheet column", "Updated at"),
        "version": pgettext("spreadsheet column", "Version"),
    }


def column_labels(language: str) -> dict[str, str]:
    """Each spreadsheet field's column label in a language."""
    with use_language(language):
        return _labels()


_DROPPED = dict.fromkeys(map(ord, "_-\u2010\u2011\u2013\u0640"), None)  # joiners, dashes, Arabic tatweel
_ARABIC_VARIANTS = str.maketrans({"\u0649": "\u064a", "\u0629": "\u0647"})  # ى ي, ة ه as keyboards mix them
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc", "'"))  # "Date d’échéance" as Word types it
_SPANISH_OR = re.compile(r" o («)(?=[oOóÓ]|[hH][oOóÓ])")  # "o" before an o- sound is "u": «Proyecto» u «Otro»
_CHINESE_SERIES = re.compile(r"”、“")  # GB/T 15834: no 顿号 between quoted items of a series


def _fold(text: str) -> str:
    """A header or a value as it is matched: case, accents (Arabic short vowels, hamza seats, Russian ё), spaces,
    hyphens, underscores and a closing ``:`` or ``*`` make no difference."""
    decomposed = unicodedata.normalize("NFKD", text.strip().rstrip(":*：").strip())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace())
    return letters.translate(_DROPPED).translate(_ARABIC_VARIANTS).translate(_APOSTROPHES).casefold()


@dataclass(frozen=True)
class HeaderWord:
    """What a header word (as matched) names: a field (None: two fields claim it, so it names none, never guessed)
    and the languages it is a word of (none for a field's key)."""

    field: str | None
    languages: frozenset[str]


def header_words(
    language: str, extra: Mapping[str, Mapping[str, tuple[str, ...]]] = HEADER_WORDS
) -> dict[str, tuple[str, ...]]:
    """Each field's words in a language: its column label first, then the words offices commonly type."""
    labels = column_labels(language)
    more = extra.get(language, {})
    return {key: (label, *more.get(key, ())) for key, label in labels.items()}


def header_index(extra: Mapping[str, Mapping[str, tuple[str, ...]]] = HEADER_WORDS) -> dict[str, HeaderWord]:
    """Every header word of the six languages (labels and ``extra`` words) and the keys, as matched, with what each
    names; a word two fields claim names neither."""
    index: dict[str, HeaderWord] = {_fold(key): HeaderWord(key, frozenset()) for key in SPREADSHEET_FIELDS}
    for language in LANGUAGES:
        for key, words in header_words(language, extra).items():
            for word in words:
                folded = _fold(word)
                known = index.get(folded)
                if known is None:
                    index[folded] = HeaderWord(key, frozenset({language}))
                else:
                    field = known.field if known.field == key else None
                    index[folded] = HeaderWord(field, known.languages | {language})
    return index


@cache
def _header_index() -> dict[str, HeaderWord]:
    return header_index()


def ambiguous_headers() -> list[str]:
    """Header words two fields claim (they name no field; a test keeps this list empty)."""
    return sorted(word for word, header in _header_index().items() if header.field is None)


def field_for_header(header: object) -> str | None:
    """The field a header cell names, by key, label or common word in any of the six languages; None if none."""
    if header is None:
        return None
    found = _header_index().get(_fold(str(header)))
    return found.field if found is not None else None


def sheet_language(headers: Iterable[object]) -> str | None:
    """The language a sheet's headers are written in: the one most of them are words of (the current language
    among equals); None when no header is a word of any language (keys such as ``start_date`` only, or unknown)."""
    votes: Counter[str] = Counter()
    for header in headers:
        if header is None or str(header).strip() in SPREADSHEET_FIELDS:
            continue  # a key as written is no language's word, though "status" is also English
        found = _header_index().get(_fold(str(header)))
        if found is not None and found.field is not None:
            votes.update(found.languages)
    if not votes:
        return None
    most = max(votes.values())
    leaders = [language for language in LANGUAGES if votes[language] == most]
    return current_language() if current_language() in leaders else leaders[0]


@cache
def _value_index(field: str) -> dict[str, str]:
    enum = LABELLED_FIELDS[field]
    index: dict[str, str] = {}
    for language in LANGUAGES:
        with use_language(language):
            for member in enum:
                index.setdefault(_fold(member.label()), member.value)
    index.update({_fold(member.value): member.value for member in enum})
    return index


@lru_cache(maxsize=4096)  # a sheet repeats a few statuses and kinds on every row
def code_of(field: str, value: str) -> str | None:
    """The code a labelled cell means (its code, or its label in any language); None if it means none."""
    return _value_index(field).get(_fold(value))


def unknown_choice(field: str, value: str, language: str | None = None) -> str:
    """Why a labelled cell is refused, in the current language, naming the labels the column takes in the sheet's
    ``language`` (else the current one), quoted and listed as the current language lists alternatives."""
    current = current_language()
    with use_language(language or current):
        labels = [member.label() for member in LABELLED_FIELDS[field]]
    choices = format_list([quoted(label, current) for label in labels], style="or", locale=_list_locale(current))
    if current == "es":
        choices = _SPANISH_OR.sub(r" u \1", choices)
    elif current == "zh":
        choices = _CHINESE_SERIES.sub("”“", choices)
    # Translators: {value} is a cell's text, quoted; {choices} the labels its column takes, quoted and listed with
    # "or" ("“Planned”, “Ongoing” or “Cancelled”")
    return _("unknown value {value}; expected {choices}").format(value=quoted(value, current), choices=choices)


def _list_locale(language: str) -> str:
    return "en_GB" if language == "en" else language  # UN English: no comma before "or"


def label_for_code(field: str, code: str, language: str) -> str:
    """The label of a labelled field's code in a language."""
    with use_language(language):
        return LABELLED_FIELDS[field](code).label()
