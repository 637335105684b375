"""Starts the desktop application: ``habitat-desktop [PATH] [--lang CODE]``.

Only Qt and the light parts of the app load before the window shows; the data layer loads into it after.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QWidget

from habitat_desktop import APP_NAME, __version__, logging_setup
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import LANGUAGES, _, default_language, is_right_to_left, set_language
from habitat_desktop.l10n.argparse_words import argparse_in_current_language
from habitat_desktop.resources import resource_path
from habitat_desktop.ui import error_dialog
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.app_style import AppStyle
from habitat_desktop.ui.bidi import isolate
from habitat_desktop.ui.fonts import application_font, register_fonts
from habitat_desktop.ui.locale_input import qt_locale
from habitat_desktop.ui.main_window import MainWindow
from habitat_desktop.ui.operations import Operations, wait_idle
from habitat_desktop.ui.start_page import StartPage

if TYPE_CHECKING:
    from habitat_desktop.services.workspaces import Workspace

_QT_LOCALES = {"ar": "ar", "zh": "zh_CN", "en": "en", "fr": "fr", "ru": "ru", "es": "es"}


def apply_language(app: QApplication, language: str) -> None:
    """Switch gettext, Qt's own texts, the font and the layout direction to a language."""
    set_language(language)
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(_QT_LOCALES[language]), "qtbase", "_", folder):
        app.installTranslator(translator)
    QLocale.setDefault(qt_locale(language))
    app.setFont(application_font(language))
    direction = Qt.LayoutDirection.RightToLeft if is_right_to_left(language) else Qt.LayoutDirection.LeftToRight
    app.setLayoutDirection(direction)


def demo_location() -> Path:
    """Where "Explore the demo" keeps its workspace (the user's data folder)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, "UN-Habitat")) / "demo.habitat"


class Shell:
    """The application around the windows: which workspace is open, recent files, the language."""

    def __init__(self, app: QApplication, settings: AppSettings) -> None:
        self.app = app
        self.settings = settings
        self.window: MainWindow | None = None
        self.start: StartPage | None = None
        self._runner_host = QWidget()
        self.tasks = Operations(self._runner_host)

    def _parent(self) -> QWidget | None:
        return self.window or self.start

    def show_start(self) -> None:
        self.start = StartPage(self)
        self.start.show()

    def show_at_launch(self, path: Path) -> MainWindow:
        """Show the window at once and open the workspace into it as soon as it is on screen."""
        self.window = MainWindow(None, self.settings, self, opening=Path(path))
        self.window.show()
        QTimer.singleShot(0, lambda: self._attach_at_launch(Path(path)))
        return self.window

    def _attach_at_launch(self, path: Path) -> None:
        from habitat_desktop.services.workspaces import open_workspace

        window = self.window
        assert window is not None
        window.repaint()  # the "opening" note is on screen before the data layer loads
        try:
            workspace = open_workspace(path, verify=False)  # a cleanly closed workspace is checked after
        except HabitatError as error:
            window.alert(str(error))
            self.show_start()
            window.close()
            self.window = None
            return
        window.attach(workspace)
        self.settings.add_recent(workspace.path)
        window.check_in_background()

    def show_workspace(self, workspace: Workspace) -> MainWindow:
        old = self.window
        if old is not None and not old.close():
            workspace.close()
            return old
        self.window = MainWindow(workspace, self.settings, self)
        self.settings.add_recent(workspace.path)
        self.window.show()
        if self.start is not None:
            self.start.close()
            self.start = None
        return self.window

    def open_path(self, path: str | Path) -> None:
        """Open a workspace off the GUI thread (it may need an upgrade); errors are shown, nothing changes."""
        from habitat_desktop.services.workspaces import open_workspace

        self.tasks.run(
            _("Opening {path}").format(path=isolate(Path(path).name)),
            lambda _progress: open_workspace(Path(path)),
            self.show_workspace,
        )

    def open_dialog(self) -> None:
        last = self.settings.last_workspace()
        folder = str(last.parent) if last else ""
        chosen, _filter = QFileDialog.getOpenFileName(
            self._parent(), _("Open workspace"), folder, _("Habitat workspaces (*.habitat)")
        )
        if chosen:
            self.open_path(chosen)

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        for path in self.settings.recent():
            action = QAction(str(path), menu)
            action.setEnabled(path.exists())
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
            menu.addAction(action)
        if menu.isEmpty():
            menu.addAction(_("No recent workspaces")).setEnabled(False)

    def new_workspace(self) -> None:
        from habitat_desktop.ui.new_workspace_dialog import NewWorkspaceDialog

        last = self.settings.last_workspace()
        dialog = NewWorkspaceDialog(self._parent(), last.parent if last else None)
        while dialog.exec():
            values = dialog.values()
            try:
                from habitat_desktop.services.workspaces import create_workspace

                workspace = create_workspace(Path(values.pop("path")), **values)
            except HabitatError as error:
                dialog.error.setText(str(error))
                continue
            self.show_workspace(workspace)
            return

    def explore_demo(self) -> None:
        from habitat_desktop.services.demo import create_demo
        from habitat_desktop.services.workspaces import open_workspace

        path = demo_location()

        def work(_progress: object) -> Workspace:
            if path.exists():
                return open_workspace(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            return create_demo(path)

        self.tasks.run(_("Preparing the demo"), work, self.show_workspace)

    def switch_language(self, language: str) -> None:
        apply_language(self.app, language)
        self.settings.set_language(language)
        for widget in (self.window, self.start):
            if widget is not None:
                widget.retranslate()


def prepare_application(app: QApplication) -> None:
    """Give the application its name, icon, bundled fonts and menu style (before any window is made)."""
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("UN-Habitat")
    icon = resource_path("icons", "habitat-desktop-256.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    register_fonts()
    if not isinstance(app.style(), AppStyle):
        app.setStyle(AppStyle(app.style().name()))


def build_parser() -> argparse.ArgumentParser:
    """The window's command line, in the current language (build it inside ``argparse_in_current_language``)."""
    parser = argparse.ArgumentParser(
        prog="habitat-desktop",
        description=_("Open the Habitat Desktop window on a workspace, or on the start page."),
    )
    parser.add_argument(
        "path",
        nargs="?",
        type=Path,
        help=_("the workspace to open (*.habitat); without it, the last one opened or the start page"),
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("the window's language; without it, the one last chosen, else the system's"),
    )
    return parser


