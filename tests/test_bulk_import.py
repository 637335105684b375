"""Imports write new activities in bulk: the same stored records, history and indexes as saving them one by one."""

from __future__ import annotations

import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from habitat_desktop.domain.activity import parse_activity
from habitat_desktop.services import activities, workspaces
from habitat_desktop.services.history import activity_history
from habitat_desktop.storage import activity_store, bulk_activities
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.recorder import Recorder

TEXT = st.text(
    st.sampled_from([*list("abc xyzÉé"), "أ", "ة", "ى", "ـ", "住", "房", "\u064e"]), min_size=1, max_size=30
).filter(str.strip)
RECORD = st.fixed_dictionaries(
    {
        "title": TEXT,
        "description": st.one_of(st.just(""), TEXT),
        "resolutions": st.lists(st.sampled_from(["2/7", "2/2", "1/3", "2/10"]), min_size=1, max_size=3),
        "outcomes": st.lists(st.integers(1, 5), min_size=1, max_size=3),
        "status": st.sampled_from(["planned", "ongoing", "completed"]),
        "start_date": st.one_of(st.none(), st.just("2026-01-05")),
        "partners": st.lists(TEXT, max_size=2, unique=True),
        "translations": st.one_of(
            st.just({}), st.fixed_dictionaries({"fr": st.fixed_dictionaries({"title": TEXT, "description": TEXT})})
        ),
    }
)


def _workspace(folder: Path, name: str) -> Path:
    path = folder / f"{name}.habitat"
    workspaces.create_workspace(path, office="KEN", office_name="UN-Habitat Kenya", country="KE").close()
    return path


def _one_by_one(path: Path, records: list[dict[str, Any]]) -> None:
    """The reference: each activity created by the recorder, as the form saves it."""
    workspace = storage.open_workspace(path)
    try:
        with workspace.transaction() as session:
            recorder = Recorder(session, workspace.office)
            context = activity_store.validation_context(session, workspace.office)
            for record in records:
                activity_store.save(recorder, parse_activity(record, context), record["id"])
    finally:
        workspace.close()


def _stored(path: Path) -> dict[str, Any]:
    """What a workspace holds of its activities, with stamps and clocks replaced by their order of making."""
    db = sqlite3.connect(path)
    db.row_factory = sqlite3.Row
    order: dict[str, int] = {}

    def stamp(value: str) -> int:
        return order.setdefault(value, len(order))

    def states(state: dict[str, Any]) -> dict[str, Any]:
        return {lang: {f: {**e, "stamp": stamp(e["stamp"])} for f, e in texts.items()} for lang, texts in state.items()}

    def snapshot(value: Any) -> Any:
        if isinstance(value, dict) and "translation_state" in value:
            return {**value, "translation_state": states(value["translation_state"])}
        return value

    rows = []
    for row in db.execute("SELECT * FROM activity ORDER BY rowid"):
        record = dict(row)
        for name in ("created_at", "updated_at"):
            record.pop(name)
        record["version"] = stamp(record["version"])
        record["field_stamps"] = {k: stamp(v) for k, v in json.loads(record["field_stamps"]).items()}
        clocks = json.loads(record["field_clocks"])  # {field: {replica: clock}}: the replica differs, the order not
        record["field_clocks"] = {k: [stamp(f"clock {c}") for c in v.values()] for k, v in clocks.items()}
        record["translation_state"] = states(json.loads(record["translation_state"]))
        for name in ("resolutions", "outcomes", "priority_domains", "operative_paragraphs", "partners", "translations"):
            record[name] = json.loads(record[name])
        rows.append(record)
    changes = [  # an import's "created" line holds no picture of the values: the history reads it back (below)
        (*row[:4], json.loads(row[4]), None if row[3] == "created" else json.loads(row[5]), *row[6:8], stamp(row[8]))
        for row in db.execute(
            "SELECT record_table, record_id, field, action, old_value, new_value, office, author, stamp"
            " FROM change WHERE record_table = 'activity' ORDER BY id"
        )
    ]
    indexes = {
        table: sorted(map(tuple, db.execute(f"SELECT * FROM {table}")))
        for table in ("activity_resolution", "activity_outcome")
    }
    search = sorted(map(tuple, db.execute("SELECT activity_id, body FROM activity_search")))
    db.close()
    workspace = storage.open_workspace(path)
    try:  # the values as created, as the history tells them
        created = [
            snapshot(next(e.new_value for e in activity_history(workspace, row["id"]) if e.action == "created"))
            for row in rows
        ]
    finally:
        workspace.close()
    return {"activities": rows, "changes": changes, "indexes": indexes, "search": search, "created": created}


@settings(max_examples=15, deadline=None)
@given(st.lists(RECORD, min_size=1, max_size=6))
def test_an_import_stores_what_saving_each_activity_stores(records: list[dict[str, Any]]) -> None:
    for number, record in enumerate(records):
        record["id"] = f"00000000-0000-4000-8000-{number:012d}"
    with tempfile.TemporaryDirectory() as folder:
        reference, imported = _workspace(Path(folder), "reference"), _workspace(Path(folder), "imported")
        _one_by_one(reference, records)
        source = Path(folder) / "activities.jsonl"
        source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        summary = activities.import_activities(imported, source)
        assert summary.added == len(records)
        assert _stored(imported) == _stored(reference)


