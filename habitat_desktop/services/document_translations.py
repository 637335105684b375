"""The paragraphs and footnotes of report documents as translatable texts (for ``services.translations``)."""

from __future__ import annotations

from typing import Any

from habitat_desktop.domain import document_texts
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.domain.report_document import DOCUMENT_FIELDS, document_json, parse_document
from habitat_desktop.domain.translation_status import TextStatus
from habitat_desktop.l10n import _
from habitat_desktop.storage.recorder import Recorder

TABLE = "report_document"


def is_key(name: str) -> bool:
    """Whether ``name`` names a paragraph or footnote (``paragraph:<section>:<id>``)."""
    return bool(document_texts.KEY.fullmatch(name))


def statuses(record: Any, languages: tuple[str, ...]) -> list[TextStatus]:
    """The state of every paragraph and footnote of a document in ``languages``."""
    return list(document_texts.statuses(record.sections, record.original_language, record.text_state, languages))


def source_of(record: Any, key: str) -> str:
    """A paragraph's or footnote's text in the document's original language (ValidationError if it has none)."""
    texts = document_texts.texts(record.sections)
    if key not in texts:
        raise ValidationError("field", _("not a known value"))
    return texts[key].get(record.original_language) or ""


def check(record: Any, language: str, key: str, text: str) -> list[dict[str, Any]]:
    """The document's sections with one translation set, checked as the document editor checks them (footnote
    references, lengths); ValidationError otherwise."""
    if language == record.original_language:
        raise ValidationError("language", _("a text is not translated into its own language"))
    source_of(record, key)
    fields = {name: getattr(record, name) for name in DOCUMENT_FIELDS}
    fields["sections"] = document_texts.with_text(record.sections, key, language, text)
    return list(parse_document(document_json(fields))["sections"])


def write(recorder: Recorder, record: Any, language: str, key: str, text: str, reviewed: bool) -> bool:
    """Set one paragraph's or footnote's translation (checked as the document editor checks it); True if changed."""
    sections = check(record, language, key, text)
    source = source_of(record, key)
    stamp = recorder.stamp()
    state = document_texts.refreshed(record.sections, sections, record.original_language, record.text_state, stamp)
    if text and reviewed:
        state = document_texts.reviewed(state, language, key, source, stamp)
    return bool(recorder.update(record, {"sections": sections, "text_state": state}))


def mark_reviewed(recorder: Recorder, record: Any, language: str, key: str, flag: bool) -> bool:
    """Mark one translation reviewed (or not) against the current source; True if it changed."""
    source = source_of(record, key)
    if not (document_texts.texts(record.sections)[key].get(language) or ""):
        raise ValidationError(key, _("there is no translation to review"))
    state = document_texts.reviewed(record.text_state, language, key, source, recorder.stamp())
    state[language][key]["reviewed"] = flag
    return bool(recorder.update(record, {"text_state": state}))
