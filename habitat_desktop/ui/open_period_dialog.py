"""OpenPeriodDialog: a coordinator opens a reporting period — its code, due date, expected offices and message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import format_date
from habitat_desktop.services import offices, reporting_periods
from habitat_desktop.ui.locale_input import qt_locale
from habitat_desktop.ui.operations import Operations


class OpenPeriodDialog(QDialog):
    """The call for updates: what a coordinator asks, and of whom; OK opens the period (or restates its call)."""

    def __init__(self, path: Path, own_office: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.opened: reporting_periods.PeriodView | None = None
        self.setWindowTitle(_("Open a reporting period"))
        self.period = QLineEdit()
        self.period.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a code: "2026-Q1" reads so in Arabic too
        self.period.setPlaceholderText("2025 · 2026-Q1 · 2026-H2 · 2026-03")
        self.period.setToolTip(
            _("A period named by dates (2025, 2026-Q1, 2026-H2, 2026-03) or by another code (EB-2026)")
        )
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setLocale(qt_locale())
        short = qt_locale().dateFormat(QLocale.FormatType.ShortFormat).replace("yyyy", "yy").replace("yy", "yyyy")
        self.due.setDisplayFormat(short)
        self.due_text = QLabel()  # the date as documents write it ("31 January 2026")
        self.due.dateChanged.connect(lambda _day: self.due_text.setText(format_date(self.due_date())))
        today = dt.date.today()
        self.due.setDate(QDate(today.year, today.month, today.day).addDays(30))
        due_box = QWidget()
        due_row = QHBoxLayout(due_box)
        due_row.setContentsMargins(0, 0, 0, 0)
        due_row.addWidget(self.due)
        due_row.addWidget(self.due_text, 1)
        self.offices = QListWidget()
        for office in offices.list_offices(self.path):
            if office.code == own_office:
                continue
            item = QListWidgetItem(f"{office.code} — {office.name}")
            item.setData(Qt.ItemDataRole.UserRole, office.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.offices.addItem(item)
        self.message = QPlainTextEdit()
        self.message.setTabChangesFocus(True)
        self.message.setPlaceholderText(_("Optional: what the offices should report on"))
        form = QFormLayout()
        for text, widget in (
            (_("&Period"), self.period),
            (_("&Due date"), due_box),
            (_("Offices e&xpected"), self.offices),
            (_("&Message"), self.message),
        ):
            label = QLabel(text)
            label.setBuddy(self.due if widget is due_box else widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("&Open period"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)

    def due_date(self) -> dt.date:
        day = self.due.date()
        return dt.date(day.year(), day.month(), day.day())

    def chosen_offices(self) -> list[str]:
        return [
            self.offices.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.offices.count())
            if self.offices.item(row).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        """Open the period; a bad period code, no office chosen and the like are shown, and the dialog stays."""
        try:
            period, due, expected = self.period.text(), self.due_date(), self.chosen_offices()
            message = self.message.toPlainText()
            self.opened = Operations(self).call(
                _("Open a reporting period"),
                lambda _progress: reporting_periods.open_period(
                    self.path, period, due=due, offices=expected, message=message
                ),
                show_progress=False,
            )
        except HabitatError as error:
            QMessageBox.warning(self, _("Open a reporting period"), str(error))
            return
        super().accept()
