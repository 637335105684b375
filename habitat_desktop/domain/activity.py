"""An activity as users and files describe it: its editable fields, validated, independent of storage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
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


@dataclass(slots=True)  # an import holds thousands of them at a time: no dictionary each
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
_PARSE = dict(_PARSERS)


def parse_each_field(data: Mapping[str, Any], context: Context) -> ActivityFields:
    """``parse_activity`` done by each field's own parser (``FieldSpec.parse``): what it must always give."""
    get = data.get
    values = {key: parse(get(key), context) for key, parse in _PARSERS}
    rules.date_range(values["start_date"], values["end_date"])
    return ActivityFields(**values)


def parse_activity(data: Mapping[str, Any], context: Context) -> ActivityFields:
    """Validate an activity given as a mapping (a form, a JSON line, a CSV row); raise on the first bad field.

    A value already as stored (a code, a text without control characters, a list of them…) is taken here; any
    other goes to its field's own parser, field by field in order: the result or the error is
    ``parse_each_field``'s (a Hypothesis test holds them equal), in about half its time for an exported row."""
    get = data.get
    parse = _PARSE
    known = _known(context)
    value = get("office")
    office = value if type(value) is str and value in known[0] else parse["office"](value, context)
    value = get("resolutions")
    resolutions = _stored_items(value, known[1], known[1].__getitem__)
    if resolutions is None:
        resolutions = parse["resolutions"](value, context)
    value = get("outcomes")
    outcomes = _stored_items(value, _OUTCOMES, None)
    if outcomes is None:
        outcomes = parse["outcomes"](value, context)
    value = get("title")
    title = _printable(value, _TITLE_LIMIT)
    title = title.strip() if title else ""
    if not title:
        title = parse["title"](value, context)
    value = get("description")
    description = "" if value is None else _printable(value, _DESCRIPTION_LIMIT)
    if description is None:
        description = parse["description"](value, context)
    value = get("status")
    status = value if type(value) is str and value in _STATUSES else parse["status"](value, context)
    start_date = _date("start_date", get("start_date"), context)
    end_date = _date("end_date", get("end_date"), context)
    country = rules.country(get("country"))
    value = get("city")
    city = _printable(value, rules.MAX_SHORT_TEXT)
    if city is not None:
        city = city.strip() or None
    elif value is not None:
        city = parse["city"](value, context)
    value = get("partners")
    partners = _stored_lines(value)
    if partners is None:
        partners = parse["partners"](value, context)
    language = rules.language(get("language") or "en")
    value = get("product_kind")
    product_kind = (
        value if value is None or (type(value) is str and value in _KINDS) else parse["product_kind"](value, context)
    )
    value = get("priority_domains")
    priority_domains = (
        [] if value is None or (type(value) is list and not value) else parse["priority_domains"](value, context)
    )
    value = get("operative_paragraphs")
    paragraphs = (
        [] if value is None or (type(value) is list and not value) else parse["operative_paragraphs"](value, context)
    )
    value = get("translations")
    translations = {} if value is None or (type(value) is dict and not value) else parse["translations"](value, context)
    rules.date_range(start_date, end_date)
    return ActivityFields(
        office,
        title,
        status,
        language,
        resolutions,
        outcomes,
        description,
        start_date,
        end_date,
        country,
        city,
        product_kind,
        priority_domains,
        paragraphs,
        partners,
        translations,
    )


_SPECS = activity_fields.BY_KEY
_SHAPE = (  # what the fast path above assumes of each field: its key in order, its kind and whether required
    ("office", "office", False),
    ("resolutions", "symbols", True),
    ("outcomes", "numbers", True),
    ("title", "text", True),
    ("description", "long_text", False),
    ("status", "choice", True),
    ("start_date", "date", False),
    ("end_date", "date", False),
    ("country", "country", False),
    ("city", "text", False),
    ("partners", "lines", False),
    ("language", "language", False),
    ("product_kind", "choice", False),
    ("priority_domains", "choices", False),
    ("operative_paragraphs", "paragraphs", False),
    ("translations", "translations", False),
)
_ORDER: tuple[str, ...] = (
    *("office", "title", "status", "language", "resolutions", "outcomes", "description", "start_date", "end_date"),
    *("country", "city", "product_kind", "priority_domains", "operative_paragraphs", "partners", "translations"),
)
if (
    tuple((s.key, s.kind.value, s.required) for s in activity_fields.ACTIVITY_FIELDS) != _SHAPE
    or (_SPECS["title"].translatable, _SPECS["city"].translatable) != (True, False)
    or (_SPECS["status"].default, _SPECS["product_kind"].default) != ("planned", None)
    or tuple(ActivityFields.__dataclass_fields__) != _ORDER  # the fast path builds it by position
):
    raise TypeError("parse_activity's fast path no longer matches activity_fields.ACTIVITY_FIELDS")
