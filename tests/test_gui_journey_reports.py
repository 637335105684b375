"""Reports in the window, in English and Arabic, driven only as a person drives it.

Ctrl+P (File ▸ Generate report…) → choose the report's language with the keyboard (Arabic, then Chinese) → Preview
shows every page inside the app → close it → Save… into a file chosen in the file dialog → the saved PDF reads, when
its text is extracted, as Arabic (or Chinese), in logical order and with base letters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from habitat_desktop.l10n import language_name
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.main import Shell
from habitat_desktop.ui.main_window import DISCARD
from tests.journey_support import CTRL, Modals, back_to, choose_file, click, close_dialog, type_text, use_language

pytestmark = pytest.mark.gui

EXPECTED = {  # words the report's first page must hold, as typed (base letters, reading order)
    "ar": ["الأمم المتحدة", "موئل الأمم المتحدة", "الخطة الاستراتيجية"],
    "zh": ["联合国人居署", "联合国人居大会", "战略计划"],
}
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _press_mnemonic(dialog, field) -> None:
    """Alt+ the underlined letter of the field's label (its buddy), as a person moves to a field; in Arabic the key
    of an Arabic keyboard that types that letter."""
    label = dialog.form.labelForField(field)
    letter = label.text()[label.text().index("&") + 1]
    key = Qt.Key(ord(letter.upper()))
    QTest.sendKeyEvent(
        QTest.KeyAction.Click, dialog.focusWidget() or dialog, key, letter, Qt.KeyboardModifier.AltModifier
    )
    assert field.hasFocus()


@pytest.fixture
def shell(qapp, tmp_path: Path):
    shell = Shell(qapp, AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)))
    yield shell
    if shell.window is not None:
        shell.window.ask_unsaved = lambda: DISCARD
        dialog = getattr(shell.window, "report_dialog", None)
        if dialog is not None:
            dialog.reject()
        shell.window.close()
    use_language(qapp, "en")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_report_is_previewed_and_saved_in_arabic_and_chinese(
    language, shell, demo_path: Path, qapp, qtbot, tmp_path: Path
) -> None:
    use_language(qapp, language)
    window = shell.show_workspace(open_workspace(demo_path))
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is window)

    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)  # File ▸ Generate report…
    dialog = window.report_dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: qapp.activeWindow() is dialog)
    for report_language in ("ar", "zh"):
        _press_mnemonic(dialog, dialog.language)
        type_text(qtbot, dialog.language, language_name(report_language))  # typing a name picks it
        assert dialog.language.currentData() == report_language

        click(qtbot, dialog.preview_button)
        qtbot.waitUntil(lambda: dialog.preview_window is not None and dialog.preview_window.isVisible(), timeout=90000)
        preview = dialog.preview_window
        pages = len(PdfReader(dialog.previewed).pages)
        assert pages >= 2 and len(preview.page_labels) == pages
        assert all(not label.pixmap().isNull() for label in preview.page_labels)
        close_dialog(qtbot, preview)
        qtbot.waitUntil(lambda preview=preview: not preview.isVisible())
        back_to(qtbot, qapp, dialog)

        target = tmp_path / f"progress-{report_language}.pdf"
        modals = Modals(qtbot).expect(lambda box, target=target: choose_file(qtbot, box, target))
        click(qtbot, dialog.save_button)
        modals.done()
        qtbot.waitUntil(
            lambda target=target: dialog.saved is not None and target in dialog.saved.files.values(), timeout=90000
        )
        text = PdfReader(target).pages[0].extract_text()
        for words in EXPECTED[report_language]:
            assert words in text
        assert not PRESENTATION_FORMS.search(text)
        assert len(PdfReader(target).pages) == pages  # what was previewed is what was saved
        back_to(qtbot, qapp, dialog)  # the file dialog closed: back into the report dialog
    close_dialog(qtbot, dialog)
