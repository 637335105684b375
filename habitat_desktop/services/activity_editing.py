"""Editing one activity in an open workspace: load, check as typed, save with its funding, delete, restore, copy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from habitat_desktop.domain import activity_fields, cycles, rules, translation_status
from habitat_desktop.domain.activity import Context, parse_activity
from habitat_desktop.domain.activity_edits import Choice, rebase
from habitat_desktop.domain.amounts import parse_typed_amount
from habitat_desktop.domain.enums import FundingSource, FundingStage
from habitat_desktop.domain.errors import HabitatError, ValidationError
from habitat_desktop.domain.models import Activity, Funding, MergeEvent, Office
from habitat_desktop.l10n import LANGUAGES, _
from habitat_desktop.services import period_locks
from habitat_desktop.storage import activity_store, cycle_store
from habitat_desktop.storage.recorder import Recorder
from habitat_desktop.storage.workspace import Workspace

__all__ = [
    "ActivityDraft",
    "FundingEntry",
    "check_activity",
    "delete_activity",
    "duplicate_activity",
    "empty_values",
    "load_activity",
    "new_draft",
    "restore_activity",
    "save_activity",
    "validation_context",
]


@dataclass(frozen=True)
class FundingEntry:
    """One funding line of an activity, as the form shows it (amount already exact)."""

    amount: Decimal
    currency: str
    source: str
    stage: str
    contributor: str = ""
    date: dt.date | None = None
    id: str | None = None


@dataclass(frozen=True)
class ActivityDraft:
    """An activity's editable values (plain JSON: dates as ISO text) and its funding lines."""

    id: str | None
    values: dict[str, Any]
    funding: tuple[FundingEntry, ...] = ()
    deleted: bool = False
    created_by: str = ""
    changed_by: str = ""
    updated_at: dt.datetime | None = None
    version: str = ""
    came_through: tuple[str, str, dt.datetime] | None = None  # the last export it came through: file, signer, when
    translation_states: dict[str, dict[str, str]] = field(default_factory=dict)  # {language: {field: state}}


