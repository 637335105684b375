"""CyclesMenu: File ▸ Reporting periods, Submit period and Comment on activity; the form's lock and comments."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMessageBox

from habitat_desktop.domain.cycles import State
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.services import cycle_history, period_locks, reporting_periods
from habitat_desktop.ui.comment_dialog import CommentDialog
from habitat_desktop.ui.completeness_view import CompletenessView
from habitat_desktop.ui.confirmation import confirm
from habitat_desktop.ui.field_comments import commented_fields, mark_fields


class CyclesMenu:
    """The reporting-cycle commands of a main window (which has ``workspace``, ``menu_actions``, ``editor``)."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        menu = window.menu_actions.file_menu  # type: ignore[attr-defined]
        slot = window.menu_actions.import_slot  # type: ignore[attr-defined]
        self.periods = QAction(window)
        self.submit = QAction(window)
        self.comment = QAction(window)
        for item in (self.periods, self.submit, self.comment):
            menu.insertAction(slot, item)
        self.periods.triggered.connect(lambda: self.open_periods())
        self.submit.triggered.connect(lambda: self.submit_period())
        self.comment.triggered.connect(lambda: self.comment_activity())
        self.view: CompletenessView | None = None
        self.commenting: CommentDialog | None = None

    def _path(self) -> Path:
        return Path(self.window.workspace.path)  # type: ignore[attr-defined]

    def retranslate(self) -> None:
        self.periods.setText(_("Reporting &periods…"))
        self.periods.setStatusTip(_("Who has reported for a period; approve or return submissions"))
        self.submit.setText(_("S&ubmit period…"))
        self.submit.setStatusTip(_("Submit this office's records of a reporting period"))
        self.comment.setText(_("Comment on acti&vity…"))
        self.comment.setStatusTip(_("Comment on the activity shown, one of its fields or one of its funding lines"))

    def open_periods(self) -> CompletenessView:
        self.view = CompletenessView(self.window.workspace, self.window)  # type: ignore[attr-defined]
        self.view.finished.connect(lambda _r: self.window.follow_outside_changes())  # type: ignore[attr-defined]
        self.view.open()
        return self.view

    def submit_period(self) -> None:
        workspace = self.window.workspace  # type: ignore[attr-defined]
        calls = reporting_periods.own_calls(workspace)
        if not calls:
            QMessageBox.information(self.window, _("Submit period"), _("No reporting period asks this office."))
            return
        names = [view.period for view, _state in calls]
        name, accepted = QInputDialog.getItem(self.window, _("Submit period"), _("Period"), names, 0, False)
        if not accepted:
            return
        withdraw = dict((view.period, state) for view, state in calls).get(name) == State.SUBMITTED
        if withdraw and not confirm(
            self.window,
            _("Submit period"),
            _("Period {period} is submitted and not yet reviewed. Withdraw the submission?").format(period=name),
            _("You can submit it again after editing its records."),
        ):
            return
        try:
            self.window.operations.call(  # type: ignore[attr-defined]
                _("Submit period"),
                lambda _progress: reporting_periods.submit(self._path(), name, withdraw=withdraw),
                show_progress=False,
            )
        except HabitatError as error:
            QMessageBox.warning(self.window, _("Submit period"), str(error))
            return
        done = (
            _("Withdrew the submission of period {period}")
            if withdraw
            else _("Submitted period {period}; the next export carries the submission")
        )
        self.window.follow_outside_changes(done.format(period=name))  # type: ignore[attr-defined]

    def comment_activity(self) -> CommentDialog | None:
        """Comment on the activity shown, one of its fields or funding lines (the dialog writes it)."""
        editor = self.window.editor  # type: ignore[attr-defined]
        activity_id = editor.activity_id()
        if activity_id is None:
            return None
        self.commenting = CommentDialog(self._path(), editor.draft, self.window)
        self.commenting.accepted.connect(lambda: self.apply_lock(activity_id))
        self.commenting.open()
        return self.commenting

    def apply_lock(self, activity_id: str | None) -> None:
        """Show the open activity read-only with the reason when its period is approved, and its comments."""
        workspace = self.window.workspace  # type: ignore[attr-defined]
        editor = self.window.editor  # type: ignore[attr-defined]
        reason = period_locks.activity_lock(workspace, activity_id) if activity_id else None
        notes = cycle_history.record_notes(workspace, activity_id) if activity_id else []
        shown = _("This activity is read-only: {reason}.").format(reason=reason) if reason else None
        editor.show_lock(shown, [note.sentence for note in notes])
        mark_fields(editor.labels, commented_fields(activity_id, notes) if activity_id else {})
