"""MainWindow: the workspace's activities, with search, in the user's language."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QTableView, QVBoxLayout, QWidget

from habitat_desktop import APP_NAME
from habitat_desktop.l10n import _, ngettext
from habitat_desktop.services.activities import ActivityFilter
from habitat_desktop.ui.activity_table_model import ActivityTableModel


class MainWindow(QMainWindow):
    def __init__(self, workspace) -> None:
        super().__init__()
        self._workspace = workspace
        self.model = ActivityTableModel(workspace, self)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 420)
        self.heading = QLabel()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        file_menu = self.menuBar().addMenu("")
        self.quit_action = file_menu.addAction("")
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self._file_menu = file_menu
        self.resize(1100, 680)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(f"{self._workspace.path.name} — {APP_NAME}")
        self.heading.setText(_("Activities of office {office}").format(office=self._workspace.office))
        self.search.setPlaceholderText(_("Search titles, descriptions, partners and translations"))
        self._file_menu.setTitle(_("&File"))
        self.quit_action.setText(_("&Quit"))
        self._update_status()

    def _search(self, text: str) -> None:
        self.model.set_filter(ActivityFilter(search=text or None))
        self._update_status()

    def _update_status(self) -> None:
        count = self.model.total()
        self.statusBar().showMessage(ngettext("{count} activity", "{count} activities", count).format(count=count))

    def closeEvent(self, event) -> None:
        self._workspace.close()
        super().closeEvent(event)
