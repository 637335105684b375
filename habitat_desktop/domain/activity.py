"""An activity as users and files describe it: its editable fields, validated, independent of storage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from habitat_desktop.domain import activity_fields, rules
from habitat_desktop.l10n import LANGUAGES

OUTCOME_NUMBERS = activity_fields.OUTCOME_NUMBERS


@dataclass(frozen=True)
class Context:
    """What a workspace knows that validation needs: its office, its offices, the resolution catalog."""

    own_office: str
    offices: frozenset[str]
    resolutions: frozenset[str]
    operative_paragraphs: frozenset[str] = frozenset()


@dataclass
class ActivityFields:
    """The editable fields of an activity (as ``activity_fields.ACTIVITY_FIELDS`` describes them), each valid."""

    office: str
    title: str
    status: str
    language: str
    resolutions: list[str]
    outcomes: list[int]
    description: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    country: str | None = None
    city: str | None = None
    product_kind: str | None = None
    priority_domains: list[str] = field(default_factory=list)
    operative_paragraphs: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    translations: dict[str, dict[str, str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


EDITABLE_FIELDS: tuple[str, ...] = activity_fields.FIELD_KEYS
if set(EDITABLE_FIELDS) != set(ActivityFields.__dataclass_fields__):  # the description and the record agree
    raise TypeError("ActivityFields and activity_fields.ACTIVITY_FIELDS name different fields")


_PARSERS = activity_fields.PARSERS


def parse_activity(data: Mapping[str, Any], context: Context) -> ActivityFields:
    """Validate an activity given as a mapping (a form, a JSON line, a CSV row); raise on the first bad field."""
    get = data.get
    values = {key: parse(get(key), context) for key, parse in _PARSERS}
    rules.date_range(values["start_date"], values["end_date"])
    return ActivityFields(**values)


symbol_key = activity_fields.symbol_key


def display_text(
    title: str, description: str, language: str, translations: Mapping[str, Mapping[str, str]], wanted: str
) -> tuple[str, str, bool]:
    """Title and description in the wanted language when translated, else the original; and whether translated."""
    if wanted != language and wanted in translations:
        texts = translations[wanted]
        return texts.get("title") or title, texts.get("description") or description, True
    return title, description, wanted == language


__all__ = ["EDITABLE_FIELDS", "LANGUAGES", "ActivityFields", "Context", "display_text", "parse_activity", "symbol_key"]
