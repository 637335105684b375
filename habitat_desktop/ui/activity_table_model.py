"""ActivityTableModel: activities of a workspace for a QTableView, fetched page by page as the view scrolls."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from habitat_desktop.domain.enums import ActivityStatus
from habitat_desktop.l10n import _
from habitat_desktop.services.activities import ActivityFilter, ActivityRow, activity_rows, count_activities

PAGE = 200
COLUMNS = ("title", "resolutions", "outcomes", "office", "status", "start_date", "end_date", "country")


def _headers() -> list[str]:
    return [_("Title"), _("Resolutions"), _("Outcomes"), _("Office"), _("Status"), _("Start"), _("End"),
            _("Country")]


class ActivityTableModel(QAbstractTableModel):
    def __init__(self, workspace, parent=None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._filter = ActivityFilter()
        self._rows: list[ActivityRow] = []
        self._total = 0
        self.refresh()

    def set_filter(self, flt: ActivityFilter) -> None:
        self._filter = flt
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._total = count_activities(self._workspace, self._filter)
        self._rows = activity_rows(self._workspace, self._filter, 0, PAGE)
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent=QModelIndex()) -> None:
        more = activity_rows(self._workspace, self._filter, len(self._rows), PAGE)
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if column == "status":
            return ActivityStatus(row.status).label()
        return getattr(row, column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def activity_id(self, row: int) -> str:
        return self._rows[row].id
