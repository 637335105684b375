"""Writes to shared records that keep merge metadata: version stamps per field, tombstones and the change log."""

from __future__ import annotations

import datetime as dt
import getpass
import json
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import delete
from sqlmodel import Session, col, select

from habitat_desktop.domain import clock, field_versions, translation_status
from habitat_desktop.domain.field_merge import joined
from habitat_desktop.domain.models import Change, FieldConflict, Versioned, WorkspaceSetting, new_id, utc_now

RecordT = TypeVar("RecordT", bound=Versioned)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def current_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


class Recorder:
    """Applies changes within one session as one office, stamping each with the workspace's clock."""

    def __init__(self, session: Session, office: str, *, author: str | None = None) -> None:
        self.session = session
        self.office = office
        self.author = current_author() if author is None else author
        self._replica: str | None = None

    @property
    def replica(self) -> str:
        """This workspace's key in version vectors (two laptops of one office have different keys)."""
        if self._replica is None:
            setting = self.session.get(WorkspaceSetting, "workspace_id")
            self._replica = clock.replica_of(setting.value) if setting else ""
        return self._replica

    def stamp(self) -> str:
        """A new stamp, later than every stamp this workspace has made or seen."""
        setting = self.session.get(WorkspaceSetting, "clock") or WorkspaceSetting(key="clock", value="0")
        reading = clock.next_clock(int(setting.value))
        setting.value = str(reading)
        self.session.add(setting)
        return str(clock.Stamp(reading, self.office, self.replica))

    def stamps(self, count: int) -> list[str]:
        """``count`` new stamps in order (bulk writes): the clock read once, then counted on by one, as ``stamp``
        counts within a millisecond; each later than any before, and the clock left at the last."""
        setting = self.session.get(WorkspaceSetting, "clock") or WorkspaceSetting(key="clock", value="0")
        first = clock.next_clock(int(setting.value))
        suffix = f"-{self.office}-{self.replica}" if self.replica else f"-{self.office}"
        made = [f"{reading:016x}{suffix}" for reading in range(first, first + count)]
        setting.value = str(first + count - 1) if count else setting.value
        self.session.add(setting)
        return made

    def _log(self, record: Versioned, field: str, action: str, old: Any, new: Any, stamp: str) -> None:
        self.session.add(
            Change(
                record_table=str(record.__tablename__),
                record_id=record.id,
                field=field,
                action=action,
                old_value=_jsonable(old),
                new_value=_jsonable(new),
                office=self.office,
                author=self.author,
                stamp=stamp,
            )
        )

    def create(self, model: type[RecordT], fields: dict[str, Any], *, record_id: str | None = None) -> RecordT:
        stamp = self.stamp()
        vector = {clock.Stamp.parse(stamp).writer: clock.Stamp.parse(stamp).clock}
        table = str(model.__tablename__)
        if table in translation_status.SOURCE_FIELDS and "translation_state" not in fields:
            fields = {**fields, "translation_state": _state_after(table, None, fields, stamp)}
        stamps, clocks = field_versions.compact(
            dict.fromkeys(fields, stamp),
            {name: dict(vector) for name in fields},
            stamp,
            field_versions.fields_of(table),
        )
        record = model(
            id=record_id or new_id(),
            created_by=self.office,
            changed_by=self.office,
            version=stamp,
            field_stamps=stamps,
            field_clocks=clocks,
            **fields,
        )
        self.session.add(record)
        self._log(record, "", "created", None, _jsonable(fields), stamp)
        return record

    def update(self, record: Versioned, fields: dict[str, Any], *, force: bool = False) -> list[str]:
        """Set the fields that differ (every field given, with ``force``); return their names.

        An update that changes nothing leaves no trace. A forced write of a field in conflict settles it: the
        new write has seen every competing value, which the change log keeps."""
        changed = [name for name, value in fields.items() if force or getattr(record, name) != value]
        if not changed:
            return []
        stamp = self.stamp()
        table = str(record.__tablename__)
        if (
            "translations" in changed
            and table in translation_status.SOURCE_FIELDS
            and "translation_state" not in fields
        ):
            fields = {**fields, "translation_state": _state_after(table, record, fields, stamp)}
            if fields["translation_state"] != record.translation_state:  # type: ignore[attr-defined]
                changed.append("translation_state")
        stamps, _clocks = field_versions.of_record(record)
        for name in changed:
            self._log(record, name, "updated", getattr(record, name), fields[name], stamp)
            setattr(record, name, fields[name])
            stamps[name] = stamp
        self._touch(record, stamp, stamps, changed)
        return changed

    def delete(self, record: Versioned) -> bool:
        """Mark the record deleted (a tombstone, so the deletion travels); False if it already was."""
        return self._set_deleted(record, True, "deleted")

    def restore(self, record: Versioned) -> bool:
        return self._set_deleted(record, False, "restored")

    def _set_deleted(self, record: Versioned, deleted: bool, action: str) -> bool:
        if record.deleted == deleted:
            return False
        stamp = self.stamp()
        self._log(record, "deleted", action, record.deleted, deleted, stamp)
        record.deleted = deleted
        self._touch(record, stamp, {**field_versions.of_record(record)[0], "deleted": stamp}, ["deleted"])
        return True

    def _touch(self, record: Versioned, stamp: str, stamps: dict[str, str], fields: list[str]) -> None:
        """Give the written fields ``stamp`` (``stamps``: the record's full stamps after the write), their new
        vectors, and the record its new version; the fields left alone keep their stamps and vectors."""
        field_versions.store(record, stamps, self._superseding_clocks(record, stamp, fields), stamp)
        record.changed_by = self.office
        record.updated_at = utc_now()
        self.session.add(record)

    def _superseding_clocks(self, record: Versioned, stamp: str, fields: list[str]) -> dict[str, dict[str, int]]:
        """Each written field's vector: everything its current heads had seen, plus this write (conflicts end)."""
        table = str(record.__tablename__)
        own_clock = clock.Stamp.parse(stamp).clock
        old_stamps, clocks = field_versions.of_record(record)
        losers: dict[str, list[dict[str, int]]] = {}
        if self.session.get(type(record), record.id) is not None:
            self.session.flush()
            values: dict[str, list[Any]] = {}
            for name, vector, value in self.session.execute(
                select(col(FieldConflict.field), col(FieldConflict.vector), col(FieldConflict.value)).where(
                    col(FieldConflict.record_table) == table,
                    col(FieldConflict.record_id) == record.id,
                    col(FieldConflict.field).in_(fields),
                )
            ):
                losers.setdefault(name, []).append(dict(vector))
                values.setdefault(name, []).append(json.loads(value))
            if losers:
                self.session.execute(
                    delete(FieldConflict).where(
                        col(FieldConflict.record_table) == table,
                        col(FieldConflict.record_id) == record.id,
                        col(FieldConflict.field).in_(list(losers)),
                    )
                )
                for name, replaced in values.items():  # the values set aside stay in the history
                    self._log(record, name, "resolved", replaced, getattr(record, name), stamp)
        writer = self.replica or self.office
        for name in fields:
            previous = clocks.get(name) or stamp_vector(old_stamps.get(name))
            vector = joined([previous, *losers.get(name, [])])
            vector[writer] = max(own_clock, vector.get(writer, 0))
            clocks[name] = dict(sorted(vector.items()))
        return dict(sorted(clocks.items()))


def _state_after(table: str, record: Versioned | None, fields: dict[str, Any], stamp: str) -> dict[str, Any]:
    """The translation state of a record whose translations this write sets (made from the sources it sets)."""
    sources = {
        name: str(fields[name] if name in fields else getattr(record, name, "") or "")
        for name in translation_status.SOURCE_FIELDS[table]
    }
    old_texts = getattr(record, "translations", {}) if record is not None else {}
    old_state = getattr(record, "translation_state", {}) if record is not None else {}
    return translation_status.refreshed(old_texts, fields.get("translations") or {}, old_state, sources, stamp)


def stamp_vector(stamp: str | None) -> dict[str, int]:
    """The vector of a write known only by its stamp (records written before vectors were kept)."""
    if not stamp:
        return {}
    parsed = clock.Stamp.parse(stamp)
    return {parsed.writer: parsed.clock}
