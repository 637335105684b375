"""What the navigation pane lists, in the current language: the priority, the outcomes, resolutions, offices."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlmodel import col

from habitat_desktop.domain.activity import symbol_key
from habitat_desktop.domain.models import Office
from habitat_desktop.l10n import current_language, name_in
from habitat_desktop.l10n.names import translated_name
from habitat_desktop.l10n.punctuation import compact_list
from habitat_desktop.storage import catalog_queries
from habitat_desktop.storage.workspace import Workspace

__all__ = ["NavItem", "Navigation", "navigation"]


@dataclass(frozen=True)
class NavItem:
    """One entry: what it filters by (kind and key) and its name."""

    kind: str  # priority | outcome | resolution | decision | office
    key: str
    name: str
    detail: str = ""  # alignment of a resolution, office kind
    group: str = ""  # session of a resolution


@dataclass(frozen=True)
class Navigation:
    priority: NavItem
    outcomes: list[NavItem]
    resolutions: list[NavItem]
    offices: list[NavItem]


def navigation(workspace: Workspace, language: str | None = None) -> Navigation:
    """The framework, the catalog and the workspace's offices, named in a language."""
    language = language or current_language()
    with workspace.reading() as session:
        priorities = catalog_queries.framework_terms(session, "priority")
        priority = NavItem("priority", "priority", name_in(priorities[0].names, language) if priorities else "")
        outcomes = [
            NavItem("outcome", str(o.number), name_in(o.names, language)) for o in catalog_queries.outcomes(session)
        ]
        alignment: dict[str, list[str]] = {}
        for row in catalog_queries.alignments(session):
            alignment.setdefault(row.resolution_id, []).append(row.target)
        resolutions = []
        for r in sorted(catalog_queries.resolutions(session), key=lambda r: (r.session, symbol_key(r.symbol))):
            targets = sorted(alignment.get(r.id, []))
            detail = compact_list(("P" if t == "priority" else "O" + t.split(":")[1] for t in targets), language)
            resolutions.append(NavItem(r.kind, r.symbol, name_in(r.titles, language), detail, str(r.session)))
        offices = [
            NavItem("office", o.code, translated_name(o.name, o.translations or {}, language), o.kind)
            for o in session.scalars(select(Office).where(col(Office.deleted).is_(False)).order_by(col(Office.code)))
        ]
    return Navigation(priority, outcomes, resolutions, offices)
