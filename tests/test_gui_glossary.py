"""The Glossary in the window (offscreen): View ▸ Glossary, a name corrected in place, a term added, and the
Translations view suggesting the workspace's term; driven by menus, keys and clicks."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QPushButton

from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.services import glossary
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.journey_support import Modals, button, click, menu_action, threads_of, trigger, type_into, type_text
from tests.merge_support import add_activity

pytestmark = pytest.mark.gui
FRENCH = 2 + LANGUAGES.index("fr")  # the French name's column


@pytest.fixture
def scene(qtbot, workspace_path: Path):
    add_activity(workspace_path, "Housing forum", description="A forum with Shanghai University.")
    window = MainWindow(open_workspace(workspace_path))
    window.ask_unsaved = lambda: DISCARD
    window.show()
    yield window, workspace_path
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _names(path: Path) -> dict[str, tuple[str, dict[str, str]]]:
    return {r.id: (r.origin, dict(r.names)) for r in glossary.list_terms(path)}


def test_a_name_corrected_in_place_and_a_term_added_reach_the_translations_view(scene, qtbot, monkeypatch) -> None:
    window, path = scene
    on_gui_thread = threads_of(monkeypatch, glossary, ("set_term",))
    trigger(menu_action(window, "Glossary"))
    dialog = window.findChild(QDialog, "glossaryDialog")
    assert dialog is not None and dialog.isVisible()
    type_into(qtbot, dialog.findChild(QLineEdit, "glossaryFind"), "Shanghai University")
    table = dialog.table
    assert table.model().rowCount() == 1
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, FRENCH))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit)
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, editor, "Université de Shanghai (SHU)")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _names(path)["shanghai-university"][0] == "override")
    assert _names(path)["shanghai-university"][1]["fr"] == "Université de Shanghai (SHU)"
    assert table.model().index(0, 1).data() == "Corrected here"

    def fill(form) -> None:  # type: ignore[no-untyped-def]
        type_into(qtbot, form.findChild(QLineEdit, "name_en"), "Kisumu")
        type_into(qtbot, form.findChild(QLineEdit, "name_zh"), "基苏木")
        click(qtbot, button(form, QDialogButtonBox.StandardButton.Ok))

    modals = Modals(qtbot).expect(fill)
    click(qtbot, dialog.findChild(QPushButton, "addTerm"))
    modals.done()
    assert _names(path)["kisumu"] == ("workspace", {**dict.fromkeys(LANGUAGES, ""), "en": "Kisumu", "zh": "基苏木"})
    assert on_gui_thread["set_term"] == [False, False]  # the name corrected, the term added: on the worker

    trigger(menu_action(window, "Translations"))
    view = window.findChild(QDialog, "translationsView")
    rows = view.table.model()
    row = next(r for r in range(rows.rowCount()) if "Shanghai University" in str(rows.index(r, 3).data()))
    view.table.setCurrentIndex(rows.index(row, 3))
    assert "Université de Shanghai (SHU)" in view.terms.text()


def test_a_name_with_a_control_character_is_refused_and_nothing_changes(scene, qtbot) -> None:
    window, path = scene
    before = _names(path)
    trigger(menu_action(window, "Glossary"))
    dialog = window.findChild(QDialog, "glossaryDialog")
    warnings: list[str] = []

    def read(box) -> None:  # type: ignore[no-untyped-def]
        warnings.append(box.text())
        box.accept()

    def paste(form) -> None:  # type: ignore[no-untyped-def]
        QApplication.clipboard().setText("Nai\u200e\x07robi")  # pasted from elsewhere, with a control character
        field = form.findChild(QLineEdit, "name_en")
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert "\x07" in field.text()
        click(qtbot, button(form, QDialogButtonBox.StandardButton.Ok))

    modals = Modals(qtbot).expect(paste, read)
    click(qtbot, dialog.findChild(QPushButton, "addTerm"))
    modals.done()
    assert "control or binary characters" in warnings[0]
    assert _names(path) == before
