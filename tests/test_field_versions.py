"""Records store only the per-field stamps and vectors their version does not imply; readers see the full form.

The compact form (``domain/field_versions.py``) gives back the full one exactly; a fresh record stores ``{}`` twice;
an edit leaves the other fields their stamps; migration 0009 compacts a workspace written at 0008; an export of
format 1 (full dicts, an older app's) merges exactly as the same export of format 2.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from habitat_desktop.domain import field_versions
from habitat_desktop.domain.clock import Stamp
from habitat_desktop.domain.models import Activity
from habitat_desktop.services import activities, exports, merges, workspaces
from habitat_desktop.storage import schema
from habitat_desktop.storage.recorder import Recorder
from tests.merge_support import add_activity, delete_activity, edit_activity, export, office_workspace, state
from tests.test_merge_bad_input import repack

FIELDS = ("city", "status", "title")
TABLES = ("office", "activity", "funding", "resolution_status", "report_document", "glossary_term")
WRITERS = ("KEN", "ROAF", "HQ")
STAMP = st.builds(
    lambda reading, office, replica: str(Stamp(reading, office, replica)),
    st.integers(1, 40),
    st.sampled_from(WRITERS),
    st.sampled_from(["", "0a1b2c3d"]),
)
VECTOR = st.dictionaries(st.sampled_from(["0a1b2c3d", *WRITERS]), st.integers(1, 40), min_size=1, max_size=3)


@st.composite
def full_forms(draw: Any, every_field: bool = False) -> tuple[dict[str, str], dict[str, dict[str, int]], str]:
    """Full stamps and vectors as this app writes them: every stamped field has a vector (often its stamp's
    alone), a field may have none (never written), ``deleted`` lies beyond the implied fields; the version is
    the latest stamp."""
    names = [*FIELDS, "deleted"]
    stamped = names if every_field else draw(st.lists(st.sampled_from(names), unique=True, min_size=1))
    stamps = {name: draw(STAMP) for name in stamped}
    clocks = {
        name: draw(st.one_of(st.just(field_versions.own_vector(stamp)), VECTOR)) for name, stamp in stamps.items()
    }
    for name in names:
        if name not in stamps and draw(st.booleans()):
            clocks[name] = draw(VECTOR)  # a vector without a stamp: kept as it is
    return stamps, clocks, max(stamps.values())


@given(full_forms())
def test_the_compact_form_gives_back_the_full_one(full: tuple[dict[str, str], dict[str, Any], str]) -> None:
    stamps, clocks, version = full
    assert field_versions.expanded(*field_versions.compact(stamps, clocks, version, FIELDS), version, FIELDS) == (
        stamps,
        clocks,
    )


@given(full_forms())
def test_compacting_is_idempotent(full: tuple[dict[str, str], dict[str, Any], str]) -> None:
    stamps, clocks, version = full
    once = field_versions.compact(stamps, clocks, version, FIELDS)
    again = field_versions.compact(*field_versions.expanded(*once, version, FIELDS), version, FIELDS)
    assert again == once
    assert all(stamp != version for name, stamp in once[0].items() if name in FIELDS)


@given(full_forms(every_field=True))
def test_a_full_form_naming_every_field_reads_as_it_is(full: tuple[dict[str, str], dict[str, Any], str]) -> None:
    stamps, clocks, version = full
    assert field_versions.expanded(stamps, clocks, version, FIELDS) == (stamps, clocks)


def test_stamps_and_vectors_are_left_out_independently() -> None:
    version, older = "0000000000000009-KEN-0a1b2c3d", "0000000000000004-KEN-0a1b2c3d"
    stamps = {"city": version, "status": older, "title": version}
    clocks = {"city": {"0a1b2c3d": 9}, "status": {"0a1b2c3d": 4}, "title": {"0a1b2c3d": 9, "ROAF": 3}}
    assert field_versions.compact(stamps, clocks, version, FIELDS) == (
        {"status": older},  # the settled conflict keeps the version's stamp but needs its own vector
        {"title": {"0a1b2c3d": 9, "ROAF": 3}},
    )
    assert field_versions.compact({"city": version}, {"city": {"0a1b2c3d": 9}}, version, FIELDS) == (
        {"status": "", "title": ""},  # never written: no stamp at all, not the version's
        {},
    )


def _rows(path: Path, table: str = "activity") -> dict[str, tuple[str, str, str]]:
    db = sqlite3.connect(path)
    try:
        found = db.execute(f"SELECT id, field_stamps, field_clocks, version FROM {table}").fetchall()
        return {row[0]: tuple(row[1:]) for row in found}
    finally:
        db.close()


def _full(path: Path, table: str, record_id: str) -> tuple[dict[str, str], dict[str, Any]]:
    stamps, clocks, version = _rows(path, table)[record_id]
    return field_versions.expanded(json.loads(stamps), json.loads(clocks), version, field_versions.fields_of(table))


def test_a_fresh_activity_stores_no_stamp_of_its_own(workspace_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "activities.jsonl"
    source.write_text(json.dumps({"title": "Nakuru training", "resolutions": ["2/7"], "outcomes": [1]}) + "\n")
    activities.import_activities(workspace_path, source)  # in bulk
    add_activity(workspace_path, "Kisumu workshop")  # through the form's save
    stored = _rows(workspace_path)
    assert len(stored) == 2
    for activity_id, (stamps, clocks, version) in stored.items():
        assert (stamps, clocks) == ("{}", "{}")
        full_stamps, full_clocks = _full(workspace_path, "activity", activity_id)
        assert set(full_stamps) == set(field_versions.fields_of("activity"))
        assert set(full_stamps.values()) == {version}
        assert all(vector == field_versions.own_vector(version) for vector in full_clocks.values())


def test_editing_one_field_leaves_the_others_their_stamps(workspace_path: Path) -> None:
    activity_id = add_activity(workspace_path, "Kisumu workshop")
    (_stamps, _clocks, created) = _rows(workspace_path)[activity_id]
    edit_activity(workspace_path, activity_id, title="Kisumu workshop on tenure")
    stamps, clocks, edited = _rows(workspace_path)[activity_id]
    assert edited > created
    full_stamps, full_clocks = _full(workspace_path, "activity", activity_id)
    assert full_stamps.pop("title") == edited
    assert set(full_stamps.values()) == {created}
    assert full_clocks["status"] == field_versions.own_vector(created)
    assert full_clocks["title"] == field_versions.own_vector(edited)
    assert "title" not in json.loads(stamps) and json.loads(stamps)["status"] == created
    assert clocks == "{}"  # each vector is its own stamp's
    delete_activity(workspace_path, activity_id)
    full_stamps, _ = _full(workspace_path, "activity", activity_id)
    deleted = _rows(workspace_path)[activity_id][2]
    assert (full_stamps["deleted"], full_stamps["title"], full_stamps["status"]) == (deleted, edited, created)


def _as_full(db: sqlite3.Connection) -> None:
    """Rewrite every versioned record's stamps and vectors in the full form (as an app before 0009 wrote them)."""
    for table in TABLES:
        rows = db.execute(f"SELECT rowid, field_stamps, field_clocks, version FROM {table}").fetchall()
        for rowid, stamps, clocks, version in rows:
            full = field_versions.expanded(
                json.loads(stamps), json.loads(clocks), version, field_versions.fields_of(table)
            )
            db.execute(
                f"UPDATE {table} SET field_stamps = ?, field_clocks = ? WHERE rowid = ?",
                (*map(json.dumps, full), rowid),
            )


