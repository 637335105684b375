"""An imported activity's history: the "created" line holds no picture of the values, and the history reads them
back from the row and the later changes exactly as it reads a saved activity's picture."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from habitat_desktop.services import activities, workspaces
from habitat_desktop.services import activity_editing as editing
from habitat_desktop.services.history import activity_history, describe, values_at
from habitat_desktop.storage.workspace import open_workspace

EDITS = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "title": st.sampled_from(["Second title", "Third title", "Housing survey"]),
            "status": st.sampled_from(["planned", "ongoing", "completed"]),
            "description": st.sampled_from(["", "Updated description"]),
            "partners": st.sampled_from([[], ["County of Nakuru"], ["UN-Habitat", "UNDP"]]),
        },
    ),
    max_size=4,
)
FIRST = {
    "title": "Slum upgrading in Mathare",
    "description": "First description",
    "resolutions": ["2/7"],
    "outcomes": [1],
    "status": "planned",
    "partners": ["Nairobi County"],
}


def _edited(workspace: Any, activity_id: str, edits: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Apply the edits; return each entry of the history (oldest first) with the values right after it."""
    for edit in edits:
        values = editing.load_activity(workspace, activity_id).values
        editing.save_activity(workspace, activity_id, {**values, **edit})
    history = list(reversed(activity_history(workspace, activity_id)))
    return [(describe(entry), values_at(workspace, activity_id, entry.change_id)) for entry in history]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(EDITS)
def test_an_imported_activity_has_the_history_of_one_saved_in_the_form(tmp_path: Path, edits: list[dict]) -> None:
    folder = tmp_path / str(len(list(tmp_path.iterdir())))
    folder.mkdir()
    told = []
    for way in ("saved", "imported"):
        path = folder / f"{way}.habitat"
        workspaces.create_workspace(path, office="KEN", office_name="UN-Habitat Kenya", country="KE").close()
        workspace = open_workspace(path)
        try:
            if way == "saved":
                activity_id = editing.save_activity(workspace, None, {**editing.empty_values("KEN", "en"), **FIRST})
            else:
                source = folder / "one.jsonl"
                source.write_text(json.dumps(FIRST) + "\n", encoding="utf-8")
                (activity_id,) = activities.import_activities(path, source).ids
            told.append(_edited(workspace, activity_id, edits))
        finally:
            workspace.close()
    saved, imported = told
    assert imported == saved
    assert imported[0][0] == "Activity created: Slum upgrading in Mathare."
    assert imported[0][1]["description"] == "First description"


def test_an_import_stores_no_picture_of_the_values_in_its_created_lines(tmp_path: Path) -> None:
    path = tmp_path / "ken.habitat"
    workspaces.create_workspace(path, office="KEN", office_name="UN-Habitat Kenya", country="KE").close()
    source = tmp_path / "two.jsonl"
    source.write_text("".join(json.dumps({**FIRST, "title": t}) + "\n" for t in ("One", "Two")), encoding="utf-8")
    activities.import_activities(path, source)
    with sqlite3.connect(path) as db:
        lines = db.execute("SELECT action, new_value FROM change WHERE record_table = 'activity'").fetchall()
    assert lines == [("created", "null"), ("created", "null")]


def test_a_coordinator_reads_the_same_history_of_an_imported_activity(tmp_path: Path) -> None:
    from tests.merge_support import edit_activity, office_workspace, sync

    kenya = office_workspace(tmp_path / "ken.habitat", "KEN")
    region = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps(FIRST) + "\n", encoding="utf-8")
    (activity_id,) = activities.import_activities(kenya, source).ids
    edit_activity(kenya, activity_id, title="Second title")
    sync(kenya, region, tmp_path)
    told = []
    for path in (kenya, region):
        workspace = open_workspace(path)
        try:
            history = list(reversed(activity_history(workspace, activity_id)))
            told.append([(describe(e), values_at(workspace, activity_id, e.change_id)["title"]) for e in history])
        finally:
            workspace.close()
    assert told[1] == told[0]
    assert told[0][0] == ("Activity created: Slum upgrading in Mathare.", "Slum upgrading in Mathare")
