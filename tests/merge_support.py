"""Helpers for exchange tests: office workspaces, edits through the services, exports, and a workspace's state."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from habitat_desktop.services import activity_editing, exports, merges, workspaces

RECORD_TABLES = ("office", "activity", "funding", "resolution_status")
VOLATILE = {"updated_at", "origin_export"}
JSON_COLUMNS = {"field_stamps", "field_clocks"}


def office_workspace(path: Path, office: str, country: str = "KE", kind: str = "country") -> Path:
    workspaces.create_workspace(path, office=office, office_name=f"Office {office}", country=country, kind=kind).close()
    return path


def add_activity(path: Path, title: str, **values: Any) -> str:
    workspace = workspaces.open_workspace(path)
    try:
        fields = {
            **activity_editing.empty_values(workspace.office, "en"),
            "title": title,
            "resolutions": ["2/7"],
            "outcomes": [1],
            **values,
        }
        return activity_editing.save_activity(workspace, None, fields)
    finally:
        workspace.close()


def edit_activity(path: Path, activity_id: str, **values: Any) -> None:
    workspace = workspaces.open_workspace(path)
    try:
        current = activity_editing.load_activity(workspace, activity_id).values
        activity_editing.save_activity(workspace, activity_id, {**current, **values})
    finally:
        workspace.close()


def delete_activity(path: Path, activity_id: str) -> None:
    workspace = workspaces.open_workspace(path)
    try:
        activity_editing.delete_activity(workspace, activity_id)
    finally:
        workspace.close()


def export(path: Path, out: Path) -> Path:
    exports.export_workspace(path, out)
    return out


def sync(source: Path, target: Path, folder: Path, name: str | None = None) -> merges.MergeResult:
    """Export ``source`` and merge it into ``target`` (trusting its signer as a coordinator, who may relay)."""
    file = export(source, folder / f"{name or source.stem}.habx")
    return merges.merge_files(target, [file], trust=True, as_coordinator=True)


def activity(path: Path, activity_id: str) -> dict[str, Any]:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        row = connection.execute("SELECT * FROM activity WHERE id = ?", (activity_id,)).fetchone()
        return dict(row) if row else {}
    finally:
        connection.close()


def state(path: Path) -> dict[str, Any]:
    """Everything merging must agree on: every record's fields and version data, and the open conflicts."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        result: dict[str, Any] = {}
        for table in RECORD_TABLES:
            rows = connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            result[table] = {
                row["id"]: {
                    k: json.loads(row[k]) if k in JSON_COLUMNS else row[k]
                    for k in row.keys()  # noqa: SIM118
                    if k not in VOLATILE
                }
                for row in rows
            }
        result["cycle_events"] = sorted(tuple(r) for r in connection.execute("SELECT * FROM cycle_event"))
        result["proposals"] = sorted(
            (r["record_table"], r["record_id"], r["field"], r["stamp"], r["value"])
            for r in connection.execute("SELECT * FROM change_proposal")
        )
        result["conflicts"] = sorted(
            (r["record_table"], r["record_id"], r["field"], r["stamp"], r["value"])
            for r in connection.execute("SELECT * FROM field_conflict")
        )
        return result
    finally:
        connection.close()


def history_values(path: Path) -> list[Any]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        values = []
        for new, old in connection.execute("SELECT new_value, old_value FROM change"):
            values.extend(json.loads(v) for v in (new, old) if v is not None)
        return values
    finally:
        connection.close()


def private_key(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("SELECT value FROM workspace_setting WHERE key = 'signing_key'").fetchone()[0])
    finally:
        connection.close()


def four_offices(folder: Path) -> dict[str, Path]:
    """Uganda with an activity; Kenya holding a copy of it (and of the region's office); the region with Uganda's;
    headquarters with nothing yet. Kenya and Uganda are trusted by the others for their own records only."""
    paths = {
        "UGA": office_workspace(folder / "uga.habitat", "UGA", "UG"),
        "KEN": office_workspace(folder / "ken.habitat", "KEN"),
        "ROAF": office_workspace(folder / "roaf.habitat", "ROAF", kind="regional"),
        "HQ": office_workspace(folder / "hq.habitat", "HQ", kind="headquarters"),
    }
    add_activity(paths["UGA"], "Kampala land readjustment")
    uga = export(paths["UGA"], folder / "uga0.habx")
    roaf = export(paths["ROAF"], folder / "roaf0.habx")
    merges.merge_files(paths["KEN"], [uga, roaf], trust=True)
    merges.merge_files(paths["ROAF"], [uga], trust=True)
    return paths


def record_id(path: Path, table: str, office: str) -> str:
    """The id of the (first) record of ``table`` belonging to ``office``."""
    column = "code" if table == "office" else "office"
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute(f"SELECT id FROM {table} WHERE {column} = ?", (office,)).fetchone()[0])
    finally:
        connection.close()
