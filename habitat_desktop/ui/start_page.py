"""StartPage: shown with no workspace to open; offers New, Open and Explore the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from habitat_desktop import APP_NAME
from habitat_desktop.l10n import _


class StartPage(QWidget):
    def __init__(self, shell) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self._shell = shell
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
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        for button in (self.new_button, self.open_button, self.demo_button):
            button.setMinimumHeight(40)
            layout.addWidget(button)
        layout.addStretch()
        layout.setContentsMargins(80, 40, 80, 40)
        self.resize(640, 460)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(APP_NAME)
        self.intro.setText(_("Track how your office implements the resolutions of the UN-Habitat Assembly."))
        self.new_button.setText(_("&New workspace…"))
        self.open_button.setText(_("&Open a workspace…"))
        self.demo_button.setText(_("&Explore the demo"))
        self.demo_button.setToolTip(_("A workspace with the facts of the report HSP/OECPR.2025/4"))

    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].toLocalFile().endswith(".habitat"):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        self._shell.open_path(event.mimeData().urls()[0].toLocalFile())
