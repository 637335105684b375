"""Writes an export's signer may not make, set aside: the record left as it was, the signer's own writes kept as
proposals for this workspace to accept or reject.

The rule (``storage.write_policy.WritePolicy``): a country office's key changes only its own office's records (and
stamps only its own writes); passing on other offices' writes is for an office trusted as a coordinator; nobody
but this workspace's office changes this workspace's office record. An export that breaks the rule for some
records is not refused whole — a coordinator still wants the office's own reporting — but those records are set
aside, each whole (nothing of it merges, so no half-applied record):

- the signer's own writes to a record this workspace holds become proposals (``change_proposal`` with no
  period), listed in File ▸ Conflicts and by ``habitat conflicts`` beside the current value; accepting or
  rejecting one writes the chosen value as this workspace's own write that has seen it, so it never comes back;
- other offices' writes the signer passed on without being trusted to are left out: they arrive through the
  office that wrote them (or a coordinator);
- a record of another office that this workspace does not hold is left out, and counted.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from habitat_desktop.domain import clock, field_versions
from habitat_desktop.domain.field_merge import dominates
from habitat_desktop.storage.merging import data_fields
from habitat_desktop.storage.write_policy import ForbiddenWriteError, WritePolicy

NO_PERIOD = ""  # the period of a proposal that no approval lock made: a write its signer may not make


@dataclass(frozen=True)
class Proposal:
    """One write set aside: a field of a record, the signer's value and its version data."""

    table: str
    record_id: str
    field: str
    stamp: str
    vector: dict[str, int]
    value: Any


@dataclass
class SetAside:
    """What one export had set aside: proposals to store, and how many records were left out."""

    signer: str
    proposals: list[Proposal] = field(default_factory=list)
    records: int = 0

    def __call__(
        self,
        _error: ForbiddenWriteError,
        table: str,
        columns: list[str],
        theirs: tuple[Any, ...],
        mine: tuple[Any, ...] | None,
    ) -> None:
        """Set a record aside (``WritePolicy.set_aside``): keep the signer's writes the workspace has not seen."""
        self.records += 1
        if mine is None:
            return  # a record of another office this workspace never held: nothing to propose a change to
        their = dict(zip(columns, theirs, strict=True))
        local = dict(zip(columns, mine, strict=True))
        implied = field_versions.fields_of(table)  # stored compact: the record's version stands for most fields
        their_stamps, their_clocks = field_versions.expanded(
            json.loads(their["field_stamps"]), json.loads(their["field_clocks"]), their["version"], implied
        )
        my_stamps, my_clocks = field_versions.expanded(
            json.loads(local["field_stamps"]), json.loads(local["field_clocks"]), local["version"], implied
        )
        for name in data_fields(table):
            stamp = their_stamps.get(name, "")
            if not stamp or stamp == my_stamps.get(name, ""):
                continue
            parsed = clock.Stamp.parse(stamp)
            vector = their_clocks.get(name) or {parsed.writer: parsed.clock}
            if parsed.office != self.signer or dominates(my_clocks.get(name, {}), vector):
                continue  # passed on for another office, or already seen here
            if their[name] == local[name]:
                continue  # the same value: nothing to decide
            self.proposals.append(Proposal(table, str(local["id"]), name, stamp, vector, their[name]))

    def store(self, target: sqlite3.Connection, merge_id: str) -> int:
        """Write the proposals (each once, however often the export comes); return how many are new."""
        added = 0
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
        for proposal in self.proposals:
            cursor = target.execute(
                "INSERT OR IGNORE INTO change_proposal (record_table, record_id, field, stamp, vector, value, office, "
                "period, detected_at, merge_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    proposal.table,
                    proposal.record_id,
                    proposal.field,
                    proposal.stamp,
                    json.dumps(dict(sorted(proposal.vector.items()))),
                    json.dumps(proposal.value),
                    self.signer,
                    NO_PERIOD,
                    now,
                    merge_id,
                ),
            )
            added += cursor.rowcount
        return added


def quarantining(policy: WritePolicy) -> tuple[WritePolicy, SetAside]:
    """The same policy, setting records aside instead of refusing the export; and what it set aside."""
    aside = SetAside(policy.signer)
    return WritePolicy(policy.signer, policy.coordinator, policy.own_office, set_aside=aside), aside


__all__ = ["NO_PERIOD", "Proposal", "SetAside", "quarantining"]
