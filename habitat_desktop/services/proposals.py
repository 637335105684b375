"""Proposed changes (to approved records; writes a merge set aside): listing, accepting, rejecting.

Accepting or rejecting writes the chosen value as this coordinator's own write, one that has seen the proposal,
so the proposal never comes back with a later export of the same office; the value set aside stays in History.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from habitat_desktop.domain import clock, field_versions
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.domain.models import VERSIONED_TABLES, ChangeProposal, FieldConflict
from habitat_desktop.l10n import _
from habitat_desktop.services import new_records
from habitat_desktop.services.reporting_periods import require_coordinator
from habitat_desktop.storage import conflict_store, foreign_writes, proposed_records
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.conflict_store import Candidate, FieldConflictView
from habitat_desktop.storage.recorder import Recorder


@dataclass(frozen=True)
class ProposalView:
    """A proposed value of a field of an approved record, beside the approved value."""

    key: str
    table: str
    record_id: str
    field: str
    label: str
    office: str
    period: str
    stamp: str
    value: Any
    approved_value: Any
    approved_stamp: str = ""
    new_record: bool = False  # a whole record proposed (field ""), not a change of one field

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": "proposal",
            "new_record": self.new_record,
            "key": self.key,
            "table": self.table,
            "record": self.record_id,
            "field": self.field,
            "label": self.label,
            "office": self.office,
            "period": self.period,
            "values": [
                {
                    "stamp": self.approved_stamp,
                    "office": clock.Stamp.parse(self.approved_stamp).office if self.approved_stamp else "",
                    "value": self.approved_value,
                    "current": True,
                },
                {"stamp": self.stamp, "office": self.office, "value": self.value, "current": False},
            ],
        }


def _views(session: Session) -> list[tuple[ProposalView, ChangeProposal]]:
    found = []
    statement = select(ChangeProposal).order_by(col(ChangeProposal.record_id), col(ChangeProposal.field))
    for row in session.exec(statement):
        if row.field == proposed_records.NEW_RECORD:  # a new record of an approved period, not inserted yet
            found.append((new_records.view(session, row, ProposalView), row))
            continue
        record = session.get(VERSIONED_TABLES[row.record_table], row.record_id)
        if record is None:
            continue
        view = ProposalView(
            f"proposal:{row.id}",
            row.record_table,
            row.record_id,
            row.field,
            conflict_store._label(record),
            row.office,
            row.period,
            row.stamp,
            json.loads(row.value),
            conflict_store._stored(record, row.field),
            field_versions.of_record(record)[0].get(row.field, ""),
        )
        found.append((view, row))
    return found


def list_proposals(path: Path) -> list[ProposalView]:
    with storage.opened(Path(path), read_only=True) as workspace, workspace.reading() as session:
        return [view for view, _row in _views(session)]


@dataclass(frozen=True)
class ProposalConflictView(FieldConflictView):
    """A proposal as the conflicts view lists it: the approved value (shown now) and the proposed one."""

    proposal_key: str = ""

    @property
    def key(self) -> str:
        return self.proposal_key


def conflict_views(path: Path) -> list[ProposalConflictView]:
    """The proposals, shaped like the conflicts a merge leaves (for the window's conflicts view)."""
    views = []
    with storage.opened(Path(path), read_only=True) as workspace, workspace.reading() as session:
        listed = [view for view, _row in _views(session)]
        sentences = {
            view.key: new_records.sentence(session, view.table, view.office, view.label, view.period)
            for view in listed
            if view.new_record
        }
    for view in listed:
        if view.new_record:
            views.append(new_records.conflict_view(view, ProposalConflictView, sentences[view.key]))
            continue
        current = Candidate(
            view.approved_stamp, clock.Stamp.parse(view.approved_stamp).office, view.approved_value, True
        )
        proposed = Candidate(view.stamp, view.office, view.value, False)
        if view.period == foreign_writes.NO_PERIOD:  # a write its office may not make, set aside by a merge
            label = _("{label} (proposed by office {office}, which may change only its own records)").format(
                label=view.label, office=view.office
            )
        else:
            label = _("{label} (proposed change; period {period} is approved)").format(
                label=view.label, period=view.period
            )
        views.append(
            ProposalConflictView(
                view.table, view.record_id, view.field, label, [current, proposed], frozenset(), view.key
            )
        )
    return views


def decide(path: Path, keys: Sequence[str], *, accept: bool) -> int:
    """Accept (the proposed value becomes the approved one) or reject proposals; return how many were decided."""
    with storage.opened(Path(path)) as workspace, workspace.transaction() as session:
        known = {view.key: (view, row) for view, row in _views(session)}
        missing = [key for key in keys if key not in known]
        if missing:
            raise HabitatError(_("No proposed change {key}").format(key=missing[0]))
        if not all(_own_record(session, known[key][0], workspace.office) for key in keys):
            require_coordinator(session, workspace.office)
        recorder = Recorder(session, workspace.office)
        decided: set[str] = set()
        for key in dict.fromkeys(keys):
            view, row = known[key]
            if key in decided:
                continue  # a new funding line decided with its new activity
            if view.new_record:
                decided |= new_records.decide(session, recorder, row, accept)
            else:
                _decide(session, recorder, view, row, accept)
                decided.add(key)
        return len(decided)


def _own_record(session: Session, view: ProposalView, office: str) -> bool:
    """Whether a proposal is another office's change to a record of this workspace's office (its to decide)."""
    if view.period != foreign_writes.NO_PERIOD:
        return False
    record = session.get(VERSIONED_TABLES[view.table], view.record_id)
    owner = getattr(record, "code" if view.table == "office" else "office", None)
    return owner == office


def _decide(session: Session, recorder: Recorder, view: ProposalView, row: ChangeProposal, accept: bool) -> None:
    record = session.get(VERSIONED_TABLES[view.table], view.record_id)
    assert record is not None
    current_stamp = field_versions.of_record(record)[0].get(view.field, "")
    session.add(  # the proposal joins the field's heads, so the write below supersedes it
        FieldConflict(
            record_table=view.table,
            record_id=view.record_id,
            field=view.field,
            stamp=view.stamp,
            vector=row.vector,
            value=row.value,
            office=clock.Stamp.parse(view.stamp).office,
        )
    )
    session.delete(row)
    session.flush()
    current = Candidate(current_stamp, "", view.approved_value, True)
    proposed = Candidate(view.stamp, view.office, view.value, False)
    conflict = FieldConflictView(view.table, view.record_id, view.field, view.label, [current, proposed], frozenset())
    conflict_store.settle(session, recorder, conflict, view.stamp if accept else current_stamp)
