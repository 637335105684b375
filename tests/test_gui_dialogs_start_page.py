"""The start page: File and View menus, Ctrl+Q, a language switch, the recent workspaces, a usable size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main import Shell, apply_language
from tests.gui_driving import type_text

pytestmark = pytest.mark.gui


@pytest.fixture
def shell(qapp, tmp_path: Path, demo_path: Path) -> Iterator[Shell]:
    settings = AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    settings.add_recent(tmp_path / "moved-away.habitat")
    settings.add_recent(demo_path)
    shell = Shell(qapp, settings)
    shell.show_start()
    yield shell
    for window in (shell.start, shell.window):
        if window is not None:
            window.close()
    apply_language(qapp, "en")


def _titles(menu) -> list[str]:  # type: ignore[no-untyped-def]
    return [action.text().replace("&", "") for action in menu.actions() if not action.isSeparator()]


def test_it_opens_at_a_usable_size_with_the_menus(shell: Shell, qtbot) -> None:
    start = shell.start
    assert start is not None
    qtbot.waitExposed(start)
    assert start.width() >= 700 and start.height() >= 600
    assert all(button.isVisible() for button in (start.new_button, start.open_button, start.demo_button))
    assert [a.text().replace("&", "") for a in start.menuBar().actions()] == ["File", "View"]
    assert _titles(start.file_menu) == ["New workspace…", "Open workspace…", "Open recent", "Quit"]
    assert start.quit.shortcut() == QKeySequence("Ctrl+Q")
    start.recent_menu.popup(start.mapToGlobal(start.rect().center()))  # File ▸ Open recent opens
    assert start.recent_menu.actions()[0].text().endswith("demo.habitat")
    start.recent_menu.hide()


def test_ctrl_q_closes_the_start_page(shell: Shell, qtbot) -> None:
    start = shell.start
    assert start is not None
    start.activateWindow()
    qtbot.waitExposed(start)
    QTest.keyClick(start, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not start.isVisible())


def test_the_language_is_chosen_on_the_page_and_in_the_view_menu(shell: Shell, qtbot) -> None:
    start = shell.start
    assert start is not None
    start.language.setFocus()
    type_text(start.language, "العربية")
    qtbot.waitUntil(lambda: start.layoutDirection() == Qt.LayoutDirection.RightToLeft)
    assert start.new_button.text() != "&New workspace…" and start.file_menu.title() != "&File"
    english = start.language_actions["en"]
    english.trigger()  # View ▸ Language ▸ English
    assert start.layoutDirection() == Qt.LayoutDirection.LeftToRight and start.file_menu.title() == "&File"
    assert start.language.currentData() == "en"


def test_a_recent_workspace_opens_with_a_double_click(shell: Shell, qtbot, demo_path: Path) -> None:
    start = shell.start
    assert start is not None
    qtbot.waitExposed(start)
    items = [start.recent.item(row) for row in range(start.recent.count())]
    assert [item.text().strip("\u2068\u2069") for item in items] == ["demo.habitat", "moved-away.habitat"]
    assert items[0].flags() & Qt.ItemFlag.ItemIsEnabled and not items[1].flags() & Qt.ItemFlag.ItemIsEnabled
    center = start.recent.visualItemRect(items[0]).center()
    QTest.mouseClick(start.recent.viewport(), Qt.MouseButton.LeftButton, pos=center)
    QTest.mouseDClick(start.recent.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.waitUntil(lambda: shell.window is not None, timeout=10_000)
    assert shell.start is None and shell.window.workspace.path == demo_path.resolve()
