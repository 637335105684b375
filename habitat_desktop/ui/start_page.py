"""StartPage: shown with no workspace to open; New, Open, the recent workspaces, the demo and the language, with
the File and View menus of the main window (Quit on Ctrl+Q)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop import APP_NAME
from habitat_desktop.l10n import LANGUAGES, _, current_language, language_name
from habitat_desktop.ui.bidi import isolate

if TYPE_CHECKING:
    from typing import Any

    from PySide6.QtGui import QDragEnterEvent, QDropEvent


class StartPage(QMainWindow):
    def __init__(self, shell: Any) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self._shell = shell
        self._build_menus()
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.heading.setFont(font)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.demo_button = QPushButton()
        self.new_button.clicked.connect(shell.new_workspace)
        self.open_button.clicked.connect(shell.open_dialog)
        self.demo_button.clicked.connect(shell.explore_demo)
        self.recent_label = QLabel()
        self.recent = QListWidget()
        self.recent.setMinimumHeight(120)
        self.recent_label.setBuddy(self.recent)
        self.recent.itemActivated.connect(self._open_recent)  # double-click or Enter
        self.language_label = QLabel()
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language_label.setBuddy(self.language)
        self.language.activated.connect(lambda index: self._choose_language(self.language.itemData(index)))
        body = QWidget()
        layout = QVBoxLayout(body)
        choose_language = QHBoxLayout()
        choose_language.addStretch()
        choose_language.addWidget(self.language_label)
        choose_language.addWidget(self.language)
        layout.addLayout(choose_language)
        layout.addStretch()
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(40)
            layout.addWidget(button)
        layout.addSpacing(12)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent, 1)
        layout.addStretch()
        layout.setContentsMargins(80, 24, 80, 32)
        self.setCentralWidget(body)
        self.setMinimumSize(560, 520)
        self.resize(760, 640)
        self.retranslate()

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.new_workspace = self.file_menu.addAction("")
        self.new_workspace.triggered.connect(self._shell.new_workspace)
        self.open = self.file_menu.addAction("")
        self.open.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.open.triggered.connect(self._shell.open_dialog)
        self.recent_menu = self.file_menu.addMenu("")
        self.recent_menu.aboutToShow.connect(lambda: self._shell.fill_recent(self.recent_menu))
        self.file_menu.addSeparator()
        self.quit = self.file_menu.addAction("")
        self.quit.setShortcut(QKeySequence("Ctrl+Q"))  # on every system (Windows has no standard Quit key)
        self.quit.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit.triggered.connect(self.close)
        self.view_menu = bar.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.languages = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code in LANGUAGES:
            item = self.language_menu.addAction(language_name(code))
            item.setCheckable(True)
            item.setData(code)
            self.languages.addAction(item)
            self.language_actions[code] = item
        self.languages.triggered.connect(lambda action: self._choose_language(action.data()))

    def _choose_language(self, code: str) -> None:
        if code != current_language():
            self._shell.switch_language(code)  # retranslates this page

    def _fill_recent(self) -> None:
        self.recent.clear()
        for path in self._shell.settings.recent():
            item = QListWidgetItem(isolate(path.name))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path) if path.exists() else _("{path} is not there any more").format(path=path))
            if not path.exists():
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.recent.addItem(item)
        if self.recent.count() == 0:
            item = QListWidgetItem(_("No recent workspaces"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.recent.addItem(item)

    def _open_recent(self, item: QListWidgetItem) -> None:
        path = item.data(Qt.ItemDataRole.UserRole)
        if path and Path(path).exists():
            self._shell.open_path(path)

    def retranslate(self) -> None:
        self.file_menu.setTitle(_("&File"))
        self.new_workspace.setText(_("New &workspace…"))
        self.open.setText(_("&Open workspace…"))
        self.recent_menu.setTitle(_("Open &recent"))
        self.quit.setText(_("&Quit"))
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.language_actions[current_language()].setChecked(True)
        self.language.setCurrentIndex(LANGUAGES.index(current_language()))
        self.language_label.setText(_("&Language:"))
        self.heading.setText(APP_NAME)
        self.intro.setText(_("Track how your office implements the resolutions of the UN-Habitat Assembly."))
        self.new_button.setText(_("&New workspace…"))
        self.open_button.setText(_("&Open a workspace…"))
        self.demo_button.setText(_("&Explore the demo"))
        self.demo_button.setToolTip(_("A workspace with the facts of the report HSP/OECPR.2025/4"))
        self.recent_label.setText(_("&Recent workspaces (double-click to open):"))
        self._fill_recent()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].toLocalFile().endswith(".habitat"):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self._shell.open_path(event.mimeData().urls()[0].toLocalFile())
