"""ActivityCommands: what the Edit menu does to activities (new, save, delete, restore, duplicate, purge, restore a
version, undo, redo). Each write is one service call run by the window's operations off the GUI thread and kept as
an undo step by the services; the window then updates from what the call says changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from habitat_desktop.domain.activity_edits import Choice, EditConflictError
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _, current_language, ngettext
from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.services import activity_editing as editing
from habitat_desktop.services import activity_steps, purging, undo
from habitat_desktop.services.changes import Changes
from habitat_desktop.ui.history_dialog import HistoryDialog

if TYPE_CHECKING:
    from habitat_desktop.services.workspaces import Workspace
    from habitat_desktop.ui.activity_editor import ActivityEditor
    from habitat_desktop.ui.operations import Operations, Progress


class ActivityWindow(Protocol):
    """What the activity commands need of the window they act in."""

    editor: ActivityEditor
    operations: Operations

    @property
    def workspace(self) -> Workspace: ...

    def dialog_parent(self) -> QWidget: ...

    def confirm_leave(self) -> bool: ...

    def choose_in_conflict(self, conflict: EditConflictError) -> dict[str, Choice] | None: ...

    def show_error(self, message: str) -> None: ...

    def update_status(self, message: str = "") -> None: ...

    def show_new_form(self, draft: editing.ActivityDraft) -> None: ...

    def apply_changes(self, changes: Changes, show: str | None = None, message: str = "") -> None: ...


class ActivityCommands:
    """The activity commands of one window."""

    def __init__(self, window: ActivityWindow) -> None:
        self.window = window

    def _step(self, title: str, work: Callable[[Any], Any], *, show_progress: bool = False) -> Any:
        """Run one service call on the workspace worker and wait for it, the window still painting and ticking."""
        return self.window.operations.call(title, work, show_progress=show_progress)

    def new_activity(self) -> None:
        if not self.window.confirm_leave():
            return
        self.window.show_new_form(editing.new_draft(self.window.workspace, current_language()))
        self.window.update_status(_("New activity: fill in the form and save"))

    def save_activity(self) -> bool:
        """Save the form as one transaction; on a storage error the edit stays in the form."""
        editor, workspace = self.window.editor, self.window.workspace
        if not editor.is_dirty():
            return True
        if not editor.is_valid():
            editor.reveal_problems()
            self.window.update_status(_("Not saved: correct the fields marked in red"))
            return False
        base, values, funding = editor.draft, editor.values(), editor.funding.entries()
        choices: dict[str, Choice] = {}
        for _attempt in range(3):  # a clash settled, then (rarely) another change arrived meanwhile
            chosen_so_far = dict(choices)

            def save(_progress: Progress, chosen: dict[str, Choice] = chosen_so_far) -> activity_steps.Outcome:
                return activity_steps.save(workspace, base, values, funding, chosen)

            try:
                outcome = self._step(_("Saving…"), save)
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
        self.window.apply_changes(outcome.changes, show=outcome.activity_id, message=_("Saved"))
        return True

    def delete_activity(self) -> None:
        activity_id = self.window.editor.activity_id()
        if activity_id is None or self.window.editor.draft.deleted:
            return
        self._write(
            lambda _p: activity_steps.delete(self.window.workspace, activity_id),
            None,
            _("Deleted; Undo brings it back"),
        )

    def restore_activity(self) -> None:
        activity_id = self.window.editor.activity_id()
        if activity_id is None or not self.window.editor.draft.deleted:
            return
        self._write(lambda _p: activity_steps.restore(self.window.workspace, activity_id), activity_id)

    def duplicate_activity(self) -> None:
        activity_id = self.window.editor.activity_id()
        if activity_id is None or not self.window.confirm_leave():
            return
        self._write(lambda _p: activity_steps.duplicate(self.window.workspace, activity_id))

    def _write(
        self, work: Callable[[Any], activity_steps.Outcome], show: str | None = "", message: str = ""
    ) -> activity_steps.Outcome | None:
        """One write of an activity: shown afterwards (the one written when ``show`` is empty, none when None)."""
        try:
            outcome: activity_steps.Outcome = self._step(_("Saving…"), work)
        except HabitatError as error:
            self.window.show_error(str(error))
            return None
        self.window.apply_changes(outcome.changes, show=outcome.activity_id if show == "" else show, message=message)
        return outcome

    def purge_deleted(self) -> None:
        """Purge every deleted activity, after saying how many and that it cannot be undone."""
        count = len(purging.purgeable(self.window.workspace))
        if count == 0:
            self.window.update_status(_("There are no deleted activities to purge."))
            return
        if not self.confirm_purge(count):
            return
        try:
            purged, changes = self._step(
                _("Purging deleted activities…"),
                lambda _p: activity_steps.purge(self.window.workspace),
                show_progress=True,
            )
        except HabitatError as error:
            self.window.show_error(str(error))
            return
        self.window.apply_changes(
            changes,
            message=ngettext("Purged {count} deleted activity", "Purged {count} deleted activities", purged).format(
                count=format_number(purged)
            ),
        )

    def confirm_purge(self, count: int) -> bool:
        answer = QMessageBox.question(
            self.window.dialog_parent(),
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

    def show_history(self) -> None:
        activity_id = self.window.editor.activity_id()
        if activity_id is None or not self.window.confirm_leave():
            return
        dialog = HistoryDialog(self.window.workspace, activity_id, self.window.dialog_parent())
        if dialog.exec() and dialog.chosen_values is not None:
            values = dialog.chosen_values
            self._write(lambda _p: activity_steps.restore_version(self.window.workspace, activity_id, values))

    def undo(self) -> None:
        """Undo the workspace's last step (the same steps ``habitat undo`` takes)."""
        self._replay(undo.undo)

    def redo(self) -> None:
        self._replay(undo.redo)

    def _replay(self, step: Callable[[Any], Changes]) -> None:
        if not self.window.confirm_leave():
            return
        workspace = self.window.workspace
        try:
            changes: Changes = self._step(_("Saving…"), lambda _p: step(workspace))
        except HabitatError as error:
            self.window.show_error(str(error))
            return
        shown = next(iter(sorted(changes.activities)), None)
        self.window.apply_changes(changes, show=shown)
