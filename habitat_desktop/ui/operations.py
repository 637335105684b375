"""Operations: the one way the window runs a service call — on the one workspace worker, off the GUI thread.

Every read or write of a workspace that the window does not need within the same keystroke runs here, in order, on
a single worker thread (one writer, as SQLite wants). The work is a callable taking a ``Progress``; a long one calls
``progress.report(done, total, text)`` now and then and stops (``CancelledError``) when the person cancels. Results
and errors come back on the GUI thread: ``run`` hands them to callbacks; ``call`` waits for them while the window
keeps processing events (timers, painting; not clicks or keys, so nothing else starts meanwhile) and returns the
result or raises the error. A ``HabitatError`` from ``run`` is shown as a warning; any other error goes to the error
dialog and the log (never re-raised inside a slot, where Qt would only print it).
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.ui import bidi
from habitat_desktop.ui.error_dialog import report_unexpected

__all__ = ["CancelledError", "Job", "Operations", "Progress"]


class CancelledError(Exception):
    """The person cancelled the work."""


class Progress:
    """What a job is told and tells: how far it got (shown in the progress dialog) and whether it should stop."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, done: int, total: int, text: str = "") -> None:
        if self._cancel.is_set():
            raise CancelledError()
        if self._report is not None:
            self._report(done, total, text)


@dataclass(eq=False)
class Job:
    """One piece of work queued on the worker, and, once it ran, its result or error."""

    work: Callable[[Progress], Any]
    owner: Operations
    progress: Progress = field(default_factory=Progress)
    result: Any = None
    error: BaseException | None = None
    ran: threading.Event = field(default_factory=threading.Event)


class _Worker:
    """The single thread that runs every job of every window, in the order they were queued."""

    def __init__(self) -> None:
        self._queue: queue.Queue[Job] = queue.Queue()
        self._idle = threading.Condition()
        self._pending = 0
        self.thread = threading.Thread(target=self._loop, name="habitat-workspace", daemon=True)
        self.thread.start()

    def submit(self, job: Job) -> None:
        with self._idle:
            self._pending += 1
        self._queue.put(job)

    def wait_idle(self, timeout: float) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            try:
                if job.progress.cancelled:
                    raise CancelledError()
                job.result = job.work(job.progress)
            except BaseException as error:  # handed back to the GUI thread, which shows it
                job.error = error
            job.ran.set()
            owner, key = job.owner, id(job)
            # The GUI thread holds the job until it is delivered there (``Operations._running``), so it, not this
            # thread, drops the last reference to the work and what it closes over: a dialog or model freed here
            # would delete Qt objects off the GUI thread (a crash when the next job arrived).
            del job
            with contextlib.suppress(RuntimeError):  # RuntimeError: the window that asked is gone, nobody to tell
                owner.ran.emit(key)  # queued to the GUI thread, where the Operations object lives
            del owner
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()


_worker: _Worker | None = None
_worker_lock = threading.Lock()


def worker() -> _Worker:
    """The application's workspace worker (started on first use)."""
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = _Worker()
        return _worker


def wait_idle(timeout_ms: int = 30000) -> bool:
    """Block until every queued job ran (closing the application, tests)."""
    return _worker is None or _worker.wait_idle(timeout_ms / 1000)


