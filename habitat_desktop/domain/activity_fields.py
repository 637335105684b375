"""The one description of an activity's editable fields: what each holds, its names, and how it is checked.

Validation (``domain.activity``), the form (``ui/activity_editor.py``), the activity files and sheets
(``exchange/``) and the services' plain records all read ``ACTIVITY_FIELDS``: a field added here is checked,
shown, exported and imported (a new column also needs its model column and a migration).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any

from habitat_desktop.domain import rules
from habitat_desktop.domain.enums import ActivityStatus, Labelled, PriorityDomain, ProductKind
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import N_, _, pgettext, quoted_value

if TYPE_CHECKING:
    from habitat_desktop.domain.activity import Context

OUTCOME_NUMBERS = (1, 2, 3, 4, 5)


class FieldKind(StrEnum):
    """What a field's value is: the form picks its widget, the files their cell, validation its rule by it."""

    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # paragraphs
    CHOICE = "choice"  # one member of an enumeration (``FieldSpec.choices``)
    CHOICES = "choices"  # members of an enumeration
    OFFICE = "office"  # an office code of the workspace
    LANGUAGE = "language"  # one of the six languages
    COUNTRY = "country"  # an ISO 3166 code
    DATE = "date"  # ISO date text in records, a date in sheets
    SYMBOLS = "symbols"  # resolution symbols of the catalog
    PARAGRAPHS = "paragraphs"  # operative paragraphs of those resolutions
    NUMBERS = "numbers"  # outcome numbers
    LINES = "lines"  # free texts, one per line
    TRANSLATIONS = "translations"  # {language: {"title": …, "description": …}}


LIST_KINDS = frozenset({FieldKind.CHOICES, FieldKind.SYMBOLS, FieldKind.PARAGRAPHS, FieldKind.NUMBERS, FieldKind.LINES})


class FormGroup(IntEnum):
    """The part of the form (its tab) a field shows in; funding, not a field of the activity row, has its own."""

    ACTIVITY = 0
    ALIGNMENT = 1
    FUNDING = 2
    TRANSLATIONS = 3


@dataclass(frozen=True)
class FieldSpec:
    """One editable field of an activity."""

    key: str
    label: Callable[[], str]  # the form's label, with its mnemonic, in the current language
    column: Callable[[], str]  # the spreadsheet column's label in the current language
    kind: FieldKind
    group: FormGroup
    row: int  # its place in its form group
    required: bool = False
    max_length: int | None = rules.MAX_SHORT_TEXT
    translatable: bool = False  # translated per language in ``translations``
    choices: type[Labelled] | None = None
    default: str | None = None  # the value a new activity starts with, and an empty cell means
    name: str = ""  # the field's name in sentences (History, conflicts): a message, translated when shown

    @property
    def is_list(self) -> bool:
        return self.kind in LIST_KINDS

    def empty(self) -> Any:
        """The value of this field before anything is typed."""
        if self.default is not None:
            return self.default
        if self.kind is FieldKind.TRANSLATIONS:
            return {}
        if self.is_list:
            return []
        if self.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT) and (self.required or self.translatable):
            return ""
        return None

    def plain(self, value: Any) -> Any:
        """A stored value as records and forms carry it: plain JSON (dates as ISO text, fresh lists)."""
        if value is None:
            return None
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, list | tuple):
            return list(value)
        if isinstance(value, Mapping):
            return {key: dict(item) if isinstance(item, Mapping) else item for key, item in value.items()}
        return value

    def parse(self, value: Any, context: Context) -> Any:
        """The field's valid value from what a form or a file gave; a ValidationError naming the field if bad."""
        return _PARSERS[self.kind](self, value, context)


def _list(value: object, field: str) -> list[Any]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    raise ValidationError(field, _("expected a list"))


def symbol_key(symbol: str) -> tuple[int, int]:
    """Sort key of a resolution symbol: 1/5 before 2/1 before 2/10."""
    session, _sep, number = symbol.partition("/")
    try:
        return int(session), int(number)
    except ValueError:
        return (99, 99)


def _limit(spec: FieldSpec) -> int:
    return spec.max_length or rules.MAX_SHORT_TEXT


