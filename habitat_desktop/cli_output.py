"""``-o -`` on the command line: a command's file written to standard output instead of beside it."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["STANDARD_OUTPUT", "is_stdout", "through_stdout"]

STANDARD_OUTPUT = "-"
"""``-o -``: write to standard output instead of a file, for every command that takes ``-o``."""


def is_stdout(output: Path | None) -> bool:
    return output is not None and str(output) == STANDARD_OUTPUT


@contextmanager
def through_stdout(name: str) -> Iterator[Path]:
    """A temporary file the block writes (services write files whole or not at all), then copied to standard
    output as bytes; nothing reaches standard output if the block fails."""
    with tempfile.TemporaryDirectory(prefix="habitat-stdout-") as folder:
        target = Path(folder) / name
        yield target
        sys.stdout.flush()
        with target.open("rb") as written:
            shutil.copyfileobj(written, sys.stdout.buffer)
        sys.stdout.buffer.flush()