def test_a_bad_line_after_chunks_were_written_leaves_nothing(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    good = {"title": "Training", "resolutions": ["2/7"], "outcomes": [2]}
    lines = [json.dumps(good)] * (bulk_activities.CHUNK * 2 + 5) + [json.dumps({**good, "outcomes": [9]})]
    source = tmp_path / "activities.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_cli("activities", "import", workspace_path, source)
    assert outcome.code != 0
    assert f"activities.jsonl:{len(lines)}: outcomes" in outcome.err
    db = sqlite3.connect(workspace_path)
    counts = [db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in ("activity", "activity_search")]
    assert counts == [0, 0]
    assert db.execute("SELECT count(*) FROM change WHERE record_table = 'activity'").fetchone()[0] == 0


def test_an_import_of_new_and_known_activities_adds_and_updates(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    first = [
        {"id": f"00000000-0000-4000-8000-{n:012d}", "title": f"Workshop {n}", "resolutions": ["2/7"], "outcomes": [1]}
        for n in range(3)
    ]
    source = tmp_path / "first.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in first), encoding="utf-8")
    assert run_cli("activities", "import", workspace_path, source).code == 0
    second = [
        {**first[0], "title": "Workshop renamed"},
        first[1],
        {
            "id": "00000000-0000-4000-8000-000000000009",
            "title": "Housing survey",
            "resolutions": ["2/2"],
            "outcomes": [3],
        },
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in second), encoding="utf-8")
    summary = activities.import_activities(workspace_path, source)
    assert summary.as_dict() == {"added": 1, "updated": 1, "unchanged": 1, "deleted": 0}
    found = list(activities.iter_records(workspace_path, activities.ActivityFilter(search="renamed")))
    assert [r["title"] for r in found] == ["Workshop renamed"]
    found = list(activities.iter_records(workspace_path, activities.ActivityFilter(search="survey", resolution="2/2")))
    assert [r["id"] for r in found] == ["00000000-0000-4000-8000-000000000009"]


def test_every_index_row_an_import_writes_has_its_activity(workspace_path: Path, tmp_path: Path) -> None:
    """An import's transaction does not look up each index row's activity (``check_references=False``): the rows
    it writes still each have one, through creations, updates and deletions; the next unit of work checks again."""
    first = [
        {"id": f"00000000-0000-4000-8000-{n:012d}", "title": f"Workshop {n}", "resolutions": ["2/7"], "outcomes": [1]}
        for n in range(3)
    ]
    second = [
        {**first[0], "resolutions": ["2/2", "2/7"], "outcomes": [3, 4]},
        {"id": first[1]["id"], "deleted": True},
        {"id": "00000000-0000-4000-8000-000000000009", "title": "Survey", "resolutions": ["2/2"], "outcomes": [3]},
    ]
    source = tmp_path / "activities.jsonl"
    for lines in (first, second):
        source.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
        activities.import_activities(workspace_path, source)
    db = sqlite3.connect(workspace_path)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    rows = db.execute("SELECT activity_id, resolution_symbol FROM activity_resolution ORDER BY 1, 2").fetchall()
    db.close()
    assert [(i[-1:], s) for i, s in rows] == [("0", "2/2"), ("0", "2/7"), ("2", "2/7"), ("9", "2/2")]
    workspace = storage.open_workspace(workspace_path)
    try:
        with pytest.raises(IntegrityError), workspace.transaction() as session:
            session.execute(
                text("INSERT INTO activity_resolution VALUES ('00000000-0000-4000-8000-000000000077', '2/7')")
            )
    finally:
        workspace.close()


def test_an_index_row_the_workspace_refuses_stops_the_import(workspace_path: Path, tmp_path: Path) -> None:
    """The bulk writer's index rows are inserted OR IGNORE (no statement journal) and counted: one a constraint
    refuses (here a stale row of the same activity and resolution) stops the import, and nothing is stored."""
    activity_id = "00000000-0000-4000-8000-000000000001"
    db = sqlite3.connect(workspace_path)
    db.execute("INSERT INTO activity_resolution VALUES (?, '2/7')", (activity_id,))  # foreign keys off here
    db.commit()
    db.close()
    source = tmp_path / "activities.jsonl"
    records = [
        {"id": f"00000000-0000-4000-8000-00000000000{n}", "title": "Survey", "resolutions": ["2/7"], "outcomes": [3]}
        for n in range(3)
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with pytest.raises(sqlite3.IntegrityError):
        activities.import_activities(workspace_path, source)
    db = sqlite3.connect(workspace_path)
    tables = ("activity", "activity_search", "activity_outcome", "change WHERE record_table = 'activity'")
    assert [db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables] == [0, 0, 0, 0]
    assert db.execute("SELECT count(*) FROM activity_resolution").fetchone()[0] == 1  # the stale row alone
    db.close()


def test_imported_activities_get_stamps_later_than_any_before(workspace_path: Path, tmp_path: Path) -> None:
    good = {"title": "Training", "resolutions": ["2/7"], "outcomes": [2]}
    source = tmp_path / "activities.jsonl"
    source.write_text((json.dumps(good) + "\n") * (bulk_activities.CHUNK + 3), encoding="utf-8")
    activities.import_activities(workspace_path, source)
    activities.import_activities(workspace_path, source)  # the second import's stamps follow the first's
    db = sqlite3.connect(workspace_path)
    stamps = [version for (version,) in db.execute("SELECT version FROM activity ORDER BY rowid")]
    assert len(stamps) == 2 * (bulk_activities.CHUNK + 3)
    assert stamps == sorted(set(stamps))  # distinct, and in the order the activities were written
    (clock,) = db.execute("SELECT value FROM workspace_setting WHERE key = 'clock'").fetchone()
    assert int(stamps[-1].split("-")[0], 16) == int(clock)  # the next stamp made is later than all of these
