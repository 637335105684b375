"""Peak memory of this process since it started its program, in MiB.

``getrusage(RUSAGE_SELF).ru_maxrss`` is wrong for a child: Linux carries the parent's high-water mark across
fork and exec, so a child of a large bench process reports the parent's size. ``VmHWM`` in /proc belongs to
the program's own address space; ru_maxrss is the fallback where /proc is missing.
"""

from __future__ import annotations

import resource
from pathlib import Path

SOURCE = """
def peak_mib():
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""


def peak_mib() -> float:
    """The high-water mark of this process's resident memory, in MiB."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
