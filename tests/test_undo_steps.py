"""Undo and redo kept by the workspace: the same steps through ``habitat undo``/``redo`` and through Edit ▸ Undo/Redo.

Every test runs once per front. A step is taken as the window takes it (services.activity_steps); what happened
elsewhere afterwards (a merge, another program) is never overwritten: a field changed only there is kept, one changed
by the step and there too stops the undo with a message, and nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest

from habitat_desktop.services import activity_editing, activity_steps, undo, workspaces
from tests.merge_support import activity, add_activity, edit_activity, office_workspace, sync


class Front(Protocol):
    def undo(self) -> str: ...

    def redo(self) -> str: ...


class CommandLine:
    """``habitat undo PATH``: what it printed, or its error."""

    def __init__(self, path: Path, run_cli: Any) -> None:
        self.path, self.run_cli = path, run_cli

    def _run(self, command: str) -> str:
        result = self.run_cli(command, self.path)
        return result.out if result.code == 0 else "error: " + result.err

    def undo(self) -> str:
        return self._run("undo")

    def redo(self) -> str:
        return self._run("redo")


class Window:
    """A person opening the workspace in the window and choosing Edit ▸ Undo (or Redo): the status bar's message."""

    def __init__(self, path: Path, qtbot: Any) -> None:
        self.path, self.qtbot = path, qtbot

    def _run(self, name: str) -> str:
        from PySide6.QtCore import QCoreApplication, QEvent

        from habitat_desktop.ui.main_window import DISCARD, MainWindow

        window = MainWindow(workspaces.open_workspace(self.path))
        alerts: list[str] = []
        window.alert = alerts.append
        window.ask_unsaved = lambda: DISCARD
        window.show()
        try:
            action = window.menu_actions.undo if name == "undo" else window.menu_actions.redo
            if not action.isEnabled():
                return "error: " + action.toolTip()
            action.trigger()
            self.qtbot.waitUntil(lambda: not window.operations.busy())
            QCoreApplication.processEvents()
            return ("error: " + alerts[-1]) if alerts else action.toolTip()
        finally:
            window.close()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    def undo(self) -> str:
        return self._run("undo")

    def redo(self) -> str:
        return self._run("redo")


@pytest.fixture(params=["cli", "window"])
def front(request: pytest.FixtureRequest, tmp_path: Path, run_cli: Any) -> Iterator[tuple[Path, Front]]:
    path = office_workspace(tmp_path / "ken.habitat", "KEN")
    if request.param == "cli":
        yield path, CommandLine(path, run_cli)
    else:
        pytest.importorskip("PySide6")
        yield path, Window(path, request.getfixturevalue("qtbot"))


def _edit(path: Path, activity_id: str, **values: Any) -> None:
    """Edit as the window's form does: against the version loaded, kept as an undo step."""
    with workspaces.opened(path) as workspace:
        base = activity_editing.load_activity(workspace, activity_id)
        activity_steps.save(workspace, base, {**base.values, **values}, base.funding)


def _create(path: Path, title: str) -> str:
    with workspaces.opened(path) as workspace:
        values = {
            **activity_editing.empty_values("KEN", "en"),
            "title": title,
            "resolutions": ["2/7"],
            "outcomes": [1],
        }
        outcome = activity_steps.save(workspace, activity_editing.ActivityDraft(None, values), values, ())
    assert outcome.activity_id is not None
    return outcome.activity_id


def test_undo_then_redo_an_edit(front: tuple[Path, Front]) -> None:
    path, person = front
    shared = add_activity(path, "Land tenure")
    _edit(path, shared, title="Land tenure in Kisumu")
    assert "error" not in person.undo()
    assert activity(path, shared)["title"] == "Land tenure"
    assert "error" not in person.redo()
    assert activity(path, shared)["title"] == "Land tenure in Kisumu"
    assert "nothing to redo" in person.redo().lower() or "error" in person.redo()


def test_undo_keeps_a_field_a_merge_changed_after_the_step(front: tuple[Path, Front], tmp_path: Path) -> None:
    path, person = front
    shared = add_activity(path, "Land tenure")
    uga = office_workspace(tmp_path / "uga.habitat", "UGA", "UG")
    sync(path, uga, tmp_path, "k0")
    _edit(path, shared, title="Land tenure in Kisumu")
    edit_activity(uga, shared, description="Surveyed by the regional team.")
    sync(uga, path, tmp_path, "u1")  # Uganda relays a change of the description, made after the step
    assert "error" not in person.undo()
    after = activity(path, shared)
    assert after["title"] == "Land tenure" and after["description"] == "Surveyed by the regional team."


def test_undo_refuses_to_overwrite_a_later_change_of_the_same_field(front: tuple[Path, Front]) -> None:
    path, person = front
    shared = add_activity(path, "Land tenure")
    _edit(path, shared, title="Land tenure in Kisumu")
    edit_activity(path, shared, title="Land tenure in Nakuru")  # another program, after the step
    said = person.undo()
    assert said.startswith("error") and "Title" in said
    assert activity(path, shared)["title"] == "Land tenure in Nakuru"  # nothing changed
    with workspaces.opened(path) as workspace:
        assert undo.status(workspace).undo == "edit"  # the step stays where it was


def test_undo_of_a_creation_deletes_and_redo_brings_it_back(front: tuple[Path, Front]) -> None:
    path, person = front
    created = _create(path, "Community mapping")
    assert "error" not in person.undo()
    assert activity(path, created)["deleted"] == 1
    assert "error" not in person.redo()
    assert activity(path, created)["deleted"] == 0 and activity(path, created)["title"] == "Community mapping"


def test_undo_of_a_deletion_restores_and_a_purge_forgets_every_step(front: tuple[Path, Front]) -> None:
    path, person = front
    shared = add_activity(path, "Land tenure")
    with workspaces.opened(path) as workspace:
        activity_steps.delete(workspace, shared)
    assert "error" not in person.undo()
    assert activity(path, shared)["deleted"] == 0
    with workspaces.opened(path) as workspace:
        activity_steps.delete(workspace, shared)
        activity_steps.purge(workspace)
        assert undo.status(workspace) == undo.UndoStatus(None, None)
    assert person.undo().startswith("error")
    assert activity(path, shared)["deleted"] == 1 and activity(path, shared)["title"] == ""
