"""Reviewing and settling the conflicts merges leave: one field at a time, or in bulk for a whole import."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _
from habitat_desktop.storage import conflict_store
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.conflict_store import Candidate, FieldConflictView
from habitat_desktop.storage.recorder import Recorder

__all__ = ["Candidate", "Choice", "FieldConflictView", "conflict_marks", "list_conflicts", "resolve_conflicts"]


class Choice(StrEnum):
    """A bulk choice: the newest value, the value this office entered, or the value another office entered."""

    NEWER = "newer"
    MINE = "mine"
    THEIRS = "theirs"


def list_conflicts(path: Path, *, merge_id: str | None = None) -> list[FieldConflictView]:
    with storage.opened(Path(path)) as workspace, workspace.reading() as session:
        return conflict_store.open_conflicts(session, merge_id=merge_id)


def conflict_marks(workspace: storage.Workspace) -> dict[str, str]:
    """Activity ids with an open conflict ("open") or a settled one ("settled")."""
    with workspace.reading() as session:
        return conflict_store.conflicted_records(session)


def _pick(view: FieldConflictView, choice: str, office: str) -> str:
    """The stamp of the candidate a choice keeps."""
    newest = max(view.candidates, key=lambda c: c.stamp)
    if choice == Choice.NEWER:
        return newest.stamp
    if choice in (Choice.MINE, Choice.THEIRS):
        wanted = [c for c in view.candidates if (c.office == office) == (choice == Choice.MINE)]
        current = next(c for c in view.candidates if c.current)
        return max(wanted, key=lambda c: c.stamp).stamp if wanted else current.stamp
    if any(c.stamp == choice for c in view.candidates):
        return choice
    raise HabitatError(_("{key}: no competing value has the stamp {stamp}").format(key=view.key, stamp=choice))


def resolve_conflicts(path: Path, choice: str, *, keys: Sequence[str] = (), merge_id: str | None = None) -> int:
    """Settle conflicts (the given ones, or all, or all of one merge) by a choice; return how many were settled.

    ``choice`` is newer, mine, theirs, or the stamp of one candidate (with a single key). The values set aside
    stay in each record's history."""
    with storage.opened(Path(path)) as workspace, workspace.transaction() as session:
        views = conflict_store.open_conflicts(session, merge_id=merge_id)
        if keys:
            by_key = {view.key: view for view in views}
            missing = [key for key in keys if key not in by_key]
            if missing:
                raise HabitatError(_("No open conflict {key}").format(key=missing[0]))
            views = [by_key[key] for key in keys]
        recorder = Recorder(session, workspace.office)
        for view in views:
            conflict_store.settle(session, recorder, view, _pick(view, choice, workspace.office))
        return len(views)
