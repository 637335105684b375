"""Unexpected errors in the window: written to the log with their traceback and shown in a dialog, never lost.

``install`` makes this the handler of every exception nothing caught: in a slot or event handler on the GUI
thread (PySide6 hands them to ``sys.excepthook``) and in other threads (``threading.excepthook``, relayed to the
GUI thread). The dialog says what went wrong, where the log is, and copies the details for a support request.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop import APP_NAME, __version__, logging_setup
from habitat_desktop.l10n import _
from habitat_desktop.ui.bidi import isolate

log = logging.getLogger(__name__)


def details_text(error: BaseException) -> str:
    """What "Copy details" copies: versions, the error and its traceback (English, for whoever supports)."""
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    where = logging_setup.active_log_file()
    return (
        f"{APP_NAME} {__version__}, Python {platform.python_version()}, {platform.system()} {platform.release()}\n"
        f"Log: {where if where is not None else '-'}\n\n{trace}"
    )


class ErrorDialog(QDialog):
    """The message of an unexpected error, its details, where the log is, and a button that copies the details."""

    def __init__(self, error: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Unexpected error"))
        self.details = details_text(error)
        layout = QVBoxLayout(self)
        message = str(error) or type(error).__name__
        summary = QLabel(_("{app} met an error it did not expect: {message}").format(app=APP_NAME, message=message))
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(summary)
        where = logging_setup.active_log_file()
        place = (
            _("The details are in the log file {path}.").format(path=isolate(str(where)))
            if where is not None
            else _("No log file could be written; copy the details to keep them.")
        )
        advice = QLabel(place + "\n" + _("Send the details to whoever supports Habitat Desktop in your office."))
        advice.setWordWrap(True)
        advice.setTextFormat(Qt.TextFormat.PlainText)
        advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(advice)
        trace = QPlainTextEdit(self.details)
        trace.setReadOnly(True)
        trace.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a traceback reads left to right in any language
        layout.addWidget(trace)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_("Copy &details"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)


class _Relay(QObject):
    """Carries errors of other threads to the GUI thread, where the dialog can be shown."""

    raised = Signal(object)


class ErrorReporter:
    """Logs unexpected errors and shows each in an ``ErrorDialog`` (one at a time; more are only logged)."""

    def __init__(self, parent: Callable[[], QWidget | None] = QApplication.activeWindow) -> None:
        self._parent = parent
        self._showing = False
        self._relay = _Relay()
        self._relay.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.previous_hooks: tuple[Any, Any] | None = None

    def report(self, error: BaseException) -> None:
        """Log an unexpected error with its traceback and, on the GUI thread, show it."""
        log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
        app = QApplication.instance()
        if app is None:
            return
        if threading.current_thread() is not threading.main_thread():
            self._relay.raised.emit(error)
            return
        self._show(error)

    def _show(self, error: BaseException) -> None:
        if self._showing:  # an error while the dialog is open (a repeating paint, say) is in the log already
            return
        self._showing = True
        try:
            ErrorDialog(error, self._parent()).exec()
        finally:
            self._showing = False

    def _excepthook(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        error.__traceback__ = trace
        self.report(error)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        self.report(args.exc_value)

    def install(self) -> None:
        """Become the handler of uncaught exceptions (in the GUI thread and in others)."""
        self.previous_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self.previous_hooks is not None:
            sys.excepthook, threading.excepthook = self.previous_hooks
            self.previous_hooks = None


_reporter: ErrorReporter | None = None


def reporter() -> ErrorReporter:
    """The application's error reporter (made on first use)."""
    global _reporter
    if _reporter is None:
        _reporter = ErrorReporter()
    return _reporter


def install() -> ErrorReporter:
    """Show and log every exception nothing caught, from now on; return the reporter (to uninstall it)."""
    chosen = reporter()
    chosen.install()
    return chosen


def report_unexpected(error: BaseException) -> None:
    """Log an unexpected error and show it (the operations hand over the errors of their work so)."""
    reporter().report(error)
