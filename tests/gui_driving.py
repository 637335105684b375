"""Helpers for GUI tests that act as a person: answer the modal dialog that opens next, press keys where focus is."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox, QWidget


def when_modal(answer: Callable[[QWidget], object], *, skip: tuple[QWidget, ...] = ()) -> list[str]:
    """Answer the next modal dialog to open (not one of ``skip``) with ``answer``; lists what it said to the person
    (a message box's text and informative text, another dialog's title)."""
    seen: list[str] = []

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget not in skip and widget.isVisible():
            if isinstance(widget, QMessageBox):
                seen.append(f"{widget.text()}\n{widget.informativeText()}".strip())
            else:
                seen.append(widget.windowTitle())
            answer(widget)
            return
        QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def press_enter(dialog: QWidget) -> None:
    """Enter, as a person presses it: into the widget that has the focus in the dialog."""
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)


def click_button(dialog: QWidget, text: str) -> None:
    """Click the visible button of a dialog whose text (mnemonic aside) is ``text``."""
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible() and button.text().replace("&", "") == text:
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            return
    raise AssertionError(f"no button {text!r} in {[b.text() for b in dialog.findChildren(QAbstractButton)]}")


def type_text(widget: QWidget, text: str) -> None:
    """Type text into a widget key by key, any script (QTest.keyClicks only knows ASCII and aborts on others)."""
    for char in text:
        if char.isascii():
            QTest.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)