def _language_asked(arguments: list[str]) -> str:
    """The language of the command line's own words: ``--lang`` when given, else the environment's."""
    for index, argument in enumerate(arguments):
        value = arguments[index + 1] if argument == "--lang" and index + 1 < len(arguments) else ""
        value = argument.removeprefix("--lang=") if argument.startswith("--lang=") else value
        if value in LANGUAGES:
            return value
    return default_language()


def main(argv: list[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_asked(arguments))  # --help and usage errors in the person's language
    with argparse_in_current_language():
        args = build_parser().parse_args(arguments)
    logging_setup.configure()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    error_dialog.install()  # an unexpected error is logged and shown, the window stays
    prepare_application(app)
    settings = AppSettings()
    apply_language(app, args.lang or settings.language() or default_language())
    shell = Shell(app, settings)
    path = args.path or settings.last_workspace()
    if path is None:
        shell.show_start()
    else:
        window = shell.show_at_launch(path)
        if os.environ.get(SMOKE_TEST) == "1":
            window.alert = lambda message: print(f"error: {message}", flush=True)
    if os.environ.get(SMOKE_TEST) == "1":
        QTimer.singleShot(0, lambda: _report_and_quit(app, shell))
    status = int(app.exec())
    wait_idle(5000)  # queued counts and checks use the workspace
    return status


SMOKE_TEST = "HABITAT_SMOKE_TEST"
"""Set to 1, the app opens as usual, prints what window it shows and quits: packaging checks the bundle so."""


def _report_and_quit(app: QApplication, shell: Shell) -> None:
    if shell.window is not None and not shell.window.attached:
        QTimer.singleShot(20, lambda: _report_and_quit(app, shell))  # the workspace is still opening
        return
    if shell.window is None:  # it could not be opened: the error is printed already
        app.exit(1)
        return
    shown = shell.window or shell.start
    title = shown.windowTitle() if shown is not None else ""
    print(f"window shown: {title}" if shown is not None and shown.isVisible() else "no window shown", flush=True)
    if shell.window is not None:
        shell.window.close()
    app.quit()


if __name__ == "__main__":
    raise SystemExit(main())
