"""Who may write what, through the command line: an office's key changes only its own office's records; the rest of
its export merges, and what it may not write is set aside — its own writes as proposals to accept or reject, other
offices' writes it passes on without being trusted to left out. Nothing of a record set aside is merged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.merge_support import add_activity, delete_activity, edit_activity, export, four_offices, record_id


@pytest.fixture
def field(tmp_path: Path) -> dict[str, Path]:
    return four_offices(tmp_path)


def _titles(run_cli: Any, workspace: Path) -> list[str]:
    listed = run_cli("activities", "export", workspace)
    assert listed.code == 0, listed.err
    return sorted(json.loads(line)["title"] for line in listed.out.splitlines())


def _proposals(run_cli: Any, workspace: Path) -> list[dict[str, Any]]:
    listed = run_cli("conflicts", workspace, "--json")
    assert listed.code == 0, listed.err
    return [entry for entry in json.loads(listed.out) if entry["kind"] == "proposal"]


def _merge(run_cli: Any, workspace: Path, *args: object) -> str:
    outcome = run_cli("merge", workspace, *args)
    assert outcome.code == 0 and "Traceback" not in outcome.err, outcome.err
    return str(outcome.out)


def _rename_office(path: Path, code: str, name: str) -> None:
    """A buggy (or hostile) laptop renaming an office it holds a copy of, straight through the recorder."""
    from sqlmodel import select

    from habitat_desktop.domain.models import Office
    from habitat_desktop.services import workspaces
    from habitat_desktop.storage.recorder import Recorder

    workspace = workspaces.open_workspace(path)
    try:
        with workspace.transaction() as session:
            office = session.exec(select(Office).where(Office.code == code)).one()
            Recorder(session, workspace.office).update(office, {"name": name})
    finally:
        workspace.close()


@pytest.mark.parametrize(
    "change, field_name, proposed",
    [
        (lambda path, rid: edit_activity(path, rid, title="Renamed by Kenya"), "title", "Renamed by Kenya"),
        (lambda path, rid: edit_activity(path, rid, partners=["Kenya's partner"]), "partners", '["Kenya\'s partner"]'),
        (lambda path, rid: delete_activity(path, rid), "deleted", True),
    ],
)
def test_an_offices_changes_to_another_offices_record_become_proposals_and_its_own_merge(
    field: dict[str, Path], tmp_path: Path, run_cli: Any, change: Any, field_name: str, proposed: Any
) -> None:
    uganda = record_id(field["KEN"], "activity", "UGA")
    change(field["KEN"], uganda)
    add_activity(field["KEN"], "Kenya's own activity")
    file = export(field["KEN"], tmp_path / "ken.habx")
    said = _merge(run_cli, field["ROAF"], file, "--trust")
    assert "Set aside 1 record that office KEN may not change" in said
    assert "1 change of office KEN is kept as a proposal" in said
    assert _titles(run_cli, field["ROAF"]) == ["Kampala land readjustment", "Kenya's own activity"]
    [proposal] = _proposals(run_cli, field["ROAF"])
    assert (proposal["record"], proposal["field"], proposal["office"]) == (uganda, field_name, "KEN")
    assert proposal["values"][1]["value"] == proposed
    listed = run_cli("conflicts", field["ROAF"])
    assert "which may change only its own records" in listed.out, listed.out
    # the same export again changes nothing and proposes nothing new
    assert "Nothing new to merge" in _merge(run_cli, field["ROAF"], file)
    assert len(_proposals(run_cli, field["ROAF"])) == 1


def test_a_rejected_proposal_does_not_come_back_and_an_accepted_one_is_applied(
    field: dict[str, Path], tmp_path: Path, run_cli: Any
) -> None:
    uganda = record_id(field["KEN"], "activity", "UGA")
    edit_activity(field["KEN"], uganda, title="Renamed by Kenya")
    _merge(run_cli, field["ROAF"], export(field["KEN"], tmp_path / "ken1.habx"), "--trust")
    [proposal] = _proposals(run_cli, field["ROAF"])
    assert run_cli("proposals", "reject", field["ROAF"], proposal["key"]).code == 0
    assert _titles(run_cli, field["ROAF"]) == ["Kampala land readjustment"]
    add_activity(field["KEN"], "Kenya's second activity")  # a new export of Kenya still holding its write
    said = _merge(run_cli, field["ROAF"], export(field["KEN"], tmp_path / "ken2.habx"))
    assert "Set aside" not in said and _proposals(run_cli, field["ROAF"]) == []  # the region's write has seen it
    assert _titles(run_cli, field["ROAF"]) == ["Kampala land readjustment", "Kenya's second activity"]
    # another change, accepted this time: the region writes it as its own
    edit_activity(field["KEN"], uganda, title="Kampala land readjustment (phase 2)")
    _merge(run_cli, field["ROAF"], export(field["KEN"], tmp_path / "ken3.habx"))
    [proposal] = _proposals(run_cli, field["ROAF"])
    assert run_cli("proposals", "accept", field["ROAF"], proposal["key"]).code == 0
    assert "Kampala land readjustment (phase 2)" in _titles(run_cli, field["ROAF"])


def test_records_created_for_another_office_are_left_out(field: dict[str, Path], tmp_path: Path, run_cli: Any) -> None:
    add_activity(field["KEN"], "Claimed for Uganda", office="UGA")
    add_activity(field["KEN"], "Kenya's own activity")
    said = _merge(run_cli, field["ROAF"], export(field["KEN"], tmp_path / "ken.habx"), "--trust")
    assert "Set aside 1 record that office KEN may not change" in said and "proposal" not in said
    assert _titles(run_cli, field["ROAF"]) == ["Kampala land readjustment", "Kenya's own activity"]


def test_other_offices_writes_are_relayed_only_by_a_coordinator(
    field: dict[str, Path], tmp_path: Path, run_cli: Any
) -> None:
    add_activity(field["ROAF"], "Regional urban forum")
    region = export(field["ROAF"], tmp_path / "roaf.habx")  # also holds Uganda's activity, written by Uganda
    said = _merge(run_cli, field["HQ"], region, "--trust")
    assert "Set aside 2 records that office ROAF may not change" in said and "proposal" not in said  # and its office
    assert _titles(run_cli, field["HQ"]) == ["Regional urban forum"] and _proposals(run_cli, field["HQ"]) == []
    # trusted as a coordinator, the region passes Uganda's records on
    assert run_cli("trust", "add", field["HQ"], region, "--coordinator").code == 0
    add_activity(field["ROAF"], "Second forum")  # new content: merged afresh
    _merge(run_cli, field["HQ"], export(field["ROAF"], tmp_path / "roaf2.habx"))
    assert _titles(run_cli, field["HQ"]) == ["Kampala land readjustment", "Regional urban forum", "Second forum"]
    assert "coordinator" in run_cli("trust", "list", field["HQ"]).out


@pytest.mark.parametrize("trust", ["--trust", "--trust-coordinator"])
def test_nobody_else_renames_the_coordinators_own_office(
    field: dict[str, Path], tmp_path: Path, run_cli: Any, trust: str
) -> None:
    _rename_office(field["KEN"], "ROAF", "Hijacked regional office")
    said = _merge(run_cli, field["ROAF"], export(field["KEN"], tmp_path / "ken.habx"), trust)  # not even a coordinator
    assert "Set aside 1 record" in said
    connection = sqlite3.connect(field["ROAF"])
    try:
        assert connection.execute("SELECT name FROM office WHERE code = 'ROAF'").fetchone() == ("Office ROAF",)
    finally:
        connection.close()
    [proposal] = _proposals(run_cli, field["ROAF"])
    assert proposal["values"][1]["value"] == "Hijacked regional office"
    assert run_cli("proposals", "reject", field["ROAF"], proposal["key"]).code == 0


def test_a_country_office_decides_what_others_propose_for_its_own_office_record(
    field: dict[str, Path], tmp_path: Path, run_cli: Any
) -> None:
    """Headquarters corrects Kenya's office name: Kenya (not a coordinator) may accept it, as it is Kenya's record."""
    hq_file = export(field["KEN"], tmp_path / "ken0.habx")
    _merge(run_cli, field["HQ"], hq_file, "--trust")
    _rename_office(field["HQ"], "KEN", "UN-Habitat Kenya Country Office")
    said = _merge(run_cli, field["KEN"], export(field["HQ"], tmp_path / "hq.habx"), "--trust-coordinator")
    assert "Set aside 1 record that office HQ may not change" in said
    [proposal] = _proposals(run_cli, field["KEN"])
    assert run_cli("proposals", "accept", field["KEN"], proposal["key"]).code == 0
    connection = sqlite3.connect(field["KEN"])
    try:
        assert connection.execute("SELECT name FROM office WHERE code = 'KEN'").fetchone() == (
            "UN-Habitat Kenya Country Office",
        )
    finally:
        connection.close()


def test_proposals_a_region_set_aside_travel_to_headquarters(
    field: dict[str, Path], tmp_path: Path, run_cli: Any
) -> None:
    """Transitivity: a region's export holding a set-aside proposal merges at headquarters, which lists it too."""
    edit_activity(field["KEN"], record_id(field["KEN"], "activity", "UGA"), title="Renamed by Kenya")
    _merge(run_cli, field["ROAF"], export(field["KEN"], tmp_path / "ken.habx"), "--trust")
    _merge(run_cli, field["HQ"], export(field["ROAF"], tmp_path / "roaf.habx"), "--trust-coordinator")
    [proposal] = _proposals(run_cli, field["HQ"])
    assert proposal["values"][1]["value"] == "Renamed by Kenya" and proposal["office"] == "KEN"
    assert _titles(run_cli, field["HQ"]) == ["Kampala land readjustment"]
