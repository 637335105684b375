"""The navigation pane in Arabic names the offices in Arabic when translated (else as entered), and clicking the
Arabic name filters the activities to that office; driven by clicks (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtWidgets import QApplication, QDialog

from habitat_desktop.l10n import _
from habitat_desktop.services import translations
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from habitat_desktop.ui.navigation_pane import NavigationPane
from tests.journey_support import click_tree_item, use_language
from tests.test_office_rename_cli import _office

pytestmark = pytest.mark.gui
ARABIC_NAME = "موئل الأمم المتحدة - كينيا"


def _tree_texts(tree: NavigationPane) -> list[str]:
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    texts, iterator = [], QTreeWidgetItemIterator(tree)
    while iterator.value() is not None:
        texts.append(iterator.value().text(0).replace("\u2068", "").replace("\u2069", ""))
        iterator += 1
    return texts


def test_the_arabic_navigation_pane_names_the_office_in_arabic(qapp, qtbot, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    workspace = open_workspace(workspace_path)
    try:
        translations.set_translation(workspace, "office", _office(workspace_path, "KEN").id, "ar", "name", ARABIC_NAME)
    finally:
        workspace.close()
    source = _office(workspace_path, "KEN").name
    use_language(qapp, "ar")
    window = MainWindow(open_workspace(workspace_path))
    window.ask_unsaved = lambda: DISCARD
    window.show()
    try:
        tree = window.findChild(NavigationPane)
        assert tree is not None
        label = _("{code} — {name}").format(code="KEN", name=ARABIC_NAME)
        texts = _tree_texts(tree)
        assert label in texts
        assert not any(source in text for text in texts)
        click_tree_item(qtbot, tree, label)
    finally:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.close()
        window.close()
        use_language(qapp, "en")
