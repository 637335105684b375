"""``habitat offices rename``: this office's own name only, translations outdated; the navigation pane's office names
in the window's language (the translation, else the name as entered)."""

from __future__ import annotations

from pathlib import Path

from habitat_desktop.domain.models import Office
from habitat_desktop.services import translations
from habitat_desktop.services.navigation import navigation
from habitat_desktop.services.workspaces import open_workspace


def _office(path: Path, code: str) -> Office:
    workspace = open_workspace(path, read_only=True)
    try:
        with workspace.reading() as session:
            from sqlmodel import col, select

            return session.exec(select(Office).where(col(Office.code) == code)).one()
    finally:
        workspace.close()


def _office_names(path: Path, language: str) -> dict[str, str]:
    workspace = open_workspace(path, read_only=True)
    try:
        return {item.key: item.name for item in navigation(workspace, language).offices}
    finally:
        workspace.close()


def test_rename_changes_the_own_office_name_and_its_language(run_cli, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("offices", "rename", workspace_path, "KEN", "--name", "ONU-Habitat Kenya", "--lang", "fr")
    assert result.code == 0, result
    office = _office(workspace_path, "KEN")
    assert (office.name, office.language) == ("ONU-Habitat Kenya", "fr")
    again = run_cli("offices", "rename", workspace_path, "KEN", "--name", "ONU-Habitat Kenya")
    assert again.code == 0 and "nothing changed" in again.out


def test_a_foreign_office_name_is_refused_with_the_reason(run_cli, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    added = run_cli(
        "offices", "add", workspace_path, "--office", "ROAF", "--office-name", "Regional Office for Africa",
        "--country", "KE", "--kind", "regional",
    )  # fmt: skip
    assert added.code == 0, added
    result = run_cli("offices", "rename", workspace_path, "ROAF", "--name", "Something else")
    assert result.code != 0
    assert "only in its own workspace" in result.err
    assert _office(workspace_path, "ROAF").name == "Regional Office for Africa"


def test_the_navigation_pane_names_offices_in_the_language_else_as_entered(workspace_path: Path) -> None:
    workspace = open_workspace(workspace_path)
    try:
        office_id = _office(workspace_path, "KEN").id
        translations.set_translation(workspace, "office", office_id, "ar", "name", "موئل الأمم المتحدة - كينيا")
    finally:
        workspace.close()
    source = _office(workspace_path, "KEN").name
    assert _office_names(workspace_path, "ar")["KEN"] == "موئل الأمم المتحدة - كينيا"
    assert _office_names(workspace_path, "zh")["KEN"] == source
