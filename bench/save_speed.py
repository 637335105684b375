"""Save speed: one activity saved from the form, as the window did before (a bare service call on the GUI thread)
and as it does now (an undo step kept in the workspace, the call run on the workspace worker), and undo/redo.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/save_speed.py [--saves N]`` on the demo workspace.
Figures only, no pass/fail: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from habitat_desktop.services import activity_editing, activity_steps, demo, undo, workspaces


def _median_ms(label: str, runs: int, action: Callable[[int], object]) -> None:
    times = []
    for number in range(runs):
        started = time.perf_counter()
        action(number)
        times.append((time.perf_counter() - started) * 1000)
    print(f"{label:<58} median {statistics.median(times):7.2f} ms   max {max(times):7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--saves", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.habitat"
        demo.create_demo(path).close()
        with workspaces.opened(path) as workspace:
            ids = [row.id for row in activity_editing_rows(workspace)][: args.saves]

            def bare(number: int) -> None:
                base = activity_editing.load_activity(workspace, ids[number % len(ids)])
                values = {**base.values, "title": f"Bare save {number}"}
                activity_editing.save_activity(workspace, base.id, values, base.funding, base=base)

            def step(number: int) -> None:
                base = activity_editing.load_activity(workspace, ids[number % len(ids)])
                values = {**base.values, "title": f"Step save {number}"}
                activity_steps.save(workspace, base, values, base.funding)

            _median_ms("save, bare service call (before)", args.saves, bare)
            _median_ms("save kept as an undo step (now)", args.saves, step)
            _median_ms("undo", min(args.saves, 50), lambda _n: undo.undo(workspace))
            _median_ms("redo", min(args.saves, 50), lambda _n: undo.redo(workspace))
            _window(workspace, ids, args.saves)


def activity_editing_rows(workspace: workspaces.Workspace) -> list:  # type: ignore[type-arg]
    from habitat_desktop.services.activities import ActivityFilter, activity_rows

    return activity_rows(workspace, ActivityFilter(), 0, 500)


def _window(workspace: workspaces.Workspace, ids: list[str], saves: int) -> None:
    """The same step through the window's operations: sent to the worker, waited for with events processed."""
    from PySide6.QtWidgets import QApplication, QWidget

    from habitat_desktop.ui.operations import Operations

    app = QApplication.instance() or QApplication([])
    host = QWidget()
    operations = Operations(host)

    def through_worker(number: int) -> None:
        base = activity_editing.load_activity(workspace, ids[number % len(ids)])
        values = {**base.values, "title": f"Worker save {number}"}
        operations.call("", lambda _p: activity_steps.save(workspace, base, values, base.funding), show_progress=False)

    _median_ms("save kept as an undo step, through the worker (window)", saves, through_worker)
    del app


if __name__ == "__main__":
    main()
