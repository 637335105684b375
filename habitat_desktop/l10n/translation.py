"""The active language and the gettext lookup every user-visible string goes through."""

from __future__ import annotations

import gettext
import io
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from habitat_desktop.l10n.punctuation import quoted, typeset
from habitat_desktop.resources import locale_dir, source_catalog_dir

DOMAIN = "messages"
LANGUAGES: tuple[str, ...] = ("ar", "zh", "en", "fr", "ru", "es")
"""The six official UN languages, in UN order; English is the source language."""

_NATIVE_NAMES = {
    "ar": "العربية",
    "zh": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")

_state = threading.local()
_cache: dict[str, gettext.NullTranslations] = {}
_lock = threading.Lock()
_default = "en"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it yet (translate with ``_`` at display time)."""
    return message


def placeholders(message: str) -> set[str]:
    """The ``{named}`` placeholders of a message."""
    return set(_PLACEHOLDER.findall(message))


def _load(language: str) -> gettext.NullTranslations:
    found = _cache.get(language)  # loaded already: no lock (every user-visible string comes through here)
    if found is not None:
        return found
    with _lock:
        if language in _cache:
            return _cache[language]
        translations: gettext.NullTranslations = gettext.NullTranslations()
        if language != "en":
            compiled = locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
            if compiled.is_file():
                with compiled.open("rb") as fh:
                    translations = gettext.GNUTranslations(fh)
            else:
                translations = _compile_from_source(language) or translations
        _cache[language] = translations
        return translations


def _compile_from_source(language: str) -> gettext.NullTranslations | None:
    """Compile a source checkout's ``.po`` in memory when no ``.mo`` was built."""
    po_path = source_catalog_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.is_file():
        return None
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def current_language() -> str:
    """The language user-visible text is produced in, for this thread."""
    return getattr(_state, "language", None) or _default


def quoted_value(value: object) -> str:
    """A value a message names (a cell's text, a code), between the current language's quotation marks: “9/9”,
    «9/9», not Python's '9/9'; a number as it is (``unknown outcome 7``), as Python's ``repr`` showed it."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return quoted(str(value), current_language())


def set_language(language: str) -> None:
    """Switch the whole application (every thread without its own override) to a language."""
    global _default
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    _default = language
    _state.language = None


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Produce text in another language within a block, on this thread only (reports in six languages)."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    previous = getattr(_state, "language", None)
    _state.language = language
    try:
        yield
    finally:
        _state.language = previous


@lru_cache(maxsize=8192)
def _checked(source: str, translated: str) -> str:
    """A translation whose placeholders differ from the source's is refused (it would crash ``format``)."""
    if translated != source and placeholders(translated) != placeholders(source):
        return source
    return translated


COUNT = "{count}"
"""The placeholder of a plural message that holds its count."""


def plural_placeholders_fit(source: str, translated: str) -> bool:
    """Whether a plural form's placeholders are the source's, or the source's without ``{count}`` (a form may say
    the number in words: Arabic "نشاط واحد", "نشاطان")."""
    expected = placeholders(source)
    return placeholders(translated) in (expected, expected - {COUNT})


@lru_cache(maxsize=8192)
def _checked_plural(source: str, translated: str) -> str:
    """As ``_checked``, for a plural form (see ``plural_placeholders_fit``)."""
    return translated if plural_placeholders_fit(source, translated) else source


def _(message: str) -> str:
    """Translate a message into the current language (typeset by the language's punctuation rules)."""
    language = current_language()
    return typeset(_checked(message, _load(language).gettext(message)), language)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message whose form depends on a count, by the language's plural rules."""
    language = current_language()
    translated = _load(language).ngettext(singular, plural, n)
    return typeset(_checked_plural(singular if n == 1 else plural, translated), language)


def pgettext(context: str, message: str) -> str:
    """Translate a message whose English wording has more than one meaning, told apart by a context."""
    language = current_language()
    translated = _load(language).pgettext(context, message)
    return typeset(_checked(message, translated), language)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """Translate a count-dependent message in a context (see ``pgettext`` and ``ngettext``)."""
    language = current_language()
    translated = _load(language).npgettext(context, singular, plural, n)
    return typeset(_checked_plural(singular if n == 1 else plural, translated), language)


def language_name(language: str) -> str:
    """A language's name in that language (as language menus show it)."""
    return _NATIVE_NAMES[language]


def is_right_to_left(language: str | None = None) -> bool:
    """Whether a language is written right to left."""
    return (language or current_language()) == "ar"


def default_language() -> str:
    """The language of the user's environment if it is one of the six, else English."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        for candidate in value.split(":"):
            code = candidate.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
    return "en"
