"""Exports extracted and checked ahead of a merge, in a worker thread, while the export before them merges.

Extracting an export's database (unzip, SHA-256) and checking it (``export_checks``) take about a third as long
as merging it. A worker thread prepares the next exports, at most ``LOOKAHEAD`` ahead, while the merge runs
(SQLite, zlib and hashlib let go of the GIL while they work). Each copy lies in a private folder of its own,
removed once its export is merged, so disk use stays flat in the number of files. An export that fails a check
raises its ``ExportError`` when the merge reaches it; the caller's transaction then rolls back every file.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from habitat_desktop.domain.activity import Context
from habitat_desktop.exchange import export_checks
from habitat_desktop.exchange.package import Manifest, OpenedPackage, extract_database, remove_folder

LOOKAHEAD = 2


PREFIXES = ("habitat-merge-", "habitat-inspect-", "habitat-export-")
"""The private folders exchange makes in the temporary folder, each named with its process id."""
STALE = 24 * 3600


def private_folder(prefix: str) -> Path:
    """A new private folder in the temporary folder, named with this process's id (see ``remove_stale_copies``)."""
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))


@contextlib.contextmanager
def private_copy(prefix: str) -> Iterator[Path]:
    """A private folder (``private_folder``) for the length of a ``with`` block, removed with what it holds."""
    folder = private_folder(prefix)
    try:
        yield folder
    finally:
        remove_folder(folder)


def remove_stale_copies() -> None:
    """Remove the private folders that killed programs left: their process is gone (or, unnamed, a day old)."""
    for prefix in PREFIXES:
        for folder in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
            owner = folder.name[len(prefix) :].split("-")[0]
            try:
                if owner.isdigit():
                    if _alive(int(owner)):
                        continue
                elif time.time() - folder.stat().st_mtime < STALE:
                    continue
            except OSError:
                continue
            remove_folder(folder)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def prepare(path: Path, manifest: Manifest, context: Context) -> OpenedPackage:
    """Extract an export's database into a new private folder and check it (the folder goes if it fails)."""
    folder = private_folder("habitat-merge-")
    try:
        package = extract_database(path, manifest, folder)
        export_checks.check_and_upgrade(package.path, package.database, package.manifest, context)
    except BaseException:
        remove_folder(folder)
        raise
    return package


@contextlib.contextmanager
def prepared_in_turn(exports: Sequence[tuple[Path, Manifest]], context: Context) -> Iterator[Iterator[OpenedPackage]]:
    """The exports in their order, each extracted and checked ahead by a worker; no copy is left on exit."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="habitat-merge-prepare")
    pending: deque[Future[OpenedPackage]] = deque()
    handed: list[OpenedPackage] = []
    waiting = iter(exports)
    try:
        pending.extend(executor.submit(prepare, *export, context) for export in itertools.islice(waiting, LOOKAHEAD))
        yield _in_turn(executor, waiting, pending, handed, context)
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True)
        for future in pending:
            if not future.cancelled() and future.exception() is None:
                handed.append(future.result())
        for package in handed:
            remove_folder(package.database.parent)


def _in_turn(
    executor: ThreadPoolExecutor,
    waiting: Iterator[tuple[Path, Manifest]],
    pending: deque[Future[OpenedPackage]],
    handed: list[OpenedPackage],
    context: Context,
) -> Iterator[OpenedPackage]:
    """Hand out each prepared export in turn, keeping the worker ``LOOKAHEAD`` exports ahead."""
    while pending:
        package = pending[0].result()  # an export that failed a check raises here, in its turn
        pending.popleft()
        handed.append(package)
        pending.extend(executor.submit(prepare, *export, context) for export in itertools.islice(waiting, 1))
        yield package
        handed.remove(package)  # merged: its copy is no longer needed
        remove_folder(package.database.parent)
