"""NavigationPane: the strategic priority, the five outcomes, resolutions by session, offices, and views."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import session_name
from habitat_desktop.services.navigation import navigation
from habitat_desktop.ui.bidi import isolate

if TYPE_CHECKING:
    from typing import Any

    from PySide6.QtWidgets import QWidget

ROLE = Qt.ItemDataRole.UserRole


class NavigationPane(QTreeWidget):
    """Emits ``chosen(kind, key)``: all, priority, outcome, resolution, decision, office, deleted, dashboard."""

    chosen = Signal(str, str)
    opened = Signal(str, str)

    def __init__(self, workspace: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.currentItemChanged.connect(self._current_changed)
        self.itemActivated.connect(lambda item, _col: self.opened.emit(*self._key(item)))
        self.reload()

    @staticmethod
    def _key(item: QTreeWidgetItem | None) -> tuple[str, str]:
        data = item.data(0, ROLE) if item is not None else None
        return (str(data[0]), str(data[1])) if data else ("", "")

    def _item(self, parent: Any, text: str, kind: str = "", key: str = "", tip: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [isolate(text)])
        if kind:
            item.setData(0, ROLE, [kind, key])
        item.setToolTip(0, tip or text)
        return item

    def reload(self) -> None:
        """Rebuild in the current language, keeping the selection."""
        selected = self._key(self.currentItem())
        self.blockSignals(True)
        self.clear()
        nav = navigation(self._workspace)
        self._item(self, _("All activities"), "all", "")
        self._item(self, _("Dashboard"), "dashboard", "")
        priority = self._item(self, _("Strategic priority"), "priority", "", nav.priority.name)
        priority.setText(0, isolate(_("Strategic priority: {name}").format(name=nav.priority.name)))
        outcomes = self._item(self, _("Outcomes"))
        for o in nav.outcomes:
            self._item(outcomes, _("Outcome {number}: {name}").format(number=o.key, name=o.name), "outcome", o.key)
        resolutions = self._item(self, _("Resolutions"))
        sessions: dict[str, QTreeWidgetItem] = {}
        for r in nav.resolutions:
            if r.group not in sessions:
                sessions[r.group] = self._item(resolutions, session_name(r.group))
            label = _("{symbol} {title}").format(symbol=r.key, title=r.name)
            tip = _("{title} — alignment: {alignment}").format(title=r.name, alignment=r.detail or "—")
            item = self._item(sessions[r.group], label, r.kind, r.key, tip)
            if r.detail:
                item.setText(0, isolate(_("{label} [{alignment}]").format(label=label, alignment=r.detail)))
        offices = self._item(self, _("Offices"))
        for office in nav.offices:
            self._item(offices, _("{code} — {name}").format(code=office.key, name=office.name), "office", office.key)
        self._item(self, _("Deleted activities"), "deleted", "")
        self.expandToDepth(0)
        self.blockSignals(False)
        self.select(*selected)

    def select(self, kind: str, key: str) -> None:
        if not kind:
            return
        iterator = [self.topLevelItem(n) for n in range(self.topLevelItemCount())]
        while iterator:
            item = iterator.pop(0)
            if item is None:
                continue
            if self._key(item) == (kind, key):
                self.blockSignals(True)
                self.setCurrentItem(item)
                self.blockSignals(False)
                return
            iterator.extend(item.child(n) for n in range(item.childCount()))

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        kind, key = self._key(item)
        if kind:
            self.chosen.emit(kind, key)
