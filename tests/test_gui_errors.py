"""Unexpected errors in the window: shown in a dialog (message, copy details, where the log is) and logged."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QWidget

from habitat_desktop import logging_setup
from habitat_desktop.ui import error_dialog
from habitat_desktop.ui.about import about_text
from habitat_desktop.ui.operations import Operations

pytestmark = [pytest.mark.gui, pytest.mark.qt_no_exception_capture]


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(logging_setup.LOG_DIR_VARIABLE, str(tmp_path / "logs"))
    path = logging_setup.configure()
    assert path is not None
    yield path
    for handler in logging.getLogger().handlers:
        handler.flush()


@pytest.fixture
def installed(qapp: QApplication) -> Iterator[error_dialog.ErrorReporter]:
    reporter = error_dialog.install()
    yield reporter
    reporter.uninstall()


def _button_texts(dialog: QWidget) -> set[str]:
    return {button.text().replace("&", "") for button in dialog.findChildren(QPushButton)}


def _answer_error_dialog(seen: dict[str, str]) -> None:
    """Answer the error dialog as a person would: find it by its buttons, copy the details, close it."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible() and "Copy details" in _button_texts(widget):
            copy = next(b for b in widget.findChildren(QPushButton) if b.text().replace("&", "") == "Copy details")
            copy.click()
            seen["clipboard"] = QGuiApplication.clipboard().text()
            seen["text"] = " ".join(label.text() for label in widget.findChildren(QLabel))
            close = next(b for b in widget.findChildren(QPushButton) if b.text().replace("&", "") == "Close")
            close.click()
            return
    QTimer.singleShot(50, lambda: _answer_error_dialog(seen))


def test_an_error_raised_in_a_slot_is_shown_and_logged(qtbot, log_file: Path, installed) -> None:  # type: ignore[no-untyped-def]
    window = QWidget()
    button = QPushButton("Go", window)
    qtbot.addWidget(window)

    def broken() -> None:
        raise RuntimeError("the chart lost its bars")

    button.clicked.connect(broken)
    window.show()
    seen: dict[str, str] = {}
    QTimer.singleShot(0, lambda: _answer_error_dialog(seen))
    button.click()
    qtbot.waitUntil(lambda: "clipboard" in seen, timeout=10000)
    assert "RuntimeError: the chart lost its bars" in seen["clipboard"]
    assert "in broken" in seen["clipboard"]  # the traceback, for whoever supports
    assert "the chart lost its bars" in seen["text"] and str(log_file) in seen["text"]  # the message, the log
    assert window.isVisible()  # the window stays
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = log_file.read_text("utf-8")
    assert "RuntimeError: the chart lost its bars" in logged and "Traceback" in logged


def test_an_unexpected_error_of_background_work_reaches_the_dialog_not_the_slot(qtbot, log_file: Path) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    runner = Operations(host)
    failures: list[str] = []
    runner.failed.connect(failures.append)
    seen: dict[str, str] = {}
    QTimer.singleShot(0, lambda: _answer_error_dialog(seen))

    def work(_progress: object) -> None:
        raise KeyError("funding line 7")

    runner.run("Working", work)
    qtbot.waitUntil(lambda: "clipboard" in seen and not runner.busy(), timeout=10000)
    assert "KeyError: 'funding line 7'" in seen["clipboard"]
    assert failures == ["'funding line 7'"]
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "KeyError: 'funding line 7'" in log_file.read_text("utf-8")


def test_about_says_where_the_log_is(qapp: QApplication, log_file: Path) -> None:
    assert str(log_file) in about_text(None)


def test_an_error_in_another_thread_is_shown_on_the_gui_thread(qtbot, log_file: Path, installed) -> None:  # type: ignore[no-untyped-def]
    import threading

    def broken() -> None:
        raise ValueError("a background check stumbled")

    seen: dict[str, str] = {}
    QTimer.singleShot(0, lambda: _answer_error_dialog(seen))
    thread = threading.Thread(target=broken)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: "clipboard" in seen, timeout=10000)
    assert "ValueError: a background check stumbled" in seen["clipboard"]
