"""The checks an export's glossary terms, office names and documents' text states must pass: what the app wrote."""

from __future__ import annotations

from typing import Any

from habitat_desktop.domain import document_texts, glossary
from habitat_desktop.domain.activity import Context
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import LANGUAGES, _, quoted_value


def check_term(values: dict[str, Any], context: Context) -> None:
    """Refuse (ValidationError naming the field) a term with an unknown office, id or kind, or a bad name."""
    if values["office"] not in context.offices:
        raise ValidationError("office", _("unknown office {value}").format(value=quoted_value(values["office"])))
    glossary.check_key(values["term_key"], "term_key")
    glossary.check_kind(values["kind"], "kind")
    names = {code: values[code] for code in LANGUAGES}
    if values["deleted"] and not any(names.values()):
        return  # a deleted term whose names were emptied
    checked = glossary.check_names(names)
    for code in LANGUAGES:
        if checked[code] != names[code]:
            raise ValidationError(code, _("not a known value"))


def check_office_texts(values: dict[str, Any]) -> None:
    """An office's name language, translations (a name per language) and their states, as the app writes them."""
    from habitat_desktop.domain import rules, translation_status

    if rules.language(values["language"], "language") != values["language"]:
        raise ValidationError("language", _("not a known value"))
    texts = values["translations"]
    if not isinstance(texts, dict):
        raise ValidationError("translations", _("expected an object keyed by language"))
    for language, entry in texts.items():
        rules.language(language, "translations")
        if not isinstance(entry, dict) or set(entry) - {"name"}:
            raise ValidationError("translations", _("not a known value"))
        rules.text(entry.get("name"), f"translations.{language}.name")
    translation_status.check_state("office", values["translation_state"])


def check_document(values: dict[str, Any], context: Context) -> None:
    """A report document as ``document_checks`` checks it, and its paragraphs' translation states."""
    from habitat_desktop.exchange import document_checks

    document_checks.check_document({k: v for k, v in values.items() if k != "text_state"}, context)
    document_texts.check_state(values["text_state"])
