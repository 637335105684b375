"""ActivityCommand: one undoable change of an activity (save, create, delete, duplicate, restore a version).

The first application happens before the command is pushed (so an error leaves nothing on the stack and the edit
stays in the form); the stack then only replays it. Each step is one transaction of the services.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from habitat_desktop.domain.activity_edits import EditConflictError
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.services.activity_editing import (
    ActivityDraft,
    delete_activity,
    load_activity,
    restore_activity,
    save_activity,
)


class ActivityCommand(QUndoCommand):
    def __init__(
        self,
        text: str,
        activity_id: str,
        undo: Callable[[], None],
        redo: Callable[[], None],
        on_change: Callable[[str], None],
        on_error: Callable[[str], None],
    ) -> None:
        super().__init__(text)
        self.activity_id = activity_id
        self._undo, self._redo = undo, redo
        self._on_change, self._on_error = on_change, on_error
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self._redo)

    def undo(self) -> None:
        self._apply(self._undo)

    def _apply(self, action: Callable[[], None]) -> None:
        try:
            action()
        except EditConflictError:
            self._on_error(
                _("This step cannot be replayed: the fields it changed were changed again since, elsewhere.")
            )
        except HabitatError as error:
            self._on_error(str(error))
        self._on_change(self.activity_id)


def _put_back(workspace, draft: ActivityDraft, since: ActivityDraft | None) -> None:
    """Make an activity as a draft describes it (values, funding, whether it is deleted), changing only the fields
    that differ from ``since`` (the state the step left), so changes saved by others meanwhile stay."""
    assert draft.id is not None
    save_activity(workspace, draft.id, draft.values, draft.funding, base=since)
    if draft.deleted:
        delete_activity(workspace, draft.id)


def saved(text: str, workspace, before: ActivityDraft | None, activity_id: str, on_change, on_error) -> ActivityCommand:
    """The command for an activity just saved (created when ``before`` is None)."""
    after = load_activity(workspace, activity_id)

    def undo() -> None:
        if before is None:
            delete_activity(workspace, activity_id)
        else:
            _put_back(workspace, before, since=after)

    return ActivityCommand(
        text, activity_id, undo, lambda: _put_back(workspace, after, since=before), on_change, on_error
    )


def deleted(text: str, workspace, activity_id: str, on_change, on_error) -> ActivityCommand:
    """The command for an activity just deleted."""

    def undo() -> None:
        restore_activity(workspace, activity_id)

    def redo() -> None:
        delete_activity(workspace, activity_id)

    return ActivityCommand(text, activity_id, undo, redo, on_change, on_error)