@dataclass
class _Checks:
    problems: dict[str, str] = field(default_factory=dict)

    def run(self, name: str, check: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return check(*args, **kwargs)
        except ValidationError as error:
            self.problems.setdefault(name or error.field, error.reason)
            return None


def new_draft(workspace: Workspace, language: str) -> ActivityDraft:
    """A new activity of the workspace's office, in its country, before anything is typed."""
    with workspace.reading() as session:
        office = session.scalars(select(Office).where(col(Office.code) == workspace.office)).first()
    return ActivityDraft(None, empty_values(workspace.office, language, office.country if office else None))


def empty_values(office: str, language: str, country: str | None = None) -> dict[str, Any]:
    """The values of a new activity before anything is typed."""
    return {**activity_fields.empty_values(), "office": office, "language": language, "country": country}


def _values(activity: Activity) -> dict[str, Any]:
    return activity_fields.plain_values(activity)


def _funding_rows(session: Session, activity_id: str) -> list[Funding]:
    statement = select(Funding).where(col(Funding.activity_id) == activity_id, col(Funding.deleted).is_(False))
    return list(session.scalars(statement.order_by(col(Funding.created_at), col(Funding.id))))


def load_activity(workspace: Workspace, activity_id: str) -> ActivityDraft:
    """An activity (deleted or not) with its funding; an error naming it when there is none."""
    with workspace.reading() as session:
        activity = session.get(Activity, activity_id)
        if activity is None:
            raise HabitatError(_("No activity {id} in this workspace").format(id=activity_id))
        funding = _current_funding(session, activity_id)
        event = (
            session.scalars(
                select(MergeEvent)
                .where(col(MergeEvent.export_id) == activity.origin_export)
                .order_by(col(MergeEvent.merged_at).desc())
            ).first()
            if activity.origin_export
            else None
        )
        return ActivityDraft(
            activity.id,
            _values(activity),
            funding,
            activity.deleted,
            activity.created_by,
            activity.changed_by,
            activity.updated_at,
            activity.version,
            (event.file_name, event.signer, event.merged_at) if event else None,
            _translation_states(activity),
        )


def _translation_states(activity: Activity) -> dict[str, dict[str, str]]:
    """The state of each translation of the activity's title and description (translation_status)."""
    found = translation_status.statuses(
        "activity",
        {name: getattr(activity, name) for name in activity_fields.TRANSLATABLE_FIELDS},
        activity.language,
        activity.translations,
        activity.translation_state,
        LANGUAGES,
    )
    states: dict[str, dict[str, str]] = {}
    for status in found:
        states.setdefault(status.language, {})[status.field] = status.state.value
    return states


def validation_context(workspace: Workspace) -> Context:
    """What checking an activity needs to know of the workspace (offices, resolutions); cheap to keep."""
    with workspace.reading() as session:
        return activity_store.validation_context(session, workspace.office)


def check_activity(
    context: Context, values: Mapping[str, Any], funding: Sequence[Mapping[str, Any]] = ()
) -> dict[str, str]:
    """Every problem of a form at once, keyed by field ("funding.2.amount" for a funding line); empty when valid."""
    _values, problems = activity_fields.problems(values, context)
    checks = _Checks(problems)
    for number, line in enumerate(funding):
        checks.run(f"funding.{number}.amount", _amount, line.get("amount"))
        checks.run(f"funding.{number}.currency", rules.currency, line.get("currency"))
    return checks.problems


def _amount(value: object) -> Decimal:
    if value in (None, ""):
        raise ValidationError("amount", _("is required"))
    if isinstance(value, Decimal):
        if value < 0:
            raise ValidationError("amount", _("an amount cannot be negative"))
        return value
    if isinstance(value, str):  # as typed in the form, in the form's language
        return parse_typed_amount(value)
    return rules.amount(value)


def _funding_fields(entry: FundingEntry, office: str, activity_id: str) -> dict[str, Any]:
    return {
        "office": office,
        "activity_id": activity_id,
        "resolution_symbol": None,
        "amount": _amount(entry.amount),
        "currency": rules.currency(entry.currency),
        "source": FundingSource.parse(entry.source, "source").value,
        "contributor": rules.text(entry.contributor, "contributor").strip(),
        "date": entry.date,
        "stage": FundingStage.parse(entry.stage, "stage").value,
    }


def save_activity(
    workspace: Workspace,
    activity_id: str | None,
    values: Mapping[str, Any],
    funding: Sequence[FundingEntry] | None = None,
    *,
    base: ActivityDraft | None = None,
    choices: Mapping[str, Choice] | None = None,
) -> str:
    """Save an activity and (when given) its funding lines as one transaction; return its id.

    With ``base`` (the version a form loaded), only the fields changed against it are written, over what the
    workspace holds now: changes saved since (a merge, a conflict resolution, another program) are kept, and a field
    changed on both sides raises EditConflictError until ``choices`` settles it; nothing is written then. An activity's
    office never changes by editing. Saving a deleted activity brings it back; funding lines missing from the list
    are deleted.
    """
    with workspace.transaction() as session:
        recorder = Recorder(session, workspace.office)
        existing = session.get(Activity, activity_id) if activity_id else None
        if existing is not None:
            values, funding = _rebased(session, existing, values, funding, base, choices)
        fields = parse_activity(values, activity_store.validation_context(session, workspace.office))
        cycle = cycle_store.load_cycle(session)
        period_locks.ensure_unlocked(cycle, existing, fields, workspace.office)  # approved periods are read-only
        activity, _outcome = activity_store.save(recorder, fields, activity_id)
        if funding is not None:
            _sync_funding(recorder, activity, funding, cycle)
        return activity.id


def _current_funding(session: Session, activity_id: str) -> tuple[FundingEntry, ...]:
    return tuple(
        FundingEntry(f.amount, f.currency, f.source, f.stage, f.contributor, f.date, f.id)
        for f in _funding_rows(session, activity_id)
    )


def _rebased(
    session: Session,
    existing: Activity,
    values: Mapping[str, Any],
    funding: Sequence[FundingEntry] | None,
    base: ActivityDraft | None,
    choices: Mapping[str, Choice] | None,
) -> tuple[dict[str, Any], Sequence[FundingEntry] | None]:
    """The values and funding to write over an existing activity, keeping its office and what changed since ``base``."""
    if base is None:
        return {**values, "office": existing.office}, funding
    if existing.deleted and not base.deleted:
        raise HabitatError(
            _("This activity was deleted since you opened it (by a merge or another program); restore it first.")
        )
    saved_funding = _current_funding(session, existing.id)
    rebased = rebase(
        {**base.values, "funding": base.funding},
        {**_values(existing), "funding": saved_funding},
        {**values, "funding": tuple(funding) if funding is not None else base.funding},
        choices,
    )
    written = rebased.values
    lines = written.pop("funding")
    return {**written, "office": existing.office}, (lines if "funding" in rebased.changed else None)


def _sync_funding(
    recorder: Recorder, activity: Activity, funding: Sequence[FundingEntry], cycle: cycles.Cycle | None = None
) -> None:
    """Write the funding lines; adding, changing or removing a line of an approved period is refused."""
    session = recorder.session
    session.flush()
    cycle = cycle or cycles.Cycle()
    kept: set[str] = set()
    for number, entry in enumerate(funding):
        try:
            fields = _funding_fields(entry, activity.office, activity.id)
        except ValidationError as error:
            raise ValidationError(f"funding.{number}.{error.field}", error.reason) from None
        existing = session.get(Funding, entry.id) if entry.id else None
        if existing is None:
            _funding_unlocked(cycle, activity, number, fields["date"])
            kept.add(recorder.create(Funding, fields, record_id=entry.id).id)
            continue
        fields["office"] = existing.office
        if existing.deleted or any(getattr(existing, name) != value for name, value in fields.items()):
            _funding_unlocked(cycle, activity, number, existing.date, fields["date"])
        recorder.update(existing, fields)
        recorder.restore(existing)
        kept.add(existing.id)
    for row in _funding_rows(session, activity.id):
        if row.id not in kept:
            _funding_unlocked(cycle, activity, None, row.date)
            recorder.delete(row)


def _funding_unlocked(cycle: cycles.Cycle, activity: Activity, number: int | None, *dates: dt.date | None) -> None:
    for date in dates:
        try:
            period_locks.ensure_funding_unlocked(cycle, activity.office, date, activity)
        except ValidationError as error:
            raise ValidationError("funding" if number is None else f"funding.{number}.date", error.reason) from None


def delete_activity(workspace: Workspace, activity_id: str) -> bool:
    """Delete an activity (it stays restorable in the Deleted view); False when it already was."""
    with workspace.transaction() as session:
        period_locks.check_session(session, session.get(Activity, activity_id), None, workspace.office)
        return activity_store.remove(Recorder(session, workspace.office), activity_id)


def restore_activity(workspace: Workspace, activity_id: str) -> str:
    """Bring a deleted activity back as it was."""
    draft = load_activity(workspace, activity_id)
    return save_activity(workspace, activity_id, draft.values)


def duplicate_activity(workspace: Workspace, activity_id: str) -> str:
    """A new activity with the same values and funding lines as another; return the copy's id."""
    draft = load_activity(workspace, activity_id)
    values = dict(draft.values)
    values["title"] = _("{title} (copy)").format(title=values["title"])
    return save_activity(workspace, None, values, [replace(f, id=None) for f in draft.funding])
