"""Hybrid logical clocks: version stamps that order changes without trusting field laptops' wall clocks.

A stamp is ``<hlc as 16 hex digits>-<office code>-<replica>``: the clock packs milliseconds since the epoch
(48 bits) and a counter (16 bits); it never goes backwards even when the wall clock does, and it moves past any
stamp it has seen. The replica (eight hex digits of the workspace's id) tells apart two laptops of the same
office, so no two writes anywhere share a stamp. Stamps compare as strings in the order of their clocks, ties
broken by office and replica, so every workspace picks the same winner.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

_COUNTER_BITS = 16
_COUNTER_MASK = (1 << _COUNTER_BITS) - 1
MAX_DRIFT_MS = 24 * 3600 * 1000
"""How far ahead of the local wall clock a received stamp may be before it is refused as poisonous."""
MAX_STAMP_LENGTH = 40
_STRICT_STAMP = re.compile(r"(?P<clock>[0-9a-f]{16})-(?P<office>[A-Z][A-Z0-9]{1,15})(?:-(?P<replica>[0-9a-f]{8}))?")
_WRITER = re.compile(r"[0-9a-f]{8}|[A-Z][A-Z0-9]{1,15}")


@dataclass(frozen=True, order=True)
class Stamp:
    """A version stamp: a hybrid logical clock reading and the office that made it."""

    clock: int
    office: str
    replica: str = ""

    def __str__(self) -> str:
        suffix = f"-{self.replica}" if self.replica else ""
        return f"{self.clock:016x}-{self.office}{suffix}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        clock, _, rest = text.partition("-")
        office, _, replica = rest.partition("-")
        if len(clock) != 16 or not office:
            raise ValueError(f"not a version stamp: {text!r}")
        return cls(int(clock, 16), office, replica)

    @property
    def writer(self) -> str:
        """The key of this stamp's writer in version vectors: the replica, or the office for old stamps."""
        return self.replica or self.office

    @property
    def milliseconds(self) -> int:
        return self.clock >> _COUNTER_BITS


def checked_stamp(text: object) -> Stamp:
    """A stamp exactly as this app writes it (office code, eight-hex-digit replica), or ValueError.

    ``Stamp.parse`` reads any stamp; stamps arriving from elsewhere must also be well formed, so that what a
    workspace accepts fits every column it is copied into, here and at the next hop.
    """
    match = _STRICT_STAMP.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not a version stamp: {str(text)[:60]!r}")
    return Stamp(int(match["clock"], 16), match["office"], match["replica"] or "")


def is_writer(key: object) -> bool:
    """Whether a version vector's key is a writer this app names: a replica (eight hex digits) or an office."""
    return isinstance(key, str) and _WRITER.fullmatch(key) is not None


def wall_clock_ms() -> int:
    return time.time_ns() // 1_000_000


def next_clock(last: int, now_ms: int | None = None) -> int:
    """The clock of a new local event after ``last``: wall time if it moved on, else ``last`` + 1."""
    physical = (wall_clock_ms() if now_ms is None else now_ms) << _COUNTER_BITS
    return physical if physical > last else last + 1


def observe(last: int, seen: int) -> int:
    """The local clock after seeing a stamp from elsewhere: never behind anything seen."""
    return max(last, seen)


def is_too_far_ahead(seen: int, now_ms: int | None = None) -> bool:
    """Whether a stamp lies further in the future than any honest clock drift explains."""
    now = wall_clock_ms() if now_ms is None else now_ms
    return (seen >> _COUNTER_BITS) - now > MAX_DRIFT_MS


def replica_of(workspace_id: str) -> str:
    """The short replica id of a workspace: the first eight hex digits of its id."""
    return workspace_id.replace("-", "")[:8].lower()
