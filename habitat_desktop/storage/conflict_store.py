"""Conflicts left by merges: listing each field's competing values, and settling one by a superseding write."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Date
from sqlmodel import Session, col, select

from habitat_desktop.domain import clock, field_versions
from habitat_desktop.domain.models import VERSIONED_TABLES, Activity, Change, FieldConflict, Versioned
from habitat_desktop.domain.types import DecimalText
from habitat_desktop.storage import activity_store
from habitat_desktop.storage.recorder import Recorder, stamp_vector


@dataclass(frozen=True)
class Candidate:
    """One competing value of a field: who wrote it, when (its stamp), and whether it is shown now."""

    stamp: str
    office: str
    value: Any
    current: bool

    @property
    def written_at(self) -> dt.datetime | None:
        """When the value was written, by the writer's clock (a hybrid logical clock: close to its wall time)."""
        if not self.stamp:
            return None
        return dt.datetime.fromtimestamp(clock.Stamp.parse(self.stamp).milliseconds / 1000, dt.UTC)


@dataclass(frozen=True)
class FieldConflictView:
    """A field of a record with more than one surviving value."""

    table: str
    record_id: str
    field: str
    label: str
    candidates: list[Candidate]
    merge_ids: frozenset[str]

    @property
    def key(self) -> str:
        return f"{self.table}:{self.record_id}:{self.field}"


def _label(record: Versioned) -> str:
    if isinstance(record, Activity):
        return record.title
    for name in ("code", "contributor", "resolution_symbol"):
        value = getattr(record, name, None)
        if value:
            return str(value)
    return record.id


def _stored(record: Versioned, name: str) -> Any:
    """A field's value as the database stores it (the form conflicts keep)."""
    value = getattr(record, name)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value)
    return value


def open_conflicts(session: Session, *, merge_id: str | None = None) -> list[FieldConflictView]:
    """Every field in conflict (of one merge, when given), record by record."""
    statement = select(FieldConflict).order_by(
        col(FieldConflict.record_table),
        col(FieldConflict.record_id),
        col(FieldConflict.field),
        col(FieldConflict.stamp),
    )
    groups: dict[tuple[str, str, str], list[FieldConflict]] = {}
    for row in session.exec(statement):
        groups.setdefault((row.record_table, row.record_id, row.field), []).append(row)
    views = []
    for (table, record_id, name), rows in groups.items():
        if merge_id is not None and all(row.merge_id != merge_id for row in rows):
            continue
        record = session.get(VERSIONED_TABLES[table], record_id)
        if record is None:
            continue
        stamp = field_versions.of_record(record)[0].get(name, "")
        current = Candidate(
            stamp, clock.Stamp.parse(stamp).office if stamp else record.created_by, _stored(record, name), True
        )
        others = [Candidate(row.stamp, row.office, json.loads(row.value), False) for row in rows]
        views.append(
            FieldConflictView(
                table,
                record_id,
                name,
                _label(record),
                [current, *others],
                frozenset(row.merge_id for row in rows if row.merge_id),
            )
        )
    return views


def conflicted_records(session: Session, table: str = "activity", ids: list[str] | None = None) -> dict[str, str]:
    """Records with an open conflict ("open") or one settled before ("settled"): the mark they keep."""
    settled = select(col(Change.record_id)).where(col(Change.record_table) == table, col(Change.action) == "resolved")
    open_ = select(col(FieldConflict.record_id)).where(col(FieldConflict.record_table) == table)
    if ids is not None:
        settled = settled.where(col(Change.record_id).in_(ids))
        open_ = open_.where(col(FieldConflict.record_id).in_(ids))
    marks = {record_id: "settled" for record_id in session.scalars(settled)}
    marks.update({record_id: "open" for record_id in session.scalars(open_)})
    return marks


def _python_value(model: type[Versioned], name: str, stored: Any) -> Any:
    kind = model.__table__.columns[name].type  # type: ignore[attr-defined]
    if stored is None:
        return None
    if isinstance(kind, JSON):
        return json.loads(stored) if isinstance(stored, str) else stored
    if isinstance(kind, DecimalText):
        return Decimal(str(stored))
    if isinstance(kind, Date):
        return dt.date.fromisoformat(str(stored))
    if isinstance(kind, Boolean):
        return bool(stored)
    return stored


def settle(session: Session, recorder: Recorder, view: FieldConflictView, stamp: str) -> None:
    """Keep the candidate with this stamp: a new write that has seen every candidate ends the conflict."""
    model = VERSIONED_TABLES[view.table]
    record = session.get(model, view.record_id)
    chosen = next((c for c in view.candidates if c.stamp == stamp), None)
    if record is None or chosen is None:
        raise LookupError(stamp)
    value = _python_value(model, view.field, chosen.value)
    recorder.update(record, {view.field: value}, force=True)
    if isinstance(record, Activity):
        activity_store.reindex(session, record)


__all__ = ["Candidate", "FieldConflictView", "conflicted_records", "open_conflicts", "settle", "stamp_vector"]
