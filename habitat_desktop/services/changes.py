"""Changes: what a service call changed in a workspace, so each front updates what shows it (cf. Anki's OpChanges)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Changes"]


@dataclass(frozen=True)
class Changes:
    """The activities a call added, edited or removed (deleted, restored, purged) and which other parts it touched.

    ``all_activities`` says that too many to name changed (a merge): whatever lists activities reads them again.
    """

    added: frozenset[str] = field(default_factory=frozenset)
    edited: frozenset[str] = field(default_factory=frozenset)
    removed: frozenset[str] = field(default_factory=frozenset)
    all_activities: bool = False
    conflicts: bool = False
    offices: bool = False
    catalog: bool = False
    undo: bool = False  # the undo steps changed (a new step, an undo, a redo, steps dropped)

    @classmethod
    def of(
        cls,
        *,
        added: Iterable[str] = (),
        edited: Iterable[str] = (),
        removed: Iterable[str] = (),
        **parts: bool,
    ) -> Changes:
        return cls(frozenset(added), frozenset(edited), frozenset(removed), **parts)

    @property
    def activities(self) -> frozenset[str]:
        """Every activity named as changed."""
        return self.added | self.edited | self.removed

    def touches(self, activity_id: str | None) -> bool:
        """Whether the activity may have changed (it is named, or every activity may have)."""
        return activity_id is not None and (self.all_activities or activity_id in self.activities)

    @property
    def lists(self) -> bool:
        """Whether what lists or counts activities should read them again."""
        return self.all_activities or bool(self.activities)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.added | other.added,
            self.edited | other.edited,
            self.removed | other.removed,
            self.all_activities or other.all_activities,
            self.conflicts or other.conflicts,
            self.offices or other.offices,
            self.catalog or other.catalog,
            self.undo or other.undo,
        )
