"""Merging exports: per-field merge, conflicts, deletions, idempotence, atomicity, provenance and history."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from habitat_desktop.services import conflicts, exports, merges
from tests.merge_support import (
    activity,
    add_activity,
    delete_activity,
    edit_activity,
    export,
    history_values,
    office_workspace,
    state,
    sync,
)


@pytest.fixture
def offices(tmp_path: Path) -> dict[str, Path]:
    """Kenya and Uganda country offices and the regional office, sharing one activity made in Kenya."""
    paths = {
        "KEN": office_workspace(tmp_path / "ken.habitat", "KEN"),
        "UGA": office_workspace(tmp_path / "uga.habitat", "UGA", "UG"),
        "ROAF": office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional"),
    }
    return paths


def test_an_export_merged_into_an_empty_coordinator_adds_every_record_with_its_provenance(
    offices: dict[str, Path], tmp_path: Path
) -> None:
    first = add_activity(offices["KEN"], "Slum upgrading in Kibera", partners=["Kenya Slum Upgrading Programme"])
    result = sync(offices["KEN"], offices["ROAF"], tmp_path)

    assert result.totals.added == 2  # the office record and the activity
    row = activity(offices["ROAF"], first)
    assert row["title"] == "Slum upgrading in Kibera" and row["created_by"] == "KEN"
    history = merges.merge_history(offices["ROAF"])
    assert [h.signer for h in history] == ["KEN"] and history[0].summary["added"] == 2
    assert row["origin_export"] == result.files[0].export_id  # the export it came through
    assert Path(str(result.backup)).exists()


def test_merging_the_same_export_twice_changes_nothing(offices: dict[str, Path], tmp_path: Path) -> None:
    add_activity(offices["KEN"], "Housing profile")
    file = export(offices["KEN"], tmp_path / "ken.habx")
    merges.merge_files(offices["ROAF"], [file], trust=True, as_coordinator=True)
    before = state(offices["ROAF"])
    again = merges.merge_files(offices["ROAF"], [file])
    assert again.totals.as_dict() == {"added": 0, "updated": 0, "unchanged": 2, "deleted": 0, "conflicts": 0}
    assert again.backup is None  # nothing new to merge: no backup taken
    assert state(offices["ROAF"]) == before
    same_content = export(offices["KEN"], tmp_path / "ken-again.habx")  # the same records, another file
    merged = merges.merge_files(offices["ROAF"], [same_content])
    assert merged.totals.unchanged == 2 and state(offices["ROAF"]) == before
    assert len(merges.merge_history(offices["ROAF"])) == 3  # every merge is in the history


def test_a_file_given_twice_in_one_merge_is_merged_once(offices: dict[str, Path], tmp_path: Path) -> None:
    add_activity(offices["KEN"], "Housing profile")
    file = export(offices["KEN"], tmp_path / "ken.habx")
    result = merges.merge_files(offices["ROAF"], [file, file], trust=True, as_coordinator=True)
    assert [f.counts.added for f in result.files] == [2, 0]
    assert [f.counts.unchanged for f in result.files] == [0, 2]
    assert result.backup is not None and len(merges.merge_history(offices["ROAF"])) == 2


def test_edits_of_different_fields_on_two_sides_both_survive(offices: dict[str, Path], tmp_path: Path) -> None:
    shared = add_activity(offices["KEN"], "Urban planning lab")
    sync(offices["KEN"], offices["UGA"], tmp_path, "k0")
    edit_activity(offices["KEN"], shared, status="ongoing")
    edit_activity(offices["UGA"], shared, description="Joint lab with Kampala")
    sync(offices["KEN"], offices["ROAF"], tmp_path, "k1")
    result = sync(offices["UGA"], offices["ROAF"], tmp_path, "u1")

    row = activity(offices["ROAF"], shared)
    assert (row["status"], row["description"]) == ("ongoing", "Joint lab with Kampala")
    assert result.totals.conflicts == 0 and conflicts.list_conflicts(offices["ROAF"]) == []


def test_edits_of_the_same_field_give_one_winner_everywhere_and_keep_the_other_value(
    offices: dict[str, Path], tmp_path: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    shared = add_activity(offices["KEN"], "Housing policy")
    sync(offices["KEN"], offices["UGA"], tmp_path, "k0")
    edit_activity(offices["KEN"], shared, title="Housing policy (Kenya)")
    edit_activity(offices["UGA"], shared, title="Housing policy (Uganda)")
    sync(offices["KEN"], offices["UGA"], tmp_path, "k1")
    result = sync(offices["UGA"], offices["KEN"], tmp_path, "u1")

    assert result.totals.conflicts == 1
    assert activity(offices["KEN"], shared)["title"] == activity(offices["UGA"], shared)["title"]
    views = conflicts.list_conflicts(offices["KEN"])
    assert [v.field for v in views] == ["title"]
    assert {c.value for c in views[0].candidates} == {"Housing policy (Kenya)", "Housing policy (Uganda)"}

    listed = run_cli("conflicts", offices["KEN"], "--json")
    assert listed.code == 0 and json.loads(listed.out)[0]["field"] == "title"
    settled = run_cli("conflicts", "resolve", offices["KEN"], "--keep", "mine")
    assert settled.code == 0, settled.err
    assert activity(offices["KEN"], shared)["title"] == "Housing policy (Kenya)"
    assert conflicts.list_conflicts(offices["KEN"]) == []
    assert "Housing policy (Uganda)" in history_values(offices["KEN"])  # the losing value stays in history
    assert (
        conflicts.conflict_marks(
            __import__("habitat_desktop.services.workspaces", fromlist=["x"]).open_workspace(offices["KEN"])
        )[shared]
        == "settled"
    )

    # the settlement travels: Uganda takes Kenya's choice and its conflict ends too
    sync(offices["KEN"], offices["UGA"], tmp_path, "k2")
    assert activity(offices["UGA"], shared)["title"] == "Housing policy (Kenya)"
    assert conflicts.list_conflicts(offices["UGA"]) == []


def test_a_deletion_propagates_and_an_older_export_does_not_bring_the_record_back(
    offices: dict[str, Path], tmp_path: Path
) -> None:
    doomed = add_activity(offices["KEN"], "Cancelled workshop")
    old = export(offices["KEN"], tmp_path / "old.habx")
    merges.merge_files(offices["ROAF"], [old], trust=True, as_coordinator=True)
    delete_activity(offices["KEN"], doomed)
    result = sync(offices["KEN"], offices["ROAF"], tmp_path, "new")
    assert result.totals.deleted == 1 and activity(offices["ROAF"], doomed)["deleted"] == 1

    again = merges.merge_files(offices["ROAF"], [old])
    assert again.totals.added == 0 and activity(offices["ROAF"], doomed)["deleted"] == 1


def test_exports_of_exports_reach_headquarters_with_the_same_result_as_direct_merges(
    offices: dict[str, Path], tmp_path: Path
) -> None:
    add_activity(offices["KEN"], "Kenya activity")
    add_activity(offices["UGA"], "Uganda activity")
    hq_direct = office_workspace(tmp_path / "hq1.habitat", "HQ", kind="headquarters")
    hq_via_region = tmp_path / "hq2.habitat"
    hq_via_region.write_bytes(hq_direct.read_bytes())
    roaf = export(offices["ROAF"], tmp_path / "roaf0.habx")
    for hq in (hq_direct, hq_via_region):
        merges.merge_files(hq, [roaf], trust=True, as_coordinator=True)

    ken, uga = export(offices["KEN"], tmp_path / "ken.habx"), export(offices["UGA"], tmp_path / "uga.habx")
    merges.merge_files(offices["ROAF"], [uga, ken], trust=True, as_coordinator=True)
    region = export(offices["ROAF"], tmp_path / "roaf1.habx")
    merges.merge_files(hq_via_region, [region], trust=True, as_coordinator=True)
    merges.merge_files(hq_direct, [ken, uga], trust=True, as_coordinator=True)
    merges.merge_files(hq_direct, [region])
    assert state(hq_direct) == state(hq_via_region)
    assert len(state(hq_direct)["activity"]) == 2


def test_a_dry_run_reports_and_changes_nothing(offices: dict[str, Path], tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    add_activity(offices["KEN"], "Preview me")
    file = export(offices["KEN"], tmp_path / "ken.habx")
    merges.merge_files(
        offices["ROAF"], [export(offices["UGA"], tmp_path / "uga.habx")], trust=True, as_coordinator=True
    )
    run_cli("trust", "add", offices["ROAF"], file)
    before = offices["ROAF"].read_bytes()
    outcome = run_cli("merge", offices["ROAF"], file, "--dry-run", "--json")
    assert outcome.code == 0, outcome.err
    summary = json.loads(outcome.out)
    assert {k: summary[k] for k in ("added", "updated", "unchanged", "deleted", "conflicts")} == {
        "added": 2,
        "updated": 0,
        "unchanged": 0,
        "deleted": 0,
        "conflicts": 0,
    }
    assert offices["ROAF"].read_bytes() == before


def test_the_cli_says_when_nothing_was_new(offices: dict[str, Path], tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    file = export(offices["KEN"], tmp_path / "ken.habx")
    first = run_cli("merge", offices["ROAF"], file, "--trust")
    assert first.code == 0 and "backup in" in first.out
    again = run_cli("merge", offices["ROAF"], file)
    assert again.code == 0 and "Nothing new to merge" in again.out and "backup" not in again.out


def test_several_files_merge_all_or_none(offices: dict[str, Path], tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    add_activity(offices["KEN"], "Good one")
    good = export(offices["KEN"], tmp_path / "good.habx")
    bad = tmp_path / "bad.habx"
    bad.write_bytes(good.read_bytes()[:-200])
    before = state(offices["ROAF"])
    outcome = run_cli("merge", offices["ROAF"], good, bad, "--trust")
    assert outcome.code == 1 and "bad.habx" in outcome.err and "Traceback" not in outcome.err
    assert state(offices["ROAF"]) == before


def test_the_cli_needs_trust_for_an_unknown_signer_and_remembers_it(
    offices: dict[str, Path], tmp_path: Path, run_cli
) -> None:  # type: ignore[no-untyped-def]
    file = export(offices["KEN"], tmp_path / "ken.habx")
    refused = run_cli("merge", offices["ROAF"], file)
    assert refused.code == 1 and "KEN" in refused.err and "--trust" in refused.err
    assert run_cli("merge", offices["ROAF"], file, "--trust").code == 0
    listed = run_cli("trust", "list", offices["ROAF"])
    assert listed.out.startswith("KEN")
    assert run_cli("merge", offices["ROAF"], file).code == 0  # trusted from now on


def test_an_older_schema_export_is_upgraded_and_a_newer_one_refused(offices: dict[str, Path], tmp_path: Path) -> None:
    add_activity(offices["KEN"], "From the future")
    file = export(offices["KEN"], tmp_path / "ken.habx")
    from tests.test_merge_bad_input import repack

    newer = repack(
        file,
        offices["KEN"],
        tmp_path / "newer.habx",
        database=lambda db: db.execute("UPDATE alembic_version SET version_num = '9999'"),
        manifest=lambda m: m.update(schema_revision="9999", app_version="9.0"),
    )
    with pytest.raises(exports.ExportError, match=r"newer Habitat Desktop.*9\.0"):
        merges.merge_files(offices["ROAF"], [newer], trust=True, as_coordinator=True)
    assert activity(offices["ROAF"], "x") == {}


def test_merge_reports_progress_and_can_be_cancelled(offices: dict[str, Path], tmp_path: Path) -> None:
    for number in range(5):
        add_activity(offices["KEN"], f"Activity {number}")
    file = export(offices["KEN"], tmp_path / "ken.habx")
    before = state(offices["ROAF"])
    with pytest.raises(merges.MergeCancelledError):
        merges.merge_files(offices["ROAF"], [file], trust=True, cancelled=lambda: True)
    assert state(offices["ROAF"]) == before
    seen: list[tuple[int, int]] = []
    merges.merge_files(offices["ROAF"], [file], trust=True, progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1] == 6  # the office and five activities


def test_a_merged_workspace_keeps_its_search_index(offices: dict[str, Path], tmp_path: Path) -> None:
    from habitat_desktop.services import activities, workspaces
    from habitat_desktop.storage.activity_store import ActivityFilter

    add_activity(offices["KEN"], "Nairobi river regeneration", partners=["Nairobi City County"])
    sync(offices["KEN"], offices["ROAF"], tmp_path)
    workspace = workspaces.open_workspace(offices["ROAF"])
    try:
        assert activities.count_activities(workspace, ActivityFilter(search="river regen")) == 1
        assert activities.count_activities(workspace, ActivityFilter(resolution="2/7")) == 1
    finally:
        workspace.close()
    connection = sqlite3.connect(offices["ROAF"])
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()


def _search_settings(path: Path) -> dict[str, int]:
    """The full-text index's segment settings as stored (FTS5's defaults where never set)."""
    connection = sqlite3.connect(path)
    try:
        stored = dict(connection.execute("SELECT k, v FROM activity_search_config").fetchall())
        return {"automerge": int(stored.get("automerge", 4)), "hashsize": int(stored.get("hashsize", 1 << 20))}
    finally:
        connection.close()


DEFAULTS = {"automerge": 4, "hashsize": 1 << 20}


def test_the_search_index_merges_its_segments_again_after_a_merge_whatever_its_end(
    offices: dict[str, Path], tmp_path: Path
) -> None:
    from habitat_desktop.services import activities, workspaces
    from habitat_desktop.storage.activity_store import ActivityFilter
    from tests.test_merge_bad_input import repack

    shared = add_activity(offices["KEN"], "Informal settlements mapping")
    sync(offices["KEN"], offices["ROAF"], tmp_path, "k0")
    assert _search_settings(offices["ROAF"]) == DEFAULTS
    edit_activity(offices["KEN"], shared, status="ongoing")
    file = export(offices["KEN"], tmp_path / "k1.habx")
    with pytest.raises(merges.MergeCancelledError):
        merges.merge_files(offices["ROAF"], [file], cancelled=lambda: True)
    assert _search_settings(offices["ROAF"]) == DEFAULTS
    broken = repack(
        file,
        offices["KEN"],
        tmp_path / "broken.habx",
        database=lambda db: db.execute("UPDATE activity SET field_clocks = '{\"status\": 5}' WHERE id = ?", (shared,)),
    )
    with pytest.raises(exports.ExportError, match="not a version vector"):
        merges.merge_files(offices["ROAF"], [broken])
    assert _search_settings(offices["ROAF"]) == DEFAULTS
    merges.merge_files(offices["ROAF"], [file])
    assert _search_settings(offices["ROAF"]) == DEFAULTS and activity(offices["ROAF"], shared)["status"] == "ongoing"
    workspace = workspaces.open_workspace(offices["ROAF"])
    try:
        assert activities.count_activities(workspace, ActivityFilter(search="settlements mapp")) == 1
    finally:
        workspace.close()


def test_search_merging_is_deferred_only_inside_the_block(offices: dict[str, Path]) -> None:
    from habitat_desktop.storage.merging import deferred_search_merging

    connection = sqlite3.connect(offices["ROAF"], isolation_level=None)

    def settings() -> dict[str, int]:
        return {
            k: int(v)
            for k, v in connection.execute(
                "SELECT k, v FROM activity_search_config WHERE k IN ('automerge', 'hashsize')"
            )
        }

    try:
        connection.execute("BEGIN")
        connection.execute("INSERT INTO activity_search (activity_search, rank) VALUES ('automerge', 8)")
        with deferred_search_merging(connection):
            assert settings() == {"automerge": 0, "hashsize": 8 << 20}
        assert settings() == {"automerge": 8, "hashsize": 1 << 20}  # as it was: set, or FTS5's default
        with pytest.raises(RuntimeError), deferred_search_merging(connection):
            raise RuntimeError("failed")
        assert settings() == {"automerge": 8, "hashsize": 1 << 20}
        connection.execute("ROLLBACK")
    finally:
        connection.close()