def _text(spec: FieldSpec, value: Any, _context: Context) -> Any:
    if spec.required:
        return rules.text(value, spec.key, required=True, limit=_limit(spec)).strip()
    if spec.translatable or spec.kind is FieldKind.LONG_TEXT:
        return rules.text(value, spec.key, limit=_limit(spec))
    return rules.optional_text(value, spec.key)


@lru_cache(maxsize=32)
def codes(choices: type[Labelled]) -> frozenset[str]:
    """An enumeration's codes (asked for every imported row)."""
    return frozenset(member.value for member in choices)


def _choice(spec: FieldSpec, value: Any, _context: Context) -> str | None:
    assert spec.choices is not None
    if not value:
        return spec.choices.parse(spec.default, spec.key).value if spec.default else None
    if type(value) is str and value in codes(spec.choices):  # already a code: what parsing it gives
        return value
    return spec.choices.parse(value, spec.key).value


def _choices(spec: FieldSpec, value: Any, _context: Context) -> list[str]:
    assert spec.choices is not None
    items = _list(value, spec.key)
    return rules.members(items, [m.value for m in spec.choices], spec.key) if items else []


@lru_cache(maxsize=8)
def canonical_offices(offices: frozenset[str]) -> frozenset[str]:
    """The offices whose code is already as ``rules.office_code`` writes it (a value among them is returned as is)."""
    canonical = set()
    for office in offices:
        try:
            if rules.office_code(office) == office:
                canonical.add(office)
        except ValidationError:
            continue
    return frozenset(canonical)


def _office(spec: FieldSpec, value: Any, context: Context) -> str:
    if type(value) is str and value in canonical_offices(context.offices):
        return value
    office = rules.office_code(value or context.own_office)
    if office not in context.offices:
        raise ValidationError(spec.key, _("unknown office {value}").format(value=quoted_value(office)))
    return office


def _language(spec: FieldSpec, value: Any, _context: Context) -> str:
    return rules.language(value or "en")


def _country(spec: FieldSpec, value: Any, _context: Context) -> str | None:
    return rules.country(value, spec.key)


@lru_cache(maxsize=8)
def _in_order(symbols: frozenset[str]) -> tuple[str, ...]:
    """A catalog's resolution symbols in the Assembly's order (sorted once, not for every imported row)."""
    return tuple(sorted(symbols, key=symbol_key))


def _date(spec: FieldSpec, value: Any, _context: Context) -> dt.date | None:
    return rules.iso_date(value, spec.key)


def _symbols(spec: FieldSpec, value: Any, context: Context) -> list[str]:
    items = _list(value, spec.key)
    found: list[str] = []
    for item in items:  # as rules.members, with the catalog's set; it words the error of an unknown symbol
        code = str(item).strip()
        if code not in context.resolutions:
            found = rules.members(items, _in_order(context.resolutions), spec.key)
            break
        if code not in found:
            found.append(code)
    if spec.required and not found:
        raise ValidationError(spec.key, _("name at least one resolution"))
    return sorted(found, key=symbol_key) if len(found) > 1 else found


def _paragraphs(spec: FieldSpec, value: Any, context: Context) -> list[str]:
    items = _list(value, spec.key)
    if not items:
        return []
    paragraphs = rules.string_list(items, spec.key)
    unknown = [p for p in paragraphs if p not in context.operative_paragraphs]
    if unknown:
        raise ValidationError(spec.key, _("unknown operative paragraph {value}").format(value=quoted_value(unknown[0])))
    return paragraphs


def _numbers(spec: FieldSpec, value: Any, _context: Context) -> list[int]:
    numbers: list[int] = []
    for item in _list(value, spec.key):
        if type(item) is int:
            number = item
        else:
            try:
                number = int(str(item).strip())
            except ValueError:
                number = 0
        if number not in OUTCOME_NUMBERS:
            raise ValidationError(
                spec.key, _("unknown outcome {value}; expected 1 to 5").format(value=quoted_value(item))
            )
        if number not in numbers:
            numbers.append(number)
    if spec.required and not numbers:
        raise ValidationError(spec.key, _("name at least one outcome"))
    return sorted(numbers)


def _lines(spec: FieldSpec, value: Any, _context: Context) -> list[str]:
    items = _list(value, spec.key)
    return rules.string_list(items, spec.key) if items else []