_TITLE_LIMIT = _SPECS["title"].max_length or rules.MAX_SHORT_TEXT
_DESCRIPTION_LIMIT = _SPECS["description"].max_length or rules.MAX_SHORT_TEXT
_STATUSES = activity_fields.codes(_SPECS["status"].choices)
_KINDS = activity_fields.codes(_SPECS["product_kind"].choices)
_OUTCOMES = frozenset(OUTCOME_NUMBERS)
_DATES: dict[str, dt.date | None] = {}
"""Dates as written, parsed (an import meets the same few hundred on every row)."""
_Known = tuple[frozenset[str], dict[str, tuple[int, int]]]
_last_known: tuple[Context, _Known] | None = None


def _known(context: Context) -> _Known:
    """The office codes and resolution symbols (with their sort keys) of a context taken as written, as their
    parsers would take them."""
    global _last_known
    last = _last_known
    if last is not None and last[0] is context:
        return last[1]
    symbols = {symbol: symbol_key(symbol) for symbol in context.resolutions if symbol == symbol.strip()}
    known = (activity_fields.canonical_offices(context.offices), symbols)
    _last_known = (context, known)
    return known


def _printable(value: Any, limit: int) -> str | None:
    """The text itself if it is one, within the limit and printable (no control character), else None."""
    if type(value) is str and len(value) <= limit and value.isprintable():
        return value
    return None


def _stored_items(value: Any, allowed: Collection[Any], key: Any) -> list[Any] | None:
    """A non-empty list of distinct allowed items (texts or integers, exactly), sorted; else None."""
    if type(value) is not list or not value:
        return None
    kind = str if key is not None else int
    for item in value:
        if type(item) is not kind or item not in allowed:
            return None
    if len(value) == 1:
        return [value[0]]
    if len(set(value)) < len(value):
        return None
    return sorted(value, key=key)


def _stored_lines(value: Any) -> list[str] | None:
    """Free texts, each printable and within the limit, stripped, empty and repeated ones left out; else None."""
    if value is None:
        return []
    if type(value) is not list or len(value) > rules.MAX_LIST_ITEMS:
        return None
    lines: list[str] = []
    for item in value:
        if type(item) is not str or len(item) > rules.MAX_SHORT_TEXT or not item.isprintable():
            return None
        item = item.strip()
        if item and item not in lines:
            lines.append(item)
    return lines


def _date(key: str, value: Any, context: Context) -> dt.date | None:
    if value is None:
        return None
    if type(value) is not str:
        return _PARSE[key](value, context)
    try:
        return _DATES[value]
    except KeyError:
        date: dt.date | None = _PARSE[key](value, context)
        if len(_DATES) < 4096 and len(value) <= 32:
            _DATES[value] = date
        return date


symbol_key = activity_fields.symbol_key


def display_text(
    title: str, description: str, language: str, translations: Mapping[str, Mapping[str, str]], wanted: str
) -> tuple[str, str, bool]:
    """Title and description in the wanted language when translated, else the original; and whether translated."""
    if wanted != language and wanted in translations:
        texts = translations[wanted]
        return texts.get("title") or title, texts.get("description") or description, True
    return title, description, wanted == language


__all__ = [
    "EDITABLE_FIELDS",
    "LANGUAGES",
    "ActivityFields",
    "Context",
    "display_text",
    "parse_activity",
    "parse_each_field",
    "symbol_key",
]
