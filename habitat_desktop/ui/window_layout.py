"""The activity table's look, and the window's layout (geometry, splitters, columns) kept between sessions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMainWindow, QTableView

from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.app_style import fit_header

COLUMN_WIDTHS = (380, 110, 80, 70, 90, 100, 100)


def activity_table(model: Any, row_height: int) -> QTableView:
    """The table of activities: whole rows, one at a time, sorted by the storage, titles taking the room left."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    table.setSortingEnabled(True)  # no column yet: newest saved first
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # title takes the rest
    fit_header(table.horizontalHeader())  # before the widths below: the style would come too late
    table.verticalHeader().setDefaultSectionSize(row_height)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    for column, width in enumerate(COLUMN_WIDTHS):
        table.setColumnWidth(column, width)
    return table


def _parts(window: Any) -> list[tuple[str, Any, Any]]:
    """Each kept part of the layout: its settings key, how to save it, how to restore it."""
    header = window.table.horizontalHeader()
    return [
        ("window/state", window.saveState, window.restoreState),
        ("window/main_splitter", window.main_splitter.saveState, window.main_splitter.restoreState),
        ("window/work_splitter", window.work_splitter.saveState, window.work_splitter.restoreState),
        ("window/columns", header.saveState, header.restoreState),
    ]


def restore_layout(window: QMainWindow, settings: AppSettings | None) -> None:
    """The layout the window had when last closed (its geometry is restored when it is made)."""
    if settings is None:
        return
    for key, _save, restore in _parts(window):
        blob = settings.blob(key)
        if blob is not None:
            restore(blob)


def save_layout(window: QMainWindow, settings: AppSettings | None) -> None:
    if settings is None:
        return
    settings.set_blob("window/geometry", window.saveGeometry())
    for key, save, _restore in _parts(window):
        settings.set_blob(key, save())
    settings.sync()
