"""The smoke-test switch packaging uses: the app opens a workspace, says which window it shows, and quits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("PySide6")


def _run(path: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "HABITAT_SMOKE_TEST": "1",
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    return subprocess.run(
        [sys.executable, "-m", "habitat_desktop.ui.main", str(path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_window_opens_on_a_workspace_and_the_app_quits(demo_path: Path, tmp_path: Path) -> None:
    done = _run(demo_path, tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"window shown: {demo_path.name}" in done.stdout


def test_a_workspace_that_cannot_open_is_reported(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.habitat"
    bogus.write_text("not a workspace")
    done = _run(bogus, tmp_path)
    assert done.returncode == 1 and "not a Habitat workspace" in done.stdout
