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


def test_in_arabic_a_term_is_removed_and_a_corrected_name_restored_from_the_glossary_dialog(  # type: ignore[no-untyped-def]
    qapp, qtbot, workspace_path: Path
) -> None:
    from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton

    from habitat_desktop.l10n import LANGUAGES
    from habitat_desktop.services import glossary
    from tests.journey_support import Modals, button, click, menu_action, trigger, type_into

    shipped = {r.id: r for r in glossary.list_terms(workspace_path)}["shanghai-university"].names["ar"]
    glossary.add_term(workspace_path, {"en": "Kisumu", "ar": "كيسومو"}, kind="place")
    glossary.add_term(workspace_path, {"ar": "جامعة شنغهاي (SHU)"}, key="shanghai-university")
    use_language(qapp, "ar")
    window = MainWindow(open_workspace(workspace_path))
    window.ask_unsaved = lambda: DISCARD
    window.show()
    try:
        trigger(menu_action(window, _("&Glossary")))
        dialog = window.findChild(QDialog, "glossaryDialog")
        table = dialog.table
        type_into(qtbot, dialog.findChild(QLineEdit, "glossaryFind"), "كيسومو")
        assert table.model().rowCount() == 1
        table.setCurrentIndex(table.model().index(0, 2))
        asked: list[str] = []

        def answer(choice):  # type: ignore[no-untyped-def]
            def press(box) -> None:  # type: ignore[no-untyped-def]
                asked.append(box.text())
                click(qtbot, button(box, choice))

            return press

        modals = Modals(qtbot).expect(answer(QMessageBox.StandardButton.No))
        click(qtbot, dialog.findChild(QPushButton, "removeTerm"))
        modals.done()
        assert "كيسومو" in asked[0] and "kisumu" in {r.id for r in glossary.list_terms(workspace_path)}
        modals = Modals(qtbot).expect(answer(QMessageBox.StandardButton.Yes))
        click(qtbot, dialog.findChild(QPushButton, "removeTerm"))
        modals.done()
        assert "kisumu" not in {r.id for r in glossary.list_terms(workspace_path)}
        type_into(qtbot, dialog.findChild(QLineEdit, "glossaryFind"), "جامعة شنغهاي (SHU)")
        assert table.model().rowCount() == 1
        table.setCurrentIndex(table.model().index(0, 2 + LANGUAGES.index("ar")))
        click(qtbot, dialog.findChild(QPushButton, "clearName"))
        restored = {r.id: r for r in glossary.list_terms(workspace_path)}["shanghai-university"]
        assert restored.names["ar"] == shipped
    finally:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.close()
        window.close()
        use_language(qapp, "en")