def _translations(spec: FieldSpec, value: Any, _context: Context) -> dict[str, dict[str, str]]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ValidationError(spec.key, _("expected an object keyed by language"))
    texts_of = {s.key: s for s in ACTIVITY_FIELDS if s.translatable}
    result: dict[str, dict[str, str]] = {}
    for language, texts in value.items():
        code = rules.language(language, spec.key)
        if not isinstance(texts, dict) or set(texts) - set(texts_of):
            raise ValidationError(spec.key, _("each translation has only a title and a description"))
        entry = {
            name: rules.text(texts.get(name), f"{spec.key}.{code}.{name}", limit=_limit(source))
            for name, source in texts_of.items()
        }
        if any(entry.values()):
            result[code] = entry
    return dict(sorted(result.items()))


_PARSERS: dict[FieldKind, Callable[[FieldSpec, Any, Any], Any]] = {
    FieldKind.TEXT: _text,
    FieldKind.LONG_TEXT: _text,
    FieldKind.CHOICE: _choice,
    FieldKind.CHOICES: _choices,
    FieldKind.OFFICE: _office,
    FieldKind.LANGUAGE: _language,
    FieldKind.COUNTRY: _country,
    FieldKind.DATE: _date,
    FieldKind.SYMBOLS: _symbols,
    FieldKind.PARAGRAPHS: _paragraphs,
    FieldKind.NUMBERS: _numbers,
    FieldKind.LINES: _lines,
    FieldKind.TRANSLATIONS: _translations,
}

_A, _B, _T = FormGroup.ACTIVITY, FormGroup.ALIGNMENT, FormGroup.TRANSLATIONS

ACTIVITY_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "office",
        lambda: _("&Office"),
        lambda: pgettext("spreadsheet column", "Office"),
        FieldKind.OFFICE,
        _A,
        6,
        name=N_("Office"),
    ),
    FieldSpec(
        "resolutions",
        lambda: _("Resol&utions"),
        lambda: pgettext("spreadsheet column", "Resolutions"),
        FieldKind.SYMBOLS,
        _B,
        0,
        required=True,
        name=N_("Resolutions"),
    ),
    FieldSpec(
        "outcomes",
        lambda: _("Ou&tcomes"),
        lambda: pgettext("spreadsheet column", "Outcomes"),
        FieldKind.NUMBERS,
        _B,
        2,
        required=True,
        name=N_("Outcomes"),
    ),
    FieldSpec(
        "title",
        lambda: _("&Title"),
        lambda: pgettext("spreadsheet column", "Title"),
        FieldKind.TEXT,
        _A,
        0,
        required=True,
        translatable=True,
        name=N_("Title"),
    ),
    FieldSpec(
        "description",
        lambda: _("&Description"),
        lambda: pgettext("spreadsheet column", "Description"),
        FieldKind.LONG_TEXT,
        _A,
        1,
        max_length=rules.MAX_LONG_TEXT,
        translatable=True,
        name=N_("Description"),
    ),
    FieldSpec(
        "status",
        lambda: _("Stat&us"),
        lambda: pgettext("spreadsheet column", "Status"),
        FieldKind.CHOICE,
        _A,
        2,
        required=True,
        choices=ActivityStatus,
        default=ActivityStatus.PLANNED.value,
        name=N_("Status"),
    ),
    FieldSpec(
        "start_date",
        lambda: _("St&art date"),
        lambda: pgettext("spreadsheet column", "Start date"),
        FieldKind.DATE,
        _A,
        4,
        name=N_("Start date"),
    ),
    FieldSpec(
        "end_date",
        lambda: _("E&nd date"),
        lambda: pgettext("spreadsheet column", "End date"),
        FieldKind.DATE,
        _A,
        5,
        name=N_("End date"),
    ),
    FieldSpec(
        "country",
        lambda: pgettext("activity form", "&Country"),
        lambda: pgettext("spreadsheet column", "Country"),
        FieldKind.COUNTRY,
        _A,
        7,
        name=N_("Country"),
    ),
    FieldSpec(
        "city",
        lambda: _("Cit&y"),
        lambda: pgettext("spreadsheet column", "City"),
        FieldKind.TEXT,
        _A,
        8,
        name=N_("City"),
    ),
    FieldSpec(
        "partners",
        lambda: _("&Partners"),
        lambda: pgettext("spreadsheet column", "Partners"),
        FieldKind.LINES,
        _A,
        9,
        name=N_("Partners"),
    ),
    FieldSpec(
        "language",
        lambda: _("Original &language"),
        lambda: pgettext("spreadsheet column", "Language"),
        FieldKind.LANGUAGE,
        _A,
        10,
        name=N_("Original language"),
    ),
    FieldSpec(
        "product_kind",
        lambda: _("Product &kind"),
        lambda: pgettext("spreadsheet column", "Kind of product"),
        FieldKind.CHOICE,
        _A,
        3,
        choices=ProductKind,
        name=N_("Product kind"),
    ),
    FieldSpec(
        "priority_domains",
        lambda: _("Priority &domains"),
        lambda: pgettext("spreadsheet column", "Priority domains"),
        FieldKind.CHOICES,
        _B,
        3,
        choices=PriorityDomain,
        name=N_("Priority domains"),
    ),
    FieldSpec(
        "operative_paragraphs",
        lambda: _("Operative para&graphs"),
        lambda: pgettext("spreadsheet column", "Operative paragraphs"),
        FieldKind.PARAGRAPHS,
        _B,
        1,
        name=N_("Operative paragraphs"),
    ),
    FieldSpec(
        "translations",
        lambda: _("Tr&anslations"),
        lambda: pgettext("spreadsheet column", "Translations"),
        FieldKind.TRANSLATIONS,
        _T,
        0,
        max_length=None,
        name=N_("Translations"),
    ),
)
"""Every editable field of an activity, in the order of the columns of activity files and sheets."""

