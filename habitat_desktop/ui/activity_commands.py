"""ActivityCommands: what the Edit menu does to activities (new, save, delete, restore, duplicate, purge,
restore a version), each one transaction and one undoable step; the window's table and form show the result."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from habitat_desktop.domain.activity_edits import Choice, EditConflictError
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _, current_language, ngettext
from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.services import activity_editing as editing
from habitat_desktop.services import purging
from habitat_desktop.ui import undo_commands
from habitat_desktop.ui.history_dialog import HistoryDialog

if TYPE_CHECKING:
    from habitat_desktop.ui.main_window import MainWindow


class ActivityCommands:
    """The activity commands of one window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def new_activity(self) -> None:

        if not self.window.confirm_leave():
            return
        self.window.pages.setCurrentIndex(0)
        self.window.table.clearSelection()
        self.window.editor.load(editing.new_draft(self.window.workspace, current_language()))
        self.window.editor.tabs.setCurrentIndex(0)
        self.window.editor.title.setFocus()
        self.window.update_status(_("New activity: fill in the form and save"))

    def save_activity(self) -> bool:
        """Save the form as one transaction; on a storage error the edit stays in the form."""
        if not self.window.editor.is_dirty():
            return True
        if not self.window.editor.is_valid():
            self.window.editor.reveal_problems()
            self.window.update_status(_("Not saved: correct the fields marked in red"))
            return False
        before = self.window.editor.draft
        choices: dict[str, Choice] = {}
        for _attempt in range(3):  # a clash settled, then (rarely) another change arrived meanwhile
            try:
                activity_id = editing.save_activity(
                    self.window.workspace,
                    before.id,
                    self.window.editor.values(),
                    self.window.editor.funding.entries(),
                    base=before if before.id else None,
                    choices=choices,
                )
                break
            except EditConflictError as conflict:
                chosen = self.window.choose_in_conflict(conflict)
                if chosen is None:
                    self.window.update_status(_("Not saved: your changes are still in the form"))
                    return False
                choices.update(chosen)
            except HabitatError as error:
                self.window.show_error(str(error))
                return False
        else:
            return False
        try:
            text = _("Create activity") if before.id is None else _("Edit activity")
            command = undo_commands.saved(
                text,
                self.window.workspace,
                before if before.id else None,
                activity_id,
                self.changed,
                self.window.show_error,
            )
        except HabitatError as error:
            self.window.show_error(str(error))
            return False
        self.window.undo_stack.push(command)
        self.changed(activity_id)
        self.window.update_status(_("Saved"))
        return True

    def delete_activity(self) -> None:
        activity_id = self.window.editor.activity_id()
        if activity_id is None or self.window.editor.draft.deleted:
            return
        try:
            editing.delete_activity(self.window.workspace, activity_id)
        except HabitatError as error:
            self.window.show_error(str(error))
            return
        row = max(self.window.table.currentIndex().row(), 0)
        self.window.undo_stack.push(
            undo_commands.deleted(
                _("Delete activity"), self.window.workspace, activity_id, self.changed, self.window.show_error
            )
        )
        self.window.editor.revert()
        self.window.model.refresh()
        self.window.select_row(min(row, self.window.model.rowCount() - 1))
        self.window.update_status(_("Deleted; Undo brings it back"))

    def restore_activity(self) -> None:

        activity_id = self.window.editor.activity_id()
        if activity_id is None or not self.window.editor.draft.deleted:
            return
        self.save_undoably(
            _("Restore activity"),
            self.window.editor.draft,
            activity_id,
            lambda: editing.restore_activity(self.window.workspace, activity_id),
        )

    def save_undoably(self, label: str, before, activity_id: str, write) -> None:
        """Write an activity (``write``), then put the step on the undo stack and show the result."""

        try:
            write()
            command = undo_commands.saved(
                label, self.window.workspace, before, activity_id, self.changed, self.window.show_error
            )
        except HabitatError as error:
            self.window.show_error(str(error))
            return
        self.window.undo_stack.push(command)
        self.changed(activity_id)

    def purge_deleted(self) -> None:
        """Purge every deleted activity, after saying how many and that it cannot be undone."""

        count = len(purging.purgeable(self.window.workspace))
        if count == 0:
            self.window.update_status(_("There are no deleted activities to purge."))
            return
        if not self.confirm_purge(count):
            return
        try:
            purged = purging.purge_deleted(self.window.workspace)
        except HabitatError as error:
            self.window.show_error(str(error))
            return
        self.window.undo_stack.clear()  # the purged activities' earlier states are gone, and the steps holding them
        self.window.model.refresh()
        self.window.update_status(
            ngettext("Purged {count} deleted activity", "Purged {count} deleted activities", purged).format(
                count=format_number(purged)
            )
        )

    def confirm_purge(self, count: int) -> bool:
        answer = QMessageBox.question(
            self.window,
            _("Purge deleted activities"),
            ngettext(
                "Remove {count} deleted activity for good? Its content and history are erased; this cannot be "
                "undone. (A backup is taken first.)",
                "Remove {count} deleted activities for good? Their content and history are erased; this cannot be "
                "undone. (A backup is taken first.)",
                count,
            ).format(count=format_number(count)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,  # the safe answer is the default: Enter does not purge
        )
        return answer == QMessageBox.StandardButton.Yes

    def duplicate_activity(self) -> None:
        activity_id = self.window.editor.activity_id()
        if activity_id is None or not self.window.confirm_leave():
            return
        try:
            copy = editing.duplicate_activity(self.window.workspace, activity_id)
            command = undo_commands.saved(
                _("Duplicate activity"), self.window.workspace, None, copy, self.changed, self.window.show_error
            )
        except HabitatError as error:
            self.window.show_error(str(error))
            return
        self.window.undo_stack.push(command)
        self.changed(copy)

    def show_history(self) -> None:
        activity_id = self.window.editor.activity_id()
        if activity_id is None or not self.window.confirm_leave():
            return
        dialog = HistoryDialog(self.window.workspace, activity_id, self.window)
        if dialog.exec() and dialog.chosen_values is not None:
            before = editing.load_activity(self.window.workspace, activity_id)
            values = dialog.chosen_values
            self.save_undoably(
                _("Restore version"),
                before,
                activity_id,
                lambda: editing.save_activity(self.window.workspace, activity_id, values),
            )

    def changed(self, activity_id: str) -> None:
        """After any write: refresh the table and show the activity in the form."""
        self.window.model.refresh()
        row = self.window.model.row_of(activity_id)
        self.window.table.selectionModel().blockSignals(True)
        if row >= 0:
            self.window.table.selectRow(row)
        else:
            self.window.table.clearSelection()
        self.window.table.selectionModel().blockSignals(False)
        self.window.open_activity(activity_id)
        self.window.update_status()
