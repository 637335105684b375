"""The Translations view: per language, the texts missing, outdated or all; source and translation side by side."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import LANGUAGES, _, current_language, is_right_to_left, language_name, ngettext
from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.services import translations
from habitat_desktop.services.translations import RecordText, TranslationState
from habitat_desktop.services.workspaces import Workspace
from habitat_desktop.ui.bidi import isolate
from habitat_desktop.ui.operations import Operations

Index = QModelIndex | QPersistentModelIndex
CHUNK = 200
TARGET = 4  # the column of the translation (editable)


def state_label(state: TranslationState) -> str:
    """A translation state as the window names it."""
    return {
        TranslationState.MISSING: _("Missing"),
        TranslationState.TRANSLATED: _("Translated"),
        TranslationState.REVIEWED: _("Reviewed"),
        TranslationState.OUTDATED: _("Outdated"),
    }[state]


def field_label(field: str) -> str:
    kind, _colon, rest = field.partition(":")
    if kind in ("paragraph", "footnote") and rest:
        item = rest.partition(":")[2]
        return (_("Paragraph {id}") if kind == "paragraph" else _("Footnote {id}")).format(id=item)
    return {
        "title": _("Title"),
        "description": _("Description"),
        "narrative": _("Narrative"),
        "name": _("Office name"),
    }.get(field, field)


class TranslationModel(QAbstractTableModel):
    """The texts of one language, fed to the view a chunk at a time as it scrolls; the translation is editable."""

    failed = Signal(str)
    saved = Signal()  # a translation was written (edited or reviewed)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.operations = Operations(parent)  # reads and writes run on the workspace worker, not the GUI thread
        self.language = "fr"
        self.states: frozenset[TranslationState] | None = frozenset(
            {TranslationState.MISSING, TranslationState.OUTDATED}
        )
        self._all: list[RecordText] = []
        self._shown = 0

    def load(self, language: str, states: frozenset[TranslationState] | None) -> None:
        texts = self.operations.wait_for(lambda: translations.record_texts(self.workspace, language, states))
        self.beginResetModel()
        self.language, self.states = language, states
        self._all = texts
        self._shown = min(CHUNK, len(self._all))
        self.endResetModel()

    def total(self) -> int:
        return len(self._all)

    def text_at(self, row: int) -> RecordText:
        return self._all[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 5

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._shown < len(self._all)

    def fetchMore(self, parent: Index) -> None:
        more = min(CHUNK, len(self._all) - self._shown)
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [_("Record"), _("Text"), _("State"), _("Source text"), _("Translation")][section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == TARGET else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self._all[index.row()]
        status = text.status
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            values = [
                text.label,
                field_label(status.field),
                state_label(status.state),
                status.source,
                status.target,
            ]
            value = values[index.column()]
            if role == Qt.ItemDataRole.EditRole:
                return value
            shown = " ".join(value.split())
            return isolate(shown) if shown and index.column() in (0, 3, TARGET) else shown
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 3 and status.state == TranslationState.OUTDATED:
                return _("Translated from: {text}").format(text=status.made_from)
            if index.column() in (3, TARGET):
                return status.source if index.column() == 3 else status.target
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != TARGET:
            return False
        text = self._all[index.row()]
        try:
            self.operations.wait_for(
                lambda: translations.set_translation(
                    self.workspace, text.table, text.record_id, self.language, text.status.field, str(value).strip()
                )
            )
        except HabitatError as error:
            self.failed.emit(str(error))
            return False
        self._refresh(index.row())
        return True

    def mark_reviewed(self, row: int) -> None:
        text = self._all[row]
        try:
            self.operations.wait_for(
                lambda: translations.mark_reviewed(
                    self.workspace, text.table, text.record_id, self.language, text.status.field
                )
            )
        except HabitatError as error:
            self.failed.emit(str(error))
            return
        self._refresh(row)

    def _refresh(self, row: int) -> None:
        text = self._all[row]
        for status in self.operations.wait_for(
            lambda: translations.record_statuses(self.workspace, text.table, text.record_id)
        ):
            if status.language == self.language and status.field == text.status.field:
                self._all[row] = RecordText(
                    text.table, text.record_id, text.office, text.source_language, status, text.resolutions, text.label
                )
        self.dataChanged.emit(self.index(row, 0), self.index(row, TARGET))
        self.saved.emit()


class TranslationsView(QDialog):
    """Translate records' texts one by one: choose a language and which texts, type the translation, review it."""

    open_glossary = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.glossary_button = QPushButton()
        self.glossary_button.setObjectName("openGlossary")
        self.glossary_button.clicked.connect(self.open_glossary)
        self.setObjectName("translationsView")
        self.resize(1200, 640)
        self.model = TranslationModel(workspace, self)
        self.glossary = self.model.operations.wait_for(lambda: translations.workspace_glossary(workspace))
        self.model.failed.connect(lambda message: QMessageBox.warning(self, _("Translations"), message))
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.which = QComboBox()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate((220, 150, 90)):  # the text: "Paragraph outcome_1-8", "Office name"
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TARGET, QHeaderView.ResizeMode.Stretch)
        self.review = QPushButton()
        self.review.clicked.connect(self.mark_reviewed)
        QShortcut(QKeySequence("Ctrl+R"), self, self.mark_reviewed)
        self.count = QLabel()
        self.terms = QLabel()
        self.terms.setWordWrap(True)
        self.terms.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.language_label, self.which_label = QLabel(), QLabel()
        self.language_label.setBuddy(self.language)
        self.which_label.setBuddy(self.which)
        top = QHBoxLayout()
        for widget in (self.language_label, self.language, self.which_label, self.which):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.count)
        bottom = QHBoxLayout()
        bottom.addWidget(self.terms, 1)
        bottom.addWidget(self.glossary_button)
        bottom.addWidget(self.review)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        box.addLayout(bottom)
        self.retranslate()
        first = next(code for code in LANGUAGES if code != current_language())
        self.language.setCurrentIndex(LANGUAGES.index("fr" if current_language() != "fr" else first))
        self.language.currentIndexChanged.connect(lambda _i: self.reload())
        self.which.currentIndexChanged.connect(lambda _i: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_terms(current))
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Translations"))
        self.language_label.setText(_("&Language:"))
        self.which_label.setText(_("&Show:"))
        current = self.which.currentIndex()
        self.which.blockSignals(True)
        self.which.clear()
        self.which.addItem(_("Missing and outdated"), "missing,outdated")
        self.which.addItem(_("Missing"), "missing")
        self.which.addItem(_("Outdated"), "outdated")
        self.which.addItem(_("All texts"), "")
        self.which.setCurrentIndex(max(current, 0))
        self.which.blockSignals(False)
        self.glossary_button.setText(_("&Glossary…"))
        self.review.setText(_("Mark &reviewed"))
        self.review.setToolTip(_("The selected translation was checked against its source (Ctrl+R)"))

    def reload_terms(self) -> None:
        """Read the glossary again (a term was corrected or added) and show the selected text's terms."""
        self.glossary = self.model.operations.wait_for(lambda: translations.workspace_glossary(self.model.workspace))
        self._show_terms(self.table.currentIndex())

    def reload(self) -> None:
        self.glossary = self.model.operations.wait_for(lambda: translations.workspace_glossary(self.model.workspace))
        states = translations.parse_states(str(self.which.currentData() or ""))
        self.model.load(str(self.language.currentData()), states)
        count = self.model.total()
        self.count.setText(ngettext("{count} text", "{count} texts", count).format(count=format_number(count)))
        self.terms.clear()

    def mark_reviewed(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.model.mark_reviewed(row)

    def _show_terms(self, index: QModelIndex) -> None:
        if not index.isValid():
            self.terms.clear()
            return
        text = self.model.text_at(index.row())
        found = translations.glossary_terms(
            text.status.source, text.source_language, self.model.language, self.glossary
        )
        if not found:
            self.terms.clear()
            return
        arrow = "←" if is_right_to_left() else "→"  # from the source's term to its translation, as the line reads
        listed = "; ".join(
            f"{isolate(term)} {arrow} {isolate(translation)}" for term, translation in found if translation
        )
        self.terms.setText(_("Glossary: {terms}").format(terms=listed))
