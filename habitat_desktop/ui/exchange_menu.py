"""ExchangeMenu: File ▸ Export for coordinator, Merge exports, Conflicts, Merge history and Trusted offices."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QWidget

from habitat_desktop.l10n import _, ngettext
from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.services import exports, merges
from habitat_desktop.services.changes import Changes
from habitat_desktop.ui.conflict_review import ConflictReview
from habitat_desktop.ui.exchange_records import MergeHistoryDialog, TrustedOfficesDialog
from habitat_desktop.ui.merge_wizard import MergeWizard, merge_counts_text

if TYPE_CHECKING:
    from habitat_desktop.services.workspaces import Workspace
    from habitat_desktop.ui.operations import Operations
    from habitat_desktop.ui.window_actions import WindowActions


class ExchangeWindow(Protocol):
    """What the exchange commands need of the window whose File menu holds them."""

    operations: Operations
    menu_actions: WindowActions

    @property
    def workspace(self) -> Workspace: ...

    def dialog_parent(self) -> QWidget: ...

    def update_status(self, message: str = "") -> None: ...

    def apply_changes(self, changes: Changes, show: str | None = None, message: str = "") -> None: ...

    def open_activity(self, activity_id: str) -> None: ...


class ExchangeMenu:
    """The exchange commands of a main window."""

    def __init__(self, window: ExchangeWindow) -> None:
        self.window = window
        parent = window.dialog_parent()
        menu, slot = window.menu_actions.file_menu, window.menu_actions.import_slot
        self.export = QAction(parent)
        self.merge = QAction(parent)
        self.conflicts = QAction(parent)
        self.history = QAction(parent)
        self.trusted = QAction(parent)
        for item in (self.export, self.merge, self.conflicts, self.history, self.trusted):
            menu.insertAction(slot, item)
        self.export.triggered.connect(lambda: self.export_workspace())  # triggered passes checked=False
        self.merge.triggered.connect(lambda: self.open_merge_wizard())
        self.conflicts.triggered.connect(lambda: self.review_conflicts())
        self.history.triggered.connect(lambda: MergeHistoryDialog(self._path(), parent).exec())
        self.trusted.triggered.connect(lambda: TrustedOfficesDialog(self._path(), parent).exec())
        self.merge.setShortcut("Ctrl+Shift+M")
        self.wizard: MergeWizard | None = None
        self.review: ConflictReview | None = None

    def _path(self) -> Path:
        return Path(self.window.workspace.path)

    def retranslate(self) -> None:
        self.export.setText(_("&Export for coordinator…"))
        self.export.setStatusTip(_("Write a signed export (.habx) of this workspace to send to your coordinator"))
        self.merge.setText(_("&Merge exports…"))
        self.merge.setStatusTip(_("Merge exports from offices into this workspace, after a preview"))
        self.conflicts.setText(_("&Conflicts…"))
        self.history.setText(_("Merge &history…"))
        self.trusted.setText(_("&Trusted offices…"))

    def export_workspace(self, target: str | None = None) -> None:
        path = self._path()
        if target is None:
            suggested = path.with_name(f"{path.stem}-{self.window.workspace.office}.habx")
            target, _filter = QFileDialog.getSaveFileName(
                self.window.dialog_parent(), _("Export for coordinator"), str(suggested), _("Habitat exports (*.habx)")
            )
        if not target:
            return
        self.window.operations.run(
            _("Exporting…"), lambda _progress: exports.export_workspace(path, Path(target)), self._exported
        )

    def _exported(self, manifest: exports.Manifest) -> None:
        self.window.update_status(
            ngettext(
                "Exported {count} activity; key fingerprint {fingerprint}",
                "Exported {count} activities; key fingerprint {fingerprint}",
                manifest.counts["activity"],
            ).format(count=format_number(manifest.counts["activity"]), fingerprint=manifest.fingerprint)
        )

    def open_merge_wizard(self, files: list[str] | None = None) -> MergeWizard:
        self.wizard = MergeWizard(self._path(), self.window.dialog_parent())
        self.wizard.merged.connect(self._merged)
        if files:
            self.wizard.add_files(files)
        self.wizard.show()
        return self.wizard

    def _merged(self, result: merges.MergeResult) -> None:
        self.window.apply_changes(
            result.changes,
            message=ngettext("Merged {count} export.", "Merged {count} exports.", len(result.files)).format(
                count=format_number(len(result.files))
            )
            + " "
            + merge_counts_text(result.totals.per_table(), preview=False),
        )

    def review_conflicts(self) -> ConflictReview:
        self.review = ConflictReview(self._path(), self.window.workspace.office, self.window.dialog_parent())
        self.review.settled.connect(lambda: self.window.apply_changes(Changes(all_activities=True, conflicts=True)))
        self.review.edit_requested.connect(self.window.open_activity)
        self.review.show()
        return self.review
