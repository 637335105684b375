"""Undo and redo, kept in the workspace beside the change log: the window and ``habitat undo``/``redo`` share them.

A step is one write of one activity (create, edit, delete, restore, duplicate, restore a version): the activity as
it was before and after. Undoing puts back the fields the step changed, over what the workspace holds now, like a
form saved against the version it loaded: a field changed since by someone else (a merge, another program) is kept,
and one changed both by the step and since raises an error naming the step; nothing is written then. Redo is the
same the other way. A purge forgets every step (the earlier states it held are erased).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from habitat_desktop.domain.activity_edits import EditConflictError
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import N_, _, current_language
from habitat_desktop.l10n.punctuation import compact_list
from habitat_desktop.services.activity_editing import (
    ActivityDraft,
    FundingEntry,
    delete_activity,
    load_activity,
    save_activity,
)
from habitat_desktop.services.changes import Changes
from habitat_desktop.services.history import field_label
from habitat_desktop.storage import undo_log
from habitat_desktop.storage.workspace import Workspace

__all__ = ["LABELS", "UndoStatus", "forget", "record", "redo", "status", "undo"]

LABELS = {
    "create": N_("Create activity"),
    "edit": N_("Edit activity"),
    "delete": N_("Delete activity"),
    "restore": N_("Restore activity"),
    "duplicate": N_("Duplicate activity"),
    "version": N_("Restore version"),
}
"""What each kind of step is called (untranslated; shown with ``_``)."""


@dataclass(frozen=True)
class UndoStatus:
    """The kind of step Undo and Redo would take now (keys of ``LABELS``), None when there is none."""

    undo: str | None
    redo: str | None

    def undo_text(self) -> str | None:
        return _(LABELS[self.undo]) if self.undo else None

    def redo_text(self) -> str | None:
        return _(LABELS[self.redo]) if self.redo else None


def status(workspace: Workspace) -> UndoStatus:
    with workspace.reading() as session:
        steps, done = undo_log.load(session)
    return UndoStatus(steps[done - 1]["kind"] if done else None, steps[done]["kind"] if done < len(steps) else None)


def record(workspace: Workspace, kind: str, activity_id: str, before: ActivityDraft | None) -> Changes:
    """Keep the step just taken on an activity (``before`` is None when it created it); steps undone are dropped."""
    after = load_activity(workspace, activity_id)
    step = {"kind": kind, "activity": activity_id, "before": _encoded(before), "after": _encoded(after)}
    with workspace.transaction() as session:
        steps, done = undo_log.load(session)
        undo_log.store(session, [*steps[:done], step], done + 1)
    return Changes(undo=True)


def forget(workspace: Workspace) -> Changes:
    """Drop every step."""
    with workspace.transaction() as session:
        undo_log.store(session, [], 0)
    return Changes(undo=True)


def undo(workspace: Workspace) -> Changes:
    """Undo the last step done; a HabitatError when there is none or it would overwrite a later change."""
    with workspace.reading() as session:
        steps, done = undo_log.load(session)
    if not done:
        raise HabitatError(_("There is nothing to undo in {path}.").format(path=workspace.path))
    step = steps[done - 1]
    before, after = _decoded(step["before"]), _decoded(step["after"])
    assert after is not None
    _apply(workspace, step, target=before, base=after)
    _move(workspace, done - 1)
    return Changes.of(edited=[step["activity"]], undo=True)


def redo(workspace: Workspace) -> Changes:
    """Take again the last step undone; a HabitatError when there is none or it would overwrite a later change."""
    with workspace.reading() as session:
        steps, done = undo_log.load(session)
    if done >= len(steps):
        raise HabitatError(_("There is nothing to redo in {path}.").format(path=workspace.path))
    step = steps[done]
    before, after = _decoded(step["before"]), _decoded(step["after"])
    assert after is not None
    _apply(workspace, step, target=after, base=before or replace(after, deleted=True))
    _move(workspace, done + 1)
    return Changes.of(edited=[step["activity"]], undo=True)


def _move(workspace: Workspace, done: int) -> None:
    with workspace.transaction() as session:
        steps, _done = undo_log.load(session)
        undo_log.store(session, steps, done)


def _apply(workspace: Workspace, step: dict[str, Any], *, target: ActivityDraft | None, base: ActivityDraft) -> None:
    """Make the activity as ``target`` says (deleted when None), changing only what differs from ``base``."""
    activity_id = step["activity"]
    try:
        if target is None:
            delete_activity(workspace, activity_id)
            return
        current = load_activity(workspace, activity_id)
        if current.deleted and not base.deleted:
            raise HabitatError(_("It was deleted since, by a merge or another program."))
        save_activity(workspace, activity_id, target.values, target.funding, base=base)
        if target.deleted:
            delete_activity(workspace, activity_id)
    except EditConflictError as conflict:
        raise HabitatError(
            _(
                "“{step}” cannot be undone or redone: {fields} changed again since, elsewhere; nothing was changed."
            ).format(
                step=_(LABELS[step["kind"]]),
                fields=compact_list((_label(clash.field) for clash in conflict.clashes), current_language()),
            )
        ) from None
    except HabitatError as error:
        raise HabitatError(
            _("“{step}” cannot be undone or redone: {reason}").format(step=_(LABELS[step["kind"]]), reason=error)
        ) from None


def _encoded(draft: ActivityDraft | None) -> dict[str, Any] | None:
    if draft is None:
        return None
    return {
        "values": draft.values,
        "deleted": draft.deleted,
        "funding": [
            {
                "amount": str(f.amount),
                "currency": f.currency,
                "source": f.source,
                "stage": f.stage,
                "contributor": f.contributor,
                "date": f.date.isoformat() if f.date else None,
                "id": f.id,
            }
            for f in draft.funding
        ],
    }


def _decoded(stored: dict[str, Any] | None) -> ActivityDraft | None:
    if stored is None:
        return None
    funding = tuple(
        FundingEntry(
            Decimal(f["amount"]),
            f["currency"],
            f["source"],
            f["stage"],
            f["contributor"],
            dt.date.fromisoformat(f["date"]) if f["date"] else None,
            f["id"],
        )
        for f in stored["funding"]
    )
    return ActivityDraft(None, dict(stored["values"]), funding, bool(stored["deleted"]))


def _label(field: str) -> str:
    name = field.split(".", 1)[0]
    return field_label(name)
