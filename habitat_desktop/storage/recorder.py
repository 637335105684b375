"""Writes to shared records that keep merge metadata: version stamps per field, tombstones and the change log."""

from __future__ import annotations

import datetime as dt
import getpass
from decimal import Decimal
from typing import Any, TypeVar

from sqlmodel import Session

from habitat_desktop.domain import clock
from habitat_desktop.domain.models import Change, Versioned, WorkspaceSetting, new_id, utc_now

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

    def stamp(self) -> str:
        """A new stamp, later than every stamp this workspace has made or seen."""
        setting = self.session.get(WorkspaceSetting, "clock") or WorkspaceSetting(key="clock", value="0")
        reading = clock.next_clock(int(setting.value))
        setting.value = str(reading)
        self.session.add(setting)
        return str(clock.Stamp(reading, self.office))

    def _log(self, record: Versioned, field: str, action: str, old: Any, new: Any, stamp: str) -> None:
        self.session.add(Change(record_table=str(record.__tablename__), record_id=record.id, field=field,
                                action=action, old_value=_jsonable(old), new_value=_jsonable(new),
                                office=self.office, author=self.author, stamp=stamp))

    def create(self, model: type[RecordT], fields: dict[str, Any], *, record_id: str | None = None) -> RecordT:
        stamp = self.stamp()
        record = model(id=record_id or new_id(), created_by=self.office, changed_by=self.office, version=stamp,
                       field_stamps=dict.fromkeys(fields, stamp), **fields)
        self.session.add(record)
        self._log(record, "", "created", None, _jsonable(fields), stamp)
        return record

    def update(self, record: Versioned, fields: dict[str, Any]) -> list[str]:
        """Set the fields that differ; return their names (an update that changes nothing leaves no trace)."""
        changed = [name for name, value in fields.items() if getattr(record, name) != value]
        if not changed:
            return []
        stamp = self.stamp()
        stamps = dict(record.field_stamps)
        for name in changed:
            self._log(record, name, "updated", getattr(record, name), fields[name], stamp)
            setattr(record, name, fields[name])
            stamps[name] = stamp
        self._touch(record, stamp, stamps)
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
        self._touch(record, stamp, {**record.field_stamps, "deleted": stamp})
        return True

    def _touch(self, record: Versioned, stamp: str, stamps: dict[str, str]) -> None:
        record.field_stamps = stamps
        record.version = stamp
        record.changed_by = self.office
        record.updated_at = utc_now()
        self.session.add(record)
