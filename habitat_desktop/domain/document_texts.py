"""Translation states of a report document's paragraphs and footnotes, by the rules of ``translation_status``.

Each paragraph and footnote (``paragraph:<section>:<id>``, ``footnote:<section>:<id>``) has its text in the
document's original language (the source) and in others. Beside the sections, ``text_state`` keeps, per language
and text, a digest of the source a translation was made from, whether it was reviewed, and the stamp::

    {"fr": {"paragraph:introduction:introduction-1": {"digest": "…", "reviewed": false, "stamp": "<stamp>"}}}

A translation with no entry was made from the current source (texts written before states were kept, or with the
document). Saving a document whose source text changed while a translation did not records the old source's
digest for it: it is then *outdated*, as in ``translation_status`` (a digest, not the text: the document already
holds six languages of long paragraphs).
"""

from __future__ import annotations

import copy
import hashlib
import re
from collections.abc import Iterator, Mapping
from typing import Any

from habitat_desktop.domain import clock
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.domain.translation_status import TextStatus, TranslationState
from habitat_desktop.l10n import LANGUAGES, _

KEY = re.compile(r"(paragraph|footnote):[a-z0-9_]{1,32}:[a-z0-9][a-z0-9_-]{0,63}")
States = dict[str, dict[str, dict[str, Any]]]


def digest(text: str) -> str:
    """The digest a state entry keeps of the source text a translation was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def texts(sections: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Every paragraph's and footnote's texts, by key, in document order."""
    found: dict[str, dict[str, str]] = {}
    for section in sections:
        for kind, items in (
            ("paragraph", section.get("paragraphs") or []),
            ("footnote", section.get("footnotes") or []),
        ):
            for item in items:
                found[f"{kind}:{section['key']}:{item['id']}"] = dict(item.get("text") or {})
    return found


def _state_of(source: str, target: str, entry: Mapping[str, Any] | None) -> TranslationState:
    if not target:
        return TranslationState.MISSING
    if entry is not None and entry.get("digest") != digest(source):
        return TranslationState.OUTDATED
    if entry is not None and entry.get("reviewed"):
        return TranslationState.REVIEWED
    return TranslationState.TRANSLATED


def statuses(
    sections: list[dict[str, Any]], original: str, state: Mapping[str, Mapping[str, Any]], languages: tuple[str, ...]
) -> Iterator[TextStatus]:
    """The state of every non-empty paragraph and footnote in each language of ``languages`` but the original."""
    for key, by_language in texts(sections).items():
        source = by_language.get(original) or ""
        if not source.strip():
            continue
        for language in languages:
            if language == original:
                continue
            target = by_language.get(language) or ""
            entry = (state.get(language) or {}).get(key)
            yield TextStatus(key, language, source, target, _state_of(source, target, entry), "")


def refreshed(
    old_sections: list[dict[str, Any]],
    new_sections: list[dict[str, Any]],
    original: str,
    old_state: Mapping[str, Mapping[str, Any]],
    stamp: str,
) -> States:
    """The state after the sections changed: a translation written now is made from today's source; one left as it
    was while its source changed keeps the old source's digest (outdated)."""
    state: States = {lang: {k: dict(e) for k, e in entries.items()} for lang, entries in old_state.items()}
    before, after = texts(old_sections), texts(new_sections)
    for key, now in after.items():
        was = before.get(key, {})
        old_source, new_source = was.get(original) or "", now.get(original) or ""
        for language in LANGUAGES:
            if language == original:
                continue
            old_text, new_text = was.get(language) or "", now.get(language) or ""
            entries = state.setdefault(language, {})
            if new_text != old_text:
                entries[key] = {"digest": digest(new_source) if new_text else "", "reviewed": False, "stamp": stamp}
            elif new_text and old_source != new_source and key not in entries and key in before:
                entries[key] = {"digest": digest(old_source), "reviewed": False, "stamp": stamp}
    for language in list(state):
        state[language] = {k: e for k, e in sorted(state[language].items()) if k in after}
    return {lang: entries for lang, entries in sorted(state.items()) if entries}


def reviewed(state: Mapping[str, Mapping[str, Any]], language: str, key: str, source: str, stamp: str) -> States:
    """The state after someone reviewed one translation against the current source."""
    result: States = copy.deepcopy(dict(state))  # type: ignore[arg-type]
    result.setdefault(language, {})[key] = {"digest": digest(source), "reviewed": True, "stamp": stamp}
    return result


def with_text(sections: list[dict[str, Any]], key: str, language: str, text: str) -> list[dict[str, Any]]:
    """The sections with one paragraph's or footnote's text in ``language`` replaced (a copy)."""
    kind, section_key, item_id = key.split(":")
    result = copy.deepcopy(sections)
    for section in result:
        if section["key"] != section_key:
            continue
        for item in section.get("paragraphs" if kind == "paragraph" else "footnotes") or []:
            if item["id"] == item_id:
                if text:
                    item["text"][language] = text
                else:
                    item["text"].pop(language, None)
                return result
    raise ValidationError("field", _("not a known value"))


def check_state(value: object) -> None:
    """Refuse a text state the app could not have written (ValidationError naming the field)."""
    field = "text_state"
    if not isinstance(value, dict):
        raise ValidationError(field, _("expected an object keyed by language"))
    for language, entries in value.items():
        if language not in LANGUAGES or not isinstance(entries, dict):
            raise ValidationError(field, _("not a known value"))
        for key, entry in entries.items():
            where = f"{field}.{language}"
            if not isinstance(key, str) or not KEY.fullmatch(key):
                raise ValidationError(where, _("not a known value"))
            if not isinstance(entry, dict) or set(entry) != {"digest", "reviewed", "stamp"}:
                raise ValidationError(where, _("not a known value"))
            if not isinstance(entry["digest"], str) or not re.fullmatch(r"[0-9a-f]{32}|", entry["digest"]):
                raise ValidationError(where, _("not a known value"))
            if not isinstance(entry["reviewed"], bool):
                raise ValidationError(where, _("not a known value"))
            try:
                clock.checked_stamp(entry["stamp"])
            except ValueError:
                raise ValidationError(where, _("not a known value")) from None
