"""Pieces of the activity form: checkable pickers, the country picker, funding lines and translations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from babel import Locale
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.domain.enums import FundingSource, FundingStage
from habitat_desktop.domain.translation_status import TranslationState
from habitat_desktop.l10n import LANGUAGES, _, current_language, language_name
from habitat_desktop.l10n.formatting import country_name
from habitat_desktop.services.activity_editing import FundingEntry
from habitat_desktop.ui.cell_editing import CommitOnEnter
from habitat_desktop.ui.locale_input import AmountEdit, format_amount


class CheckList(QListWidget):
    """A list of (key, text) items, each with a check box; ``keys()`` are the checked ones in list order."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def set_items(self, items: list[tuple[str, str]]) -> None:
        checked = set(self.checked_keys())
        self.blockSignals(True)
        self.clear()
        for key, text in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)

    def checked_keys(self) -> list[str]:
        return [
            self.item(n).data(Qt.ItemDataRole.UserRole)
            for n in range(self.count())
            if self.item(n).checkState() == Qt.CheckState.Checked
        ]

    def set_keys(self, keys: list[str]) -> None:
        wanted = set(keys)
        self.blockSignals(True)
        for n in range(self.count()):
            item = self.item(n)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.blockSignals(False)


@cache
def _country_codes() -> tuple[str, ...]:
    codes = (str(code) for code in Locale.parse("en").territories)
    return tuple(
        sorted(code for code in codes if len(code) == 2 and code.isalpha() and code not in {"ZZ", "XA", "XB", "QO"})
    )


class CountryCombo(QComboBox):
    """Countries by their names in the current language (type to find one); the data is the ISO code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.relocalize()

    def relocalize(self) -> None:
        code = self.code()
        self.blockSignals(True)
        self.clear()
        self.addItem("", None)
        language = current_language()
        for name, value in sorted((country_name(c, language=language), c) for c in _country_codes()):
            self.addItem(name, value)
        self.blockSignals(False)
        self.set_code(code)

    def code(self) -> str | None:
        """The chosen country's code; an unknown typed name gives the text itself (validation names it)."""
        text = self.currentText().strip()
        if not text:
            return None
        index = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if index > 0:
            return str(self.itemData(index))
        return text

    def set_code(self, code: str | None) -> None:
        index = self.findData(code) if code else 0
        self.setCurrentIndex(max(index, 0))
        if code and index < 0:
            self.setEditText(code)


@dataclass
class _Line:
    amount: AmountEdit
    currency: QLineEdit
    source: QComboBox
    contributor: QLineEdit
    stage: QComboBox
    id: str | None
    date: dt.date | None = None  # not edited in the form, kept as loaded


