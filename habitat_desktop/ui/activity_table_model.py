"""ActivityTableModel: activities of a workspace for a QTableView, fetched page by page, sorted by the storage."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication, QStyle

from habitat_desktop.domain.enums import ActivityStatus
from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import country_name, format_date
from habitat_desktop.services.activities import ActivityFilter, ActivityRow, activity_rows, count_activities
from habitat_desktop.ui.bidi import isolate
from habitat_desktop.ui.operations import Job, Operations

if TYPE_CHECKING:
    from typing import Any

PAGE = 200
COUNT_DELAY_MS = 300  # typing: count once the person pauses
COLUMNS = ("title", "resolutions", "outcomes", "office", "status", "start_date", "end_date", "country")


def _headers() -> list[str]:
    return [_("Title"), _("Resolutions"), _("Outcomes"), _("Office"), _("Status"), _("Start"), _("End"), _("Country")]


class ActivityTableModel(QAbstractTableModel):
    """Rows arrive a page at a time; the number matching is counted in the background (``total_known``)."""

    total_known = Signal(int)

    def __init__(self, workspace: Any, parent: Any = None, *, operations: Operations | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._operations = operations or Operations(parent)
        self._counting: Job | None = None
        self._filter = ActivityFilter()
        self._rows: list[ActivityRow] = []
        self._more = False
        self._total: int | None = None
        self._generation = 0
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.timeout.connect(self._start_count)
        self.refresh()

    @property
    def filter(self) -> ActivityFilter:
        return self._filter

    def set_filter(self, flt: ActivityFilter, *, count_later: bool = False) -> None:
        """Narrow the rows; ``count_later`` waits for a pause (typing) before counting in the background."""
        self._filter = replace(flt, order=self._filter.order, descending=self._filter.descending)
        self.refresh(count_later=count_later)

    def refresh(self, *, count_later: bool = False) -> None:
        """Show the first page at once; count the rest off the GUI thread."""
        self.beginResetModel()
        rows = activity_rows(self._workspace, self._filter, 0, PAGE + 1)
        self._more = len(rows) > PAGE
        self._rows = rows[:PAGE]
        self._generation += 1
        self._total = None if self._more else len(self._rows)
        self.endResetModel()
        if self._total is None:
            self._count_timer.start(COUNT_DELAY_MS if count_later else 0)
        else:
            self._count_timer.stop()
            self.total_known.emit(self._total)

    def _start_count(self) -> None:
        if self._total is not None:
            return
        if self._counting is not None:
            self._counting.progress.cancel()  # a count for an older filter, not started yet: skipped
        generation, workspace, flt = self._generation, self._workspace, self._filter
        self._counting = self._operations.run(
            "",
            lambda _progress: count_activities(workspace, flt),
            lambda total: self._counted(generation, total),
            show_progress=False,
            on_error=lambda _error: None,  # the workspace was closed or is busy: the count stays unknown
        )

    def _counted(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self._total = total
            self.total_known.emit(total)

    def total(self) -> int:
        """How many activities match (counted now if the background count has not arrived yet)."""
        if self._total is None:
            self._total = count_activities(self._workspace, self._filter)
        return self._total

    def known_total(self) -> int | None:
        return self._total

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            column, order = -1, Qt.SortOrder.DescendingOrder
        descending = order == Qt.SortOrder.DescendingOrder
        order_by = COLUMNS[column] if column >= 0 else "updated_at"
        if self._filter.order == order_by and self._filter.descending == descending:
            return
        self._filter = replace(self._filter, order=order_by, descending=descending)
        self.refresh()

    def rowCount(self, parent: Any = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Any = QModelIndex()) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Any = QModelIndex()) -> None:
        more = activity_rows(self._workspace, self._filter, len(self._rows), PAGE + 1)
        self._more = len(more) > PAGE
        more = more[:PAGE]
        if not more:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if column == "title" and row.conflict and role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole):
            return self._conflict_mark(row.conflict, role)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == "status":
            return ActivityStatus(row.status).label()
        if column in ("start_date", "end_date"):
            value = getattr(row, column)
            return format_date(dt.date.fromisoformat(value), style="medium") if value else ""
        if column == "country":
            return country_name(row.country) if row.country else ""
        if column == "title":
            return isolate(row.title)
        return getattr(row, column)

    @staticmethod
    def _conflict_mark(mark: str, role: int) -> Any:
        """A record in conflict keeps a visible mark: a warning while open, a tick once settled."""
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                _("Offices made conflicting edits; review them in File ▸ Conflicts")
                if mark == "open"
                else _("Had conflicting edits from a merge, since resolved (see its history)")
            )
        pixmap = (
            QStyle.StandardPixmap.SP_MessageBoxWarning if mark == "open" else QStyle.StandardPixmap.SP_DialogApplyButton
        )
        return QApplication.style().standardIcon(pixmap)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data_text_width(self, column: str) -> int:
        """Pixels a typical value of a date column needs in the current language (for column widths)."""
        from PySide6.QtGui import QFontMetrics
        from PySide6.QtWidgets import QApplication

        sample = format_date(dt.date(2028, 12, 28), style="medium") if column.endswith("date") else "M" * 10
        return QFontMetrics(QApplication.font()).horizontalAdvance(sample) + 24

    def activity_id(self, row: int) -> str:
        return self._rows[row].id

    def row_of(self, activity_id: str) -> int:
        """The row showing an activity among those fetched, or -1."""
        return next((n for n, row in enumerate(self._rows) if row.id == activity_id), -1)
