"""MergeWizard: pick or drop exports, preview what merging them would change, apply with progress and cancel."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.services import exports, merges
from habitat_desktop.services.change_counts import merge_changes
from habitat_desktop.ui.bidi import isolate
from habitat_desktop.ui.confirmation import confirm
from habitat_desktop.ui.operations import Operations, Progress

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent


def merge_counts_text(tables: Mapping[str, Mapping[str, int]], *, preview: bool) -> str:
    """What a merge does (or, previewed, would do), counted per kind of record ("3 activities added, 1 activity
    changed; 2 funding records added"), each count a plural; "Nothing …" when nothing changes."""
    changes = merge_changes(tables)
    if preview:
        # Translators: after "Preview: nothing has changed yet."; {changes} e.g. "3 activities added, 1 activity
        # changed; 2 funding records added"
        return _("If you merge: {changes}.").format(changes=changes) if changes else _("Merging would change nothing.")
    # Translators: after "Merged 2 exports."; {changes} e.g. "3 activities added; 2 funding records added"
    return _("Changes: {changes}.").format(changes=changes) if changes else _("Nothing changed.")


def _count_headers() -> list[str]:
    return [_("File"), _("Office"), _("Changes")]


class ExportList(QListWidget):
    """The exports to merge; ``.habx`` files can be dropped on it."""

    dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(url.toLocalFile().endswith(".habx") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.dropped.emit([url.toLocalFile() for url in event.mimeData().urls() if url.toLocalFile().endswith(".habx")])
        event.acceptProposedAction()


class MergeWizard(QDialog):
    """Merging offices' exports into the open workspace: all files or none, after a preview."""

    merged = Signal(object)  # the MergeResult, after an apply

    def __init__(self, workspace_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace_path = Path(workspace_path)
        self.tasks = Operations(self)
        self.tasks.cancelled.connect(self._cancelled)
        self.merging = False  # a merge (not a preview) runs: cancelling it leaves its preview to merge again
        self.trust = False
        self.as_coordinator = False  # the signers trusted now may pass on other offices' changes
        self.outcome: merges.MergeResult | None = None
        self.ask = self._ask_trust  # tests answer the trust question
        self.setWindowTitle(_("Merge exports"))
        self.resize(760, 480)
        self.files = ExportList()
        self.files.dropped.connect(self.add_files)
        self.add_button = QPushButton(_("&Add files…"))
        self.add_button.clicked.connect(self._choose_files)
        self.remove_button = QPushButton(_("&Remove"))
        self.remove_button.clicked.connect(self._remove_selected)
        self.preview_button = QPushButton(_("&Preview"))
        self.preview_button.clicked.connect(self.preview)
        self.summary = QStandardItemModel(0, 3, self)
        self.summary.setHorizontalHeaderLabels(_count_headers())
        self.table = QTableView()
        self.table.setModel(self.summary)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.status = QLabel(_("Add the exports (.habx) to merge, or drop them here, then preview."))
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton(_("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        side = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.preview_button):
            side.addWidget(button)
        side.addStretch()
        top = QHBoxLayout()
        top.addWidget(self.files, 1)
        top.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Exports to merge:")))
        layout.addLayout(top, 1)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    # -- files ------------------------------------------------------------------------------------------------------
    def paths(self) -> list[Path]:
        return [Path(self.files.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.files.count())]

    def add_files(self, files: list[str]) -> None:
        known = {str(p) for p in self.paths()}
        for file in files:
            if str(Path(file)) not in known:
                self.files.addItem(Path(file).name)
                self.files.item(self.files.count() - 1).setData(Qt.ItemDataRole.UserRole, str(Path(file)))
                self.files.item(self.files.count() - 1).setToolTip(str(file))
        self._invalidate()

    def _choose_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, _("Exports to merge"), str(self.workspace_path.parent), _("Habitat exports (*.habx)")
        )
        self.add_files(files)

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._invalidate()

    def _invalidate(self) -> None:
        self.apply_button.setEnabled(False)
        self.summary.removeRows(0, self.summary.rowCount())

    # -- preview and apply ------------------------------------------------------------------------------------------
    def _ask_trust(self, signers: list[exports.Signer]) -> bool:
        lines = "\n".join(
            _("Office {office}, key {fingerprint} ({file})").format(
                office=s.office, fingerprint=s.fingerprint, file=s.file.name
            )
            for s in signers
        )
        coordinators = QCheckBox(_("They are &coordinators: let them pass on other offices' changes"))
        coordinators.setToolTip(
            _(
                "A regional office or headquarters sends on the changes of the offices it gathers; a country "
                "office only its own."
            )
        )
        checked = [False]  # read as it is ticked: the message box deletes its check box when it closes
        coordinators.toggled.connect(lambda on: checked.__setitem__(0, on))
        trusted = confirm(
            self,
            _("Trust these offices?"),
            _(
                "These exports are signed by offices this workspace does not trust yet:\n\n{offices}\n\nCompare the "
                "key fingerprints with the ones the offices gave you. Trust them and merge their exports?"
            ).format(offices=lines),
            option=coordinators,
        )
        self.as_coordinator = trusted and checked[0]
        return trusted

    def _signers_trusted(self) -> bool:
        try:
            signers = exports.export_signers(self.workspace_path, self.paths())
        except HabitatError as error:
            self._show_error(str(error))
            return False
        strangers = [s for s in signers if not s.trusted]
        if strangers and not self.ask(strangers):
            self.status.setText(_("Nothing was merged: the signers are not trusted."))
            return False
        self.trust = bool(strangers)
        return True

    def preview(self) -> None:
        if not self.paths():
            self.status.setText(_("Add at least one export first."))
            return
        if not self._signers_trusted():
            return
        files, trust, coordinator = self.paths(), self.trust, self.as_coordinator
        self.merging = False
        self.tasks.run(
            _("Previewing the merge…"),
            lambda progress: merges.merge_files(
                self.workspace_path,
                files,
                dry_run=True,
                trust=trust,
                as_coordinator=coordinator,
                progress=_reporter(progress),
                cancelled=lambda: progress.cancelled,
            ),
            self._previewed,
        )

    def _previewed(self, result: merges.MergeResult) -> None:
        self._fill(result)
        self.status.setText(
            _("Preview: nothing has changed yet. {what_merging_does}").format(
                what_merging_does=merge_counts_text(result.totals.per_table(), preview=True)
            )
            + _set_aside(result)
        )
        self.apply_button.setEnabled(True)

    def apply(self) -> None:
        files, trust, coordinator = self.paths(), self.trust, self.as_coordinator
        self.apply_button.setEnabled(False)
        self.merging = True
        self.tasks.run(
            _("Merging…"),
            lambda progress: merges.merge_files(
                self.workspace_path,
                files,
                trust=trust,
                as_coordinator=coordinator,
                progress=_reporter(progress),
                cancelled=lambda: progress.cancelled,
            ),
            self._applied,
        )

    def _cancelled(self) -> None:
        """The person cancelled the preview or the merge: nothing changed, and a cancelled merge may start again."""
        self.status.setText(str(merges.MergeCancelledError()))
        self.apply_button.setEnabled(self.merging)

    def _applied(self, result: merges.MergeResult) -> None:
        self.outcome = result
        self._fill(result)
        if result.backup is None:
            self.status.setText(_("Nothing new: every one of these files had been merged before."))
        else:
            self.status.setText(
                _("Merged. A backup of the workspace as it was is in {backup}.").format(
                    backup=isolate(str(result.backup))
                )
                + _set_aside(result)
            )  # a path reads left to right in Arabic too
        self.merged.emit(result)

    def _fill(self, result: merges.MergeResult) -> None:
        self.summary.removeRows(0, self.summary.rowCount())
        rows = [(item.file.name, item.office, item.counts.per_table()) for item in result.files]
        rows.append((_("Total"), "", result.totals.per_table()))
        for name, office, tables in rows:
            changes = merge_changes(tables) or _("No changes")
            cells = [QStandardItem(name), QStandardItem(office), QStandardItem(changes)]
            cells[2].setToolTip(merge_changes(tables, unchanged=True))
            self.summary.appendRow(cells)
        self.table.resizeRowsToContents()

    def _show_error(self, message: str) -> None:
        self.status.setText(message)
        self.tasks.alert(message)


def _set_aside(result: merges.MergeResult) -> str:
    """The records set aside as writes their signers may not make, one sentence per line (none: empty)."""
    return "".join("\n" + line for item in result.files for line in item.set_aside_lines())


def _reporter(progress: Progress) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        progress.report(
            done,
            total,
            _("Merging records: {done} of {total}").format(done=format_number(done), total=format_number(total)),
        )

    return report
