"""HistoryDialog: who changed an activity, from which office, when, which field from what to what; restore."""

from __future__ import annotations

import json

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import babel_locale
from habitat_desktop.services.history import activity_history, values_at
from habitat_desktop.ui.confirmation import confirm


def _show(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class HistoryDialog(QDialog):
    def __init__(self, workspace, activity_id: str, parent=None) -> None:
        super().__init__(parent)
        from babel.dates import format_datetime

        self.setWindowTitle(_("History of the activity"))
        self._workspace, self._id = workspace, activity_id
        self.chosen_values: dict | None = None
        self.entries = activity_history(workspace, activity_id)
        self.table = QTableWidget(len(self.entries), 6)
        self.table.setHorizontalHeaderLabels(
            [_("When"), _("Office"), _("Who"), _("Change"), _("Field"), _("Old → new")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        actions = {"created": _("Created"), "updated": _("Changed"), "deleted": _("Deleted"), "restored": _("Restored")}
        for row, entry in enumerate(self.entries):
            change = (
                _("{old} → {new}").format(old=_show(entry.old_value), new=_show(entry.new_value))
                if entry.action == "updated"
                else ""
            )
            cells = [
                format_datetime(entry.changed_at, format="medium", locale=babel_locale()),
                entry.office,
                entry.author,
                actions.get(entry.action, entry.action),
                entry.field,
                change,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
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
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(900, 420)

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