class FundingTable(QWidget):
    """Funding lines: amount (in the user's locale), currency, source, contributor, pledged or received."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 5)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_line(None))
        self.remove_button.clicked.connect(self.remove_line)
        self._lines: list[_Line] = []
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Amount"), _("Currency"), _("Source"), _("Contributor"), _("Stage")])
        self.add_button.setText(_("&Add funding"))
        self.remove_button.setText(_("Re&move funding"))
        self.add_button.setToolTip(_("Add a line of money pledged or received"))
        for line in self._lines:
            for combo, enum in ((line.source, FundingSource), (line.stage, FundingStage)):
                for n in range(combo.count()):
                    combo.setItemText(n, enum(combo.itemData(n)).label())
            line.amount.setPlaceholderText(format_amount(Decimal("1234.5")))

    def add_line(self, entry: FundingEntry | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        amount = AmountEdit()
        amount.set_amount(entry.amount if entry else None)
        amount.setPlaceholderText(format_amount(Decimal("1234.5")))
        amount.setToolTip(_("Type the amount with your usual decimal separator, or a dot"))
        currency = QLineEdit(entry.currency if entry else "USD")
        currency.setMaxLength(3)
        currency.setToolTip(_("ISO 4217 code, e.g. USD, EUR, KES"))
        contributor = QLineEdit(entry.contributor if entry else "")
        source = QComboBox()
        for member in FundingSource:
            source.addItem(member.label(), member.value)
        source.setCurrentIndex(max(source.findData(entry.source if entry else "core"), 0))
        stage = QComboBox()
        for stage_member in FundingStage:
            stage.addItem(stage_member.label(), stage_member.value)
        stage.setCurrentIndex(max(stage.findData(entry.stage if entry else "pledged"), 0))
        for column, widget in enumerate((amount, currency, source, contributor, stage)):
            self.table.setCellWidget(row, column, widget)
        for edit in (amount, currency, contributor):
            edit.textChanged.connect(lambda *_args: self.changed.emit())
        for combo in (source, stage):
            combo.currentIndexChanged.connect(lambda *_args: self.changed.emit())
        self._lines.append(
            _Line(
                amount, currency, source, contributor, stage, entry.id if entry else None, entry.date if entry else None
            )
        )
        if entry is None:
            amount.setFocus()
            self.changed.emit()

    def remove_line(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
            del self._lines[row]
            self.changed.emit()

    def set_entries(self, entries: tuple[FundingEntry, ...]) -> None:
        self.blockSignals(True)
        self.table.setRowCount(0)
        self._lines = []
        for entry in entries:
            self.add_line(entry)
        self.blockSignals(False)

    def lines(self) -> list[dict[str, object]]:
        """The lines as typed (the amount exact when it reads as a number, else the text) for validation."""
        result: list[dict[str, object]] = []
        for line in self._lines:
            amount = line.amount.amount()
            result.append(
                {
                    "amount": amount if amount is not None else line.amount.text(),
                    "currency": line.currency.text().strip().upper(),
                    "source": line.source.currentData(),
                    "contributor": line.contributor.text(),
                    "stage": line.stage.currentData(),
                }
            )
        return result

    def entries(self) -> list[FundingEntry]:
        """The lines as funding entries (call when they are valid)."""
        return [
            FundingEntry(
                line.amount.amount() or Decimal(0),
                line.currency.text().strip().upper(),
                str(line.source.currentData()),
                str(line.stage.currentData()),
                line.contributor.text().strip(),
                line.date,
                line.id,
            )
            for line in self._lines
        ]

    def amount_edit(self, row: int) -> AmountEdit:
        return self._lines[row].amount

    def currency_edit(self, row: int) -> QLineEdit:
        return self._lines[row].currency


class TranslationTable(QTableWidget):
    """Title and description of an activity in each other language."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(LANGUAGES), 3, parent)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.setVerticalHeaderLabels([language_name(code) for code in LANGUAGES])
        self.cells = CommitOnEnter(self)  # Enter keeps the text at once; a save keeps a cell still open
        self.setItemDelegate(self.cells)
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self._states: dict[str, dict[str, str]] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([_("Title"), _("Description"), _("State")])
        self.set_states(self._states)

    def set_states(self, states: dict[str, dict[str, str]]) -> None:
        """Show each language's translation states as saved (missing, translated, reviewed, outdated)."""
        from habitat_desktop.ui.translations_view import field_label, state_label

        self._states = states
        self.blockSignals(True)
        for row, code in enumerate(LANGUAGES):
            shown = "; ".join(
                _("{text}: {state}").format(text=field_label(name), state=state_label(TranslationState(state)))
                for name, state in sorted(states.get(code, {}).items(), reverse=True)
            )
            item = QTableWidgetItem(shown)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, 2, item)
        self.blockSignals(False)

    def set_translations(self, translations: dict[str, dict[str, str]]) -> None:
        self.blockSignals(True)
        for row, code in enumerate(LANGUAGES):
            texts = translations.get(code, {})
            self.setItem(row, 0, QTableWidgetItem(texts.get("title", "")))
            self.setItem(row, 1, QTableWidgetItem(texts.get("description", "")))
        self.blockSignals(False)

    def _text(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text().strip() if item is not None else ""

    def translations(self, original_language: str) -> dict[str, dict[str, str]]:
        self.cells.commit_open_editor()
        result = {}
        for row, code in enumerate(LANGUAGES):
            title = self._text(row, 0)
            description = self._text(row, 1)
            if code != original_language and (title or description):
                result[code] = {"title": title, "description": description}
        return result
