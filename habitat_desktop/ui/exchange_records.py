"""Dialogs over the workspace's exchange records: the merge history and the trusted offices' keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import format_datetime, format_number
from habitat_desktop.services import merges, trust


def read_only_table(model: QStandardItemModel, *, single: bool = False) -> QTableView:
    """A table of records to read and pick rows from, not to edit; columns sized to their contents."""
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class MergeHistoryDialog(QDialog):
    """Every export merged into the workspace: when, which file, its hash, who signed it, what it changed."""

    def __init__(self, workspace_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Merge history"))
        self.resize(980, 420)
        self.model = QStandardItemModel(0, 10, self)
        self.model.setHorizontalHeaderLabels(
            [
                _("Merged"),
                _("File"),
                _("Signed by"),
                _("Key"),
                _("Added"),
                _("Updated"),
                _("Unchanged"),
                _("Deleted"),
                _("Conflicts"),
                _("SHA-256"),
            ]
        )
        events = merges.merge_history(Path(workspace_path))
        for event in events:
            cells = [
                QStandardItem(format_datetime(event.merged_at)),
                QStandardItem(event.file_name),
                QStandardItem(event.signer),
                QStandardItem(event.fingerprint),
            ]
            for key in ("added", "updated", "unchanged", "deleted", "conflicts"):
                cell = QStandardItem(format_number(int(event.summary.get(key, 0))))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cells.append(cell)
            cells.append(QStandardItem(event.sha256[:16] + "…"))
            cells[-1].setToolTip(event.sha256)
            self.model.appendRow(cells)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _("Exports merged into this workspace, newest first:")
                if events
                else _("No export has been merged into this workspace yet.")
            )
        )
        layout.addWidget(read_only_table(self.model))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class TrustedOfficesDialog(QDialog):
    """The offices (and their signing keys) whose exports this workspace accepts; a key can be removed."""

    def __init__(self, workspace_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace_path = Path(workspace_path)
        self.setWindowTitle(_("Trusted offices"))
        self.resize(640, 360)
        self.model = QStandardItemModel(0, 3, self)
        self.view = read_only_table(self.model)
        self.remove_button = QPushButton(_("&Stop trusting this office"))
        self.remove_button.clicked.connect(self.remove_selected)
        explanation = QLabel(
            _(
                "Exports signed with these keys are merged without asking. An office is trusted the "
                "first time you merge one of its exports and confirm its key fingerprint."
            )
        )
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.view)
        layout.addWidget(self.remove_button, alignment=Qt.AlignmentFlag.AlignLeading)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.model.clear()
        self.model.setHorizontalHeaderLabels([_("Office"), _("Key fingerprint"), _("Trusted since")])
        for office in trust.trusted_offices(self.workspace_path):
            self.model.appendRow(
                [
                    QStandardItem(office.office),
                    QStandardItem(office.fingerprint),
                    QStandardItem(format_datetime(office.trusted_at)),
                ]
            )
        self.remove_button.setEnabled(self.model.rowCount() > 0)

    def remove_selected(self) -> None:
        row = self.view.currentIndex().row()
        if row < 0:
            return
        trust.untrust_office(self.workspace_path, self.model.item(row, 0).text())
        self.reload()
