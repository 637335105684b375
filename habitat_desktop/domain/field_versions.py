"""A record's per-field stamps and version vectors as stored: only those its own ``version`` does not imply.

The full form (what merging reads, ``domain.field_merge``) gives each field written so far its stamp and its
version vector. Most fields share the record's stamp: every field of a freshly created record, every field a
write left alone since. So a record stores (and an export of format 2 carries) the compact form:

- a field of ``fields`` absent from the stored stamps has the stamp ``version``; a field of ``fields`` that has no
  stamp at all (never written) is stored as ``""``; a field beyond ``fields`` (``deleted``) is stored as it is;
- a field absent from the stored vectors has the vector of its own stamp alone, ``{writer: clock}`` (the vector
  of a write that saw nothing else of the field, as ``merging`` always read a missing vector).

The two compress independently: a field may keep the record's stamp and need an explicit vector (a write that
settled a conflict), or have a stamp of its own and the vector of that stamp alone (an edit by one writer).
``expanded`` reads a full dict that names every field of ``fields`` as it is, so readers expand whatever they
get; only a full dict missing a field would read differently (that field as stamped ``version``), which is why
exports of format 1 and workspaces before revision 0009 are compacted by migration 0009 before anything reads them.
When a write changes ``version``, callers expand with the old version and compact with the new one, so the fields
left alone keep their old stamps. A later migration that adds a column to a versioned table adds it to every
existing record's stored stamps as ``""`` (never written), unless it means the record's version to stand for it.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from typing import Any, ClassVar, Protocol

from habitat_desktop.domain import clock

Stamps = dict[str, str]
Clocks = dict[str, dict[str, int]]
NO_STAMP = ""
"""The stored stamp of a field of ``fields`` never written (no head: any write supersedes it)."""


@functools.lru_cache(maxsize=4096)
def _own_vector(stamp: str) -> tuple[str, int]:
    parsed = clock.Stamp.parse(stamp)
    return parsed.writer, parsed.clock


def own_vector(stamp: str) -> dict[str, int]:
    """The vector of a write known only by its stamp: its writer at its clock."""
    writer, reading = _own_vector(stamp)
    return {writer: reading}


@functools.cache
def fields_of(table: str) -> tuple[str, ...]:
    """The fields a record's ``version`` stands for when it has no stamp of its own: the table's columns beyond
    the ones every versioned record shares (so not ``deleted``, which a record mostly never writes)."""
    from habitat_desktop.domain.models import SQLModel, Versioned  # the tables (SQLModel metadata), no SQL

    shared = set(Versioned.model_fields)
    return tuple(sorted(c.name for c in SQLModel.metadata.tables[table].columns if c.name not in shared))


def expanded(
    stamps: Mapping[str, str], clocks: Mapping[str, Mapping[str, int]], version: str, fields: Collection[str]
) -> tuple[Stamps, Clocks]:
    """The full stamps and vectors of a record stored as ``stamps`` and ``clocks`` (compact or full)."""
    full_stamps = {name: version for name in fields if name not in stamps}
    for name, stamp in stamps.items():
        if stamp != NO_STAMP:
            full_stamps[name] = stamp
    full_clocks = {name: dict(vector) for name, vector in clocks.items()}
    for name, stamp in full_stamps.items():
        if name not in full_clocks:
            full_clocks[name] = own_vector(stamp)
    return dict(sorted(full_stamps.items())), dict(sorted(full_clocks.items()))


def compact(
    full_stamps: Mapping[str, str], full_clocks: Mapping[str, Mapping[str, int]], version: str, fields: Collection[str]
) -> tuple[Stamps, Clocks]:
    """What to store of a record's full stamps and vectors (``expanded`` gives them back)."""
    implied = set(fields)
    stamps = {name: NO_STAMP for name in implied if not full_stamps.get(name)}
    for name, stamp in full_stamps.items():
        if stamp and (stamp != version or name not in implied):
            stamps[name] = stamp
    clocks: Clocks = {}
    for name, vector in full_clocks.items():
        own = full_stamps.get(name, NO_STAMP)
        if not own and not vector:
            continue  # the empty vector of a field never written: as read when absent
        if not own or len(vector) != 1 or dict(vector) != own_vector(own):
            clocks[name] = dict(sorted(vector.items()))
    return dict(sorted(stamps.items())), dict(sorted(clocks.items()))


class _Record(Protocol):
    __tablename__: ClassVar[Any]
    version: str
    field_stamps: dict[str, str]
    field_clocks: dict[str, dict[str, int]]


def of_record(record: _Record) -> tuple[Stamps, Clocks]:
    """A record's full stamps and vectors (its ``field_stamps`` and ``field_clocks`` hold the compact form)."""
    return expanded(
        record.field_stamps or {}, record.field_clocks or {}, record.version, fields_of(str(record.__tablename__))
    )


def store(record: _Record, full_stamps: Stamps, full_clocks: Clocks, version: str) -> None:
    """Give a record a new ``version`` and its full stamps and vectors, stored compact."""
    record.field_stamps, record.field_clocks = compact(
        full_stamps, full_clocks, version, fields_of(str(record.__tablename__))
    )
    record.version = version


def written_stamps(stamps: Mapping[str, str], version: str) -> set[str]:
    """Every stamp a record holds (stored compact or full): its own ``version`` and the stamps of its fields."""
    return {version, *(stamp for stamp in stamps.values() if stamp)}


__all__ = ["NO_STAMP", "compact", "expanded", "fields_of", "of_record", "own_vector", "store", "written_stamps"]
