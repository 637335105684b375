"""Purging deleted activities: gone from the Deleted view and the history, still deleted after any merge."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from habitat_desktop.services import merges, purging, workspaces
from habitat_desktop.services.activities import count_activities
from habitat_desktop.storage.activity_store import ActivityFilter
from tests.merge_support import activity, add_activity, delete_activity, export, office_workspace, sync


def test_purge_empties_deleted_activities_and_their_history_after_a_backup(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    kept = add_activity(ken, "Kept activity")
    gone = add_activity(ken, "Confidential draft", partners=["Secret partner"])
    delete_activity(ken, gone)

    asked = run_cli("activities", "purge", ken)
    assert asked.code == 0 and "1" in asked.out and activity(ken, gone)["title"] == "Confidential draft"
    done = run_cli("activities", "purge", ken, "--yes")
    assert done.code == 0, done.err

    row = activity(ken, gone)
    assert row["deleted"] == 1 and row["title"] == "" and row["partners"] == "[]"
    assert activity(ken, kept)["title"] == "Kept activity"
    connection = sqlite3.connect(ken)
    history = connection.execute("SELECT count(*) FROM change WHERE record_id = ?", (gone,)).fetchone()[0]
    leaked = connection.execute(
        "SELECT count(*) FROM change WHERE new_value LIKE '%Confidential%' OR old_value LIKE '%Confidential%'"
    ).fetchone()[0]
    connection.close()
    assert history == 0 and leaked == 0
    workspace = workspaces.open_workspace(ken)
    try:
        assert count_activities(workspace, ActivityFilter(deleted=True)) == 0
        assert purging.purge_deleted(workspace) == 0
    finally:
        workspace.close()
    assert any("pre-purge" in p.name for p in (tmp_path / "ken.habitat.backups").iterdir())


def test_a_purged_activity_stays_deleted_when_an_older_export_is_merged(tmp_path: Path) -> None:
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    gone = add_activity(ken, "Draft")
    old = export(ken, tmp_path / "old.habx")
    delete_activity(ken, gone)
    workspace = workspaces.open_workspace(ken)
    try:
        purging.purge_deleted(workspace, [gone])
    finally:
        workspace.close()
    merges.merge_files(ken, [old], trust=True)
    assert activity(ken, gone)["deleted"] == 1 and activity(ken, gone)["title"] == ""
    sync(ken, roaf, tmp_path, "new")
    assert activity(roaf, gone)["deleted"] == 1 and activity(roaf, gone)["title"] == ""


def test_the_window_purges_after_confirmation(qtbot, tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("PySide6")
    from habitat_desktop.ui.main_window import DISCARD, MainWindow

    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    gone = add_activity(ken, "To purge")
    delete_activity(ken, gone)
    window = MainWindow(workspaces.open_workspace(ken))
    window.ask_unsaved = lambda: DISCARD
    answers: list[int] = []
    window.commands.confirm_purge = lambda count: answers.append(count) or False
    window.purge_deleted()
    assert answers == [1] and activity(ken, gone)["title"] == "To purge"  # refused: nothing purged
    window.commands.confirm_purge = lambda count: True
    window.purge_deleted()
    assert activity(ken, gone)["title"] == ""
    window.close()
