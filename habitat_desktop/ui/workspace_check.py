"""Checking an open workspace's pages off the GUI thread, so a large workspace's window opens at once."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.services.workspaces import Workspace, verify_workspace


class WorkspaceCheck(QObject):
    """Runs SQLite's quick check on a pool thread; ``damaged`` carries the message if it fails."""

    damaged = Signal(str)
    finished = Signal()

    def start(self, workspace: Workspace) -> None:
        QThreadPool.globalInstance().start(_Check(self, workspace))


class _Check(QRunnable):
    def __init__(self, check: WorkspaceCheck, workspace: Workspace) -> None:
        super().__init__()
        self._check, self._workspace = check, workspace

    def run(self) -> None:
        try:
            verify_workspace(self._workspace)
        except HabitatError as error:
            self._check.damaged.emit(str(error))
        self._check.finished.emit()
