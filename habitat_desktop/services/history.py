"""An activity's change history (its funding lines' too) from the change log, told as sentences in the current
language, and its values as they were after any change."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.lists import format_list
from sqlalchemy import select
from sqlmodel import col

from habitat_desktop.domain import activity_fields
from habitat_desktop.domain.enums import ActivityStatus, FundingSource, FundingStage, PriorityDomain, ProductKind
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.domain.models import Change, Funding
from habitat_desktop.l10n import N_, _, language_name
from habitat_desktop.l10n.formatting import babel_locale, country_name, format_date, format_money, format_number
from habitat_desktop.l10n.translation import LANGUAGES
from habitat_desktop.services.activity_editing import load_activity
from habitat_desktop.storage import activity_snapshots
from habitat_desktop.storage.workspace import Workspace

__all__ = ["HistoryEntry", "activity_history", "describe", "field_label", "value_text", "values_at"]

FIELD_LABELS = {
    **{spec.key: spec.name for spec in activity_fields.ACTIVITY_FIELDS if spec.name},
    "translation_state": N_("Translation states"),
    "amount": N_("Amount"),
    "currency": N_("Currency"),
    "source": N_("Source"),
    "stage": N_("Stage"),
    "contributor": N_("Contributor"),
    "date": N_("Date"),
}
"""The names a person knows the stored fields by (activity and funding line)."""

_LISTS = activity_fields.LIST_FIELDS
_ENUMS: dict[str, Any] = {
    "status": ActivityStatus,
    "product_kind": ProductKind,
    "priority_domains": PriorityDomain,
    "source": FundingSource,
    "stage": FundingStage,
}


@dataclass(frozen=True)
class HistoryEntry:
    """One line of history: who (office, person) changed which field of the activity or of one of its funding
    lines (``record``), when, from what to what; ``subject`` names the funding line."""

    change_id: int
    action: str  # created | updated | deleted | restored | resolved
    field: str
    old_value: Any
    new_value: Any
    office: str
    author: str
    changed_at: dt.datetime
    stamp: str
    record: str = "activity"  # activity | funding
    subject: str = ""


def field_label(field: str) -> str:
    """A stored field's name in the current language ("status" → "Status", "Statut", "الحالة")."""
    return _(FIELD_LABELS[field]) if field in FIELD_LABELS else field


