"""Numbers inside Arabic text in the window keep their digit groups in order ("900 000", never "000 900")."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QTextCharFormat, QTextLayout, QTextOption

from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.bidi import isolate
from habitat_desktop.ui.main import apply_language
from habitat_desktop.ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _drawn_left_to_right(text: str, font: object, groups: tuple[str, str]) -> bool:
    """Whether Qt draws the first group of digits left of the second in a right-to-left line (each group painted
    in its own colour, then found among the pixels)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    ranges = []
    start = text.index(groups[0])
    for group, colour in zip(groups, (QColor(255, 0, 0), QColor(0, 0, 255)), strict=True):
        start = text.index(group, start)
        painted = QTextLayout.FormatRange()
        painted.start, painted.length = start, len(group)
        painted.format = QTextCharFormat()
        painted.format.setForeground(colour)
        ranges.append(painted)
        start += len(group)
    layout.setFormats(ranges)
    layout.beginLayout()
    layout.createLine().setLineWidth(1200)
    layout.endLayout()
    image = QImage(1200, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    layout.draw(painter, QPointF(0, 0))
    painter.end()
    xs: tuple[list[int], list[int]] = ([], [])
    for x in range(image.width()):
        for y in range(image.height()):
            pixel = image.pixelColor(x, y)
            if pixel.red() > 180 and pixel.green() < 90 and pixel.blue() < 90:
                xs[0].append(x)
            elif pixel.blue() > 180 and pixel.green() < 90 and pixel.red() < 90:
                xs[1].append(x)
    assert xs[0] and xs[1]
    return max(xs[0]) < min(xs[1])


def test_a_number_grouped_with_no_break_spaces_reads_in_order_in_the_arabic_table(qtbot, qapp, demo_path: Path):
    apply_language(qapp, "ar")
    window = MainWindow(open_workspace(demo_path))
    qtbot.addWidget(window)
    try:
        model = window.table.model()
        shown = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
        title = next(text for text in shown if "900\u00a0000" in text)  # the demo's Shanghai memorandum
        assert _drawn_left_to_right(title, window.table.font(), ("900", "000"))
    finally:
        apply_language(qapp, "en")
        window.close()


def test_a_number_grouped_with_plain_spaces_is_shown_in_order_too(qapp) -> None:
    typed = "تم تأمين مبلغ 1 250 000 دولار في عام 2025"
    shown = isolate(typed)
    assert shown.replace("\u00a0", " ").strip("\u2068\u2069") == typed  # only the spaces inside the number change
    assert _drawn_left_to_right(shown, qapp.font(), ("1", "250"))
    assert _drawn_left_to_right(shown, qapp.font(), ("250", "000"))
    assert isolate("Budget 1 250 000") == "\u2068Budget 1 250 000\u2069"  # left-to-right text is left as it is


def test_a_narrative_with_a_spaced_number_reads_in_order_on_the_arabic_resolution_page(
    qtbot, qapp, demo_path: Path
) -> None:
    from habitat_desktop.services.resolution_pages import set_period_status
    from tests.test_gui_desktop import _open_resolution_page

    workspace = open_workspace(demo_path)
    set_period_status(workspace, "2/6", "2027", "in_progress", "تم تأمين مبلغ 1 250 000 دولار في عام 2027")
    apply_language(qapp, "ar")
    window = MainWindow(workspace)
    qtbot.addWidget(window)
    try:
        window.show()
        _open_resolution_page(qtbot, window, "2/6")
        shown = window.resolution_page.narrative.text()
        assert "1 250 000" in shown.replace("\u00a0", " ")
        assert _drawn_left_to_right(shown, window.resolution_page.narrative.font(), ("250", "000"))
    finally:
        apply_language(qapp, "en")
        window.close()


def test_an_elided_arabic_title_keeps_its_digit_groups_in_order(qapp) -> None:
    """A table cell too narrow for the title shows it shortened ("…"); the groups of its number stay in order."""
    from PySide6.QtGui import QFontMetrics

    shown = isolate("مذكرة تفاهم مع جامعة شنغهاي: 900 000 دولار للعمل على تحسين الأحياء الفقيرة في آسيا")
    metrics = QFontMetrics(qapp.font())
    elided = metrics.elidedText(shown, Qt.TextElideMode.ElideRight, metrics.horizontalAdvance(shown) // 2)
    assert "…" in elided and "900\u00a0000" in elided
    assert _drawn_left_to_right(elided, qapp.font(), ("900", "000"))
