"""Merging one field of one record from two workspaces: a join that converges whatever the order of merges.

A field's state is a set of *heads*: the values written concurrently that no later write has superseded. Each
head carries the stamp of its write (a hybrid-logical-clock reading and an office, ``clock.Stamp``) and a
version vector (office → highest clock of that office's writes the head had seen). A head whose vector is
dominated by another's was seen by that write and drops out; what is left are concurrent writes. The value
shown is the head with the greatest stamp — a deterministic winner on every workspace; more than one head
is a conflict that keeps every value until someone resolves it by writing a value that has seen them all.

Taking the union of heads and dropping dominated ones is commutative, associative and idempotent, so
workspaces merged in any order and grouping (office → region → headquarters) end in the same state.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

VersionVector = dict[str, int]


def dominates(a: Mapping[str, int], b: Mapping[str, int]) -> bool:
    """Whether a write with vector ``a`` had seen everything a write with vector ``b`` had (a ≥ b)."""
    return all(a.get(office, 0) >= clock for office, clock in b.items())


def joined(vectors: Iterable[Mapping[str, int]]) -> VersionVector:
    """The pointwise maximum of vectors: what has been seen by any of them."""
    result: VersionVector = {}
    for vector in vectors:
        for office, clock in vector.items():
            if clock > result.get(office, 0):
                result[office] = clock
    return dict(sorted(result.items()))


@dataclass(frozen=True)
class Head:
    """One surviving write of a field: its stamp, the vector it had seen and its value."""

    stamp: str
    vector: Mapping[str, int] = field(hash=False, compare=False)
    value: Any = field(hash=False, compare=False)


def merge_heads(*sides: Iterable[Head]) -> list[Head]:
    """The heads after merging: union, minus every head another head supersedes; winner first."""
    by_stamp: dict[str, Head] = {}
    for side in sides:
        for head in side:
            by_stamp.setdefault(head.stamp, head)
    heads = list(by_stamp.values())
    survivors = [
        h
        for h in heads
        if not any(o.stamp != h.stamp and dominates(o.vector, h.vector) and o.vector != h.vector for o in heads)
    ]
    return sorted(survivors, key=lambda h: h.stamp, reverse=True)


def local_write(heads: Iterable[Head], stamp: str, office: str, clock: int, value: Any) -> Head:
    """A new write by this workspace, which has seen every current head: it supersedes them all."""
    vector = joined(h.vector for h in heads)
    vector[office] = max(clock, vector.get(office, 0))
    return Head(stamp, dict(sorted(vector.items())), value)
