"""Office names as translatable texts: a source language, a state per language (missing, translated, reviewed,
outdated after a rename), the XLIFF round trip, the office report in the translated name, merged from two sides."""

from __future__ import annotations

import json
from pathlib import Path

from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.domain.models import Office
from habitat_desktop.domain.translation_status import TranslationState
from habitat_desktop.services import offices, translations
from habitat_desktop.services.workspaces import open_workspace
from tests.merge_support import office_workspace, state, sync
from tests.pdf_inspection import normalized, pdf_text


def _office_id(path: Path, code: str) -> str:
    workspace = open_workspace(path, read_only=True)
    try:
        with workspace.reading() as session:
            from sqlmodel import col, select

            return session.exec(select(Office).where(col(Office.code) == code)).one().id
    finally:
        workspace.close()


def _state(path: Path, code: str, language: str = "fr") -> TranslationState:
    workspace = open_workspace(path, read_only=True)
    try:
        found = translations.record_statuses(workspace, "office", _office_id(path, code))
    finally:
        workspace.close()
    return next(s.state for s in found if s.language == language and s.field == "name")


def _translate(path: Path, code: str, text: str, language: str = "fr") -> None:
    workspace = open_workspace(path)
    try:
        translations.set_translation(workspace, "office", _office_id(path, code), language, "name", text)
    finally:
        workspace.close()


def test_an_office_name_goes_from_missing_to_translated_reviewed_then_outdated(
    run_cli, workspace_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    path = workspace_path
    assert _state(path, "KEN") == TranslationState.MISSING
    out = tmp_path / "office-fr.pdf"
    assert run_cli("report", path, "--kind", "office", "--office", "KEN", "--lang", "fr", "-o", out).code == 0
    assert "UN-Habitat Kenya [en anglais]" in normalized(pdf_text(out))
    _translate(path, "KEN", "ONU-Habitat Kenya")
    assert _state(path, "KEN") == TranslationState.TRANSLATED
    workspace = open_workspace(path)
    try:
        assert translations.mark_reviewed(workspace, "office", _office_id(path, "KEN"), "fr", "name")
    finally:
        workspace.close()
    assert _state(path, "KEN") == TranslationState.REVIEWED
    assert run_cli("report", path, "--kind", "office", "--office", "KEN", "--lang", "fr", "-o", out).code == 0
    text = normalized(pdf_text(out))
    assert "ONU-Habitat Kenya (Bureau de pays, Kenya)" in text and "[en anglais]" not in text
    assert offices.rename_office(path, "KEN", "UN-Habitat Kenya Country Office")
    assert _state(path, "KEN") == TranslationState.OUTDATED
    assert _state(path, "KEN", "zh") == TranslationState.MISSING
    exported = tmp_path / "fr.xlf"
    result = run_cli("translations", "export", path, "--lang", "fr", "--state", "outdated", "-o", exported)
    assert result.code == 0 and "Wrote 1 text" in result.out
    assert "UN-Habitat Kenya Country Office" in exported.read_text(encoding="utf-8")
    assert 'category="previous-source">UN-Habitat Kenya<' in exported.read_text(encoding="utf-8")


def test_office_name_translations_travel_and_only_the_office_translates_its_name(tmp_path: Path) -> None:
    hq = office_workspace(tmp_path / "hq.habitat", "HQ", kind="headquarters")
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    sync(ken, hq, tmp_path, "ken-1")
    _translate(ken, "KEN", "ONU-Habitat Kenya")  # the office translates its name into French
    _translate(ken, "KEN", "联合国人居署肯尼亚办事处", "zh")
    _translate(hq, "HQ", "Siège d'ONU-Habitat")  # headquarters its own, meanwhile
    try:  # a coordinator may not write another office's office record: that office's merges would refuse it
        _translate(hq, "KEN", "Bureau du Kenya")
        raise AssertionError("headquarters translated Kenya's name")
    except ValidationError as error:
        assert "only office KEN translates its own name" in str(error)
    sync(ken, hq, tmp_path, "ken-2")
    sync(hq, ken, tmp_path, "hq-1")
    for path in (hq, ken):
        assert _state(path, "KEN", "fr") == TranslationState.TRANSLATED
        assert _state(path, "KEN", "zh") == TranslationState.TRANSLATED
        assert _state(path, "HQ", "fr") == TranslationState.TRANSLATED
    mine, theirs = state(hq)["office"], state(ken)["office"]
    for record in (*mine.values(), *theirs.values()):  # JSON text as either side wrote it: compare the values
        for name in ("translations", "translation_state"):
            record[name] = json.loads(record[name])
    assert mine == theirs
