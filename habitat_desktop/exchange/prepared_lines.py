"""The lines of a large JSON-lines import read, decoded, validated and made into activity rows by a worker process,
ahead of the import that writes them.

An import spends about as long in Python (reading, decoding, ``parse_activity``, formatting the row and its indexed
text) as SQLite spends writing (bench/README.md). From ``PROCESS_FROM`` bytes of file, a worker process does the
Python part of the next parts of the file while the importing thread writes the part before. The import cuts the
file into parts of whole lines (``parts``: binary reads, counting line ends for the numbers) and writes what comes
back. What needs the workspace stays with the import: whether an id is known (an update is saved field by field
there), repeated ids, deletions, lines with translations (their translation state holds the stamp) and approved
periods (an import into a workspace with one does not use the worker). Each line's outcome is the one the import
reaches by itself, in the same order: a refused line raises its own error when the import reaches it
(tests/test_import_worker.py holds the two ways equal), a byte that is not UTF-8 included: both refuse it on its
own line.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from enum import IntEnum
from multiprocessing import get_context
from pathlib import Path
from typing import IO

from habitat_desktop.domain.activity import Context, parse_activity
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.exchange.activity_files import MAX_LINE_BYTES, lines_of, record_id, record_of_line
from habitat_desktop.l10n import current_language, set_language
from habitat_desktop.storage.activity_rows import Prepared, prepared

PROCESS_FROM = 8 * 1024 * 1024
"""Bytes of JSON lines (about 20,000 activities) from which a worker process prepares them; below, starting one
costs more than it saves. ``HABITAT_IMPORT_PROCESS_FROM`` in the environment overrides it (tests use 0)."""
PART = 1024 * 1024
"""Bytes of whole lines the worker prepares at a time (about 2,000 activities)."""
LOOKAHEAD = 2
"""Parts the worker prepares ahead of the one being written (memory stays flat: a few MiB)."""

Part = tuple[int, int, int]
"""Where a part of the file starts and ends (bytes) and the number of its first line."""


class Kind(IntEnum):
    """What the worker made of a line."""

    NEW = 0  # valid, with its row prepared: written as a new activity unless the workspace knows its id
    ITSELF = 1  # the import applies the line itself (a deletion, translations, a ``deleted`` to check)
    REFUSED = 2  # the line's error, raised when the import reaches it (nothing after it was prepared)


Line = tuple[Kind, int, str | None, Prepared | ValidationError | None, str | None]
"""A line's kind, number, id (valid, when the worker got that far), row or error, and text (when it has an id or
is applied by the import, which may need to read it)."""


def uses_worker(size: int, approved_periods: bool) -> bool:
    """Whether an import of a file of ``size`` bytes has its lines prepared by a worker process."""
    if approved_periods or (os.cpu_count() or 1) < 2:
        return False
    setting = os.environ.get("HABITAT_IMPORT_PROCESS_FROM", "")
    return size >= (int(setting) if setting.strip().isdigit() else PROCESS_FROM)  # an odd setting is not ours


def parts(stream: IO[bytes]) -> Iterator[Part]:
    """The file cut into parts of whole lines (a line ends with LF, CR LF or CR, as the reader splits them), each
    about ``PART`` bytes; a line longer than any allowed is cut off where the reader would refuse it anyway."""
    start, number, carried = 0, 1, b""
    while True:
        block = stream.read(PART)
        data = carried + block
        if not block:
            if data:
                yield start, start + len(data), number
            return
        cut = max(data.rfind(b"\n"), data.rfind(b"\r"))
        if cut == len(data) - 1 and data.endswith(b"\r"):  # perhaps the first half of CR LF: wait for the next byte
            cut = max(data.rfind(b"\n", 0, cut), data.rfind(b"\r", 0, cut))
        if cut < 0 and len(data) <= 4 * MAX_LINE_BYTES + 8:  # no line ends yet (UTF-8 takes at most 4 bytes a letter)
            carried = data
            continue
        cut = len(data) - 1 if cut < 0 else cut
        whole = data[: cut + 1]
        yield start, start + len(whole), number
        start += len(whole)
        number += whole.count(b"\n") + whole.count(b"\r") - whole.count(b"\r\n")
        carried = data[cut + 1 :]


def prepare(path: Path, part: Part, name: str, context: Context) -> list[Line]:
    """What the import would make of each line of a part, up to the first refused one (run in the worker)."""
    start, end, first = part
    made: list[Line] = []
    with path.open("rb") as stream:
        stream.seek(start)
        data = stream.read(end - start)
    try:
        for number, line in lines_of(io.BytesIO(data), name, first, bom=start == 0):
            activity_id = None
            try:
                record = record_of_line(line, name, number)
                if record is None:  # a blank line
                    continue
                activity_id = record_id(record)
                if record.get("deleted") not in (None, False) or record.get("translations"):
                    made.append((Kind.ITSELF, number, activity_id, None, line))
                    continue
                fields = parse_activity(record, context)
            except ValidationError as error:
                located = error if error.line is not None else error.located(name, number)
                made.append((Kind.REFUSED, number, activity_id, located, None))
                return made
            made.append((Kind.NEW, number, activity_id, prepared(fields), line if activity_id else None))
    except ValidationError as error:  # a line longer than allowed, or not UTF-8
        made.append((Kind.REFUSED, error.line or first, None, error, None))
    return made


@contextmanager
def prepared_parts(path: Path, stream: IO[bytes], name: str, context: Context) -> Iterator[Iterator[list[Line]]]:
    """What the worker made of each part of the file, in order, the worker ``LOOKAHEAD`` parts ahead; the worker
    process stops when the block ends (an error or a cancelled import leaves nothing running)."""
    executor = ProcessPoolExecutor(
        max_workers=1, mp_context=get_context("spawn"), initializer=set_language, initargs=(current_language(),)
    )
    pending: list[Future[list[Line]]] = []
    try:
        yield _in_turn(executor, parts(stream), path, name, context, pending)
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


def _in_turn(
    executor: ProcessPoolExecutor,
    waiting: Iterator[Part],
    path: Path,
    name: str,
    context: Context,
    pending: list[Future[list[Line]]],
) -> Iterator[list[Line]]:
    for part in waiting:
        pending.append(executor.submit(prepare, path, part, name, context))
        if len(pending) > LOOKAHEAD:
            yield pending.pop(0).result()
    while pending:
        yield pending.pop(0).result()
