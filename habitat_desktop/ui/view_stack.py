"""ViewStack: what the window shows beside the navigation pane — the activities, a resolution's page or the
dashboard — as the navigation pane and the View menu choose."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QStackedWidget, QWidget


class ViewStack(QStackedWidget):
    """The activities (table and form), a resolution's page and the dashboard, one at a time."""

    ACTIVITIES, RESOLUTION, DASHBOARD = 0, 1, 2

    def __init__(
        self, activities: QWidget, resolution_page: Any, dashboard: Any, navigation: Any, filters: Any
    ) -> None:
        super().__init__()
        self.resolution_page = resolution_page
        self.dashboard = dashboard
        self.navigation = navigation
        self.filters = filters
        for page in (activities, resolution_page, dashboard):
            self.addWidget(page)
        navigation.chosen.connect(self.navigate)
        navigation.opened.connect(self.open_item)

    def navigate(self, kind: str, key: str) -> None:
        """An item of the navigation pane chosen: the activities it filters (or the dashboard, a decision's page)."""
        if kind == "dashboard":
            self.show_dashboard()
            return
        self.show_activities()
        deleted = kind == "deleted"
        if deleted != self.filters.deleted:
            self.filters.deleted = deleted
        if kind in ("resolution", "outcome", "office"):
            self.filters.set_value(kind, key)
        elif kind == "decision":
            self.show_resolution(key)
        else:
            self.filters.set_value("", None)

    def open_item(self, kind: str, key: str) -> None:
        """An item of the navigation pane opened (double-click, Enter): a resolution's or decision's page."""
        if kind in ("resolution", "decision"):
            self.show_resolution(key)

    def show_activities(self) -> None:
        self.setCurrentIndex(self.ACTIVITIES)

    def show_resolution(self, symbol: str | None = None) -> None:
        """The page of a resolution: the one given, else the one the filter names, else 2/1."""
        symbol = symbol or self.filters.resolution.currentData() or "2/1"
        self.resolution_page.show_resolution(symbol)
        self.setCurrentIndex(self.RESOLUTION)

    def show_dashboard(self) -> None:
        self.dashboard.reload()
        self.setCurrentIndex(self.DASHBOARD)
        self.navigation.select("dashboard", "")

    def reload_shown(self) -> None:
        """Read the page shown again (after a language switch)."""
        if self.currentIndex() == self.RESOLUTION:
            self.resolution_page.reload()
        self.refresh_counts()

    def refresh_counts(self) -> None:
        """The dashboard, when shown, counts the activities again (after they changed)."""
        if self.currentIndex() == self.DASHBOARD:
            self.dashboard.reload()
