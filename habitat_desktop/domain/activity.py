"""An activity as users and files describe it: its editable fields, validated, independent of storage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from habitat_desktop.domain import rules
from habitat_desktop.domain.enums import ActivityStatus, PriorityDomain, ProductKind
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import LANGUAGES, _

OUTCOME_NUMBERS = (1, 2, 3, 4, 5)
_PRIORITY_DOMAINS = tuple(d.value for d in PriorityDomain)


@dataclass(frozen=True)
class Context:
    """What a workspace knows that validation needs: its office, its offices, the resolution catalog."""

    own_office: str
    offices: frozenset[str]
    resolutions: frozenset[str]
    operative_paragraphs: frozenset[str] = frozenset()


@dataclass
class ActivityFields:
    """The editable fields of an activity, each already valid."""

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


EDITABLE_FIELDS: tuple[str, ...] = tuple(ActivityFields.__dataclass_fields__)


def _outcomes(value: object) -> list[int]:
    if not isinstance(value, list):
        raise ValidationError("outcomes", _("expected a list"))
    numbers: list[int] = []
    for item in value:
        try:
            number = int(str(item).strip())
        except ValueError:
            number = 0
        if number not in OUTCOME_NUMBERS:
            raise ValidationError("outcomes", _("unknown outcome {value!r}; expected 1 to 5").format(value=item))
        if number not in numbers:
            numbers.append(number)
    return sorted(numbers)


def _translations(value: object) -> dict[str, dict[str, str]]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ValidationError("translations", _("expected an object keyed by language"))
    result: dict[str, dict[str, str]] = {}
    for language, texts in value.items():
        code = rules.language(language, "translations")
        if not isinstance(texts, dict) or set(texts) - {"title", "description"}:
            raise ValidationError("translations", _("each translation has only a title and a description"))
        title = rules.text(texts.get("title"), f"translations.{code}.title")
        description = rules.text(
            texts.get("description"), f"translations.{code}.description", limit=rules.MAX_LONG_TEXT
        )
        if title or description:
            result[code] = {"title": title, "description": description}
    return dict(sorted(result.items()))


def parse_activity(data: Mapping[str, Any], context: Context) -> ActivityFields:
    """Validate an activity given as a mapping (a form, a JSON line, a CSV row); raise on the first bad field."""
    office = rules.office_code(data.get("office") or context.own_office)
    if office not in context.offices:
        raise ValidationError("office", _("unknown office {value!r}").format(value=office))
    resolutions = rules.members(
        _as_list(data.get("resolutions"), "resolutions"), _in_order(context.resolutions), "resolutions"
    )
    if not resolutions:
        raise ValidationError("resolutions", _("name at least one resolution"))
    outcomes = _outcomes(_as_list(data.get("outcomes"), "outcomes"))
    if not outcomes:
        raise ValidationError("outcomes", _("name at least one outcome"))
    start = rules.iso_date(data.get("start_date"), "start_date")
    end = rules.iso_date(data.get("end_date"), "end_date")
    rules.date_range(start, end)
    product_kind = data.get("product_kind")
    paragraphs = rules.string_list(
        _as_list(data.get("operative_paragraphs"), "operative_paragraphs"), "operative_paragraphs"
    )
    unknown = [p for p in paragraphs if p not in context.operative_paragraphs]
    if unknown:
        raise ValidationError(
            "operative_paragraphs", _("unknown operative paragraph {value!r}").format(value=unknown[0])
        )
    return ActivityFields(
        office=office,
        title=rules.text(data.get("title"), "title", required=True).strip(),
        description=rules.text(data.get("description"), "description", limit=rules.MAX_LONG_TEXT),
        status=ActivityStatus.parse(data.get("status") or ActivityStatus.PLANNED, "status").value,
        language=rules.language(data.get("language") or "en"),
        resolutions=sorted(resolutions, key=_symbol_key),
        outcomes=outcomes,
        start_date=start,
        end_date=end,
        country=rules.country(data.get("country")),
        city=rules.optional_text(data.get("city"), "city"),
        product_kind=ProductKind.parse(product_kind, "product_kind").value if product_kind else None,
        priority_domains=rules.members(
            _as_list(data.get("priority_domains"), "priority_domains"),
            _PRIORITY_DOMAINS,
            "priority_domains",
        ),
        operative_paragraphs=paragraphs,
        partners=rules.string_list(_as_list(data.get("partners"), "partners"), "partners"),
        translations=_translations(data.get("translations")),
    )


@lru_cache(maxsize=8)
def _in_order(symbols: frozenset[str]) -> tuple[str, ...]:
    """A catalog's resolution symbols in the Assembly's order (sorted once, not for every imported row)."""
    return tuple(sorted(symbols, key=_symbol_key))


def _as_list(value: object, field: str) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    raise ValidationError(field, _("expected a list"))


def _symbol_key(symbol: str) -> tuple[int, int]:
    session, _sep, number = symbol.partition("/")
    try:
        return int(session), int(number)
    except ValueError:
        return (99, 99)


def symbol_key(symbol: str) -> tuple[int, int]:
    """Sort key of a resolution symbol: 1/5 before 2/1 before 2/10."""
    return _symbol_key(symbol)


def display_text(
    title: str, description: str, language: str, translations: Mapping[str, Mapping[str, str]], wanted: str
) -> tuple[str, str, bool]:
    """Title and description in the wanted language when translated, else the original; and whether translated."""
    if wanted != language and wanted in translations:
        texts = translations[wanted]
        return texts.get("title") or title, texts.get("description") or description, True
    return title, description, wanted == language


__all__ = ["EDITABLE_FIELDS", "LANGUAGES", "ActivityFields", "Context", "display_text", "parse_activity", "symbol_key"]
