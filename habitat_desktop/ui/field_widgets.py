"""The form widget for each kind of activity field (``domain.activity_fields``): made, read, filled and watched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from habitat_desktop.domain.activity_fields import FieldKind, FieldSpec
from habitat_desktop.l10n import LANGUAGES, language_name
from habitat_desktop.ui.editor_widgets import CheckList, CountryCombo, TranslationTable
from habitat_desktop.ui.locale_input import OptionalDateEdit


def follow_text_direction(edit: QPlainTextEdit) -> None:
    """Each paragraph runs and aligns in the direction of its own text (Arabic typed in an English window: right)."""
    option = edit.document().defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    option.setAlignment(Qt.AlignmentFlag.AlignLeading)
    edit.document().setDefaultTextOption(option)


@dataclass
class FieldWidget:
    """A field's widget with how to read its value, show a value, and hear it change."""

    spec: FieldSpec
    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]
    changed: SignalInstance


def _combo_value(combo: QComboBox, fallback: Any) -> Any:
    return combo.currentData() or fallback


def _select(combo: QComboBox, value: Any) -> None:
    combo.setCurrentIndex(max(combo.findData(value), 0))


def _plain_text(spec: FieldSpec, height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMaximumHeight(height)
    follow_text_direction(edit)
    return edit


def make_field_widget(
    spec: FieldSpec,
    *,
    own_office: str,
    original_language: Callable[[], str],
    earlier_date: Callable[[], dt.date | None] | None = None,
) -> FieldWidget:
    """The widget that edits one field of an activity (a combo's choices are filled by the form, per language)."""
    kind = spec.kind
    if kind is FieldKind.TEXT:
        line = QLineEdit()
        read: Callable[[], Any] = line.text if spec.required else lambda: line.text().strip() or None
        return FieldWidget(spec, line, read, lambda v: line.setText(v or ""), line.textChanged)
    if kind is FieldKind.LONG_TEXT:
        text = _plain_text(spec, 110)
        return FieldWidget(spec, text, text.toPlainText, lambda v: text.setPlainText(v or ""), text.textChanged)
    if kind is FieldKind.LINES:
        lines = _plain_text(spec, 80)
        return FieldWidget(
            spec,
            lines,
            lambda: [p.strip() for p in lines.toPlainText().splitlines() if p.strip()],
            lambda v: lines.setPlainText("\n".join(v or [])),
            lines.textChanged,
        )
    if kind in (FieldKind.CHOICE, FieldKind.OFFICE, FieldKind.LANGUAGE):
        combo = QComboBox()
        fallback: Any = {FieldKind.OFFICE: own_office, FieldKind.LANGUAGE: "en"}.get(kind, spec.default)
        if kind is FieldKind.LANGUAGE:
            for code in LANGUAGES:
                combo.addItem(language_name(code), code)
        return FieldWidget(
            spec,
            combo,
            lambda: _combo_value(combo, fallback),
            lambda v: _select(combo, v or fallback or ""),
            combo.currentIndexChanged,
        )
    if kind is FieldKind.COUNTRY:
        country = CountryCombo()
        return FieldWidget(spec, country, country.code, country.set_code, country.currentTextChanged)
    if kind is FieldKind.DATE:
        date = OptionalDateEdit(fallback=earlier_date)
        return FieldWidget(spec, date, date.iso, date.set_date, date.date_changed)
    if kind is FieldKind.TRANSLATIONS:
        table = TranslationTable()
        return FieldWidget(
            spec,
            table,
            lambda: table.translations(original_language()),
            lambda v: table.set_translations(v or {}),
            table.changed,
        )
    checks = CheckList()  # SYMBOLS, PARAGRAPHS, CHOICES, NUMBERS
    if kind is FieldKind.CHOICES:
        checks.setMaximumHeight(80)
    if kind is FieldKind.NUMBERS:
        return FieldWidget(
            spec,
            checks,
            lambda: [int(k) for k in checks.checked_keys()],
            lambda v: checks.set_keys([str(n) for n in v or []]),
            checks.changed,
        )
    return FieldWidget(spec, checks, checks.checked_keys, lambda v: checks.set_keys(list(v or [])), checks.changed)
