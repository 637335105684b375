"""Proposed new records (of an approved period, arrived by merge): how they read, and accepting or rejecting them."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from sqlmodel import Session, col, select

from habitat_desktop.domain.models import VERSIONED_TABLES, Activity, ChangeProposal, Office
from habitat_desktop.l10n import _
from habitat_desktop.l10n.formatting import format_date, format_money
from habitat_desktop.l10n.names import translated_name
from habitat_desktop.storage import activity_store, proposed_records
from habitat_desktop.storage.conflict_store import Candidate
from habitat_desktop.storage.recorder import Recorder

ViewT = TypeVar("ViewT")
_META = {"id", "created_at", "updated_at", "created_by", "changed_by", "version", "field_stamps", "field_clocks"}


def _row(proposal: ChangeProposal) -> dict[str, Any]:
    return dict(json.loads(proposal.value)["row"])


def _date(value: object) -> str:
    return format_date(dt.date.fromisoformat(value)) if isinstance(value, str) and value else "—"


def _label(table: str, row: dict[str, Any]) -> str:
    """What names the record: an activity's title, a funding line's amount, a status's resolution."""
    if table == "activity":
        return str(row["title"])
    if table == "funding":
        try:
            return format_money(Decimal(str(row["amount"])), str(row["currency"]))
        except (InvalidOperation, ValueError):
            return f"{row['amount']} {row['currency']}"
    return str(row.get("resolution_symbol") or row["id"])


def view(session: Session, proposal: ChangeProposal, kind: type[ViewT]) -> ViewT:
    """The proposal as ``services.proposals`` lists it (``kind``: its ProposalView): the record's fields proposed."""
    row = _row(proposal)
    values = {name: value for name, value in row.items() if name not in _META and name != "origin_export"}
    return kind(  # type: ignore[call-arg]
        f"proposal:{proposal.id}",
        proposal.record_table,
        proposal.record_id,
        proposed_records.NEW_RECORD,
        _label(proposal.record_table, row),
        proposal.office,
        proposal.period,
        proposal.stamp,
        values,
        None,
        "",
        True,
    )


def _office_name(session: Session, code: str) -> str:
    office = session.exec(select(Office).where(col(Office.code) == code)).first()
    return translated_name(office.name, office.translations or {}) if office is not None else code


def sentence(session: Session, table: str, office: str, label: str, period: str) -> str:
    """What the conflicts view says of a proposed new record, in a whole sentence."""
    name = _office_name(session, office)
    if table == "activity":
        text = _("{office} proposes a new activity “{title}” in the approved period {period}.")
    elif table == "funding":
        text = _("{office} proposes a new funding line of {title} in the approved period {period}.")
    else:
        text = _("{office} proposes a new status of resolution {title} in the approved period {period}.")
    return text.format(office=name, title=label, period=period)


def summary(table: str, values: dict[str, Any]) -> str:
    """The proposed record in one line (the conflicts view's proposed value)."""
    if table == "activity":
        return _("New activity “{title}”, from {start} to {end}").format(
            title=values["title"], start=_date(values.get("start_date")), end=_date(values.get("end_date"))
        )
    if table == "funding":
        return _("New funding line of {amount}, dated {date}").format(
            amount=_label(table, values), date=_date(values.get("date"))
        )
    return _("New status of resolution {symbol} for {period}").format(
        symbol=values.get("resolution_symbol"), period=values.get("period")
    )


def conflict_view(proposal_view: Any, kind: type[ViewT], label: str) -> ViewT:
    """The proposal shaped like a conflict (``kind``: ProposalConflictView): nothing now, the record proposed."""
    current = Candidate("", "", _("Not in this workspace until a coordinator accepts it"), True)
    proposed = Candidate(
        proposal_view.stamp, proposal_view.office, summary(proposal_view.table, proposal_view.value), False
    )
    return kind(  # type: ignore[call-arg]
        proposal_view.table,
        proposal_view.record_id,
        proposed_records.NEW_RECORD,
        label,
        [current, proposed],
        frozenset(),
        proposal_view.key,
    )


def decide(session: Session, recorder: Recorder, proposal: ChangeProposal, accept: bool) -> set[str]:
    """Insert the proposed record with this coordinator's write (kept, or deleted when rejected); a new activity's
    proposed new funding lines go with it. Return the keys of the proposals decided."""
    decided = {f"proposal:{proposal.id}"}
    table, record_id = proposal.record_table, proposal.record_id
    body = json.loads(proposal.value)
    connection = session.connection()
    proposed_records.insert_record(lambda sql, values: connection.exec_driver_sql(sql, values), table, body)
    session.delete(proposal)
    session.flush()
    record = session.get(VERSIONED_TABLES[table], record_id)
    assert record is not None
    if accept:
        recorder.update(record, {"deleted": False}, force=True)  # a coordinator's write: taken in
    else:
        recorder.delete(record)  # a tombstone: it travels, and the office's old export cannot bring it back
    if isinstance(record, Activity):
        activity_store.reindex(session, record, new=True)
        lines = select(ChangeProposal).where(
            col(ChangeProposal.record_table) == "funding", col(ChangeProposal.field) == proposed_records.NEW_RECORD
        )
        for line in session.exec(lines).all():
            if _row(line).get("activity_id") == record_id:
                decided |= decide(session, recorder, line, accept)
    return decided


__all__ = ["conflict_view", "decide", "sentence", "summary", "view"]
