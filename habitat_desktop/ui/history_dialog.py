"""HistoryDialog: who changed an activity or its funding, from which office, when, told as sentences; restore."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _, ngettext
from habitat_desktop.l10n.formatting import format_datetime, format_number
from habitat_desktop.services.history import activity_history, describe, values_at
from habitat_desktop.ui.bidi import isolate
from habitat_desktop.ui.confirmation import confirm

if TYPE_CHECKING:
    from typing import Any

    from PySide6.QtGui import QShowEvent
    from PySide6.QtWidgets import QWidget

SHOWN_LETTERS = 160
"""A value longer than this (a description) is shortened in the table; the row's tooltip shows it whole."""


class HistoryDialog(QDialog):
    def __init__(self, workspace: Any, activity_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("History of the activity"))
        self._workspace, self._id = workspace, activity_id
        self.chosen_values: dict | None = None
        self.entries = activity_history(workspace, activity_id)
        self.summary = QLabel(
            ngettext(
                "{count} change, newest first. Select one to restore the activity as it was right after it.",
                "{count} changes, newest first. Select one to restore the activity as it was right after it.",
                len(self.entries),
            ).format(count=format_number(len(self.entries)))
        )
        self.summary.setWordWrap(True)
        self.table = QTableWidget(len(self.entries), 4)
        self.table.setHorizontalHeaderLabels([_("When"), _("Office"), _("Who"), _("Change")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        for row, entry in enumerate(self.entries):
            sentence = describe(entry, isolate, SHOWN_LETTERS)
            cells = [format_datetime(entry.changed_at), entry.office, entry.author, sentence]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(describe(entry, isolate) if column == 3 else text)
                if column < 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)  # the sentence takes the room left
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(_("&Restore this version"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setToolTip(_("Save the values the activity had right after the selected change"))
        self.restore_button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        self.table.itemSelectionChanged.connect(
            lambda: self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(960, 480)
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        self.table.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # wrapped sentences need the final column width

    def choose(self, row: int) -> None:
        """Pick the version right after the change on a row (also used by tests)."""
        try:
            self.chosen_values = values_at(self._workspace, self._id, self.entries[row].change_id)
        except HabitatError as error:
            self.chosen_values = None
            self.setWindowTitle(str(error))

    def _restore(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        if not confirm(
            self,
            _("Restore this version?"),
            _("Restore the values this activity had right after the selected change?"),
            _("Its current values stay in the history, and Edit ▸ Undo brings them back."),
        ):
            return
        self.choose(rows[0].row())
        self.accept()
