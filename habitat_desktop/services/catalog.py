"""The resolution catalog and the strategic framework, in the user's language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from habitat_desktop.domain.activity import symbol_key
from habitat_desktop.domain.models import Resolution
from habitat_desktop.l10n import current_language, name_in
from habitat_desktop.storage import catalog_queries
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.catalog_loader import catalog_data


@dataclass(frozen=True)
class ResolutionView:
    symbol: str
    kind: str
    session: int
    year: int
    document_symbol: str
    title: str
    priority: str | None
    outcomes: dict[int, str]
    operative_paragraphs: tuple[tuple[str, str], ...] = ()
    """Numbers and short texts of the operative paragraphs activities can cite, in the language asked for."""

    def as_dict(self) -> dict[str, object]:
        return {
            "symbol": self.symbol,
            "kind": self.kind,
            "session": self.session,
            "year": self.year,
            "document_symbol": self.document_symbol,
            "title": self.title,
            "alignment": {"priority": self.priority, "outcomes": {str(k): v for k, v in self.outcomes.items()}},
            "operative_paragraphs": [{"number": n, "text": t} for n, t in self.operative_paragraphs],
        }


def list_resolutions(
    source: Path | storage.Workspace | None = None, language: str | None = None
) -> list[ResolutionView]:
    """The resolutions and decisions with their alignment: from an open workspace, a workspace file, or the
    shipped catalog if no source is given."""
    language = language or current_language()
    if source is None:
        return _from_shipped(language)
    if isinstance(source, storage.Workspace):
        return _from_workspace(source, language)
    with storage.opened(Path(source), read_only=False) as workspace:
        return _from_workspace(workspace, language)


def _from_workspace(workspace: storage.Workspace, language: str) -> list[ResolutionView]:
    with workspace.reading() as session:
        paragraphs: dict[str, list[tuple[str, str]]] = {}
        for paragraph in catalog_queries.operative_paragraphs(session):
            paragraphs.setdefault(paragraph.resolution_id, []).append(
                (paragraph.number, name_in(paragraph.texts, language))
            )
        alignment: dict[str, dict[str, str]] = {}
        for row in catalog_queries.alignments(session):
            alignment.setdefault(row.resolution_id, {})[row.target] = row.level
        return [
            _view(r, alignment.get(r.id, {}), language, tuple(paragraphs.get(r.id, [])))
            for r in catalog_queries.resolutions(session)
        ]


def _view(
    resolution: Resolution, alignment: dict[str, str], language: str, paragraphs: tuple[tuple[str, str], ...]
) -> ResolutionView:
    outcomes = {int(t.split(":")[1]): level for t, level in alignment.items() if t.startswith("outcome:")}
    return ResolutionView(
        resolution.symbol,
        resolution.kind,
        resolution.session,
        resolution.year,
        resolution.document_symbol,
        name_in(resolution.titles, language),
        alignment.get("priority"),
        dict(sorted(outcomes.items())),
        paragraphs,
    )


def _from_shipped(language: str) -> list[ResolutionView]:
    resolutions, _framework = catalog_data()
    views = []
    for item in resolutions:
        alignment = item.get("alignment") or {}
        outcomes = {int(k): v for k, v in (alignment.get("outcomes") or {}).items()}
        views.append(
            ResolutionView(
                item["symbol"],
                item["kind"],
                item["session"],
                item["year"],
                item["document_symbol"],
                name_in(item["title"], language),
                alignment.get("priority"),
                dict(sorted(outcomes.items())),
                tuple((str(p["number"]), name_in(p["text"], language)) for p in item.get("operative_paragraphs") or []),
            )
        )
    return sorted(views, key=lambda v: (v.kind != "resolution", symbol_key(v.symbol)))
