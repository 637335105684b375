"""Exports extracted and checked ahead of a merge, by a worker, while the export before them merges.

Extracting an export's database (unzip, SHA-256) and checking it (``export_checks``) take about as long as
merging it. A worker prepares the next exports, at most ``LOOKAHEAD`` ahead, while the merge runs. Exports of
``PROCESS_FROM`` records or more are prepared in a worker process: the checks are Python and would otherwise
hold the GIL the merging thread needs between its SQLite calls (a thread made a 10 × 20,000 merge take as long
as doing both in turn; bench/README.md). Fewer records are prepared in a thread, which starts at once. Each copy
lies in a private folder of its own, named with the merging process's id and removed once its export is merged,
so disk use stays flat in the number of files. An export that fails a check raises its ``ExportError`` when the
merge reaches it; the caller's transaction then rolls back every file.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from habitat_desktop.domain.activity import Context
from habitat_desktop.exchange import export_checks
from habitat_desktop.exchange.package import Manifest, OpenedPackage, extract_database, remove_folder
from habitat_desktop.l10n import current_language, set_language

LOOKAHEAD = 2
PROCESS_FROM = 20_000
"""Records (of all the exports to prepare) from which a worker process prepares them rather than a thread;
``HABITAT_CHECK_PROCESS_FROM`` in the environment overrides it (the bundle check uses 0)."""


PREFIXES = ("habitat-merge-", "habitat-inspect-", "habitat-export-")
"""The private folders exchange makes in the temporary folder, each named with its process id."""
STALE = 24 * 3600


def private_folder(prefix: str, owner: int | None = None) -> Path:
    """A new private folder in the temporary folder, named with the id of the process that uses it (this one
    unless ``owner`` says which), so ``remove_stale_copies`` leaves it while that process lives."""
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid() if owner is None else owner}-"))


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


def prepare(path: Path, manifest: Manifest, context: Context, owner: int | None = None) -> OpenedPackage:
    """Extract an export's database into a new private folder and check it (the folder goes if it fails);
    ``owner``: the id of the merging process, when a worker process prepares it."""
    folder = private_folder("habitat-merge-", owner)
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
    executor = _worker(exports)
    pending: deque[Future[OpenedPackage]] = deque()
    handed: list[OpenedPackage] = []
    waiting = iter(exports)
    owner = os.getpid()
    try:
        pending.extend(
            executor.submit(prepare, *export, context, owner) for export in itertools.islice(waiting, LOOKAHEAD)
        )
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


def _worker(exports: Sequence[tuple[Path, Manifest]]) -> Executor:
    """A worker process for many records (started fresh: ``spawn`` on every system), else a worker thread."""
    records = sum(sum(manifest.counts.values()) for _path, manifest in exports)
    if records < int(os.environ.get("HABITAT_CHECK_PROCESS_FROM", PROCESS_FROM)):
        return ThreadPoolExecutor(max_workers=1, thread_name_prefix="habitat-merge-prepare")
    return ProcessPoolExecutor(
        max_workers=1, mp_context=get_context("spawn"), initializer=set_language, initargs=(current_language(),)
    )


def _in_turn(
    executor: Executor,
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
        pending.extend(
            executor.submit(prepare, *export, context, os.getpid()) for export in itertools.islice(waiting, 1)
        )
        yield package
        handed.remove(package)  # merged: its copy is no longer needed
        remove_folder(package.database.parent)