def _as_at_0008(db: sqlite3.Connection) -> None:
    _as_full(db)
    db.execute("UPDATE alembic_version SET version_num = '0008'")
    db.execute(f"PRAGMA user_version = {schema.user_version('0008')}")


def _two_offices(folder: Path) -> tuple[Path, Path, str]:
    """Kenya's activities (one edited, one deleted, one edited by the region and merged back)."""
    ken = office_workspace(folder / "ken.habitat", "KEN")
    roaf = office_workspace(folder / "roaf.habitat", "ROAF", kind="regional")
    shared = add_activity(ken, "Mombasa waterfront", city="Mombasa")
    edit_activity(ken, add_activity(ken, "Nairobi rivers"), status="ongoing")
    delete_activity(ken, add_activity(ken, "Kisumu port"))
    merges.merge_files(roaf, [export(ken, folder / "ken0.habx")], trust=True)
    edit_activity(roaf, shared, title="Mombasa waterfront, as the region put it")
    edit_activity(ken, shared, title="Mombasa waterfront renewal")  # concurrent: a conflict
    merges.merge_files(ken, [export(roaf, folder / "roaf0.habx")], trust=True, as_coordinator=True)
    return ken, roaf, shared


def test_migration_0009_compacts_a_workspace_written_at_0008(tmp_path: Path) -> None:
    ken, _roaf, shared = _two_offices(tmp_path)
    compact = {table: _rows(ken, table) for table in TABLES}
    db = sqlite3.connect(ken)
    row = db.execute("SELECT * FROM activity WHERE id = ?", (shared,)).fetchone()
    names = [column[1] for column in db.execute("PRAGMA table_info(activity)")]
    proposed = dict(zip(names, row, strict=True))
    proposed["id"] = "00000000-0000-4000-8000-000000000077"
    db.execute(  # a proposed new record, held whole (storage/proposed_records.py)
        "INSERT INTO change_proposal (record_table, record_id, field, stamp, vector, value, office, period, "
        "detected_at, merge_id) VALUES ('activity', ?, '', ?, '{}', ?, 'KEN', '2026', '2026-01-01 00:00:00', NULL)",
        (proposed["id"], proposed["version"], json.dumps({"row": proposed, "conflicts": []}, sort_keys=True)),
    )
    _as_at_0008(db)
    db.commit()
    full = {table: _rows(ken, table) for table in TABLES}
    assert full != compact
    assert len(json.loads(full["activity"][shared][0])) >= len(field_versions.fields_of("activity"))
    db.close()

    workspaces.open_workspace(ken).close()  # upgrades after a backup
    assert {table: _rows(ken, table) for table in TABLES} == compact
    db = sqlite3.connect(ken)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema.user_version(schema.head_revision())
        (value,) = db.execute("SELECT value FROM change_proposal WHERE record_id = ?", (proposed["id"],)).fetchone()
    finally:
        db.close()
    row = json.loads(value)["row"]
    assert (row["field_stamps"], row["field_clocks"]) == compact["activity"][shared][:2]


