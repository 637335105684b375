"""PeriodBanner: above the activities, the reporting periods this office is asked to report for (the call)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from habitat_desktop.domain.cycles import STATE_LABELS
from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import format_date
from habitat_desktop.services import reporting_periods
from habitat_desktop.services.workspaces import Workspace


class PeriodBanner(QLabel):
    """One line per open period: its due date, this office's state and the coordinator's message; hidden if none."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("periodBanner")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#periodBanner { background: #e8f1fb; border: 1px solid #7fb8e0; padding: 6px; }")
        self.refresh()

    def refresh(self) -> None:
        lines = []
        for view, state in reporting_periods.own_calls(self.workspace):
            line = _("Reporting period {period}: due {due}; {office} is {state}.").format(
                period=view.period,
                due=format_date(view.due),
                office=self.workspace.office,
                state=_(STATE_LABELS[state]).lower(),
            )
            if view.message:
                line = _("{line} Message from {coordinator}: {message}").format(
                    line=line, coordinator=view.opened_by, message=view.message
                )
            lines.append(line)
        self.setText("\n".join(lines))
        self.setVisible(bool(lines))
