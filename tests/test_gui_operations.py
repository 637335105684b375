"""The window keeps processing events while a save, a purge or a merge runs: they run on the workspace worker.

Each service call is held until a timer of the window's thread has ticked three times; run on the GUI thread, it
would wait for ticks that cannot come (the timer needs that thread), and the test would see it never saw them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer

from habitat_desktop.services import activity_editing, merges, purging
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.ui.main_window import DISCARD, MainWindow
from tests.gui_driving import click_button, when_modal
from tests.journey_support import CTRL, back_to, click, menu_action, trigger, type_into
from tests.merge_support import activity, add_activity, delete_activity, edit_activity, export, office_workspace

pytestmark = pytest.mark.gui


class Ticking:
    """A timer on the GUI thread, and service calls held until it has ticked (on whichever thread they run)."""

    def __init__(self) -> None:
        self.ticks = 0
        self.enough = threading.Event()
        self.calls: list[tuple[bool, bool]] = []  # (on the GUI thread, saw the ticks)
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.ticks += 1
        if self.ticks >= 3:
            self.enough.set()

    def held(self, call: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            self.ticks = 0
            self.enough.clear()
            on_gui = threading.current_thread() is threading.main_thread()
            self.calls.append((on_gui, self.enough.wait(0.5 if on_gui else 30)))
            return call(*args, **kwargs)

        return wrapper


@pytest.fixture
def ticking() -> Iterator[Ticking]:
    ticking = Ticking()
    yield ticking
    ticking.timer.stop()


@pytest.fixture
def window(qtbot, qapp, tmp_path: Path) -> Iterator[tuple[MainWindow, Path]]:
    path = office_workspace(tmp_path / "ken.habitat", "KEN")
    add_activity(path, "Land tenure")
    win = MainWindow(open_workspace(path))
    win.alerts = []
    win.alert = win.alerts.append
    win.ask_unsaved = lambda: DISCARD
    win.show()
    qtbot.waitExposed(win)
    back_to(qtbot, qapp, win)
    yield win, path
    win.ask_unsaved = lambda: DISCARD
    win.close()
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_save_by_ctrl_s_runs_while_the_window_ticks(window, ticking: Ticking, qtbot, monkeypatch) -> None:
    win, path = window
    monkeypatch.setattr(activity_editing, "save_activity", ticking.held(activity_editing.save_activity))
    win.table.selectRow(0)
    shown = win.editor.activity_id()
    type_into(qtbot, win.editor.title, "Land tenure in Kisumu")
    qtbot.keyClick(win, Qt.Key.Key_S, CTRL)
    assert ticking.calls == [(False, True)]  # off the GUI thread, and the timer ticked meanwhile
    assert activity(path, shown)["title"] == "Land tenure in Kisumu"
    assert not win.editor.is_dirty() and win.statusBar().currentMessage() == "Saved"  # told on the GUI thread


def test_a_purge_from_the_menu_runs_while_the_window_ticks(window, ticking: Ticking, qtbot, monkeypatch) -> None:
    win, path = window
    gone = win.model.activity_id(0)
    delete_activity(path, gone)
    monkeypatch.setattr(purging, "purge_deleted", ticking.held(purging.purge_deleted))
    asked = when_modal(lambda box: click_button(box, "Yes"))
    trigger(menu_action(win, "Purge deleted activities…"))  # Edit ▸ Purge deleted activities…
    assert len(asked) == 1 and ticking.calls == [(False, True)]
    assert activity(path, gone)["title"] == "" and "Purged 1 deleted activity" in win.statusBar().currentMessage()


def test_a_merge_from_the_wizard_runs_while_the_window_ticks(
    window, ticking: Ticking, qtbot, monkeypatch, tmp_path
) -> None:
    win, path = window
    uga = office_workspace(tmp_path / "uga.habitat", "UGA", "UG")
    added = add_activity(uga, "Slum upgrading in Kampala")
    edit_activity(uga, added, description="Second phase")
    file = export(uga, tmp_path / "uga.habx")
    monkeypatch.setattr(merges, "merge_files", ticking.held(merges.merge_files))
    qtbot.keyClick(win, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)  # File ▸ Merge exports
    wizard = win.exchange.wizard
    assert wizard is not None
    wizard.add_files([str(file)])  # as if dropped on it
    asked = when_modal(lambda box: click_button(box, "Yes"))  # trust Uganda's signer
    click(qtbot, wizard.preview_button)
    qtbot.waitUntil(wizard.apply_button.isEnabled, timeout=30000)
    click(qtbot, wizard.apply_button)
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=30000)
    assert len(asked) == 1 and ticking.calls == [(False, True), (False, True)]  # the preview, then the merge
    assert activity(path, added)["title"] == "Slum upgrading in Kampala"
    assert win.model.row_of(added) >= 0  # the window shows what the merge says changed
    wizard.close()


def test_what_a_job_closes_over_is_freed_on_the_gui_thread(qapp, qtbot) -> None:
    """A job's work often closes over a dialog or a model; once the window lets go of them, the last reference
    must be dropped on the GUI thread, never on the worker (Qt objects deleted off their thread crash the app)."""
    from habitat_desktop.ui.operations import Operations

    freed_on_gui_thread: list[bool] = []

    class Dialogish:  # stands for a dialog the work closes over
        def __del__(self) -> None:
            freed_on_gui_thread.append(threading.current_thread() is threading.main_thread())

    operations = Operations(None)
    held = Dialogish()
    operations.run("", lambda _progress, held=held: None, show_progress=False)
    del held  # the window lets go of it; only the job holds it now
    qtbot.waitUntil(lambda: not operations.busy())
    operations.run("", lambda _progress: None, show_progress=False)  # the next job reaches the worker
    qtbot.waitUntil(lambda: not operations.busy())
    qtbot.waitUntil(lambda: bool(freed_on_gui_thread))
    assert freed_on_gui_thread == [True]
