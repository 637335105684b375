"""Input that copes with any locale: amounts with the locale's separators or a dot, dates with a calendar."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.numbers import format_decimal
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QLineEdit

from habitat_desktop.domain.amounts import parse_typed_amount
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import current_language
from habitat_desktop.l10n.formatting import babel_locale

_QT_LOCALES = {"ar": "ar_EG", "zh": "zh_CN", "en": "en_US", "fr": "fr_FR", "ru": "ru_RU", "es": "es_ES"}


def qt_locale(language: str | None = None) -> QLocale:
    """The Qt locale of one of the six languages."""
    return QLocale(_QT_LOCALES[language or current_language()])


def parse_amount(text: str, language: str | None = None) -> Decimal | None:
    """An amount typed in a language's form (read strictly, see domain.amounts); None when it is none."""
    try:
        return parse_typed_amount(text, language)
    except ValidationError:
        return None


def format_amount(value: Decimal, language: str | None = None) -> str:
    """An amount in the language's form, keeping its decimals."""
    places = max(0, -int(value.as_tuple().exponent)) if value.is_finite() else 0
    return format_decimal(
        value,
        format=None if places == 0 else "#,##0." + "0" * places,
        locale=babel_locale(language),
        decimal_quantization=False,
    )


class AmountEdit(QLineEdit):
    """A line for an amount: accepts whatever separator the person types; ``amount()`` is exact or None."""

    def amount(self) -> Decimal | None:
        return parse_amount(self.text())

    def set_amount(self, value: Decimal | None) -> None:
        self.setText("" if value is None else format_amount(value))


class OptionalDateEdit(QDateEdit):
    """A date with a calendar in the current language; the earliest date stands for "no date" (shown as —)."""

    EMPTY = QDate(1900, 1, 1)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(self.EMPTY)
        self.setMaximumDate(QDate(2200, 12, 31))
        self.setSpecialValueText("—")
        self.relocalize()
        self.set_date(None)

    def relocalize(self) -> None:
        locale = qt_locale()
        self.setLocale(locale)
        self.calendarWidget().setLocale(locale)
        self.setDisplayFormat(
            locale.dateFormat(QLocale.FormatType.ShortFormat).replace("yy", "yyyy").replace("yyyyyyyy", "yyyy")
        )

    def date_value(self) -> dt.date | None:
        value = self.date()
        if value == self.EMPTY:
            return None
        return dt.date(value.year(), value.month(), value.day())

    def set_date(self, value: dt.date | str | None) -> None:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value) if value else None
        self.setDate(self.EMPTY if value is None else QDate(value.year, value.month, value.day))

    def iso(self) -> str | None:
        value = self.date_value()
        return value.isoformat() if value else None
