"""File ▸ Generate report (offscreen): preview, save, cancel and errors, with the work off the GUI thread."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from pypdf import PdfReader

from habitat_desktop.services.reports import ReportKind
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main_window import DISCARD, MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, demo_path: Path):
    window = MainWindow(open_workspace(demo_path))
    window.ask_unsaved = lambda: DISCARD
    dialog = window.generate_report()
    dialog.opened = []
    dialog.open_preview = dialog.opened.append
    yield dialog
    from PySide6.QtCore import QCoreApplication, QEvent

    dialog.reject()
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _choose(combo, value) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(value))


def test_a_chinese_progress_report_is_previewed_then_saved(dialog, qtbot, tmp_path: Path) -> None:
    _choose(dialog.kind, ReportKind.PROGRESS.value)
    _choose(dialog.language, "zh")
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.previewed is not None, timeout=30000)
    assert dialog.preview_window is not None and dialog.preview_window.page_labels
    assert dialog.opened == [] and "人居署" in _text(dialog.previewed)  # shown in the app, not handed to a viewer

    target = tmp_path / "progress-zh.pdf"
    dialog.save(str(target))
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=30000)
    assert target.exists() and "2/7" in _text(target)
    assert str(target) in dialog.message.text()


def test_a_fact_sheet_needs_its_resolution_and_shows_only_the_fields_it_uses(dialog, qtbot, tmp_path: Path) -> None:
    _choose(dialog.kind, ReportKind.RESOLUTION.value)
    assert dialog.form.isRowVisible(dialog.resolution) and not dialog.form.isRowVisible(dialog.office)
    _choose(dialog.resolution, "2/7")
    _choose(dialog.language, "ar")
    dialog.save(str(tmp_path / "sheet.pdf"))
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=30000)
    assert "2/7" in _text(tmp_path / "sheet.pdf")


def test_cancel_leaves_no_file_and_an_error_is_shown_not_raised(dialog, qtbot, tmp_path: Path) -> None:
    _choose(dialog.language, "all")
    dialog.save(str(tmp_path / "all"))
    dialog.tasks.cancel()
    qtbot.waitUntil(lambda: not dialog.tasks.busy(), timeout=30000)
    assert dialog.saved is None and not list((tmp_path / "all").glob("*.pdf"))

    _choose(dialog.language, "en")
    dialog.save(str(tmp_path / "missing" / "report.pdf"))
    qtbot.waitUntil(lambda: not dialog.tasks.busy(), timeout=30000)
    assert dialog.saved is None and "does not exist" in dialog.message.text()


def test_the_dialog_says_which_characters_were_printed_as_a_replacement(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QCoreApplication, QEvent

    from tests.merge_support import add_activity, office_workspace

    workspace = office_workspace(tmp_path / "ken.habitat", "KEN")
    add_activity(workspace, "Housing 🏠 for all")
    window = MainWindow(open_workspace(workspace))
    dialog = window.generate_report()
    try:
        _choose(dialog.kind, ReportKind.OFFICE.value)
        _choose(dialog.office, "KEN")
        _choose(dialog.language, "en")
        dialog.save(str(tmp_path / "office.pdf"))
        qtbot.waitUntil(lambda: dialog.saved is not None, timeout=30000)
        assert "office.pdf" in dialog.message.text() and "U+1F3E0" in dialog.message.text()
    finally:
        dialog.reject()
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
