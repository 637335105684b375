"""ConflictReview: the fields merges left in conflict, each value side by side; keep one, edit, or choose in bulk."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _, ngettext
from habitat_desktop.l10n.formatting import format_datetime, format_number
from habitat_desktop.services import conflicts, merges, proposals
from habitat_desktop.services.conflicts import Choice, FieldConflictView
from habitat_desktop.services.history import field_label, value_text
from habitat_desktop.ui.exchange_records import read_only_table
from habitat_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QShowEvent


def _shown(field: str, value: Any) -> str:
    """A stored value as a person reads it, whole: codes as labels, lists joined, JSON decoded, "—" for none."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            return value
    if isinstance(value, dict) and field != "translations":
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    return value_text(field, value) or "—"


def _cell(text: str, *, wrap: bool = False) -> QStandardItem:
    """A read-only cell whose tooltip holds its whole text (a value too long for the column is wrapped, not cut)."""
    item = QStandardItem(text)
    item.setToolTip(text)
    if wrap:
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
    return item


class ConflictReview(QDialog):
    """Review and settle conflicts of the open workspace; the values set aside stay in each record's history."""

    settled = Signal()
    edit_requested = Signal(str)  # an activity id the person wants to edit by hand

    def __init__(self, workspace_path: Path, office: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace_path = Path(workspace_path)
        self.office = office
        self.views: list[FieldConflictView] = []
        self.tasks = Operations(self)
        self.setWindowTitle(_("Conflicts"))
        self.resize(1100, 600)
        self.merge_choice = QComboBox()
        self.merge_choice.currentIndexChanged.connect(self.reload)
        self.list_model = QStandardItemModel(0, 3, self)
        self.list_view = read_only_table(self.list_model, single=True)
        self.list_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list_view.setWordWrap(True)  # a long record name wraps too (its tooltip holds it whole)
        self.list_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list_view.horizontalHeader().sectionResized.connect(lambda *_a: self.list_view.resizeRowsToContents())
        self.list_view.horizontalHeader().setStretchLastSection(False)
        self.list_view.selectionModel().currentRowChanged.connect(lambda current, _old: self._show(current.row()))
        self.values_model = QStandardItemModel(0, 4, self)
        self.values_view = read_only_table(self.values_model, single=True)
        self.values_view.setWordWrap(True)  # a value is shown whole: long ones wrap over several lines
        self.values_view.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.values_view.horizontalHeader().sectionResized.connect(lambda *_a: self.values_view.resizeRowsToContents())
        self.keep_button = QPushButton(_("&Keep selected value"))
        self.keep_button.clicked.connect(self.keep_selected)
        self.edit_button = QPushButton(_("&Edit activity…"))
        self.edit_button.clicked.connect(self._edit)
        self.bulk = {
            choice: QPushButton(text)
            for choice, text in (
                (Choice.NEWER, _("Keep the &newer")),
                (Choice.MINE, _("Keep &mine")),
                (Choice.THEIRS, _("Keep &theirs")),
            )
        }
        for choice, button in self.bulk.items():
            button.clicked.connect(lambda _checked=False, c=choice: self.keep_all(c))
        self.message = QLabel()
        self.message.setWordWrap(True)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.addWidget(QLabel(_("Competing values (the one shown now is marked):")))
        right_box.addWidget(self.values_view)
        row = QHBoxLayout()
        row.addWidget(self.keep_button)
        row.addWidget(self.edit_button)
        row.addStretch()
        right_box.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list_view)
        splitter.addWidget(right)
        splitter.setSizes([360, 740])  # the competing values take the room
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(_("Show conflicts of:")))
        filter_row.addWidget(self.merge_choice, 1)
        bulk_row = QHBoxLayout()
        bulk_row.addWidget(QLabel(_("For every conflict shown:")))
        for button in self.bulk.values():
            bulk_row.addWidget(button)
        bulk_row.addStretch()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filter_row)
        layout.addWidget(splitter, 1)
        layout.addLayout(bulk_row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._fill_merges()
        self.reload()

    def _fill_merges(self) -> None:
        self.merge_choice.blockSignals(True)
        self.merge_choice.addItem(_("every merge"), None)
        for event in merges.merge_history(self.workspace_path):
            self.merge_choice.addItem(
                _("{file} from {office}, {date}").format(
                    file=event.file_name, office=event.signer, date=format_datetime(event.merged_at)
                ),
                event.merge_id,
            )
        self.merge_choice.blockSignals(False)

    def reload(self) -> None:
        merge_id = self.merge_choice.currentData()
        self.views = conflicts.list_conflicts(self.workspace_path, merge_id=merge_id)
        if merge_id is None:  # edits of approved records kept aside, for a coordinator to accept or reject
            self.views += proposals.conflict_views(self.workspace_path)
        self.list_model.removeRows(0, self.list_model.rowCount())  # clear() would drop the columns' resize modes
        self.list_model.setHorizontalHeaderLabels([_("Record"), _("Field"), _("Values")])
        for view in self.views:
            self.list_model.appendRow(
                [
                    _cell(view.label),
                    _cell(field_label(view.field) if view.field else _("New record")),
                    _cell(format_number(len(view.candidates))),
                ]
            )
        self.list_view.resizeRowsToContents()
        has_any = bool(self.views)
        proposed = sum(view.key.startswith("proposal:") for view in self.views)
        in_conflict = len(self.views) - proposed
        for button in (self.keep_button, self.edit_button):
            button.setEnabled(has_any)
        for button in self.bulk.values():  # keeping the newer, mine or theirs settles conflicts, not proposals
            button.setEnabled(in_conflict > 0)
        self.message.setText(_summary(in_conflict, proposed))
        if has_any:
            self.list_view.selectRow(0)
            self._show(0)
        else:
            self.values_model.removeRows(0, self.values_model.rowCount())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.values_view.resizeRowsToContents()  # wrapped values need the column's final width
        self.list_view.resizeRowsToContents()

    def _show(self, row: int) -> None:
        self.values_model.removeRows(0, self.values_model.rowCount())
        self.values_model.setHorizontalHeaderLabels([_("Value"), _("Office"), _("Written"), _("Shown")])
        if not 0 <= row < len(self.views):
            return
        view = self.views[row]
        for candidate in view.candidates:
            written = candidate.written_at
            self.values_model.appendRow(
                [
                    _cell(_shown(view.field, candidate.value), wrap=True),
                    _cell(candidate.office),
                    _cell(format_datetime(written) if written else "—"),
                    _cell(_("shown now") if candidate.current else ""),
                ]
            )
        header = self.values_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the values are what matter
        header.setStretchLastSection(False)
        self.values_view.resizeRowsToContents()  # again whenever the column's width changes (wired in __init__)
        self.values_view.selectRow(0)
        self.edit_button.setEnabled(view.table == "activity" and bool(view.field))  # not a record yet: no editing

    def current_view(self) -> FieldConflictView | None:
        row = self.list_view.currentIndex().row()
        return self.views[row] if 0 <= row < len(self.views) else None

    def keep_selected(self) -> None:
        view = self.current_view()
        row = self.values_view.currentIndex().row()
        if view is None or not 0 <= row < len(view.candidates):
            return
        if view.key.startswith("proposal:"):
            accept = not view.candidates[row].current
            self._settle(lambda: proposals.decide(self.workspace_path, [view.key], accept=accept), decided=accept)
            return
        self._settle(
            lambda: conflicts.resolve_conflicts(self.workspace_path, view.candidates[row].stamp, keys=[view.key])
        )

    def keep_all(self, choice: Choice) -> None:
        keys = [view.key for view in self.views if not view.key.startswith("proposal:")]
        self._settle(lambda: conflicts.resolve_conflicts(self.workspace_path, choice.value, keys=keys))

    def _settle(self, work: Callable[[], int], *, decided: bool | None = None) -> None:
        """Settle on the operations worker (the dialog keeps painting), then show what remains."""
        try:
            count = self.tasks.call(_("Conflicts"), lambda _progress: work(), show_progress=False)
        except HabitatError as error:
            self.message.setText(str(error))
            return
        self.reload()
        if decided is None:
            text = ngettext(
                "Resolved {count} conflict; the value set aside stays in the history.",
                "Resolved {count} conflicts; the values set aside stay in the history.",
                count,
            )
        elif decided:  # ``decided``: a proposal accepted (True) or rejected (False)
            text = ngettext(
                "Accepted {count} proposal; it is now part of the approved data.",
                "Accepted {count} proposals; they are now part of the approved data.",
                count,
            )
        else:
            text = ngettext(
                "Rejected {count} proposal; the approved data stay as they were.",
                "Rejected {count} proposals; the approved data stay as they were.",
                count,
            )
        self.message.setText(text.format(count=format_number(count)))
        self.settled.emit()

    def _edit(self) -> None:
        view = self.current_view()
        if view is not None and view.table == "activity":
            self.edit_requested.emit(view.record_id)
            self.accept()


def _summary(in_conflict: int, proposed: int) -> str:
    """What the list holds: fields in conflict, proposals to decide, or neither."""
    sentences = []
    if in_conflict:
        sentences.append(
            ngettext("{count} field in conflict.", "{count} fields in conflict.", in_conflict).format(
                count=format_number(in_conflict)
            )
        )
    if proposed:
        sentences.append(
            ngettext(
                "{count} proposed change to accept or reject.",
                "{count} proposed changes to accept or reject.",
                proposed,
            ).format(count=format_number(proposed))
        )
    return " ".join(sentences) or _("No conflicts: every merged record agrees.")
