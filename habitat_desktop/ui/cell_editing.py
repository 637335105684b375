"""CommitOnEnter: a table cell being typed in keeps its text on Enter at once, and when the form is saved."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QStyledItemDelegate, QStyleOptionViewItem, QWidget


class CommitOnEnter(QStyledItemDelegate):
    """Qt's own delegate commits an edit closed by Enter only on the next turn of the event loop, so a save
    (Ctrl+S) pressed straight after lost the text; here Enter commits at once, and ``commit_open_editor`` commits
    what is typed in a cell still open (the form calls it before it reads the table)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._open: QWidget | None = None

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = super().createEditor(parent, option, index)
        self._open = editor
        editor.destroyed.connect(lambda *_args: self._forget(editor))
        return editor

    def destroyEditor(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        self._forget(editor)
        super().destroyEditor(editor, index)

    def _forget(self, editor: QObject) -> None:
        if self._open is editor:
            self._open = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
            and isinstance(watched, QWidget)
            and watched is self._open
        ):
            self.commitData.emit(watched)
            self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        return super().eventFilter(watched, event)

    def commit_open_editor(self) -> None:
        """Keep what is typed in a cell still being edited, leaving the cell open."""
        if self._open is not None:
            self.commitData.emit(self._open)
