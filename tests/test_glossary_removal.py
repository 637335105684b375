"""``habitat glossary remove``: a workspace term deleted (a tombstone that merges into another office), a corrected
name cleared back to the shipped one, and clear refusals for shipped terms and other offices' terms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from habitat_desktop.services import glossary
from tests.merge_support import office_workspace, sync


def _rows(path: Path) -> dict[str, Any]:
    return {r.id: r for r in glossary.list_terms(path)}


def test_a_corrected_name_is_cleared_back_to_the_shipped_one(run_cli, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    shipped = _rows(workspace_path)["shanghai-university"].names["fr"]
    added = run_cli("glossary", "add", workspace_path, "--id", "shanghai-university", "--fr", "Université SHU")
    assert added.code == 0, added
    assert _rows(workspace_path)["shanghai-university"].names["fr"] == "Université SHU"
    cleared = run_cli("glossary", "remove", workspace_path, "shanghai-university", "--lang", "fr")
    assert cleared.code == 0, cleared
    assert _rows(workspace_path)["shanghai-university"].names["fr"] == shipped
    removed = run_cli("glossary", "remove", workspace_path, "shanghai-university")
    assert removed.code == 0, removed
    assert _rows(workspace_path)["shanghai-university"].origin == "shipped"
    refused = run_cli("glossary", "remove", workspace_path, "shanghai-university")
    assert refused.code != 0 and "shipped with Habitat" in refused.err


def test_a_removed_term_is_removed_in_the_other_office_after_a_merge(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    hq = office_workspace(tmp_path / "hq.habitat", "HQ", kind="headquarters")
    assert run_cli("glossary", "add", ken, "--kind", "place", "--en", "Kisumu", "--zh", "基苏木").code == 0
    sync(ken, hq, tmp_path, "first")
    assert "kisumu" in _rows(hq)
    refused = run_cli("glossary", "remove", hq, "kisumu")
    assert refused.code != 0 and "office KEN" in refused.err
    assert run_cli("glossary", "remove", ken, "kisumu").code == 0
    assert "kisumu" not in _rows(ken)
    sync(ken, hq, tmp_path, "second")
    assert "kisumu" not in _rows(hq)
