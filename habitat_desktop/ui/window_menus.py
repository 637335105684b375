"""The window's menu items connected to their work; Undo and Redo naming the step they would take; Help ▸ About."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMessageBox

from habitat_desktop import APP_NAME
from habitat_desktop.l10n import _


def connect_menus(window: Any, shell: Any) -> None:
    """Connect the items of ``window.menu_actions`` (ui/window_actions.py) to the window's work and the shell's."""
    a = window.menu_actions
    undo, redo = a.undo, a.redo  # the workspace's own undo steps (services.undo), shared with `habitat undo`
    undo.setShortcuts(QKeySequence.StandardKey.Undo)  # every binding of the platform (Ctrl+Y and Ctrl+Shift+Z)
    redo.setShortcuts(QKeySequence.StandardKey.Redo)
    undo.triggered.connect(window.commands.undo)
    redo.triggered.connect(window.commands.redo)
    window.undo_action, window.redo_action = undo, redo
    a.new_activity.triggered.connect(window.new_activity)
    a.save.triggered.connect(window.save_activity)
    a.quit.triggered.connect(window.close)
    a.find.triggered.connect(window.focus_search)
    a.duplicate.triggered.connect(window.duplicate_activity)
    a.delete.triggered.connect(window.delete_activity)
    a.restore.triggered.connect(window.restore_activity)
    a.purge.triggered.connect(window.purge_deleted)
    a.history.triggered.connect(window.show_history)
    a.show_activities.triggered.connect(lambda: window.pages.show_activities())
    a.show_resolution.triggered.connect(lambda: window.pages.show_resolution())
    a.show_dashboard.triggered.connect(window.show_dashboard)
    a.about.triggered.connect(lambda: show_about(window))
    a.report.triggered.connect(window.generate_report)
    a.document.triggered.connect(window.edit_document)
    a.data_folder.triggered.connect(
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(window.workspace.path.parent)))
    )
    a.languages.triggered.connect(lambda action: shell.switch_language(action.data()) if shell else None)
    if shell is not None:
        a.new_workspace.triggered.connect(shell.new_workspace)
        a.open.triggered.connect(shell.open_dialog)
        a.recent_menu.aboutToShow.connect(lambda: shell.fill_recent(a.recent_menu))
    else:
        a.new_workspace.setEnabled(False)
        a.open.setEnabled(False)


def show_undo_steps(window: Any) -> None:
    """Undo and Redo say which step they would take, and are off when there is none."""
    from habitat_desktop.services import undo

    steps = undo.status(window.workspace)
    for action, text, step in (
        (window.undo_action, _("&Undo"), steps.undo_text()),
        (window.redo_action, _("&Redo"), steps.redo_text()),
    ):
        action.setText(text)
        action.setEnabled(step is not None)
        action.setStatusTip(step or "")
        action.setToolTip(step or text)


def show_about(window: Any) -> None:
    """Help ▸ About: the version, the workspace, where the log is."""
    from habitat_desktop.ui.about import about_text

    QMessageBox.about(window, _("About {app}").format(app=APP_NAME), about_text(window.workspace.path))
