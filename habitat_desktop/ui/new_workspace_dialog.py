"""NewWorkspaceDialog: office code, office name, country and file of a new workspace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from habitat_desktop.l10n import _
from habitat_desktop.ui.editor_widgets import CountryCombo


class NewWorkspaceDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New workspace"))
        self.code = QLineEdit()
        self.code.setMaxLength(16)
        self.code.setPlaceholderText(_("e.g. KEN"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("e.g. UN-Habitat Kenya"))
        self.country = CountryCombo()
        self.path = QLineEdit(str((folder or Path.home()) / "office.habitat"))
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)
        where = QWidget()
        row = QHBoxLayout(where)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(_("Office co&de"), self.code)
        form.addRow(_("Office &name"), self.name)
        form.addRow(_("&Country"), self.country)
        form.addRow(_("&File"), where)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.code.textChanged.connect(self._suggest)
        self.resize(560, 0)

    def _suggest(self, code: str) -> None:
        current = Path(self.path.text())
        if code.strip():
            self.path.setText(str(current.with_name(f"{code.strip().lower()}.habitat")))

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("New workspace"), self.path.text(), _("Habitat workspaces (*.habitat)")
        )
        if chosen:
            self.path.setText(chosen)

    def values(self) -> dict[str, str]:
        return {
            "path": self.path.text().strip(),
            "office": self.code.text().strip().upper(),
            "office_name": self.name.text().strip(),
            "country": self.country.code() or "",
        }
