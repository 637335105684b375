"""Input that copes with any locale: amounts in the language's form, dates typed (ISO or short form) or picked."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from decimal import Decimal

from babel.numbers import format_decimal
from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from habitat_desktop.domain.amounts import parse_typed_amount
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import _, current_language
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


def _short_format(locale: QLocale) -> str:
    """The language's short date format with a four-digit year ("dd/MM/yyyy", "yyyy/M/d")."""
    return locale.dateFormat(QLocale.FormatType.ShortFormat).replace("yyyy", "yy").replace("yy", "yyyy")


class OptionalDateEdit(QWidget):
    """A date that may stay empty: typed in ISO (2025-09-01) or the language's short form, or picked in a calendar
    that opens on the field's date, else on ``fallback`` (e.g. the start date), else today."""

    date_changed = Signal()

    def __init__(self, parent: QWidget | None = None, fallback: Callable[[], dt.date | None] | None = None) -> None:
        super().__init__(parent)
        self._fallback = fallback
        self.edit = QLineEdit()
        self.edit.setClearButtonEnabled(True)
        self.button = QToolButton()
        self.button.setText("…")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the field to the next field
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.popup = QMenu(self)
        holder = QWidgetAction(self.popup)
        holder.setDefaultWidget(self.calendar)
        self.popup.addAction(holder)
        self.button.clicked.connect(self.open_calendar)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        self.edit.textChanged.connect(lambda _text: self.date_changed.emit())
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        self.focus_target = self.edit  # what a label's mnemonic focuses (a focus proxy would trap Tab here)
        self.relocalize()

    def relocalize(self) -> None:
        locale = qt_locale()
        self.setLocale(locale)
        self.calendar.setLocale(locale)
        value = self.date_value()
        example = dt.date(2025, 9, 1)
        self.edit.setPlaceholderText(
            _("{iso} or {local}").format(iso=example.isoformat(), local=self._local_text(example))
        )
        self.button.setToolTip(_("Choose the date in a calendar"))
        if value is not None:
            self.set_date(value)

    def _local_text(self, value: dt.date) -> str:
        return self.locale().toString(QDate(value.year, value.month, value.day), _short_format(self.locale()))

    def text(self) -> str:
        return self.edit.text().strip()

    def date_value(self) -> dt.date | None:
        """The date typed or picked; None when the field is empty or does not hold a date."""
        text = self.text()
        if not text:
            return None
        digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
        try:
            return dt.date.fromisoformat(digits)
        except ValueError:
            pass
        for form in (_short_format(self.locale()), self.locale().dateFormat(QLocale.FormatType.ShortFormat)):
            parsed = self.locale().toDate(text, form)
            if parsed.isValid():
                return dt.date(parsed.year(), parsed.month(), parsed.day())
        return None

    def problem(self) -> str | None:
        """Why the text typed is not a date, or None."""
        if not self.text() or self.date_value() is not None:
            return None
        return _("“{text}” is not a date: write it like {iso} or {local}").format(
            text=self.text(), iso="2025-09-01", local=self._local_text(dt.date(2025, 9, 1))
        )

    def set_date(self, value: dt.date | str | None) -> None:
        if isinstance(value, str):
            value = dt.date.fromisoformat(value) if value else None
        self.edit.setText("" if value is None else self._local_text(value))

    def iso(self) -> str | None:
        value = self.date_value()
        return value.isoformat() if value else None

    def open_calendar(self) -> None:
        """Show the calendar on the field's date, else the fallback date, else today."""
        shown = self.date_value() or (self._fallback() if self._fallback else None) or dt.date.today()
        self.calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        self.popup.popup(self.mapToGlobal(self.rect().bottomLeft()))

    def _picked(self, value: QDate) -> None:
        self.set_date(dt.date(value.year(), value.month(), value.day()))
        self.popup.close()
        self.edit.setFocus()
