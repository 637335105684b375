"""The window opens on a workspace, lists its activities lazily and searches them (real widgets, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt

from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main import apply_language
from habitat_desktop.ui.main_window import MainWindow
from tests.workspace_damage import damage_change_log

pytestmark = pytest.mark.gui


def test_main_window_lists_and_searches_the_demo(qtbot, qapp, demo_path: Path) -> None:
    window = MainWindow(open_workspace(demo_path))
    qtbot.addWidget(window)
    window.show()
    total = window.model.total()
    assert total >= 30 and window.model.rowCount() == total
    window.search.setText("Bilbao")
    assert window.model.rowCount() == 1
    title = window.model.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    assert "Bilbao" in title or "Local2030" in title or "Local 2030" in title
    window.search.setText("")
    assert window.model.rowCount() == total
    window.close()


def test_arabic_lays_the_window_out_right_to_left(qtbot, qapp, demo_path: Path, tmp_path: Path) -> None:
    apply_language(qapp, "ar")
    try:
        window = MainWindow(open_workspace(demo_path))
        qtbot.addWidget(window)
        window.show()
        assert window.isRightToLeft()
        assert window.model.headerData(0, Qt.Orientation.Horizontal) != "Title"
        window.grab().save(str(tmp_path / "main-ar.png"))
        assert (tmp_path / "main-ar.png").stat().st_size > 1000
        window.close()
    finally:
        apply_language(qapp, "en")


def test_damage_found_after_the_window_opened_is_reported_and_the_window_closes(qtbot, qapp, demo_path: Path) -> None:
    damage_change_log(demo_path)
    window = MainWindow(open_workspace(demo_path, verify=False))  # cleanly closed: opened without waiting
    qtbot.addWidget(window)
    messages: list[str] = []
    window.alert = messages.append
    window.show()
    window.check_in_background()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "damaged" in messages[0] and demo_path.name in messages[0]
    assert not window.isVisible()


def test_an_arabic_resolution_page_reads_right_to_left(qtbot, qapp, demo_path: Path) -> None:
    from PySide6.QtGui import QColor, QTextDocument

    from habitat_desktop.ui.bar_chart import COLORS

    apply_language(qapp, "ar")
    try:
        window = MainWindow(open_workspace(demo_path))
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        page = window.resolution_page
        page.show_resolution("2/6")
        window.pages.setCurrentWidget(page)
        for label in (page.facts, page.statuses):  # "2025 (HQ): متقدم" starts with digits and Latin letters
            document = QTextDocument()
            document.setHtml(label.text())
            assert document.begin().textDirection() == Qt.LayoutDirection.RightToLeft, label.text()
        chart = page.funding
        image = chart.grab().toImage()
        line = chart.fontMetrics().height() + 8
        legend_top = 4 + len(chart.rows()) * line
        for color in COLORS:  # each legend name is drawn just left of its swatch
            swatch = [
                x
                for x in range(image.width())
                for y in range(legend_top, legend_top + line)
                if image.pixelColor(x, y) == QColor(color)
            ]
            assert swatch, color.name()
            beside = [
                x
                for x in range(min(swatch) - 14, min(swatch))
                for y in range(legend_top, legend_top + line)
                if image.pixelColor(x, y).lightness() < 100
            ]
            assert beside, f"no text beside the {color.name()} swatch"
        window.close()
    finally:
        apply_language(qapp, "en")


def test_text_typed_on_the_resolution_page_prints_as_typed(qtbot, qapp, demo_path: Path) -> None:
    window = MainWindow(open_workspace(demo_path))
    qtbot.addWidget(window)
    window.show()
    page = window.resolution_page
    page.show_resolution("2/6")
    page.period.setText("<b>2027</b> & Q1")
    page.save.click()
    assert "&lt;b&gt;2027&lt;/b&gt; &amp; Q1" in page.statuses.text()  # shown literally, not bold
    assert page.narrative.textFormat() == Qt.TextFormat.PlainText
    window.close()