def _one(field: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if field in _ENUMS:
        try:
            return str(_ENUMS[field](str(value)).label())
        except ValueError:
            return str(value)
    if field in ("start_date", "end_date", "date"):
        try:
            return format_date(dt.date.fromisoformat(str(value)), style="medium")
        except ValueError:
            return str(value)
    if field == "country":
        return country_name(str(value))
    if field == "language":
        return language_name(str(value)) if value in LANGUAGES else str(value)
    if field == "outcomes":
        return _("Outcome {number}").format(number=value)
    if field == "operative_paragraphs" and ":" in str(value):
        symbol, number = str(value).rsplit(":", 1)
        return _("{symbol}, paragraph {number}").format(symbol=symbol, number=number)
    if field == "amount":
        try:
            return format_number(Decimal(str(value)))
        except InvalidOperation:
            return str(value)
    return str(value)


def value_text(field: str, value: Any) -> str:
    """A stored value as a person reads it, in the current language: labels for codes, dates and numbers in the
    language's form, lists joined as the language joins them; "" for no value."""
    if isinstance(value, list):
        return format_list([_one(field, item) for item in value], locale=babel_locale()) if value else ""
    if isinstance(value, dict):
        return format_list(
            [language_name(k) if k in LANGUAGES else str(k) for k in sorted(value)], locale=babel_locale()
        )
    return _one(field, value)


def _shortened(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[: limit - 1].rstrip() + "…"


def describe(entry: HistoryEntry, isolate: Callable[[str], str] = str, limit: int | None = None) -> str:
    """The change as one sentence in the current language. ``isolate`` wraps each value (the window keeps a Latin
    value's direction inside Arabic text so); ``limit`` shortens long values (a description) to that many letters."""

    def shown(field: str, value: Any) -> str:
        return isolate(_shortened(value_text(field, value), limit))

    field = field_label(entry.field)
    if entry.record == "funding":
        return _describe_funding(entry, isolate(entry.subject), field, shown)
    if entry.action == "created":
        title = entry.new_value.get("title", "") if isinstance(entry.new_value, dict) else ""
        return _("Activity created: {title}.").format(title=shown("title", title))
    if entry.action == "deleted":
        return _("Activity deleted.")
    if entry.action == "restored":
        return _("Activity restored.")
    if entry.action == "resolved":
        return _("Conflict over {field} settled: {kept} kept, {set_aside} set aside.").format(
            field=field, kept=shown(entry.field, entry.new_value), set_aside=shown(entry.field, entry.old_value)
        )
    if entry.field == "translations":
        old = entry.old_value if isinstance(entry.old_value, dict) else {}
        new = entry.new_value if isinstance(entry.new_value, dict) else {}
        changed = [code for code in sorted(set(old) | set(new)) if old.get(code) != new.get(code)]
        return _("Translations changed: {languages}.").format(languages=shown("translations", dict.fromkeys(changed)))
    if entry.field == "translation_state":
        return _describe_review(entry, shown)
    if entry.field in _LISTS and isinstance(entry.old_value or [], list) and isinstance(entry.new_value or [], list):
        return _describe_list(field, entry, shown)
    old_text, new_text = value_text(entry.field, entry.old_value), value_text(entry.field, entry.new_value)
    if not old_text:
        return _("{field} set to {new}.").format(field=field, new=shown(entry.field, entry.new_value))
    if not new_text:
        return _("{field} cleared (it was {old}).").format(field=field, old=shown(entry.field, entry.old_value))
    return _("{field} changed from {old} to {new}.").format(
        field=field, old=shown(entry.field, entry.old_value), new=shown(entry.field, entry.new_value)
    )


def _describe_review(entry: HistoryEntry, shown: Callable[[str, Any], str]) -> str:
    """A change of translation states alone (a review): which languages were marked reviewed, or unmarked."""
    old = entry.old_value if isinstance(entry.old_value, dict) else {}
    new = entry.new_value if isinstance(entry.new_value, dict) else {}

    def reviewed(states: dict[str, Any], code: str) -> bool:
        return any(isinstance(e, dict) and e.get("reviewed") for e in (states.get(code) or {}).values())

    languages = sorted(set(old) | set(new))
    marked = [code for code in languages if reviewed(new, code) and new.get(code) != old.get(code)]
    if marked:
        return _("Translations reviewed: {languages}.").format(languages=shown("translations", dict.fromkeys(marked)))
    changed = [code for code in languages if old.get(code) != new.get(code)]
    return _("Translation states changed: {languages}.").format(languages=shown("translations", dict.fromkeys(changed)))


def _describe_list(field: str, entry: HistoryEntry, shown: Callable[[str, Any], str]) -> str:
    old, new = list(entry.old_value or []), list(entry.new_value or [])
    added = [item for item in new if item not in old]
    removed = [item for item in old if item not in new]
    if added and removed:
        return _("{field}: {new_items} added, {old_items} removed.").format(
            field=field, new_items=shown(entry.field, added), old_items=shown(entry.field, removed)
        )
    if added:
        return _("{field}: {new_items} added.").format(field=field, new_items=shown(entry.field, added))
    if removed:
        return _("{field}: {old_items} removed.").format(field=field, old_items=shown(entry.field, removed))
    return _("{field}: the order changed.").format(field=field)


def _describe_funding(entry: HistoryEntry, line: str, field: str, shown: Callable[[str, Any], str]) -> str:
    if entry.action == "created":
        return _("Funding line added: {line}.").format(line=line)
    if entry.action == "deleted":
        return _("Funding line removed: {line}.").format(line=line)
    if entry.action == "restored":
        return _("Funding line brought back: {line}.").format(line=line)
    if entry.action == "resolved":
        return _("Funding line {line}: conflict over {field} settled, {kept} kept, {set_aside} set aside.").format(
            line=line,
            field=field,
            kept=shown(entry.field, entry.new_value),
            set_aside=shown(entry.field, entry.old_value),
        )
    return _("Funding line {line}: {field} changed from {old} to {new}.").format(
        line=line, field=field, old=shown(entry.field, entry.old_value), new=shown(entry.field, entry.new_value)
    )


def _funding_line(row: Funding) -> str:
    """A funding line named by what a person sees of it: amount and source ("US$5,000.00, Core resources")."""
    source = value_text("source", row.source)
    return _("{amount}, {source}").format(amount=format_money(row.amount, row.currency), source=source)


def _changes(workspace: Workspace, activity_id: str) -> tuple[list[Change], dict[str, str]]:
    """The activity's changes and its funding lines' (ordered by the merge clock), and each funding line's name."""
    with workspace.reading() as session:
        rows = list(session.scalars(select(Funding).where(col(Funding.activity_id) == activity_id)))
        names = {row.id: _funding_line(row) for row in rows}
        statement = select(Change).where(
            (col(Change.record_table) == "activity") & (col(Change.record_id) == activity_id)
            | (col(Change.record_table) == "funding") & col(Change.record_id).in_(list(names))
        )
        changes = sorted(session.scalars(statement), key=lambda c: (c.stamp, c.id or 0))  # merged logs interleave
        created = next((c for c in changes if c.record_table == "activity" and c.action == "created"), None)
        if created is not None and created.new_value is None:  # an import's line: the values are read back
            raw = session.connection().connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            now = activity_snapshots.stored_values(raw, activity_id) or {}
            session.expunge(created)  # the line itself stays as stored
            created.new_value = _as_created(now, changes)
    return changes, names


def _as_created(now: dict[str, Any], changes: Sequence[Change]) -> dict[str, Any]:
    """An activity's values as created, from its values now and its changes (oldest first): a field changed since
    holds, as created, the old value of its first change; any other field holds its value now."""
    values = dict(now)
    changed: set[str] = set()
    for change in changes:
        if change.record_table == "activity" and change.action == "updated" and change.field not in changed:
            changed.add(change.field)
            values[change.field] = change.old_value
    return values


def activity_history(workspace: Workspace, activity_id: str) -> list[HistoryEntry]:
    """Every change of an activity and of its funding lines, newest first."""
    changes, names = _changes(workspace, activity_id)
    # the state that follows a change of translations is part of that change, not a change of its own
    with_texts = {c.stamp for c in changes if c.field == "translations"}
    changes = [c for c in changes if not (c.field == "translation_state" and c.stamp in with_texts)]
    return [
        HistoryEntry(
            int(c.id or 0),
            c.action,
            c.field,
            c.old_value,
            c.new_value,
            c.office,
            c.author,
            c.changed_at,
            c.stamp,
            record=c.record_table,
            subject=names.get(c.record_id, "") if c.record_table == "funding" else "",
        )
        for c in reversed(changes)
    ]


def values_at(workspace: Workspace, activity_id: str, change_id: int) -> dict[str, Any]:
    """The activity's editable values as they stood right after a change (to restore that version); for a change
    of a funding line, the activity's values at that moment."""
    current = load_activity(workspace, activity_id).values
    values: dict[str, Any] = {}
    found = False
    changes: Sequence[Change] = _changes(workspace, activity_id)[0]
    for change in changes:
        if change.record_table == "activity":
            if change.action == "created" and isinstance(change.new_value, dict):
                values = dict(change.new_value)
            elif change.action in ("updated", "resolved") and change.field:
                values[change.field] = change.new_value
        if change.id == change_id:
            found = True
            break
    if not found:
        raise HabitatError(_("No change {number} in the history of this activity").format(number=change_id))
    return {name: values.get(name, current[name]) for name in current}
