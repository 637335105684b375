"""Alt mnemonics are unique within the menu bar, each menu, the window and each dialog, in all six languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main import apply_language
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.mnemonics import clashes, menu_clashes, mnemonic, window_clashes

pytestmark = pytest.mark.gui


@pytest.fixture(params=LANGUAGES)
def language(request, qapp) -> Iterator[str]:
    apply_language(qapp, request.param)
    yield request.param
    apply_language(qapp, "en")


@pytest.fixture
def window(language: str, demo_path: Path) -> Iterator[MainWindow]:
    win = MainWindow(open_workspace(demo_path))
    win.ask_unsaved = lambda: DISCARD
    win.show()
    yield win
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _shown(dialog: QWidget) -> dict[str, list[str]]:
    dialog.show()
    try:
        return window_clashes(dialog)
    finally:
        dialog.close()
        dialog.deleteLater()


def test_the_helper_sees_a_clash_and_reads_mnemonics_as_qt_does() -> None:
    assert mnemonic("&File") == "F" and mnemonic("Save &as") == "A" and mnemonic("Fish && chips") == ""
    assert mnemonic("حفظ(&S)") == "S" and mnemonic("ال&ملف") == "م"
    assert clashes(["&Edit", "&End date", "&Save"]) == {"E": ["&Edit", "&End date"]}


def test_the_menu_bar_each_menu_and_the_activity_form_have_unique_mnemonics(window: MainWindow, request) -> None:
    assert window_clashes(window) == {}
    assert menu_clashes(window) == {}
    window.open_activity(window.model.activity_id(0))
    assert window_clashes(window) == {}


def test_every_dialog_has_unique_mnemonics(window: MainWindow, qapp) -> None:
    from habitat_desktop.ui.document_editor import DocumentEditor
    from habitat_desktop.ui.exchange_records import MergeHistoryDialog, TrustedOfficesDialog
    from habitat_desktop.ui.figure_dialog import FigureDialog
    from habitat_desktop.ui.history_dialog import HistoryDialog
    from habitat_desktop.ui.new_workspace_dialog import NewWorkspaceDialog

    found: dict[str, dict[str, list[str]]] = {}
    found["new workspace"] = _shown(NewWorkspaceDialog(window))
    report = window.generate_report()
    for index in range(report.kind.count()):
        report.kind.setCurrentIndex(index)
        found[f"report {report.kind.currentText()}"] = window_clashes(report)
    report.reject()
    found["merge wizard"] = _shown(window.exchange.open_merge_wizard())
    found["conflicts"] = _shown(window.exchange.review_conflicts())
    found["history"] = _shown(HistoryDialog(window.workspace, window.model.activity_id(0), window))
    found["trusted offices"] = _shown(TrustedOfficesDialog(window.workspace.path, window))
    found["merge history"] = _shown(MergeHistoryDialog(window.workspace.path, window))
    found["report document"] = _shown(DocumentEditor(window.workspace.path, window))
    found["insert figure"] = _shown(FigureDialog(["2/6"], window))
    assert {name: clash for name, clash in found.items() if clash} == {}


def test_the_start_page_has_unique_mnemonics(language: str, qapp, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from habitat_desktop.ui.app_settings import AppSettings
    from habitat_desktop.ui.main import Shell

    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    shell.show_start()
    start = shell.start
    assert start is not None
    try:
        assert window_clashes(start) == {}
        assert menu_clashes(start) == {}
    finally:
        start.close()
