"""Amounts as a person types them, read strictly in the language of the form ("12 500,5" in French)."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from habitat_desktop.domain import rules
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import babel_locale

__all__ = ["example_amount", "parse_typed_amount"]

_SPACES = frozenset(" \u00a0\u202f\u2009\u2007")  # the group separators of French and Russian, and what people type
_GROUP, _POINT = "G", "D"
# Digits, grouped by threes from the point or not grouped at all, then at most one decimal point with digits after it.
_SHAPE = re.compile(r"(?:\d{1,3}(?:G\d{3})+|\d+)(?:D\d+)?")
_EXAMPLE = Decimal("12500.5")


def example_amount(language: str | None = None) -> str:
    """How an amount is written in a language ("12,500.5", "12 500,5", "12.500,5"), for hints and messages."""
    return format_decimal(_EXAMPLE, format="#,##0.0", locale=babel_locale(language))


def _marks(text: str, language: str | None) -> str:
    """The text with digits made ASCII and every separator made G (a group) or D (the decimal point)."""
    locale = babel_locale(language)
    point, group = get_decimal_symbol(locale), get_group_symbol(locale)
    marks = []
    for char in text:
        if char.isdigit():
            marks.append(str(unicodedata.digit(char)))
        elif char == point or char == "\u066b":  # the language's point, or the Arabic decimal separator
            marks.append(_POINT)
        elif char == group or char in _SPACES or char == "\u066c":  # the language's group, a space, the Arabic one
            marks.append(_GROUP)
        elif char == "." and group != ".":  # a dot is a decimal point wherever it cannot be a group separator
            marks.append(_POINT)
        else:
            marks.append(char)
    return "".join(marks)


def parse_typed_amount(text: str, language: str | None = None, field: str = "amount") -> Decimal:
    """An amount typed in a language's form (any digits, its separators, or a dot as the point where unambiguous).

    "1.2.3" and "12,50,0" are refused with the reason, never read as 123 or 12500.
    """
    typed = text.strip()
    if not typed:
        raise ValidationError(field, _("is required"))
    marked = _marks(typed, language)
    if marked[:1] in {"-", "\u2212"}:
        raise ValidationError(field, _("an amount cannot be negative"))
    if not _SHAPE.fullmatch(marked):
        raise ValidationError(
            field,
            _("“{text}” is not an amount: write it like {example}").format(
                text=typed, example=example_amount(language)
            ),
        )
    return rules.amount(marked.replace(_GROUP, "").replace(_POINT, "."), field)
