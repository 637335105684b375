"""WindowActions: the menus (File, Edit, View, Help), their actions and standard shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from habitat_desktop.l10n import LANGUAGES, _, current_language, language_name

if TYPE_CHECKING:
    from typing import Any

StandardKey = QKeySequence.StandardKey


class WindowActions:
    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.edit_menu = bar.addMenu("")
        self.view_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")

        def action(menu: QMenu, key: Any = None) -> QAction:
            item = menu.addAction("")
            if isinstance(key, QKeySequence.StandardKey):
                item.setShortcuts(key)  # all the platform's bindings, not only the first
            elif key is not None:
                item.setShortcut(QKeySequence(key))
            return item

        self.new_workspace = action(self.file_menu)
        self.open = action(self.file_menu, StandardKey.Open)
        self.recent_menu = self.file_menu.addMenu("")
        self.file_menu.addSeparator()
        self.new_activity = action(self.file_menu, StandardKey.New)
        self.save = action(self.file_menu, StandardKey.Save)
        self.file_menu.addSeparator()
        self.import_slot = self.file_menu.addSeparator()  # export/merge commands are added here by others
        self.report = action(self.file_menu, StandardKey.Print)  # File ▸ Generate report (ui.report_dialog)
        self.document = action(self.file_menu)  # File ▸ Report document (ui.document_editor)
        self.file_menu.addSeparator()
        self.quit = action(self.file_menu, StandardKey.Quit)

        self.undo = action(self.edit_menu)  # replaced by the undo stack's own actions in MainWindow
        self.redo = action(self.edit_menu)
        self.edit_menu.addSeparator()
        self.find = action(self.edit_menu, StandardKey.Find)
        self.duplicate = action(self.edit_menu, "Ctrl+D")
        self.delete = action(self.edit_menu, StandardKey.Delete)
        self.restore = action(self.edit_menu)
        self.purge = action(self.edit_menu)
        self.history = action(self.edit_menu, "Ctrl+H")

        self.show_activities = action(self.view_menu, "Ctrl+1")
        self.show_resolution = action(self.view_menu, "Ctrl+2")
        self.show_dashboard = action(self.view_menu, "Ctrl+3")
        self.view_menu.addSeparator()
        self.language_menu = self.view_menu.addMenu("")
        self.languages = QActionGroup(window)
        self.language_actions: dict[str, QAction] = {}
        for code in LANGUAGES:
            item = self.language_menu.addAction(language_name(code))
            item.setCheckable(True)
            item.setData(code)
            self.languages.addAction(item)
            self.language_actions[code] = item

        self.about = action(self.help_menu)
        self.data_folder = action(self.help_menu)
        self.retranslate()

    def retranslate(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.view_menu.setTitle(_("&View"))
        self.help_menu.setTitle(_("&Help"))
        self.new_workspace.setText(_("New &workspace…"))
        self.new_workspace.setStatusTip(_("Create a workspace for an office"))
        self.open.setText(_("&Open workspace…"))
        self.open.setStatusTip(_("Open a .habitat workspace file"))
        self.recent_menu.setTitle(_("Open &recent"))
        self.new_activity.setText(_("&New activity"))
        self.new_activity.setStatusTip(_("Start a new activity in the form"))
        self.save.setText(_("&Save activity"))
        self.report.setText(_("&Generate report…"))
        self.document.setText(_("Report &document…"))
        self.document.setStatusTip(_("Write the progress report's particulars, paragraphs and footnotes"))
        self.quit.setText(_("&Quit"))
        self.find.setText(_("&Find"))
        self.find.setStatusTip(_("Search the activities"))
        self.duplicate.setText(_("Dup&licate activity"))
        self.delete.setText(_("&Delete activity"))
        self.delete.setStatusTip(_("Delete the selected activity (it can be undone and restored)"))
        self.restore.setText(_("R&estore deleted activity"))
        self.purge.setText(_("&Purge deleted activities…"))
        self.purge.setStatusTip(_("Remove every activity in the Deleted view for good (cannot be undone)"))
        self.history.setText(_("&History…"))
        self.history.setStatusTip(_("Who changed what, and when; restore an earlier version"))
        self.show_activities.setText(_("&Activities"))
        self.show_resolution.setText(_("&Resolution page"))
        self.show_dashboard.setText(_("&Dashboard"))
        self.language_menu.setTitle(_("&Language"))
        self.about.setText(_("&About Habitat Desktop"))
        self.data_folder.setText(_("Open the &data folder"))
        self.language_actions[current_language()].setChecked(True)
