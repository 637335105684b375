"""Starts the desktop application: ``habitat-desktop [PATH] [--lang CODE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from habitat_desktop import APP_NAME, __version__
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import LANGUAGES, _, default_language, is_right_to_left, set_language
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.fonts import application_font, register_fonts
from habitat_desktop.ui.main_window import MainWindow

_QT_LOCALES = {"ar": "ar", "zh": "zh_CN", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}


def apply_language(app: QApplication, language: str) -> None:
    """Switch gettext, Qt's own texts, the font and the layout direction to a language."""
    set_language(language)
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(_QT_LOCALES[language]), "qtbase", "_", folder):
        app.installTranslator(translator)
    app.setFont(application_font(language))
    direction = Qt.LayoutDirection.RightToLeft if is_right_to_left(language) else Qt.LayoutDirection.LeftToRight
    app.setLayoutDirection(direction)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="habitat-desktop")
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--lang", choices=LANGUAGES)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("UN-Habitat")
    register_fonts()
    apply_language(app, args.lang or default_language())
    if args.path is None:
        QMessageBox.information(None, APP_NAME, _("Open a workspace: habitat-desktop PATH"))
        return 2
    try:
        workspace = open_workspace(args.path)
    except HabitatError as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        return 1
    window = MainWindow(workspace)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