FIELD_KEYS: tuple[str, ...] = tuple(spec.key for spec in ACTIVITY_FIELDS)
BY_KEY: dict[str, FieldSpec] = {spec.key: spec for spec in ACTIVITY_FIELDS}
LIST_FIELDS: frozenset[str] = frozenset(spec.key for spec in ACTIVITY_FIELDS if spec.is_list)
DATE_FIELDS: frozenset[str] = frozenset(spec.key for spec in ACTIVITY_FIELDS if spec.kind is FieldKind.DATE)
TRANSLATABLE_FIELDS: tuple[str, ...] = tuple(spec.key for spec in ACTIVITY_FIELDS if spec.translatable)
LABELLED_FIELDS: dict[str, type[Labelled]] = {
    spec.key: spec.choices for spec in ACTIVITY_FIELDS if spec.choices is not None
}
"""Fields whose values are codes of an enumeration, shown by their labels."""


PARSERS: tuple[tuple[str, Callable[[Any, Context], Any]], ...] = tuple(
    (spec.key, partial(_PARSERS[spec.kind], spec)) for spec in ACTIVITY_FIELDS
)
"""Each field's key and its ``FieldSpec.parse`` bound to the field (validating many rows calls them directly)."""


def form_groups() -> dict[FormGroup, tuple[FieldSpec, ...]]:
    """The fields each part of the form shows, in their order."""
    groups: dict[FormGroup, list[FieldSpec]] = {}
    for spec in sorted(ACTIVITY_FIELDS, key=lambda s: (s.group, s.row)):
        groups.setdefault(spec.group, []).append(spec)
    return {group: tuple(specs) for group, specs in groups.items()}


def plain_values(source: Any) -> dict[str, Any]:
    """An activity's (a stored row's, or any object's) editable fields as plain JSON values, keyed as described."""
    return {spec.key: spec.plain(getattr(source, spec.key)) for spec in ACTIVITY_FIELDS}


def empty_values() -> dict[str, Any]:
    """Every field's value before anything is typed."""
    return {spec.key: spec.empty() for spec in ACTIVITY_FIELDS}


def problems(data: Mapping[str, Any], context: Context) -> tuple[dict[str, Any], dict[str, str]]:
    """Each field's valid value and every problem at once, keyed by field (dates checked as a range too)."""
    values: dict[str, Any] = {}
    found: dict[str, str] = {}
    for spec in ACTIVITY_FIELDS:
        try:
            values[spec.key] = spec.parse(data.get(spec.key), context)
        except ValidationError as error:
            found.setdefault(error.field if error.field.startswith(spec.key) else spec.key, error.reason)
    if "start_date" in values and "end_date" in values:
        try:
            rules.date_range(values["start_date"], values["end_date"])
        except ValidationError as error:
            found.setdefault(error.field, error.reason)
    return values, found
