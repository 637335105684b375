"""Names kept in several languages (catalog titles, outcome names): the one rule for which of them is shown."""

from __future__ import annotations

from collections.abc import Mapping

from habitat_desktop.l10n.translation import current_language

FALLBACK_LANGUAGE = "en"


def name_in(names: Mapping[str, str], language: str | None = None) -> str:
    """The name in the language (the current one by default), else in English, else the first there is, else ""."""
    language = language or current_language()
    return names.get(language) or names.get(FALLBACK_LANGUAGE) or next((name for name in names.values() if name), "")


def translated_name(
    source: str, translations: Mapping[str, Mapping[str, str]], language: str | None = None, field: str = "name"
) -> str:
    """A record's text (an office's name) in the language if translated there, else as entered (its source)."""
    language = language or current_language()
    return (translations.get(language) or {}).get(field) or source


__all__ = ["FALLBACK_LANGUAGE", "name_in", "translated_name"]
