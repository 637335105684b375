"""The state of each translation of a record's texts (missing, translated, reviewed, outdated) and its merge.

A record's translated texts live in its ``translations`` column (``{language: {field: text}}``, what reports
read); beside them ``translation_state`` keeps, per language and field, the source text the translation was
made from, whether someone reviewed it, and the stamp of its last write::

    {"fr": {"title": {"source": "Training on…", "reviewed": false, "stamp": "<stamp>"}}}

A translation is *outdated* when the record's source text is no longer the one it was made from (as Weblate
and other translation tools do); it is *reviewed* when marked so and not outdated; *missing* when there is no
text. Each (language, field) entry merges on its own: the write with the greater stamp wins, so a translator
and an office working on different languages or fields of one record both keep their work, and any order of
merges ends in the same state (a last-writer-wins map: commutative, associative, idempotent).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from habitat_desktop.domain import clock, rules
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import _

SOURCE_FIELDS: dict[str, tuple[str, ...]] = {
    "activity": ("title", "description"),
    "resolution_status": ("narrative",),
    "office": ("name",),
}
"""Per record table, the fields whose text is translated."""

Texts = dict[str, dict[str, str]]
States = dict[str, dict[str, dict[str, Any]]]


class TranslationState(enum.StrEnum):
    """Where one translation of one text stands."""

    MISSING = "missing"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"
    OUTDATED = "outdated"


@dataclass(frozen=True)
class TextStatus:
    """One translatable text in one target language: its source, its translation, its state."""

    field: str
    language: str
    source: str
    target: str
    state: TranslationState
    made_from: str  # the source text the translation was made from ("" when missing)


def state_of(source: str, target: str, entry: Mapping[str, Any] | None) -> TranslationState:
    """The state of a translation given the current source text, its text and its state entry."""
    if not target:
        return TranslationState.MISSING
    made_from = (entry or {}).get("source")
    if made_from is not None and made_from != source:
        return TranslationState.OUTDATED
    if (entry or {}).get("reviewed"):
        return TranslationState.REVIEWED
    return TranslationState.TRANSLATED


def statuses(
    table: str,
    sources: Mapping[str, str],
    source_language: str,
    translations: Mapping[str, Mapping[str, str]],
    state: Mapping[str, Mapping[str, Mapping[str, Any]]],
    languages: tuple[str, ...],
) -> list[TextStatus]:
    """Every non-empty translatable text of a record, in every target language other than its own."""
    found: list[TextStatus] = []
    for field in SOURCE_FIELDS[table]:
        source = sources.get(field) or ""
        if not source.strip():
            continue
        for language in languages:
            if language == source_language:
                continue
            target = (translations.get(language) or {}).get(field) or ""
            entry = (state.get(language) or {}).get(field)
            made_from = str((entry or {}).get("source", source if target else ""))
            found.append(TextStatus(field, language, source, target, state_of(source, target, entry), made_from))
    return found


def refreshed(
    old_texts: Mapping[str, Mapping[str, str]],
    new_texts: Mapping[str, Mapping[str, str]],
    old_state: Mapping[str, Mapping[str, Mapping[str, Any]]],
    sources: Mapping[str, str],
    stamp: str,
) -> States:
    """The state after the translations changed from ``old_texts`` to ``new_texts`` with a write stamped ``stamp``.

    A text that is new or changed is made from the current source and not reviewed yet; a text removed keeps an
    entry (its stamp) so the removal travels; an unchanged text keeps its entry."""
    state: States = {lang: {f: dict(e) for f, e in fields.items()} for lang, fields in old_state.items()}
    languages = set(old_texts) | set(new_texts)
    for language in languages:
        before, after = old_texts.get(language) or {}, new_texts.get(language) or {}
        for field in set(before) | set(after):
            old, new = before.get(field) or "", after.get(field) or ""
            if old == new and (new == "" or field in state.get(language, {})):
                continue
            entry: dict[str, Any] = {"source": sources.get(field) or "", "reviewed": False, "stamp": stamp}
            if not new:
                entry = {"source": "", "reviewed": False, "stamp": stamp}
            state.setdefault(language, {})[field] = entry
    return _sorted(state)


def reviewed(
    state: Mapping[str, Mapping[str, Mapping[str, Any]]], language: str, field: str, source: str, stamp: str, flag: bool
) -> States:
    """The state after someone marked (or unmarked) one translation as reviewed against ``source``."""
    result: States = {lang: {f: dict(e) for f, e in fields.items()} for lang, fields in state.items()}
    entry = result.setdefault(language, {}).get(field) or {"source": source}
    result[language][field] = {"source": entry.get("source", source), "reviewed": flag, "stamp": stamp}
    return _sorted(result)


def initial_state(translations: Mapping[str, Mapping[str, str]], sources: Mapping[str, str], stamp: str) -> States:
    """The state of translations that existed before states were kept: translated, made from today's source."""
    state: States = {}
    for language, texts in translations.items():
        for field, text in texts.items():
            if text:
                state.setdefault(language, {})[field] = {
                    "source": sources.get(field) or "",
                    "reviewed": False,
                    "stamp": stamp,
                }
    return _sorted(state)


