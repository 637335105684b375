"""Horizontal bar charts drawn with the report's fonts: localized labels and values, bars mirrored in Arabic."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from habitat_desktop.reports.line_setter import LineSetter, Piece
from habitat_desktop.reports.text_block import clean, wrap_pieces

SERIES_COLOURS = ((0.0, 0.42, 0.71), (0.55, 0.75, 0.9), (0.95, 0.6, 0.2), (0.4, 0.65, 0.3))


@dataclass(frozen=True)
class Bar:
    """One category: its label and a value per series."""

    label: str
    values: tuple[float, ...]
    value_labels: tuple[str, ...]


class BarChart(Flowable):
    """Bars growing from the start side (left, or right in Arabic), one row per category, a legend below."""

    def __init__(
        self, setter: LineSetter, bars: Sequence[Bar], series: Sequence[str] = (), label_share: float = 0.42
    ) -> None:
        super().__init__()
        self.setter = setter
        self.bars = list(bars)
        self.series = [setter.printable(clean(s)) for s in series]
        self.label_share = label_share
        self.size = 8.0
        self.bar_height = 7.0
        self.width = 0.0
        self.height = 0.0
        self._labels: list[list[list[Piece]]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width = availWidth
        label_width = availWidth * self.label_share - 6
        self._labels = [
            wrap_pieces(self.setter, [Piece(self.setter.printable(clean(b.label)))], label_width, self.size)[:3]
            for b in self.bars
        ]
        self.height = sum(self._row_height(i) for i in range(len(self.bars))) + (16 if self.series else 4)
        return self.width, self.height

    def _row_height(self, index: int) -> float:
        count = max(1, len(self.bars[index].values))
        return max(len(self._labels[index]) * (self.size + 2), count * (self.bar_height + 2)) + 6

    def draw(self) -> None:
        canvas = self.canv
        rtl = self.setter.rtl
        label_width = self.width * self.label_share
        value_room = 70.0
        plot_width = self.width - label_width - value_room
        peak = max((v for b in self.bars for v in b.values), default=0.0) or 1.0
        y = self.height
        for index, bar in enumerate(self.bars):
            row = self._row_height(index)
            line_y = y - self.size - 1
            for line in self._labels[index]:
                x = self.width - label_width if rtl else 0.0
                self.setter.draw(canvas, line, x, line_y, label_width - 6, self.size, "start")
                line_y -= self.size + 2
            bar_y = y - self.bar_height - 2
            for number, (value, text) in enumerate(zip(bar.values, bar.value_labels, strict=True)):
                length = plot_width * (value / peak)
                canvas.setFillColorRGB(*SERIES_COLOURS[number % len(SERIES_COLOURS)])
                if rtl:
                    right = self.width - label_width
                    canvas.rect(right - length, bar_y, length, self.bar_height, stroke=0, fill=1)
                    self.setter.draw(
                        canvas,
                        [Piece(text)],
                        right - length - value_room,
                        bar_y + 1,
                        value_room - 3,
                        self.size - 0.5,
                        "start",
                    )
                else:
                    canvas.rect(label_width, bar_y, length, self.bar_height, stroke=0, fill=1)
                    self.setter.draw(
                        canvas,
                        [Piece(text)],
                        label_width + length + 3,
                        bar_y + 1,
                        value_room - 3,
                        self.size - 0.5,
                        "start",
                    )
                bar_y -= self.bar_height + 2
            y -= row
        if self.series:
            self._legend(y - 12)

    def _legend(self, y: float) -> None:
        canvas = self.canv
        rtl = self.setter.rtl
        x = self.width if rtl else 0.0
        for number, name in enumerate(self.series):
            text_width = self.setter.width(name, self.size)
            canvas.setFillColorRGB(*SERIES_COLOURS[number % len(SERIES_COLOURS)])
            if rtl:
                canvas.rect(x - 8, y, 8, 7, stroke=0, fill=1)
                self.setter.draw(canvas, [Piece(name)], x - 12 - text_width, y + 0.5, text_width, self.size)
                x -= 24 + text_width
            else:
                canvas.rect(x, y, 8, 7, stroke=0, fill=1)
                self.setter.draw(canvas, [Piece(name)], x + 12, y + 0.5, text_width, self.size)
                x += 24 + text_width


def bars(items: Sequence[tuple[str, Sequence[float]]], formatter: Callable[[float], str]) -> list[Bar]:
    """Bars from (label, values) pairs, each value labelled by a formatter."""
    return [Bar(label, tuple(values), tuple(formatter(v) for v in values)) for label, values in items]
