"""TaskRunner: run long work off the GUI thread with a progress dialog that can cancel it; errors shown once.

The work is a callable taking a ``Progress``; it calls ``progress.report(done, total, text)`` now and then and
stops early (raising ``CancelledError``) when ``progress.cancelled`` is set. Merge, report and open jobs reuse this.
A ``HabitatError`` is shown as a warning; any other error goes to the error dialog and the log (never re-raised
inside the slot, where Qt would only print it).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.ui.error_dialog import report_unexpected


class CancelledError(Exception):
    """The person cancelled the work."""


class Progress:
    def __init__(self, signal: Any) -> None:
        self._signal = signal
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise CancelledError()
        self._signal.emit(done, total, text)


class _Worker(QThread):
    progressed = Signal(int, int, str)

    def __init__(self, work: Callable[[Progress], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.progress = Progress(self.progressed)
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work(self.progress)
        except BaseException as error:  # handed back to the GUI thread, which shows it
            self.error = error


class TaskRunner(QObject):
    """Runs one job at a time for a window; ``run`` returns at once, ``finished``/``failed`` report the end."""

    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._worker: _Worker | None = None
        self._dialog: QProgressDialog | None = None
        self.alert = lambda message: QMessageBox.warning(self._parent, _("Could not finish"), message)
        self.unexpected: Callable[[BaseException], object] = report_unexpected

    def busy(self) -> bool:
        return self._worker is not None

    def run(self, title: str, work: Callable[[Progress], Any], on_done: Callable[[Any], object] | None = None) -> None:
        worker = _Worker(work, self)
        dialog = QProgressDialog(title, _("Cancel"), 0, 0, self._parent)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.canceled.connect(worker.progress.cancel)
        worker.progressed.connect(lambda done, total, text: self._show(dialog, done, total, text))
        worker.finished.connect(lambda: self._done(worker, dialog, on_done))
        self._worker, self._dialog = worker, dialog
        worker.start()

    def wait(self, ms: int = 30000) -> bool:
        """Block until the running job ends (tests, closing)."""
        return self._worker.wait(ms) if self._worker else True

    @staticmethod
    def _show(dialog: QProgressDialog, done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(done)
        if text:
            dialog.setLabelText(text)

    def _done(self, worker: _Worker, dialog: QProgressDialog, on_done: Callable[[Any], object] | None) -> None:
        dialog.reset()
        dialog.deleteLater()
        self._worker = self._dialog = None
        if isinstance(worker.error, CancelledError):
            self.cancelled.emit()
        elif isinstance(worker.error, HabitatError):
            self.alert(str(worker.error))
            self.failed.emit(str(worker.error))
        elif worker.error is not None:
            self.unexpected(worker.error)
            self.failed.emit(str(worker.error) or type(worker.error).__name__)
        else:
            if on_done is not None:
                on_done(worker.result)
            self.finished.emit(worker.result)
        worker.deleteLater()
