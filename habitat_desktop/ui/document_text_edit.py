"""MarkupTextEdit: a paragraph or footnote text edited as people see it — italics, footnote references shown
as superscript numbers, live figures shown by name on a tint — read and written as the document's markup
(``*italic*``, ``[^id]``, ``{{field}}``), never shown. A field typed by hand ("{{count:activities}}") is read as
a field, so saving checks it like any other."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QTextEdit, QWidget

from habitat_desktop.domain.report_document import Run, markup_of, runs
from habitat_desktop.l10n import _
from habitat_desktop.ui.figure_dialog import describe

NOTE_PROPERTY = QTextFormat.Property.UserProperty + 1  # the footnote id a reference stands for
FIELD_PROPERTY = QTextFormat.Property.UserProperty + 2  # the figure field (between its braces) a name stands for


class MarkupTextEdit(QTextEdit):
    """Plain text with italics (Ctrl+I), footnote references (``insert_reference``) and figures (``insert_figure``)."""

    used = Signal()  # a person typed or clicked here (the document editor inserts figures where they were last)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)
        self.note_numbers: dict[str, int] = {}  # footnote id -> the number shown in the editor
        self.italic_action = QAction(_("&Italic"), self)
        self.italic_action.setShortcut(QKeySequence.StandardKey.Italic)
        self.italic_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.italic_action.setCheckable(True)
        self.italic_action.triggered.connect(self.toggle_italic)
        self.addAction(self.italic_action)
        self.currentCharFormatChanged.connect(lambda f: self.italic_action.setChecked(f.fontItalic()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+I toggles italics wherever the editor has the keyboard (also when no menu holds the shortcut)."""
        self.used.emit()
        if event.matches(QKeySequence.StandardKey.Italic):
            self.toggle_italic()
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.OtherFocusReason:  # by the keyboard or the mouse, not by the program
            self.used.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        self.used.emit()

    def toggle_italic(self) -> None:
        """Italicize the selection (or what is typed next), or set it upright again."""
        fmt = QTextCharFormat()
        fmt.setFontItalic(not self.currentCharFormat().fontItalic())
        self.mergeCurrentCharFormat(fmt)
        self.italic_action.setChecked(fmt.fontItalic())

    def insert_reference(self, note_id: str) -> None:
        """A reference to a footnote at the cursor, shown as the note's number in superscript."""
        cursor = self.textCursor()
        cursor.insertText(self._label(note_id), self._reference_format(note_id))
        cursor.insertText("", QTextCharFormat())
        self.setCurrentCharFormat(QTextCharFormat())

    def insert_figure(self, field: str) -> None:
        """A live figure at the cursor, shown by its name ("[Amount of funding, allocated: resolution 2/6]")."""
        cursor = self.textCursor()
        cursor.insertText(describe(field), self._field_format(field, self.currentCharFormat().fontItalic()))
        cursor.insertText("", QTextCharFormat())
        self.setCurrentCharFormat(QTextCharFormat())

    @staticmethod
    def _field_format(field: str, italic: bool) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontItalic(italic)
        fmt.setBackground(QColor(222, 235, 247))
        fmt.setProperty(FIELD_PROPERTY, field)
        return fmt

    def _label(self, note_id: str) -> str:
        return str(self.note_numbers.get(note_id, "?"))

    @staticmethod
    def _reference_format(note_id: str) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
        fmt.setProperty(NOTE_PROPERTY, note_id)
        return fmt

    def set_markup(self, markup: str) -> None:
        """Show a text written in the document's markup."""
        self.clear()
        cursor = QTextCursor(self.document())
        for run in runs(markup):
            if run.note is not None:
                cursor.insertText(self._label(run.note), self._reference_format(run.note))
                continue
            if run.field is not None:
                cursor.insertText(describe(run.field), self._field_format(run.field, run.italic))
                continue
            fmt = QTextCharFormat()
            fmt.setFontItalic(run.italic)
            cursor.insertText(run.text, fmt)
        self.setCurrentCharFormat(QTextCharFormat())

    def markup(self) -> str:
        """The text in the document's markup."""
        parts: list[Run] = []
        block = self.document().begin()
        first = True
        while block.isValid():
            if not first:
                parts.append(Run("\n"))
            first = False
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                fmt = fragment.charFormat()
                note = fmt.property(NOTE_PROPERTY)
                field = fmt.property(FIELD_PROPERTY)
                if note:
                    parts.append(Run("", note=str(note)))
                elif field:
                    parts.append(Run("", fmt.fontItalic(), field=str(field)))
                else:
                    parts.append(Run(fragment.text(), fmt.fontItalic()))
                iterator += 1
            block = block.next()
        merged: list[Run] = []
        for run in parts:  # neighbouring runs of one style are one run
            if merged and _joinable(merged[-1], run):
                merged[-1] = Run(merged[-1].text + run.text, run.italic)
            else:
                merged.append(run)
        return markup_of(merged, typed_fields=True).strip()

    def note_ids(self) -> list[str]:
        """The footnotes the text refers to, in order."""
        return [run.note for run in runs(self.markup()) if run.note]


def _joinable(before: Run, after: Run) -> bool:
    """Neighbouring runs of one style that are no reference and no field make one run."""
    plain_runs = before.note is None and after.note is None and before.field is None and after.field is None
    return plain_runs and before.italic == after.italic
