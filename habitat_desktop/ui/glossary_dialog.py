"""The Glossary dialog: the workspace's terms over the shipped ones, each name editable in place, new terms added."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.domain import glossary as terms
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import LANGUAGES, _, current_language, language_name, ngettext
from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.services import glossary, glossary_removal
from habitat_desktop.services.glossary import TermRow
from habitat_desktop.services.workspaces import Workspace
from habitat_desktop.ui.bidi import isolate
from habitat_desktop.ui.confirmation import confirm
from habitat_desktop.ui.operations import Operations

Index = QModelIndex | QPersistentModelIndex
FIRST_NAME = 2  # columns: kind, origin, then a name per language


def kind_label(kind: str) -> str:
    """A kind of glossary term as the window names it."""
    return {
        "organization": _("Organization"),
        "place": _("Place"),
        "body": _("Body"),
        "document": _("Document"),
    }.get(kind, kind)


def origin_label(origin: str) -> str:
    """Where a term comes from, as the window says it."""
    return {
        "shipped": _("Shipped"),
        "workspace": _("This workspace"),
        "override": _("Corrected here"),
    }.get(origin, origin)


class GlossaryModel(QAbstractTableModel):
    """Every term of the workspace's glossary; a name cell is edited in place and saved at once."""

    failed = Signal(str)
    saved = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.operations = Operations(parent)  # reads and writes run on the workspace worker, not the GUI thread
        self.rows: list[TermRow] = []

    def load(self) -> None:
        rows = self.operations.wait_for(lambda: glossary.rows(glossary.workspace_glossary(self.workspace)))
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else FIRST_NAME + len(LANGUAGES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return _("Kind")
        if section == 1:
            return _("Source")
        return language_name(LANGUAGES[section - FIRST_NAME])

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() >= FIRST_NAME else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return kind_label(row.kind)
            if column == 1:
                return origin_label(row.origin)
            name = row.names.get(LANGUAGES[column - FIRST_NAME], "")
            return name if role == Qt.ItemDataRole.EditRole or not name else isolate(name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.id if column < FIRST_NAME else row.names.get(LANGUAGES[column - FIRST_NAME]) or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() < FIRST_NAME:
            return False
        row = self.rows[index.row()]
        code = LANGUAGES[index.column() - FIRST_NAME]
        text = str(value).strip()
        if text == row.names.get(code, ""):
            return False
        try:
            self.operations.wait_for(lambda: glossary.set_term(self.workspace, {code: text}, key=row.id))
        except HabitatError as error:
            self.failed.emit(str(error))
            return False
        current = {
            r.id: r
            for r in self.operations.wait_for(lambda: glossary.rows(glossary.workspace_glossary(self.workspace)))
        }
        self.rows[index.row()] = current.get(row.id, row)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        self.saved.emit()
        return True


class NewTermDialog(QDialog):
    """A new term: its kind and its name in the languages known."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newGlossaryTerm")
        self.setWindowTitle(_("New glossary term"))
        self.setMinimumWidth(480)
        self.kind = QComboBox()
        for kind in terms.KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.setCurrentIndex(terms.KINDS.index("place"))
        self.names = {code: QLineEdit() for code in LANGUAGES}
        form = QFormLayout(self)
        form.addRow(_("&Kind:"), self.kind)
        for code in LANGUAGES:
            self.names[code].setObjectName(f"name_{code}")
            form.addRow(language_name(code), self.names[code])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, dict[str, str]]:
        return str(self.kind.currentData()), {code: edit.text().strip() for code, edit in self.names.items()}


class GlossaryDialog(QDialog):
    """The glossary: find a term, correct a name in place (double-click or type), add a term."""

    saved = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("glossaryDialog")
        self.resize(1250, 600)
        self.model = GlossaryModel(workspace, self)
        self.model.failed.connect(lambda message: QMessageBox.warning(self, _("Glossary"), message))
        self.model.saved.connect(self.saved)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search = QLineEdit()
        self.search.setObjectName("glossaryFind")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.count = QLabel()
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(1, 120)
        for column in range(FIRST_NAME, FIRST_NAME + len(LANGUAGES)):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.add = QPushButton()
        self.add.setObjectName("addTerm")
        self.add.clicked.connect(lambda: self.add_term())
        self.remove = QPushButton()
        self.remove.setObjectName("removeTerm")
        self.remove.clicked.connect(lambda: self.remove_term())
        self.clear = QPushButton()
        self.clear.setObjectName("clearName")
        self.clear.clicked.connect(lambda: self.remove_term(one_name=True))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        bottom = QHBoxLayout()
        bottom.addWidget(self.add)
        bottom.addWidget(self.remove)
        bottom.addWidget(self.clear)
        bottom.addStretch(1)
        bottom.addWidget(close)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.table, 1)
        box.addLayout(bottom)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Glossary"))
        self.search_label.setText(_("&Find:"))
        self.add.setText(_("&Add term…"))
        self.add.setToolTip(_("A name that recurs in records, in the six languages"))
        self.remove.setText(_("&Remove term"))
        self.remove.setToolTip(_("Remove this office's term; a corrected shipped term shows its shipped names again"))
        self.clear.setText(_("Restore &shipped name"))
        self.clear.setToolTip(_("Clear the selected name so the shipped one shows again"))

    def reload(self) -> None:
        self.model.load()
        count = self.model.rowCount()
        self.count.setText(ngettext("{count} term", "{count} terms", count).format(count=format_number(count)))

    def add_term(self, values: tuple[str, dict[str, str]] | None = None) -> bool:
        """Ask for a new term (or take ``values``: kind and names) and add it; False if cancelled or refused."""
        if values is None:
            form = NewTermDialog(self)
            if form.exec() != QDialog.DialogCode.Accepted:
                return False
            values = form.values()
        kind, names = values
        try:
            key, _changed = self.model.operations.wait_for(
                lambda: glossary.set_term(self.model.workspace, names, kind=kind)
            )
        except HabitatError as error:
            QMessageBox.warning(self, _("Glossary"), str(error))
            return False
        self.reload()
        self.saved.emit()
        row = next((i for i, r in enumerate(self.model.rows) if r.id == key), -1)
        if row >= 0:
            self.table.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, FIRST_NAME)))
        return True

    def remove_term(self, *, one_name: bool = False) -> bool:
        """Remove the selected term (this office's records of it), or with ``one_name`` clear the selected name."""
        current = self.proxy.mapToSource(self.table.currentIndex())
        if not current.isValid():
            return False
        row = self.model.rows[current.row()]
        language = None
        if one_name:
            if current.column() < FIRST_NAME:
                QMessageBox.warning(self, _("Glossary"), _("Select the name to clear in its language's column."))
                return False
            language = LANGUAGES[current.column() - FIRST_NAME]
        elif not confirm(
            self,
            _("Glossary"),
            _("Remove the term {name} from this workspace's glossary?").format(name=isolate(_term_name(row))),
            _(
                "The removal travels to the other offices with your next export. "
                "A shipped term you corrected shows its shipped names again."
            ),
        ):
            return False
        try:
            self.model.operations.wait_for(
                lambda: glossary_removal.remove_term(self.model.workspace, row.id, language=language)
            )
        except HabitatError as error:
            QMessageBox.warning(self, _("Glossary"), str(error))
            return False
        self.reload()
        self.saved.emit()
        return True


def _term_name(row: TermRow) -> str:
    """A term's name in the window's language, else in English, else its key."""
    return row.names.get(current_language()) or row.names.get("en") or row.id
