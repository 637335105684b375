"""ReportPreview: a report's pages shown inside the app, one under the other, with the system viewer offered if any."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.l10n import _, ngettext
from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.ui.bidi import isolate

PAGE_WIDTH = 820
"""How wide a page is drawn, in pixels: A4 text reads at 100 % on an ordinary screen."""


class ReportPreview(QDialog):
    """The pages of one previewed report; "Open in the system viewer" only where the computer has one."""

    def __init__(
        self,
        path: Path,
        pages: list[QImage],
        open_in_viewer: Callable[[Path], object] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(_("Preview: {file}").format(file=isolate(self.path.name)))
        self.page_labels: list[QLabel] = []
        sheet = QWidget()
        sheet.setObjectName("sheet")
        sheet.setStyleSheet("#sheet { background: #8a8d91; }")  # grey desk, white pages
        column = QVBoxLayout(sheet)
        column.setSpacing(16)
        column.setContentsMargins(16, 16, 16, 16)
        for number, image in enumerate(pages, start=1):
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setFrameShape(QFrame.Shape.Box)
            page.setAccessibleName(
                _("Page {page} of {pages}").format(page=format_number(number), pages=format_number(len(pages)))
            )
            column.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(page)
        self.page_area = QScrollArea()
        self.page_area.setWidget(sheet)
        self.page_area.setWidgetResizable(True)
        self.page_area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.summary = QLabel(
            ngettext("{count} page", "{count} pages", len(pages)).format(count=format_number(len(pages)))
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.viewer_button = None
        if open_in_viewer is not None:
            self.viewer_button = buttons.addButton(
                _("Open in the system &viewer"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.viewer_button.clicked.connect(lambda: open_in_viewer(self.path))
        layout = QVBoxLayout(self)
        layout.addWidget(self.page_area, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(PAGE_WIDTH + 80, screen.width()), min(1000, int(screen.height() * 0.9)))
