"""ResolutionPageView: a resolution's title, symbol, alignment, activities by status, funding and status."""

from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.domain.enums import (
    ActivityStatus,
    FundingSource,
    ImplementationStatus,
    SupportLevel,
)
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import format_money, format_number, session_name
from habitat_desktop.services import resolution_pages
from habitat_desktop.services.resolution_pages import ResolutionPage, resolution_page
from habitat_desktop.ui.bar_chart import BarChart
from habitat_desktop.ui.bidi import in_reading_order, isolate
from habitat_desktop.ui.funding_stages import has_other_stages, stage_legend, stage_row
from habitat_desktop.ui.operations import Operations

if TYPE_CHECKING:
    from typing import Any


class ResolutionPageView(QScrollArea):
    def __init__(self, workspace: Any, window: Any = None) -> None:
        super().__init__()
        self._workspace = workspace
        self._window = window
        self.operations = Operations(self)  # the status is saved on the workspace worker, not the GUI thread
        self.symbol: str | None = None
        self.page: ResolutionPage | None = None
        self.setWidgetResizable(True)
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.counts = BarChart()
        self.funding = BarChart()
        self.narrative = QLabel()
        self.narrative.setWordWrap(True)
        self.narrative.setTextFormat(Qt.TextFormat.PlainText)  # user text: a "<b>" in it prints as typed
        self.period = QLineEdit()
        self.period.setMaxLength(16)
        self.period.setText(str(dt.date.today().year))
        self.status = QComboBox()
        self.save = QPushButton()
        self.save.clicked.connect(self._save_status)
        self.statuses = QLabel()
        self.statuses.setWordWrap(True)
        self.boxes = [QGroupBox(), QGroupBox(), QGroupBox(), QGroupBox()]
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        for box, widget in zip(self.boxes[:3], (self.counts, self.funding, self.narrative), strict=True):
            QVBoxLayout(box).addWidget(widget)
            layout.addWidget(box)
        form = QFormLayout(self.boxes[3])
        form.addRow(self.statuses)
        row = QHBoxLayout()
        row.addWidget(self.period)
        row.addWidget(self.status, 1)
        row.addWidget(self.save)
        self.period_label = QLabel()
        form.addRow(self.period_label, row)
        layout.addWidget(self.boxes[3])
        layout.addStretch()
        self.setWidget(body)

    def show_resolution(self, symbol: str) -> None:
        self.symbol = symbol
        self.reload()

    def reload(self) -> None:
        self.boxes[0].setTitle(_("Activities by status"))
        self.boxes[1].setTitle(_("Funding by source and stage"))
        self.boxes[2].setTitle(_("Latest status narrative"))
        self.boxes[3].setTitle(_("Status per reporting period"))
        self.period_label.setText(_("&Period"))
        self.period_label.setBuddy(self.period)
        self.period.setPlaceholderText(_("e.g. 2026"))
        self.save.setText(_("Save &status"))
        current = self.status.currentData()
        self.status.clear()
        for member in ImplementationStatus:
            self.status.addItem(member.label(), member.value)
        self.status.setCurrentIndex(max(self.status.findData(current), 0))
        if self.symbol is None:
            return
        try:
            self.page = page = resolution_page(self._workspace, self.symbol)
        except HabitatError as error:
            self.title.setText(str(error))
            return
        self.title.setText(_("{symbol} {title}").format(symbol=page.symbol, title=page.title))
        aligned = (
            [_("{level}: strategic priority").format(level=SupportLevel(page.priority).label())]
            if page.priority
            else []
        )
        aligned += [
            _("{level}: outcome {number} ({name})").format(level=SupportLevel(level).label(), number=n, name=name)
            for n, name, level in page.outcomes
        ]
        self.facts.setText(
            in_reading_order(
                _lines(
                    [
                        _("Document symbol: {symbol}").format(symbol=page.document_symbol),
                        session_name(page.session, page.year),
                        _("Alignment: {alignment}").format(alignment="; ".join(aligned) or "—"),
                    ]
                )
            )
        )
        self.counts.set_rows(
            [
                (
                    s.label(),
                    [float(page.activities_by_status.get(s.value, 0))],
                    format_number(page.activities_by_status.get(s.value, 0)),
                )
                for s in ActivityStatus
            ]
        )
        if has_other_stages(page.funding):  # allocated or secured money: every stage is shown
            rows = [
                (f"{FundingSource(f.source).label()} ({f.currency})", *stage_row(f, format_money)) for f in page.funding
            ]
            self.funding.set_rows(rows, stage_legend())
        else:
            rows = [
                (
                    f"{FundingSource(f.source).label()} ({f.currency})",
                    [float(f.received), float(f.pledged)],
                    _("{received} received, {pledged} pledged").format(
                        received=format_money(f.received, f.currency), pledged=format_money(f.pledged, f.currency)
                    ),
                )
                for f in page.funding
            ] or [(_("No funding recorded yet"), [0.0], "")]
            self.funding.set_rows(rows, [_("Received"), _("Pledged")])
        self.narrative.setText(isolate(page.latest_narrative) if page.latest_narrative else _("No narrative yet"))
        self.statuses.setText(
            in_reading_order(
                _lines(
                    [
                        _("{period} ({office}): {status}").format(
                            period=s.period,
                            office=s.office,
                            status=ImplementationStatus(s.implementation_status).label(),
                        )
                        for s in page.statuses
                    ]
                )
                or _("No status recorded yet")
            )
        )

    def _save_status(self) -> None:
        if self.symbol is None:
            return
        try:
            symbol, period, status = self.symbol, self.period.text(), self.status.currentData()
            self.operations.wait_for(
                lambda: resolution_pages.set_period_status(self._workspace, symbol, period, status)
            )
        except HabitatError as error:
            if self._window is not None:
                self._window.show_error(str(error))
            return
        self.reload()


def _lines(lines: list[str]) -> str:
    """Lines for a rich-text label, user text escaped so it prints as typed."""
    return "<br>".join(html.escape(line) for line in lines)
