"""BarChart: horizontal bars drawn with QPainter (PySide6-Essentials has no QtCharts), right to left aware."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

COLORS = (QColor("#1f77b4"), QColor("#7fb8e0"))


class BarChart(QWidget):
    """Rows of (label, values, value text); each value a bar in its series' colour, scaled to the largest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, list[float], str]] = []
        self._legend: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[tuple[str, list[float], str]], legend: list[str] | None = None) -> None:
        self._rows = rows
        self._legend = legend or []
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def rows(self) -> list[tuple[str, list[float], str]]:
        return list(self._rows)

    def _line(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        extra = 1 if self._legend else 0
        return QSize(500, (len(self._rows) + extra) * self._line() + 8)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = self._line()
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        width = self.width()
        label_width = min(int(width * 0.4), max((metrics.horizontalAdvance(r[0]) for r in self._rows), default=0) + 12)
        value_width = max((metrics.horizontalAdvance(r[2]) for r in self._rows), default=0) + 12
        bar_space = max(width - label_width - value_width - 8, 10)
        top = max((max(r[1], default=0) for r in self._rows), default=0) or 1
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        for n, (label, values, value_text) in enumerate(self._rows):
            y = 4 + n * line
            label_rect = QRectF(0, y, label_width - 8, line)
            value_rect = QRectF(width - value_width, y, value_width, line)
            if rtl:
                label_rect.moveLeft(width - label_width + 8)
                value_rect.moveLeft(0)
            painter.setPen(text_color)
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(label_rect.width()))
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading, elided)
            painter.drawText(value_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading, value_text)
            band = (line - 6) / max(len(values), 1)
            for k, value in enumerate(values):
                length = bar_space * value / top
                x = label_width if not rtl else width - label_width - length
                painter.fillRect(QRectF(x, y + 3 + k * band, length, band - 1), COLORS[k % len(COLORS)])
        if self._legend:
            y = 4 + len(self._rows) * line
            x = label_width
            for k, name in enumerate(self._legend):
                box = QRectF(x if not rtl else width - x - 12, y + line / 2 - 5, 10, 10)
                painter.fillRect(box, COLORS[k % len(COLORS)])
                text_rect = QRectF(box.right() + 4 if not rtl else box.left() - 4 - 200, y, 200, line)
                painter.setPen(text_color)
                # leading: Qt mirrors it to the right edge in a right-to-left widget, beside the swatch
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading, name)
                x += metrics.horizontalAdvance(name) + 36
        painter.end()
