"""File ▸ Report document (offscreen): write a paragraph with italics and a footnote reference, save, and find
it in the Word file the report dialog writes — driven by menus, clicks and keys."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

import docx
from docx.oxml.ns import qn
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication

from habitat_desktop.services import report_documents
from habitat_desktop.services.reports import ReportKind
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.document_editor import DocumentEditor
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.journey_support import CTRL, button_labelled, click, menu_action, trigger, type_text

pytestmark = pytest.mark.gui
FIXTURE = Path(__file__).parent / "data" / "progress_document.json"


@pytest.fixture
def window(qtbot, demo_path: Path):
    for document in report_documents.list_documents(demo_path):
        report_documents.delete_document(demo_path, document.symbol)
    report_documents.import_document(demo_path, FIXTURE)
    shown = MainWindow(open_workspace(demo_path))
    shown.ask_unsaved = lambda: DISCARD
    shown.show()
    yield shown
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, DocumentEditor):
            widget.close()
    shown.close()
    shown.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _editor() -> DocumentEditor:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentEditor) and w.isVisible())


def test_a_paragraph_with_italics_and_a_footnote_reaches_the_word_file(window, qtbot, tmp_path: Path) -> None:
    trigger(menu_action(window, "Report document…"))
    editor = _editor()
    assert editor.symbol.text() == "HSP/OECPR.2025/4"
    editor.section.setCurrentIndex(editor.section.findData("outcome_1"))
    click(qtbot, button_labelled(editor, "Add footnote"))
    type_text(qtbot, editor.footnote_text, "See the guidelines of 2024.")
    click(qtbot, button_labelled(editor, "Add paragraph"))
    text = editor.paragraph_text
    text.setFocus()
    type_text(qtbot, text, "The ")
    qtbot.keyClick(text, Qt.Key.Key_I, CTRL)
    type_text(qtbot, text, "Planning Guidelines")
    qtbot.keyClick(text, Qt.Key.Key_I, CTRL)
    type_text(qtbot, text, " were published.")
    click(qtbot, button_labelled(editor, "Insert footnote reference"))
    assert "[^" not in text.toPlainText() and "*" not in text.toPlainText()  # no markup shown
    click(qtbot, button_labelled(editor, "Save"))
    assert "Saved the document HSP/OECPR.2025/4" in editor.message.text()

    dialog = window.generate_report()
    dialog.kind.setCurrentIndex(dialog.kind.findData(ReportKind.PROGRESS.value))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.output_format.setCurrentIndex(dialog.output_format.findData("docx"))
    assert dialog.document.currentText() == "HSP/OECPR.2025/4"
    target = tmp_path / "progress-en.docx"
    dialog.save(str(target))
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=60000)
    document = docx.Document(str(target))
    written = next(p for p in document.paragraphs if "were published" in p.text)
    assert written.text.startswith("The Planning Guidelines were published.")
    assert [r.text for r in written.runs if r.italic] == ["Planning Guidelines"]
    assert written._p.find(".//" + qn("w:footnoteReference")) is not None
    notes = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/footnotes"))
    assert "See the guidelines of 2024." in notes.blob.decode("utf-8")
    dialog.reject()