def test_an_export_of_format_1_merges_as_the_same_export_of_format_2(tmp_path: Path) -> None:
    ken, _roaf, _shared = _two_offices(tmp_path)
    current = export(ken, tmp_path / "ken.habx")
    older = repack(
        current,
        ken,
        tmp_path / "ken-format-1.habx",
        database=_as_at_0008,
        manifest=lambda m: m.update(format_version=1, schema_revision="0008"),
    )
    with sqlite3.connect(tmp_path / "ken-format-1-parts" / "workspace.sqlite") as db:
        stamps = db.execute("SELECT field_stamps FROM activity").fetchall()
    assert all(len(json.loads(text)) >= len(field_versions.fields_of("activity")) for (text,) in stamps)
    merged = {}
    for name, file in (("two", current), ("one", older)):
        hq = office_workspace(tmp_path / f"hq-{name}.habitat", "HQ", kind="headquarters")
        result = merges.merge_files(hq, [file], trust=True, as_coordinator=True)
        merged[name] = (result.totals.as_dict(), state(hq))
        offices = merged[name][1]["office"]
        merged[name][1]["office"] = {k: v for k, v in offices.items() if v["code"] != "HQ"}  # each made its own
    assert merged["one"] == merged["two"]
    assert merged["two"][0]["conflicts"] == 1
    again = merges.merge_files(tmp_path / "hq-one.habitat", [current], trust=True, as_coordinator=True).totals
    assert (again.added, again.updated, again.conflicts) == (0, 0, 0)  # format 2 brings nothing new after format 1


@pytest.mark.parametrize(
    "statement, reason",
    [
        # a vector for a field without a stamp of its own: "deleted", which the version does not stand for
        ("UPDATE activity SET field_clocks = json_set(field_clocks, '$.deleted', json('{\"KEN\": 1}'))", "vector"),
        ("UPDATE activity SET field_stamps = json_set(field_stamps, '$.deleted', '')", "version stamp"),
        ("UPDATE activity SET field_stamps = json_set(field_stamps, '$.title', 'x')", "version stamp"),
    ],
)
def test_compact_version_data_is_still_checked_strictly(tmp_path: Path, statement: str, reason: str) -> None:
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    add_activity(ken, "Nakuru training")
    bad = repack(
        export(ken, tmp_path / "ken.habx"), ken, tmp_path / "bad.habx", database=lambda db: db.execute(statement)
    )
    with pytest.raises(exports.ExportError, match=reason):
        merges.merge_files(roaf, [bad], trust=True)


def test_a_record_rewritten_whole_stores_nothing_again_and_still_merges(tmp_path: Path) -> None:
    """Every field written at once: the stored texts are ``{}`` again, only the version differs, and a merge
    must not take the record for one it holds already."""
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    activity_id = add_activity(ken, "Nakuru training")
    merges.merge_files(roaf, [export(ken, tmp_path / "ken0.habx")], trust=True)
    workspace = workspaces.open_workspace(ken)
    try:
        with workspace.transaction() as session:
            record = session.get(Activity, activity_id)
            assert record is not None
            fields = {name: getattr(record, name) for name in field_versions.fields_of("activity")}
            Recorder(session, workspace.office).update(record, {**fields, "title": "Nakuru training 2"}, force=True)
    finally:
        workspace.close()
    assert _rows(ken)[activity_id][:2] == ("{}", "{}")
    result = merges.merge_files(roaf, [export(ken, tmp_path / "ken1.habx")], trust=True).totals
    assert result.updated == 1
    assert _rows(roaf)[activity_id][2] == _rows(ken)[activity_id][2]
    assert _full(roaf, "activity", activity_id)[0]["title"] == _rows(ken)[activity_id][2]
    with sqlite3.connect(roaf) as db:
        assert db.execute("SELECT title FROM activity WHERE id = ?", (activity_id,)).fetchone() == (
            "Nakuru training 2",
        )
