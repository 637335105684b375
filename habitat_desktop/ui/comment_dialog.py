"""CommentDialog: a comment on the activity shown, one of its fields, or one of its funding lines (or its field)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import format_date, format_money
from habitat_desktop.services import reporting_periods
from habitat_desktop.services.activity_editing import ActivityDraft
from habitat_desktop.services.history import field_label
from habitat_desktop.ui.operations import Operations

ACTIVITY_FIELDS = (
    "title",
    "description",
    "status",
    "start_date",
    "end_date",
    "country",
    "city",
    "partners",
    "resolutions",
    "outcomes",
    "operative_paragraphs",
    "priority_domains",
    "translations",
)
FUNDING_FIELDS = ("amount", "currency", "source", "stage", "contributor", "date")


class CommentDialog(QDialog):
    """What the comment is about (the activity or a funding line, and a field of it), and the comment."""

    def __init__(self, path: Path, draft: ActivityDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.comment_id: str | None = None
        self.setWindowTitle(_("Comment"))
        self.record = QComboBox()
        self.record.addItem(_("The activity: {title}").format(title=draft.values.get("title", "")), draft.id)
        for line in draft.funding:
            text = _("Funding line: {amount}, {contributor}").format(
                amount=format_money(line.amount, line.currency), contributor=line.contributor or "—"
            )
            if line.date is not None:
                text = _("{line} ({date})").format(line=text, date=format_date(line.date))
            self.record.addItem(text, line.id)
        self.field = QComboBox()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(_("What should be checked or changed"))
        form = QFormLayout()
        for label_text, widget in ((_("&About"), self.record), (_("&Field"), self.field), (_("&Comment"), self.text)):
            label = QLabel(label_text)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Send comment"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(buttons)
        self.record.currentIndexChanged.connect(lambda _index: self._offer_fields())
        self._offer_fields()

    def _offer_fields(self) -> None:
        self.field.clear()
        self.field.addItem(_("The whole record"), None)
        names = ACTIVITY_FIELDS if self.record.currentIndex() == 0 else FUNDING_FIELDS
        for name in names:
            self.field.addItem(field_label(name), name)

    def accept(self) -> None:
        """Write the comment (it travels in the next export); an empty one is refused and the dialog stays."""
        try:
            record, text, field = self.record.currentData(), self.text.toPlainText(), self.field.currentData()
            self.comment_id = Operations(self).call(
                _("Comment"),
                lambda _progress: reporting_periods.comment(self.path, record, text, field=field),
                show_progress=False,
            )
        except HabitatError as error:
            QMessageBox.warning(self, _("Comment"), str(error))
            return
        super().accept()
