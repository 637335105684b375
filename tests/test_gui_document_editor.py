"""File ▸ Report document (offscreen): write a paragraph with italics and a footnote reference, save, and find
it in the Word file the report dialog writes — driven by menus, clicks and keys."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

import docx
from docx.oxml.ns import qn
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLabel, QWidget

from habitat_desktop.services import report_documents
from habitat_desktop.services.reports import ReportKind, ReportOptions, generate_report
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.document_editor import DocumentEditor
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.journey_support import (
    CTRL,
    Modals,
    button,
    button_labelled,
    click,
    menu_action,
    threads_of,
    trigger,
    type_text,
)

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


def test_a_paragraph_with_italics_and_a_footnote_reaches_the_word_file(
    window, qtbot, tmp_path: Path, monkeypatch
) -> None:
    on_gui_thread = threads_of(monkeypatch, report_documents, ("save_document",))
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
    assert on_gui_thread == {"save_document": [False]}  # saved on the operations worker

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


def _choose_allocation_under_2_6(dialog: QWidget) -> None:
    """In the Insert figure dialog: the amount allocated under resolution 2/6."""
    combos = {label.text().replace("&", ""): label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    figure, stage, resolution = combos["Figure:"], combos["Funding stage:"], combos["Resolution:"]
    assert isinstance(figure, QComboBox) and isinstance(stage, QComboBox) and isinstance(resolution, QComboBox)
    figure.setCurrentIndex(figure.findText("Amount of funding"))
    stage.setCurrentIndex(stage.findText("Allocated"))
    resolution.setCurrentIndex(resolution.findText("2/6"))
    button(dialog, QDialogButtonBox.StandardButton.Ok).click()


def test_a_figure_chosen_in_a_dialog_prints_from_the_data(window, qtbot, demo_path: Path, tmp_path: Path) -> None:
    trigger(menu_action(window, "Report document…"))
    editor = _editor()
    editor.section.setCurrentIndex(editor.section.findData("outcome_2"))
    click(qtbot, button_labelled(editor, "Add paragraph"))
    text = editor.paragraph_text
    text.setFocus()
    type_text(qtbot, text, "Allocated so far: ")
    modals = Modals(qtbot).expect(_choose_allocation_under_2_6)
    click(qtbot, button_labelled(editor, "Insert figure…"))
    modals.done()
    type_text(qtbot, text, " in all.")
    shown = text.toPlainText()
    assert "{{" not in shown and "Amount of funding, allocated: resolution 2/6" in shown
    click(qtbot, button_labelled(editor, "Save"))
    assert "Saved the document" in editor.message.text()

    options = ReportOptions(output_format="docx")
    written = generate_report(demo_path, "progress", "en", tmp_path / "en.docx", options).files["en"]
    body = [p.text for p in docx.Document(str(written)).paragraphs]
    assert any("Allocated so far: $24 million in all." in line for line in body)


def test_a_field_typed_by_hand_that_is_no_figure_is_refused_naming_the_paragraph(
    window, qtbot, demo_path: Path
) -> None:
    trigger(menu_action(window, "Report document…"))
    editor = _editor()
    editor.section.setCurrentIndex(editor.section.findData("outcome_2"))
    click(qtbot, button_labelled(editor, "Add paragraph"))
    text = editor.paragraph_text
    text.setFocus()
    type_text(qtbot, text, "We held {{count:activitys}} events.")
    click(qtbot, button_labelled(editor, "Save"))
    message = editor.message.text()
    assert "paragraph “outcome-2-" in message and "count:activities" in message, message
    stored = report_documents.load_document(demo_path)
    assert stored is not None and "activitys" not in str(stored[0])


def test_a_figure_goes_into_the_footnote_last_edited(window, qtbot, demo_path: Path) -> None:
    trigger(menu_action(window, "Report document…"))
    editor = _editor()
    editor.section.setCurrentIndex(editor.section.findData("outcome_1"))
    click(qtbot, button_labelled(editor, "Add footnote"))
    note = editor.footnote_text
    qtbot.mouseClick(note.viewport(), Qt.MouseButton.LeftButton)
    type_text(qtbot, note, "Allocated: ")
    modals = Modals(qtbot).expect(_choose_allocation_under_2_6)
    click(qtbot, button_labelled(editor, "Insert figure…"))
    modals.done()
    assert "Amount of funding, allocated: resolution 2/6" in note.toPlainText()
    click(qtbot, button_labelled(editor, "Save"))
    assert editor.footnotes.currentItem().text().endswith("Allocated: [Amount of funding, allocated: resolution 2/6]")
    stored = report_documents.load_document(demo_path)
    assert stored is not None
    section = next(s for s in stored[0]["sections"] if s["key"] == "outcome_1")
    assert section["footnotes"][-1]["text"]["en"] == "Allocated: {{funding:allocated resolution=2/6}}"
