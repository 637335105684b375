"""The command line's log: a rotating file in the log folder; with --verbose, debugging detail on stderr too."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from habitat_desktop import logging_setup


def _flushed(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text("utf-8")


def test_a_refused_command_is_logged_and_verbose_shows_detail(run_cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(logging_setup.LOG_DIR_VARIABLE, str(tmp_path / "logs"))
    missing = tmp_path / "nowhere.habitat"
    quiet = run_cli("check", missing)
    assert quiet.code == 1 and "DEBUG" not in quiet.err
    loud = run_cli("check", missing, "--verbose")
    assert loud.code == 1
    assert "DEBUG habitat_desktop.cli" in loud.err and "habitat: error:" in loud.err
    logged = _flushed(tmp_path / "logs" / logging_setup.LOG_FILE_NAME)
    assert logged.count(f"habitat check refused: No workspace at {missing}") == 2
    assert "DEBUG" not in logged  # the file keeps INFO and above


def test_an_unwritable_log_folder_does_not_stop_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(logging_setup.LOG_DIR_VARIABLE, str(blocker / "logs"))
    assert logging_setup.configure() is None
    assert logging_setup.active_log_file() is None


def test_the_log_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(logging_setup.LOG_DIR_VARIABLE, str(tmp_path))
    monkeypatch.setattr(logging_setup, "MAX_BYTES", 2000)
    path = logging_setup.configure()
    assert path is not None and logging_setup.active_log_file() == path
    for number in range(100):
        logging.getLogger("habitat_desktop.test").info("line %d of the log", number)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == [logging_setup.LOG_FILE_NAME] + [f"{logging_setup.LOG_FILE_NAME}.{n}" for n in (1, 2, 3)]
    assert "line 99 of the log" in _flushed(path)
