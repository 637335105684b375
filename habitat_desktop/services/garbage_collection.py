"""Fewer garbage collections during work that allocates many small objects that all live on: reports, imports.

A report makes a tuple for every word it places (``Piece``) and keeps them until its pages are written; an import
keeps a chunk's rows until they are written. Python's young-generation collections, triggered every 700
allocations, keep scanning objects that are never garbage: about a sixth of a long report's processor time. Within
such work the threshold of the youngest generation is raised (collections still run, less often); the previous
thresholds come back when the last piece of such work ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 10_000  # allocations between young-generation collections within such work (Python: 700)
_lock = threading.Lock()
_active = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Within the block (work on several threads may overlap), collect the young generation less often."""
    global _active, _saved
    with _lock:
        if _active == 0:
            _saved = gc.get_threshold()
            if _saved[0] < YOUNG_THRESHOLD:
                gc.set_threshold(YOUNG_THRESHOLD, *_saved[1:])
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