def joined(
    mine: tuple[Mapping[str, Mapping[str, str]], Mapping[str, Mapping[str, Mapping[str, Any]]]],
    theirs: tuple[Mapping[str, Mapping[str, str]], Mapping[str, Mapping[str, Mapping[str, Any]]]],
    fields: tuple[str, ...],
) -> tuple[Texts, States]:
    """Two sides' translations and states merged entry by entry: the greater stamp wins each (language, field)."""
    texts: Texts = {}
    state: States = {}
    keys: set[tuple[str, str]] = set()
    for side_texts, side_state in (mine, theirs):
        keys |= {(lang, f) for lang, fields in side_texts.items() for f in fields}
        keys |= {(lang, f) for lang, fields in side_state.items() for f in fields}
    for language, field in sorted(keys):
        candidates = []
        for side_texts, side_state in (mine, theirs):
            entry = (side_state.get(language) or {}).get(field)
            text = (side_texts.get(language) or {}).get(field) or ""
            candidates.append((str((entry or {}).get("stamp", "")), text, _canonical(entry), entry))
        _stamp, text, _key, entry = max(candidates, key=lambda c: (c[0], c[1], c[2]))
        if entry is not None:
            state.setdefault(language, {})[field] = dict(entry)
        if text:
            texts.setdefault(language, {})[field] = text
    return _complete(texts, fields), _sorted(state)


def _complete(texts: Texts, fields: tuple[str, ...]) -> Texts:
    """Translations as records hold them (each language of an activity has both a title and a description)."""
    return {language: {f: found.get(f, "") for f in fields} for language, found in sorted(texts.items())}


def _canonical(entry: Mapping[str, Any] | None) -> str:
    return "" if entry is None else repr(sorted(entry.items()))


def _sorted(state: States) -> States:
    return {lang: dict(sorted(fields.items())) for lang, fields in sorted(state.items()) if fields}


def writers(state: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> set[str]:
    """The stamps of every entry (to find the offices whose writes a merge brings)."""
    return {str(e.get("stamp")) for fields in state.values() for e in fields.values() if e.get("stamp")}


def check_state(table: str, value: object) -> None:
    """Refuse a translation state the app could not have written (ValidationError naming the field)."""
    field = "translation_state"
    if not isinstance(value, dict):
        raise ValidationError(field, _("expected an object keyed by language"))
    for language, entries in value.items():
        rules.language(language, field)
        if not isinstance(entries, dict) or set(entries) - set(SOURCE_FIELDS[table]):
            raise ValidationError(field, _("not a known value"))
        for name, entry in entries.items():
            where = f"{field}.{language}.{name}"
            if not isinstance(entry, dict) or set(entry) != {"source", "reviewed", "stamp"}:
                raise ValidationError(where, _("not a known value"))
            rules.text(entry["source"], where, limit=rules.MAX_LONG_TEXT)
            if not isinstance(entry["reviewed"], bool):
                raise ValidationError(where, _("not a known value"))
            try:
                clock.checked_stamp(entry["stamp"])
            except ValueError:
                raise ValidationError(where, _("not a known value")) from None
