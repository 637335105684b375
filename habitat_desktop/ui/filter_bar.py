"""FilterBar: the search box and the status, office, resolution, outcome and period filters of the table."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from habitat_desktop.domain.enums import ActivityStatus
from habitat_desktop.l10n import _
from habitat_desktop.services.activities import ActivityFilter
from habitat_desktop.services.navigation import navigation
from habitat_desktop.ui.bidi import isolate

if TYPE_CHECKING:
    from typing import Any

YEARS = range(2019, 2031)


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, workspace: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.deleted = False
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.status = QComboBox()
        self.office = QComboBox()
        self.resolution = QComboBox()
        self.outcome = QComboBox()
        self.period = QComboBox()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for combo in (self.status, self.office, self.resolution, self.outcome, self.period):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.currentIndexChanged.connect(lambda _n: self.changed.emit())
            layout.addWidget(combo, 1)
        self.search.textChanged.connect(lambda _t: self.changed.emit())
        self.search.installEventFilter(self)  # Escape in the search box empties it
        self.empty_note: EmptyResultNote | None = None
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Escape empties a search box that has text (a key press, so it works whatever window shortcuts exist)."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and self.search.text()
        ):
            self.search.clear()
            return True
        return super().eventFilter(watched, event)

    def show_empty_results_in(self, table: QAbstractItemView) -> None:
        """Say in the table's own area when the search and filters leave no activity (the form stays as it was)."""
        self.empty_note = EmptyResultNote(table, self)

    def retranslate(self) -> None:
        self.blockSignals(True)
        nav = navigation(self._workspace)
        self.search.setPlaceholderText(_("Search titles, descriptions, partners and translations"))
        self.search.setToolTip(_("Full-text search; every word must match. Escape empties the box."))
        self._fill(self.status, _("All statuses"), [(s.value, s.label()) for s in ActivityStatus])
        self._fill(
            self.office,
            _("All offices"),
            [(o.key, o.key) for o in nav.offices],
            [f"{o.key} — {o.name}" for o in nav.offices],
        )
        resolutions = [r for r in nav.resolutions if r.kind == "resolution"]
        self._fill(
            self.resolution,
            _("All resolutions"),
            [(r.key, r.key) for r in resolutions],
            [f"{r.key} {r.name}" for r in resolutions],
        )
        self._fill(
            self.outcome,
            _("All outcomes"),
            [(o.key, _("Outcome {number}").format(number=o.key)) for o in nav.outcomes],
            [o.name for o in nav.outcomes],
        )
        self._fill(self.period, _("Any period"), [(str(y), str(y)) for y in YEARS])
        for combo, tip in (
            (self.status, _("Filter by status")),
            (self.office, _("Filter by office")),
            (self.resolution, _("Filter by resolution")),
            (self.outcome, _("Filter by outcome")),
            (self.period, _("Activities running in this year")),
        ):
            combo.setToolTip(tip)
        self.blockSignals(False)
        if self.empty_note is not None:
            self.empty_note.update_note()

    def narrowed(self) -> bool:
        """Whether a search or a filter narrows the activities shown."""
        combos = (self.status, self.office, self.resolution, self.outcome, self.period)
        return bool(self.search.text().strip()) or any(combo.currentData() is not None for combo in combos)

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, str]], tips: list[str] | None = None) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for n, (key, text) in enumerate(items):
            combo.addItem(text, key)
            if tips:
                combo.setItemData(n + 1, tips[n], 3)  # Qt.ToolTipRole
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        combo.blockSignals(False)

    def set_value(self, kind: str, key: str | None) -> None:
        """Narrow by one navigation choice (resolution, outcome, office), clearing the other two."""
        self.blockSignals(True)
        for name, combo in (("resolution", self.resolution), ("outcome", self.outcome), ("office", self.office)):
            combo.setCurrentIndex(max(combo.findData(key), 0) if name == kind else 0)
        self.blockSignals(False)
        self.changed.emit()

    def current_filter(self) -> ActivityFilter:
        year = self.period.currentData()
        outcome = self.outcome.currentData()
        return ActivityFilter(
            office=self.office.currentData(),
            resolution=self.resolution.currentData(),
            outcome=int(outcome) if outcome else None,
            status=self.status.currentData(),
            search=self.search.text() or None,
            deleted=self.deleted,
            period_start=dt.date(int(year), 1, 1) if year else None,
            period_end=dt.date(int(year), 12, 31) if year else None,
        )


class EmptyResultNote(QObject):
    """A note over an empty table: "No activities match “…”" (or the filters), centred in the table's area."""

    def __init__(self, table: QAbstractItemView, filters: FilterBar) -> None:
        super().__init__(table)
        self._table, self._filters = table, filters
        self.label = QLabel(table.viewport())
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setMargin(24)
        palette = self.label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        self.label.setPalette(palette)
        self.label.hide()
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update_note)
        filters.changed.connect(self.update_note)
        table.viewport().installEventFilter(self)
        self.update_note()

    def text(self) -> str:
        search = self._filters.search.text().strip()
        if self._filters.deleted and not self._filters.narrowed():
            return _("No deleted activities.")
        if search:
            return _("No activities match “{search}”.").format(search=isolate(search))
        if self._filters.narrowed():
            return _("No activities match these filters.")
        return _("No activities yet. File ▸ New activity starts one.")

    def update_note(self) -> None:
        empty = self._table.model().rowCount() == 0
        if empty:
            self.label.setText(self.text())
            self.label.setGeometry(self._table.viewport().rect())
        self.label.setVisible(empty)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.label.setGeometry(self._table.viewport().rect())
        return False
