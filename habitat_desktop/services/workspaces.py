"""Creating, opening and checking workspaces."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from habitat_desktop.domain import rules
from habitat_desktop.domain.enums import OfficeKind
from habitat_desktop.domain.models import Activity, Change, Funding, Office, ResolutionStatus
from habitat_desktop.exchange import preparing
from habitat_desktop.l10n import _
from habitat_desktop.storage import schema
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.recorder import Recorder
from habitat_desktop.storage.workspace import Workspace

__all__ = [
    "CheckReport",
    "Workspace",
    "check_workspace",
    "create_workspace",
    "open_workspace",
    "opened",
    "verify_workspace",
]


def open_workspace(path: Path, *, read_only: bool = False, verify: bool = True) -> Workspace:
    """Open a workspace for use; it stays open until ``close()``.

    ``verify=False`` defers checking the pages of a workspace that was closed cleanly: call ``verify_workspace``
    afterwards (off the GUI thread). A workspace left open by a crash is always checked first.
    """
    if not read_only:
        preparing.remove_stale_copies()  # what killed merges and exports left in the temporary folder
    return storage.open_workspace(Path(path), read_only=read_only, verify=verify)


@contextlib.contextmanager
def opened(path: Path, *, read_only: bool = False) -> Iterator[Workspace]:
    """A workspace open for the length of a ``with`` block (the way a service taking a path uses one)."""
    with storage.opened(Path(path), read_only=read_only) as workspace:
        yield workspace


def verify_workspace(workspace: Workspace) -> None:
    """Check the pages of an open workspace; a WorkspaceError names the damage and how to recover."""
    storage.verify_workspace(workspace)


def create_workspace(
    path: Path, *, office: str, office_name: str, country: str, kind: str = OfficeKind.COUNTRY.value
) -> Workspace:
    """Create a workspace belonging to an office, and record that office in it."""
    code = rules.office_code(office, "office")
    name = rules.text(office_name, "office-name", required=True).strip()
    country_code = rules.country(country, "country", required=True)
    office_kind = OfficeKind.parse(kind, "kind").value
    workspace = storage.create(Path(path), office=code)
    with workspace.transaction() as session:
        Recorder(session, code).create(
            Office, {"code": code, "name": name, "country": country_code, "kind": office_kind}
        )
    return workspace


@dataclass(frozen=True)
class CheckReport:
    path: Path
    office: str
    schema_revision: str
    app_version: str
    counts: dict[str, int]
    problems: list[str]

    @property
    def healthy(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        lines = [
            _("Workspace: {path}").format(path=self.path),
            _("Office: {office}").format(office=self.office),
            _("Schema revision: {revision} (this app: {head})").format(
                revision=self.schema_revision, head=schema.head_revision()
            ),
            _("Written by Habitat Desktop {version}").format(version=self.app_version),
        ]
        lines += [f"  {name}: {number}" for name, number in self.counts.items()]
        lines += self.problems or [_("Integrity: ok")]
        return lines


def check_workspace(path: Path) -> CheckReport:
    """A full integrity and schema report."""
    with opened(path) as workspace:
        problems = storage.integrity_report(workspace)
        with workspace.reading() as session:
            counts = {
                "offices": _count(session, Office),
                "activities": _count(session, Activity),
                "funding": _count(session, Funding),
                "resolution_statuses": _count(session, ResolutionStatus),
                "changes": int(session.scalar(select(func.count()).select_from(Change)) or 0),
            }
        revision, app_version = storage.written_by(workspace)
        return CheckReport(workspace.path, workspace.office, revision, app_version, counts, problems)


def _count(session, model) -> int:  # type: ignore[no-untyped-def]
    return int(session.scalar(select(func.count()).select_from(model).where(model.deleted.is_(False))) or 0)
