"""Validation rules for values users and files supply: text, codes, dates, amounts and lists."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.numbers import list_currencies

from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import _, ngettext, quoted_value

MAX_SHORT_TEXT = 500
MAX_LONG_TEXT = 20_000
MAX_LIST_ITEMS = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_OFFICE_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")


def text(value: object, field: str, *, required: bool = False, limit: int = MAX_SHORT_TEXT) -> str:
    """Printable text within a length limit; newlines and tabs allowed, other control characters not."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValidationError(field, _("expected text"))
    if not value.isprintable() and _CONTROL.search(value):  # printable text holds none of them
        raise ValidationError(field, _("contains control or binary characters"))
    if len(value) > limit:
        raise ValidationError(
            field,
            ngettext(
                "too long: {count} character, at most {limit}",
                "too long: {count} characters, at most {limit}",
                len(value),
            ).format(count=len(value), limit=limit),
        )
    if required and not value.strip():
        raise ValidationError(field, _("is required"))
    return value


def optional_text(value: object, field: str, *, limit: int = MAX_SHORT_TEXT) -> str | None:
    cleaned = text(value, field, limit=limit).strip()
    return cleaned or None


def record_id(value: object, field: str = "id") -> str:
    """A UUID in its canonical lower-case form."""
    if type(value) is str and _CANONICAL_UUID.fullmatch(value):  # already canonical: what parsing it gives
        return value
    try:
        return str(uuid.UUID(str(value)))
    except (ValueError, AttributeError, TypeError):
        raise ValidationError(
            field, _("not a valid identifier (UUID): {value}").format(value=quoted_value(value))
        ) from None


def canonical_id(value: object, field: str = "id") -> str:
    """A UUID exactly in its canonical lower-case form, as records store it (files may write it otherwise)."""
    canonical = record_id(value, field)
    if canonical != value:
        raise ValidationError(field, _("not a valid identifier (UUID): {value}").format(value=quoted_value(value)))
    return canonical


def iso_date(value: object, field: str) -> dt.date | None:
    """An ISO 8601 date (YYYY-MM-DD), or None for an empty value."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(
            field, _("not a date in the form YYYY-MM-DD: {value}").format(value=quoted_value(value))
        ) from None


def date_range(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise ValidationError("end_date", _("the end date is before the start date"))


@cache
def _countries() -> frozenset[str]:
    codes = (str(code) for code in Locale.parse("en").territories)
    return frozenset(code for code in codes if len(code) == 2 and code.isalpha())


def country_codes() -> list[str]:
    """Every ISO 3166-1 alpha-2 country code, sorted."""
    return sorted(_countries())


def country(value: object, field: str = "country", *, required: bool = False) -> str | None:
    """An ISO 3166-1 alpha-2 country code."""
    if value in (None, ""):
        if required:
            raise ValidationError(field, _("is required"))
        return None
    if type(value) is str and value in _countries():  # already a code as stored
        return value
    code = str(value).strip().upper()
    if code not in _countries():
        raise ValidationError(
            field, _("unknown country code {value} (ISO 3166-1 alpha-2)").format(value=quoted_value(value))
        )
    return code


def currency(value: object, field: str = "currency") -> str:
    """An ISO 4217 currency code."""
    code = str(value or "").strip().upper()
    if code not in list_currencies():
        raise ValidationError(field, _("unknown currency {value} (ISO 4217)").format(value=quoted_value(value)))
    return code


def amount(value: object, field: str = "amount") -> Decimal:
    """A non-negative exact amount; floats are refused, their binary fractions are not money."""
    if isinstance(value, float | bool):
        raise ValidationError(field, _("an amount must be written as text or an integer, not a float"))
    try:
        result = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(field, _("not a number: {value}").format(value=quoted_value(value))) from None
    if not result.is_finite():
        raise ValidationError(field, _("not a number: {value}").format(value=quoted_value(value)))
    if result < 0:
        raise ValidationError(field, _("an amount cannot be negative"))
    return result


def language(value: object, field: str = "language") -> str:
    """An ISO 639-1 language code Babel knows."""
    if type(value) is str and value in _KNOWN_LANGUAGES:  # a code checked before, as written
        return value
    code = str(value or "").strip().lower()
    if not _LANGUAGE_CODE.fullmatch(code):
        raise ValidationError(field, _("not a language code: {value}").format(value=quoted_value(value)))
    if not _known_language(code):
        raise ValidationError(field, _("unknown language {value}").format(value=quoted_value(value)))
    if code == value and len(_KNOWN_LANGUAGES) < 1000:
        _KNOWN_LANGUAGES.add(code)
    return code


_KNOWN_LANGUAGES: set[str] = set()
"""Valid language codes as they were written (an import asks for the same few on every row)."""


@cache
def _known_language(code: str) -> bool:
    """Whether Babel knows a language code (asked once per code: an import asks for every row)."""
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def office_code(value: object, field: str = "office") -> str:
    """An office code: capital letters and digits, e.g. KEN, ROAF, HQ."""
    code = str(value or "").strip().upper()
    if not _OFFICE_CODE.fullmatch(code):
        raise ValidationError(
            field, _("not an office code (2–16 capital letters or digits): {value}").format(value=quoted_value(value))
        )
    return code


def string_list(value: object, field: str, *, limit: int = MAX_SHORT_TEXT) -> list[str]:
    """A list of distinct, non-empty texts, in the order given."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValidationError(field, _("expected a list"))
    if len(value) > MAX_LIST_ITEMS:
        raise ValidationError(field, _("too many items (at most {limit})").format(limit=MAX_LIST_ITEMS))
    items: list[str] = []
    for item in value:
        cleaned = text(item, field, limit=limit).strip()
        if cleaned and cleaned not in items:
            items.append(cleaned)
    return items


def members(values: Iterable[object], allowed: Iterable[str], field: str) -> list[str]:
    """Each value is one of the allowed codes (order kept, duplicates dropped)."""
    allowed_list = list(allowed)
    allowed_set = set(allowed_list)
    result: list[str] = []
    for value in values:
        code = str(value).strip()
        if code not in allowed_set:
            raise ValidationError(
                field,
                _("unknown value {value}; expected one of: {allowed}").format(
                    value=quoted_value(value), allowed=", ".join(allowed_list)
                ),
            )
        if code not in result:
            result.append(code)
    return result
