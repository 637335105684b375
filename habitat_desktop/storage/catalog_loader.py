"""Loads the shipped catalog (resolutions, outcomes, the strategic framework) into a workspace."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session

from habitat_desktop.domain.models import Alignment, FrameworkTerm, OperativeParagraph, Outcome, Resolution
from habitat_desktop.resources import resource_path


@cache
def catalog_data() -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The shipped resolutions and framework, as parsed JSON."""
    resolutions = json.loads(resource_path("catalog", "resolutions.json").read_text(encoding="utf-8"))
    framework = json.loads(resource_path("catalog", "framework.json").read_text(encoding="utf-8"))
    return resolutions, framework


def resolution_id(kind: str, symbol: str) -> str:
    return f"{kind}:{symbol}"


def load_catalog(session: Session) -> None:
    """Replace the catalog tables by the shipped catalog (reference data: never edited in a workspace)."""
    resolutions, framework = catalog_data()
    for table in (OperativeParagraph, Alignment, Resolution, Outcome, FrameworkTerm):
        session.execute(delete(table))
    for position, item in enumerate(resolutions):
        session.add(
            Resolution(
                id=resolution_id(item["kind"], item["symbol"]),
                symbol=item["symbol"],
                kind=item["kind"],
                session=item["session"],
                year=item["year"],
                document_symbol=item["document_symbol"],
                position=position,
                titles=item["title"],
            )
        )
    session.flush()  # alignment and paragraphs refer to the resolutions
    for item in resolutions:
        rid = resolution_id(item["kind"], item["symbol"])
        alignment = item.get("alignment") or {}
        if alignment.get("priority"):
            session.add(Alignment(resolution_id=rid, target="priority", level=alignment["priority"]))
        for number, level in (alignment.get("outcomes") or {}).items():
            session.add(Alignment(resolution_id=rid, target=f"outcome:{int(number)}", level=level))
        for index, paragraph in enumerate(item.get("operative_paragraphs") or []):
            session.add(
                OperativeParagraph(
                    id=f"{rid}:{paragraph['number']}",
                    resolution_id=rid,
                    number=str(paragraph["number"]),
                    position=index,
                    texts=paragraph["text"],
                )
            )
    for outcome in framework["outcomes"]:
        session.add(Outcome(number=int(outcome["number"]), names=outcome["name"]))
    priority = framework["strategic_priority"]
    session.add(FrameworkTerm(kind="priority", code=priority["code"], position=0, names=priority["name"]))
    for kind, key in (("domain", "priority_domains"), ("impact_area", "impact_areas")):
        for position, term in enumerate(framework[key]):
            session.add(FrameworkTerm(kind=kind, code=term["code"], position=position, names=term["name"]))
    for position, key in enumerate(("programme", "assembly", "strategic_plan")):
        entry = framework[key]
        session.add(FrameworkTerm(kind="name", code=key, position=position, names=entry["name"]))
        if "short_name" in entry:
            session.add(FrameworkTerm(kind="name", code=f"{key}_short", position=position, names=entry["short_name"]))
