"""The demo workspace holds the report's concrete facts, each entered by the office the report implies."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from habitat_desktop.domain.models import Funding, Office, ResolutionStatus
from habitat_desktop.storage.workspace import open_workspace


def _activities(run_cli, path: Path) -> list[dict[str, object]]:
    result = run_cli("activities", "export", path)
    return [json.loads(line) for line in result.out.splitlines()]


def _find(activities: list[dict[str, object]], *words: str) -> dict[str, object]:
    for activity in activities:
        text = json.dumps(activity, ensure_ascii=False)
        if all(word in text for word in words):
            return activity
    raise AssertionError(f"no activity mentions {words}")


def test_demo_facts_are_there_with_their_offices(demo_path: Path, run_cli) -> None:
    activities = _activities(run_cli, demo_path)
    assert len(activities) >= 30
    assert _find(activities, "Bilbao")["office"] == "ESP"
    assert _find(activities, "Bilbao")["language"] == "es"
    tromso = _find(activities, "Tromsø")
    assert tromso["office"] == "NOR" and "2/3" in tromso["resolutions"]
    assert "50,000" in json.dumps(tromso) or "50 000" in json.dumps(tromso, ensure_ascii=False)
    assert _find(activities, "Nakuru")["office"] == "KEN"
    assert _find(activities, "Bamako")["office"] == "MLI"
    assert _find(activities, "Bamako")["language"] == "fr"
    assert _find(activities, "Uganda")["office"] == "UGA"
    assert _find(activities, "WUF12")["office"] == "EGY"
    assert _find(activities, "Shanghai")["office"] == "CHN"
    assert _find(activities, "Urban Action Funding Window")["resolutions"] == ["2/10"]
    assert "2/7" in _find(activities, "expert working group")["resolutions"]
    for activity in activities:
        if activity["language"] != "zh":
            assert "zh" in activity["translations"], activity["title"]


def test_demo_funding_and_status(demo_path: Path) -> None:
    workspace = open_workspace(demo_path)
    with workspace.reading() as session:
        offices = {o.code: o.kind for o in session.scalars(select(Office))}
        funding = list(session.scalars(select(Funding)))
        statuses = {s.resolution_symbol: s.funding_situation for s in session.scalars(select(ResolutionStatus))}
    workspace.close()
    assert offices["HQ"] == "headquarters" and offices["KEN"] == "country"
    amounts = {(f.resolution_symbol, f.amount, f.currency) for f in funding}
    assert ("2/6", Decimal("24000000"), "USD") in amounts
    assert ("1/5", Decimal("900000"), "USD") in amounts
    assert statuses["2/6"] == "mobilized"
    assert statuses["1/5"] == "partially_funded"
    assert statuses["1/3"] == statuses["1/4"] == "core_only"
    for symbol in ("1/2", "2/2", "2/7", "2/9"):
        assert statuses[symbol] == "severely_constrained"
