"""CompletenessView: a coordinator's view of a period (every expected office's state, records, last merge, days
late, as a table and a chart) with the review actions: approve, return with a comment, reopen with a comment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.domain.cycles import STATE_LABELS, State
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _, ngettext
from habitat_desktop.l10n.formatting import format_date, format_datetime, format_number
from habitat_desktop.services import reporting_periods
from habitat_desktop.services.workspaces import Workspace
from habitat_desktop.ui.bar_chart import BarChart
from habitat_desktop.ui.open_period_dialog import OpenPeriodDialog
from habitat_desktop.ui.operations import Operations


class CompletenessView(QDialog):
    """Who has reported for a period, and the decisions on each office's submission."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.path = Path(workspace.path)
        self.tasks = Operations(self)
        self.setWindowTitle(_("Reporting periods"))
        self.resize(820, 560)
        self.period = QComboBox()
        self.period.setAccessibleName(_("Period"))
        self.call = QLabel()
        self.call.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalHeaderLabels(
            [_("Office"), _("State"), _("Records"), _("Last export merged"), _("Days late")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.chart = BarChart()
        self.approve = QPushButton(_("&Approve"))
        self.send_back = QPushButton(_("&Return…"))
        self.reopen = QPushButton(_("Re&open…"))
        self.open_new = QPushButton(_("Open a &new period…"))
        self.open_new.setVisible(reporting_periods.is_coordinator(workspace))
        self.opening: OpenPeriodDialog | None = None
        actions = QHBoxLayout()
        for widget in (self.approve, self.send_back, self.reopen):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.open_new)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.period)
        box.addWidget(self.call)
        box.addWidget(self.table)
        box.addWidget(self.chart)
        box.addLayout(actions)
        box.addWidget(buttons)
        self.approve.clicked.connect(lambda: self._decide("approve"))
        self.send_back.clicked.connect(lambda: self._decide("return"))
        self.reopen.clicked.connect(lambda: self._decide("reopen"))
        self.open_new.clicked.connect(self.open_period)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.itemSelectionChanged.connect(self._enable)
        self.views: dict[str, reporting_periods.PeriodView] = {}
        self.load_periods()

    def load_periods(self, chosen: str | None = None) -> None:
        """Offer every period opened, newest name first; show ``chosen`` (else the one shown, else the first)."""
        chosen = chosen or self.current_period()
        self.views = {view.period: view for view in reporting_periods.periods_in(self.workspace)}
        self.period.blockSignals(True)
        self.period.clear()
        for name in sorted(self.views, reverse=True):
            self.period.addItem(name, name)
        self.period.setCurrentIndex(max(self.period.findData(chosen), 0))
        self.period.blockSignals(False)
        self.refresh()

    def open_period(self) -> OpenPeriodDialog:
        """The call for updates: a dialog for the period's code, due date, offices and message."""
        self.opening = OpenPeriodDialog(self.path, self.workspace.office, self)
        self.opening.accepted.connect(
            lambda: self.load_periods(self.opening.opened.period if self.opening and self.opening.opened else None)
        )
        self.opening.open()
        return self.opening

    def current_period(self) -> str | None:
        return self.period.currentData()

    def refresh(self) -> None:
        period = self.current_period()
        self.rows = reporting_periods.status_in(self.workspace, period) if period else []
        view = self.views.get(period or "")
        if view is None:
            self.call.setText(
                _("No reporting period has been opened yet; a coordinating office opens one with Open a new period.")
            )
        else:
            self.call.setText(
                _("Due {due}; asked by {coordinator}. {message}")
                .format(due=format_date(view.due), coordinator=view.opened_by, message=view.message)
                .strip()
            )
        self.table.setRowCount(len(self.rows))
        for row, status in enumerate(self.rows):
            merged = format_date(status.last_merged.date()) if status.last_merged else "—"
            late = (
                ngettext("{count} day", "{count} days", status.days_late).format(count=status.days_late)
                if status.days_late
                else ""
            )
            cells = (status.office, _(STATE_LABELS[status.state]), format_number(status.records), merged, late)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 1 and status.comment:
                    item.setToolTip(status.comment)
                if column == 3 and status.last_merged:
                    item.setToolTip(format_datetime(status.last_merged))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        done = sum(1 for s in self.rows if s.state in (State.SUBMITTED, State.APPROVED))
        chart_rows = [
            (_(STATE_LABELS[state]), [float(n)], format_number(n))
            for state in State
            if (n := sum(1 for s in self.rows if s.state == state))
        ]
        self.chart.set_rows(chart_rows)
        self.chart.setToolTip(
            ngettext(
                "{done} of {count} office has reported", "{done} of {count} offices have reported", len(self.rows)
            ).format(done=format_number(done), count=format_number(len(self.rows)))
        )
        self._enable()

    def _selected(self) -> reporting_periods.OfficeStatus | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.rows[rows[0].row()] if rows else None

    def _enable(self) -> None:
        status = self._selected()
        state = status.state if status is not None else None
        self.approve.setEnabled(state == State.SUBMITTED)
        self.send_back.setEnabled(state == State.SUBMITTED)
        self.reopen.setEnabled(state in (State.APPROVED, State.RETURNED))

    def _write(self, work: Callable[[], object]) -> None:
        """A review decision, written on the operations worker while the window keeps painting."""
        self.tasks.call(_("Reporting periods"), lambda _progress: work(), show_progress=False)

    def _decide(self, decision: str) -> None:
        status, period = self._selected(), self.current_period()
        if status is None or period is None:
            return
        try:
            if decision == "approve":
                self._write(lambda: reporting_periods.review(self.path, period, status.office, approve=True))
            else:
                prompt = (
                    _("What should office {office} change?")
                    if decision == "return"
                    else _("Why is period {period} of office {office} reopened?")
                ).format(office=status.office, period=period)
                text, accepted = QInputDialog.getMultiLineText(self, _("Comment"), prompt)
                if not accepted:
                    return
                if decision == "return":
                    self._write(
                        lambda: reporting_periods.review(self.path, period, status.office, approve=False, comment=text)
                    )
                else:
                    self._write(lambda: reporting_periods.reopen(self.path, period, status.office, comment=text))
        except HabitatError as error:
            QMessageBox.warning(self, _("Reporting periods"), str(error))
        self.refresh()
