"""EditConflictDialog: the fields changed both in the form and elsewhere, side by side, for the person to choose."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.domain.activity_edits import Choice, Clash, clash_field_name
from habitat_desktop.l10n import _, language_name
from habitat_desktop.l10n.formatting import format_list_compact, format_number
from habitat_desktop.ui.locale_input import format_amount


def _shown(field: str, value: Any) -> str:
    """A value as the person reads it, whole."""
    if value in (None, "", [], (), {}):
        return "—"
    if field.startswith("translations."):
        return "\n".join(str(text) for text in (value.get("title"), value.get("description")) if text) or "—"
    if field == "funding":
        return "\n".join(f"{format_amount(line.amount)} {line.currency} · {line.contributor or '—'}" for line in value)
    if isinstance(value, list | tuple):
        return format_list_compact(format_number(item) if isinstance(item, int) else str(item) for item in value)
    return str(value)


class _ValueLabel(QLabel):
    """A value's text: plain (an "&" is an ampersand, never a mnemonic), wrapped; a click on it chooses it."""

    def __init__(self, text: str, button: QRadioButton) -> None:
        super().__init__(text)
        self.button = button
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.button.click()
        event.accept()


class ValueChoice(QWidget):
    """One value to keep: a radio button and the value whole beside it (radio buttons neither wrap nor show "&")."""

    def __init__(self, text: str, choice: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.button = QRadioButton()
        self.button.setProperty("choice", choice)
        self.button.setAccessibleName(text)
        self.button.setToolTip(text)
        self.label = _ValueLabel(text, self.button)
        self.label.setProperty("choice", choice)
        self.label.setToolTip(text)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)


class EditConflictDialog(QDialog):
    """One row per clash: the value saved since the form was opened, and the one typed; ``choices()`` after OK."""

    def __init__(
        self, clashes: tuple[Clash, ...], field_label: Callable[[str], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Changed while you were editing"))
        self._groups: dict[str, QButtonGroup] = {}
        intro = QLabel(
            _(
                "These fields were changed elsewhere (by a merge, a conflict resolution or another program) since you "
                "opened this activity. Your other changes will be saved and the other changes kept. Choose, for each "
                "field, which value to keep."
            )
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(self._heading(_("Field")), 0, 0)
        grid.addWidget(self._heading(_("Saved since you opened it")), 0, 1)
        grid.addWidget(self._heading(_("Yours")), 0, 2)
        for row, clash in enumerate(clashes, start=1):
            name = field_label(clash_field_name(clash.field))
            if clash.field.startswith("translations."):
                name = _("{field} ({language})").format(field=name, language=language_name(clash.field.split(".")[1]))
            grid.addWidget(QLabel(name), row, 0, Qt.AlignmentFlag.AlignTop)
            group = QButtonGroup(self)
            for column, (choice, value) in enumerate((("theirs", clash.theirs), ("mine", clash.mine)), start=1):
                option = ValueChoice(_shown(clash.field, value), choice)
                option.button.setChecked(choice == "mine")
                group.addButton(option.button)
                grid.addWidget(option, row, column, Qt.AlignmentFlag.AlignTop)
            self._groups[clash.field] = group
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        holder = QWidget()
        holder.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save with these values"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(720, 320)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def choices(self) -> dict[str, Choice]:
        """The value kept for each field: "mine" or "theirs"."""
        return {
            field: "mine" if (b := group.checkedButton()) is None else b.property("choice")
            for field, group in self._groups.items()
        }
