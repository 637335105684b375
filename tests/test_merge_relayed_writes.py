"""A record new to the receiving workspace, of the signer's own office but holding another office's write, is set
aside when the signer is trusted for its own records only: the quick path for the signer's own new records
(storage/merging.py, ``_plainly_allowed``) reads every stamp, not only the record's owner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.merge_support import add_activity, edit_activity, export, four_offices


def _titles(run_cli: Any, workspace: Path) -> list[str]:
    listed = run_cli("activities", "export", workspace)
    assert listed.code == 0, listed.err
    return sorted(json.loads(line)["title"] for line in listed.out.splitlines())


def test_a_new_record_carrying_a_coordinators_write_comes_only_through_a_coordinator(
    tmp_path: Path, run_cli: Any
) -> None:
    field = four_offices(tmp_path)
    kenya = add_activity(field["KEN"], "Mombasa waterfront")
    add_activity(field["KEN"], "Nairobi rivers")
    assert run_cli("merge", field["ROAF"], export(field["KEN"], tmp_path / "ken1.habx"), "--trust").code == 0
    edit_activity(field["ROAF"], kenya, title="Mombasa waterfront, as the region put it")
    region = export(field["ROAF"], tmp_path / "roaf1.habx")
    assert run_cli("merge", field["KEN"], region, "--trust-coordinator").code == 0
    ken = export(field["KEN"], tmp_path / "ken2.habx")  # Kenya's record now holds the region's write
    said = run_cli("merge", field["HQ"], ken, "--trust")
    assert said.code == 0, said.err
    assert "Set aside 4 records that office KEN may not change" in said.out, said.out
    assert _titles(run_cli, field["HQ"]) == ["Nairobi rivers"]
