"""Logging for the window and the command line: a rotating file in the platform's log folder, stderr on request.

The file keeps what the application reports at INFO and above (and every unexpected error with its traceback)
so a person can send it to whoever supports them; ``habitat --verbose`` also writes DEBUG detail to stderr.
``HABITAT_LOG_DIR`` puts the log elsewhere (tests, portable installs). If the folder cannot be written the
application runs without a log file rather than refusing to start.
"""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

from habitat_desktop import APP_NAME

LOG_DIR_VARIABLE = "HABITAT_LOG_DIR"
LOG_FILE_NAME = "habitat-desktop.log"
MAX_BYTES = 1024 * 1024  # each file; with BACKUPS older ones, at most 4 MiB of log
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d:%(threadName)s] %(message)s"
_OURS = "_habitat_handler"  # marks the handlers configure() adds, so calling it again replaces them

log = logging.getLogger(__name__)


def log_folder() -> Path:
    """The folder of the log: the platform's log folder for the application, or ``HABITAT_LOG_DIR``."""
    chosen = os.environ.get(LOG_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, "UN-Habitat"))


def log_path() -> Path:
    """Where the log file is (or would be)."""
    return log_folder() / LOG_FILE_NAME


def active_log_file() -> Path | None:
    """The log file being written, if logging is configured with one."""
    for handler in logging.getLogger().handlers:
        if getattr(handler, _OURS, False) and isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def configure(*, verbose: bool = False, stream: TextIO | None = None) -> Path | None:
    """Send the application's log to the rotating file (and, with ``verbose``, DEBUG detail to ``stream``).

    Returns the log file, or None when its folder cannot be written. Calling it again replaces what it set up.
    """
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, _OURS, False)]:
        root.removeHandler(handler)
        handler.close()
    formatter = logging.Formatter(FORMAT)
    path: Path | None = log_path()
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        file_handler = logging.NullHandler()
        unwritable = f"{path}: {error.strerror or error}"
        path = None
    else:
        unwritable = ""
    file_handler.setLevel(logging.INFO)
    handlers = [file_handler]
    if verbose:
        terminal = logging.StreamHandler(stream or sys.stderr)
        terminal.setLevel(logging.DEBUG)
        handlers.append(terminal)
    for handler in handlers:
        setattr(handler, _OURS, True)
        handler.setFormatter(formatter)
        root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)  # other libraries: warnings and errors only
    for name in ("habitat_desktop", "alembic.runtime.migration"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.captureWarnings(True)
    if unwritable:
        log.warning("no log file: %s", unwritable)
    return path


__all__ = ["LOG_DIR_VARIABLE", "active_log_file", "configure", "log_folder", "log_path"]
