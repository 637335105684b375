"""DashboardView: activities per resolution and per outcome, and each resolution's funding, as bars and numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from habitat_desktop.l10n import _, ngettext
from habitat_desktop.l10n.formatting import format_money_compact, format_number
from habitat_desktop.services.dashboard import Dashboard, dashboard
from habitat_desktop.ui.bar_chart import BarChart
from habitat_desktop.ui.funding_stages import has_other_stages, stage_legend, stage_row

if TYPE_CHECKING:
    from typing import Any


class DashboardView(QScrollArea):
    def __init__(self, workspace: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setWidgetResizable(True)
        self.summary = QLabel()
        self.by_resolution = BarChart()
        self.by_outcome = BarChart()
        self.funding = BarChart()
        self.boxes = [QGroupBox(), QGroupBox(), QGroupBox()]
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.summary)
        for box, chart in zip(self.boxes, (self.by_resolution, self.by_outcome, self.funding), strict=True):
            inner = QVBoxLayout(box)
            inner.addWidget(chart)
            layout.addWidget(box)
        layout.addStretch()
        self.setWidget(body)
        self.data: Dashboard | None = None

    def reload(self) -> None:
        self.data = data = dashboard(self._workspace)
        self.summary.setText(
            ngettext("{count} activity in this workspace", "{count} activities in this workspace", data.total).format(
                count=format_number(data.total)
            )
        )
        self.boxes[0].setTitle(_("Activities per resolution"))
        self.boxes[1].setTitle(_("Activities per outcome"))
        self.boxes[2].setTitle(_("Funding of each resolution, by stage"))
        self.by_resolution.set_rows(
            [
                (_("{symbol} {title}").format(symbol=b.key, title=b.name), [float(b.count)], format_number(b.count))
                for b in data.by_resolution
            ]
        )
        self.by_outcome.set_rows(
            [
                (
                    _("Outcome {number}: {name}").format(number=b.key, name=b.name),
                    [float(b.count)],
                    format_number(b.count),
                )
                for b in data.by_outcome
            ]
        )
        rows = [
            (
                f"{f.symbol} ({f.currency})",
                [float(f.pledged), float(f.received)],
                _("{pledged} pledged, {received} received").format(
                    pledged=format_money_compact(f.pledged, f.currency),
                    received=format_money_compact(f.received, f.currency),
                ),
            )
            for f in data.funding
        ]
        if has_other_stages(data.funding):  # allocated or secured money: every stage is shown
            staged = [(f"{f.symbol} ({f.currency})", *stage_row(f, format_money_compact)) for f in data.funding]
            self.funding.set_rows(staged, stage_legend())
            return
        if not rows:
            rows = [(_("No funding recorded yet"), [0.0], "")]
        self.funding.set_rows(rows, [_("Pledged"), _("Received")])
