"""Shared fixtures: workspaces in temporary folders and a way to run the command line as a user would."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from habitat_desktop import cli
from habitat_desktop.l10n import set_language
from habitat_desktop.services import demo, workspaces


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


@dataclass
class Outcome:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``habitat`` with arguments; return its exit code and what it printed."""

    def run(*args: object) -> Outcome:
        capsys.readouterr()
        try:
            code = cli.main([str(a) for a in args])
        except SystemExit as exit_:  # argparse's --help, --version and usage errors
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def qapp(qapp_args: list[str]):  # type: ignore[no-untyped-def]
    """The application set up as ``habitat-desktop`` sets it up (bundled fonts, menu style) for pytest-qt."""
    from PySide6.QtWidgets import QApplication

    from habitat_desktop.ui.main import prepare_application

    app = QApplication.instance() or QApplication(qapp_args)
    prepare_application(app)
    return app


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    """A fresh workspace of the Kenya country office."""
    path = tmp_path / "kenya.habitat"
    workspaces.create_workspace(path, office="KEN", office_name="UN-Habitat Kenya", country="KE").close()
    return path


@pytest.fixture(scope="session")
def _demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-master") / "demo.habitat"
    demo.create_demo(path).close()
    return path


@pytest.fixture
def demo_path(_demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo workspace."""
    path = tmp_path / "demo.habitat"
    shutil.copy(_demo_master, path)
    return path


@pytest.fixture(autouse=True)
def _log_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The log of the app under test goes to a temporary folder, never to the person's log folder."""
    monkeypatch.setenv("HABITAT_LOG_DIR", str(tmp_path_factory.mktemp("log")))