class Operations(QObject):
    """A window's (or dialog's) way to the worker: progress dialogs, results and errors on the GUI thread."""

    ran = Signal(object)  # the id of a Job of ours that ran, emitted from the worker
    _progressed = Signal(object, int, int, str)  # a dialog, done, total, text
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._running: dict[Job, tuple[QProgressDialog | None, Any]] = {}
        self.ran.connect(self._deliver)
        self._progressed.connect(self._show)
        self.alert: Callable[[str], object] = lambda message: QMessageBox.warning(
            self._parent,
            _("Could not finish"),
            bidi.in_reading_order(message),  # "KEN.habx: …" reads right to left in Arabic
        )
        self.unexpected: Callable[[BaseException], object] = report_unexpected

    def busy(self) -> bool:
        """Whether a job this object queued has not come back yet."""
        return bool(self._running)

    def run(
        self,
        title: str,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], object] | None = None,
        *,
        show_progress: bool = True,
        on_error: Callable[[BaseException], object] | None = None,
    ) -> Job:
        """Queue ``work``; return at once. ``on_done`` gets the result on the GUI thread; errors are shown (or given
        to ``on_error``); ``finished``/``failed``/``cancelled`` report the end too."""
        return self._submit(title, work, on_done if on_error is None else _Both(on_done, on_error), show_progress)

    def call(self, title: str, work: Callable[[Progress], Any], *, show_progress: bool = True) -> Any:
        """Run ``work`` on the worker and wait for it, the window still processing events but not input (nothing
        else starts meanwhile); return its result, or raise its error here."""
        loop = QEventLoop()
        done: list[Job] = []

        def finish(job: Job) -> None:
            done.append(job)
            loop.quit()

        job = self._submit(title, work, _Returned(finish), show_progress, cancellable=False)
        while not done:
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if job.error is not None:
            raise job.error
        return job.result

    def wait_for(self, work: Callable[[], Any]) -> Any:
        """``call`` for a short service call that shows no progress: run it on the worker, wait, return or raise."""
        return self.call("", lambda _progress: work(), show_progress=False)

    def _submit(
        self,
        title: str,
        work: Callable[[Progress], Any],
        delivery: Any,
        show_progress: bool,
        *,
        cancellable: bool = True,
    ) -> Job:
        dialog = self._dialog(title, cancellable) if show_progress else None
        job = Job(work, self)
        if dialog is not None:
            job.progress = Progress(lambda done, total, text: self._progressed.emit(dialog, done, total, text))
            dialog.canceled.connect(job.progress.cancel)
        self._running[job] = (dialog, delivery)
        worker().submit(job)
        return job

    def cancel(self) -> None:
        """Ask every job of this object to stop."""
        for job in self._running:
            job.progress.cancel()

    def wait(self, ms: int = 30000) -> bool:
        """Block until the worker is idle (tests, closing); results are delivered when events are processed next."""
        return wait_idle(ms)

    def _dialog(self, title: str, cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(title, _("Cancel"), 0, 0, self._parent)
        if not cancellable:  # a step waited for: clicks are not taken meanwhile, so no button that cannot be clicked
            dialog.setCancelButton(None)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        return dialog

    @staticmethod
    def _show(dialog: QProgressDialog, done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(done)
        if text:
            dialog.setLabelText(text)

    def _deliver(self, key: int) -> None:
        job = next((running for running in self._running if id(running) == key), None)
        if job is None:
            return
        dialog, on_done = self._running.pop(job)
        if dialog is not None:
            dialog.reset()
            dialog.deleteLater()
        if isinstance(on_done, _Returned):
            on_done(job)
            return
        error = job.error
        if isinstance(on_done, _Both) and error is not None:
            on_done.failed(error)
            return
        if isinstance(error, CancelledError) or (isinstance(error, HabitatError) and job.progress.cancelled):
            self.cancelled.emit()  # a service stopped at the person's request (MergeCancelledError …): no alert
        elif isinstance(error, HabitatError):
            self.alert(str(error))
            self.failed.emit(str(error))
        elif error is not None:
            self.unexpected(error)
            self.failed.emit(str(error) or type(error).__name__)
        else:
            if on_done is not None:
                on_done(job.result)
            self.finished.emit(job.result)


class _Returned:
    """The delivery of a job someone waits for (``call``): the job itself, error and all."""

    def __init__(self, finish: Callable[[Job], None]) -> None:
        self.finish = finish

    def __call__(self, job: Job) -> None:
        self.finish(job)


class _Both:
    """A result callback and an error callback."""

    def __init__(self, done: Callable[[Any], object] | None, failed: Callable[[BaseException], object]) -> None:
        self.done, self.failed = done, failed

    def __call__(self, result: Any) -> None:
        if self.done is not None:
            self.done(result)
