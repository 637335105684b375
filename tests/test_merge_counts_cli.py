"""`habitat merge` counts activities, funding records and other records apart, each count a plural."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from habitat_desktop.services import activity_editing, workspaces
from tests.merge_support import add_activity, edit_activity, export, office_workspace


def _kenya(path: Path) -> tuple[Path, str]:
    """Kenya: three activities, one of them with two funding lines."""
    office_workspace(path, "KEN")
    first = add_activity(path, "Land tenure")
    add_activity(path, "Slum upgrading")
    workspace = workspaces.open_workspace(path)
    try:
        values = {**activity_editing.empty_values("KEN", "en"), "title": "Urban planning", "resolutions": ["2/7"]}
        lines = [
            activity_editing.FundingEntry(Decimal("25000"), "USD", "core", "pledged"),
            activity_editing.FundingEntry(Decimal("10000"), "USD", "core", "received"),
        ]
        activity_editing.save_activity(workspace, None, {**values, "outcomes": [1]}, lines)
    finally:
        workspace.close()
    return path, first


def test_the_cli_counts_activities_and_funding_records_apart(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    ken, first = _kenya(tmp_path / "ken.habitat")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    file = export(ken, tmp_path / "ken.habx")

    dry = run_cli("merge", roaf, file, "--trust", "--dry-run")
    assert dry.code == 0, dry.err
    assert "ken.habx (KEN): 3 activities added; 2 funding records added; 1 office record added" in dry.out
    assert "Dry run, nothing changed: 3 activities added; 2 funding records added; 1 office record added" in dry.out

    as_json = json.loads(run_cli("merge", roaf, file, "--trust", "--json").out)
    assert as_json["tables"]["activity"]["added"] == 3 and as_json["tables"]["funding"]["added"] == 2
    assert as_json["files"][0]["tables"]["office"]["added"] == 1

    edit_activity(ken, first, title="Land tenure and property rights")
    add_activity(ken, "Housing finance")
    second = run_cli("merge", roaf, export(ken, tmp_path / "ken2.habx"))
    assert second.code == 0, second.err
    assert (
        "1 activity added, 1 activity changed, 2 activities unchanged; 2 funding records unchanged; "
        "1 office record unchanged" in second.out
    )

    again = run_cli("merge", roaf, tmp_path / "ken2.habx")
    assert "Nothing new to merge: 4 activities unchanged; 2 funding records unchanged; 1 office record unchanged" in (
        again.out
    )
