"""Translations in the window (offscreen): the Translations view, File ▸ Export for translation… / Import
translations…, the form's Translations tab and the report dialog's coverage, driven by menus, keys and clicks."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QLineEdit, QMessageBox

from habitat_desktop.domain.translation_status import TranslationState
from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.services import translations
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.journey_support import Modals, button, choose_file, click, menu_action, threads_of, trigger, type_text
from tests.merge_support import add_activity

pytestmark = pytest.mark.gui
NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


@pytest.fixture
def scene(qtbot, workspace_path: Path):
    record = add_activity(workspace_path, "Urban safety training", description="Two days with the mayors.")
    window = MainWindow(open_workspace(workspace_path))
    window.ask_unsaved = lambda: DISCARD
    window.show()
    yield window, workspace_path, record
    from PySide6.QtCore import QCoreApplication, QEvent

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.close()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _states(window: MainWindow, record: str) -> dict[str, TranslationState]:
    found = translations.record_statuses(window.workspace, "activity", record)
    return {s.field: s.state for s in found if s.language == "fr"}


def test_a_translation_typed_in_the_view_is_saved_then_reviewed(scene, qtbot, monkeypatch) -> None:
    window, _path, record = scene
    on_gui_thread = threads_of(monkeypatch, translations, ("record_texts", "set_translation", "mark_reviewed"))
    trigger(menu_action(window, "Translations"))
    view = window.findChild(QDialog, "translationsView")
    assert view is not None and view.isVisible()
    table = view.table
    assert table.model().rowCount() == 3  # French, missing and outdated: the title, the description, the office's name
    assert table.model().index(2, 1).data() == "Office name"
    assert table.model().index(0, 2).data() == "Missing"
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 4))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit)
    assert editor is not None
    type_text(qtbot, editor, "Formation à la sécurité urbaine")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _states(window, record).get("title") == TranslationState.TRANSLATED)
    assert table.model().index(0, 2).data() == "Translated"
    qtbot.keyClick(table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert _states(window, record)["title"] == TranslationState.REVIEWED
    assert table.model().index(0, 2).data() == "Reviewed"
    assert on_gui_thread == {"record_texts": [False], "set_translation": [False], "mark_reviewed": [False]}

    states = window.editor.translations.item(LANGUAGES.index("fr"), 2).text()
    assert "Title: Reviewed" in states and "Description: Missing" in states


def test_export_for_translation_then_import_through_the_file_menu(scene, qtbot, tmp_path: Path) -> None:
    window, _path, record = scene
    out = tmp_path / "fr.xlf"
    modals = Modals(qtbot).expect(
        lambda dialog: click(qtbot, button(dialog, QDialogButtonBox.StandardButton.Ok)),
        lambda dialog: choose_file(qtbot, dialog, out),
    )
    trigger(menu_action(window, "Export for translation…"))
    modals.done()
    qtbot.waitUntil(lambda: out.exists() and not window.operations.busy(), timeout=15000)
    tree = etree.parse(str(out))
    for segment in tree.iterfind(".//x:segment", NS):
        etree.SubElement(segment, f"{{{NS['x']}}}target").text = "Texte traduit"
        segment.set("state", "translated")
        segment.attrib.pop("subState", None)
    filled = tmp_path / "fr-done.xlf"
    tree.write(str(filled), xml_declaration=True, encoding="UTF-8")
    summaries: list[str] = []

    def read_summary(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        summaries.append(box.text())
        click(qtbot, button(box, QMessageBox.StandardButton.Ok))

    modals = Modals(qtbot).expect(lambda dialog: choose_file(qtbot, dialog, filled), read_summary)
    trigger(menu_action(window, "Import translations…"))
    modals.done()
    assert "3 translations applied." in summaries[0]  # the activity's title and description, the office's name
    assert _states(window, record) == {"title": TranslationState.TRANSLATED, "description": TranslationState.TRANSLATED}


def test_the_report_dialog_shows_the_coverage_and_exports_the_missing_texts(scene, qtbot, tmp_path: Path) -> None:
    window, _path, _record = scene
    trigger(menu_action(window, "Generate report…"))
    dialog = window.report_dialog
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    line = dialog.findChild(QLabel, "translationCoverage")
    assert line.text() == "French: 0 of 2 texts translated; 2 will print in their original language."
    out = tmp_path / "missing.xlf"
    modals = Modals(qtbot).expect(lambda file_dialog: choose_file(qtbot, file_dialog, out))
    click(qtbot, dialog.coverage.export_button)
    modals.done()
    assert len(etree.parse(str(out)).findall(".//x:unit", NS)) == 2


def test_the_missing_texts_of_a_report_go_out_one_file_per_source_language(scene, qtbot, tmp_path: Path) -> None:
    window, path, _record = scene
    add_activity(path, "与上海大学签署谅解备忘录", language="zh", description="")
    add_activity(path, "الدورة الثانية عشرة للمنتدى الحضري العالمي", language="ar")
    trigger(menu_action(window, "Generate report…"))
    dialog = window.report_dialog
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    line = dialog.findChild(QLabel, "translationCoverage").text()
    assert line == "French: 0 of 4 texts translated; 4 will print in their original language."
    out = tmp_path / "missing.xlf"
    modals = Modals(qtbot).expect(lambda file_dialog: choose_file(qtbot, file_dialog, out))
    click(qtbot, dialog.coverage.export_button)
    modals.done()
    sources = {}
    for file in sorted(tmp_path.glob("missing*.xlf")):
        document = etree.parse(str(file))
        assert document.getroot().get("trgLang") == "fr"
        sources[file.name] = (document.getroot().get("srcLang"), len(document.findall(".//x:unit", NS)))
    assert sources == {"missing.xlf": ("en", 2), "missing-from-ar.xlf": ("ar", 1), "missing-from-zh.xlf": ("zh", 1)}
