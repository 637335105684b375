"""Spreadsheet column labels in the six languages, and the field a header cell (key or label) names."""

from __future__ import annotations

from functools import cache

from habitat_desktop.domain import activity_fields
from habitat_desktop.domain.enums import Labelled
from habitat_desktop.exchange.activity_files import FIELDS, METADATA_FIELDS
from habitat_desktop.l10n import LANGUAGES, pgettext, use_language

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


def _fold(text: str) -> str:
    return " ".join(text.replace("_", " ").split()).casefold()


@cache
def _header_index() -> dict[str, str]:
    index: dict[str, str] = {_fold(key): key for key in SPREADSHEET_FIELDS}
    for language in LANGUAGES:
        for key, label in column_labels(language).items():
            index.setdefault(_fold(label), key)
    return index


def field_for_header(header: object) -> str | None:
    """The field a header cell names, by key or by label in any of the six languages; None if none."""
    if header is None:
        return None
    return _header_index().get(_fold(str(header)))


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


def code_for_label(field: str, value: str) -> str:
    """The code a cell means for a labelled field (its code or label in any language); unchanged if unknown."""
    return _value_index(field).get(_fold(value), value.strip())


def label_for_code(field: str, code: str, language: str) -> str:
    """The label of a labelled field's code in a language."""
    with use_language(language):
        return LABELLED_FIELDS[field](code).label()
