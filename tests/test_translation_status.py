"""Translation states through the services: outdated after a source edit, reviewed after review, merged per entry."""

from __future__ import annotations

from pathlib import Path

from habitat_desktop.domain.translation_status import TranslationState
from habitat_desktop.services import translations, workspaces
from tests.merge_support import add_activity, edit_activity, office_workspace, state, sync


def _states(path: Path, record: str, language: str = "fr") -> dict[str, TranslationState]:
    workspace = workspaces.open_workspace(path)
    try:
        return {
            s.field: s.state
            for s in translations.record_statuses(workspace, "activity", record)
            if s.language == language
        }
    finally:
        workspace.close()


def _translate(path: Path, record: str, language: str, field: str, text: str) -> None:
    workspace = workspaces.open_workspace(path)
    try:
        translations.set_translation(workspace, "activity", record, language, field, text)
    finally:
        workspace.close()


def _review(path: Path, record: str, language: str, field: str) -> None:
    workspace = workspaces.open_workspace(path)
    try:
        translations.mark_reviewed(workspace, "activity", record, language, field)
    finally:
        workspace.close()


def test_a_translation_goes_from_missing_to_translated_to_reviewed_to_outdated(workspace_path: Path) -> None:
    record = add_activity(workspace_path, "Urban safety training", description="Two days in Nairobi.")
    assert _states(workspace_path, record) == {
        "title": TranslationState.MISSING,
        "description": TranslationState.MISSING,
    }
    _translate(workspace_path, record, "fr", "title", "Formation à la sécurité urbaine")
    assert _states(workspace_path, record)["title"] == TranslationState.TRANSLATED
    _review(workspace_path, record, "fr", "title")
    assert _states(workspace_path, record)["title"] == TranslationState.REVIEWED
    edit_activity(workspace_path, record, title="Urban safety training for mayors")
    assert _states(workspace_path, record) == {
        "title": TranslationState.OUTDATED,
        "description": TranslationState.MISSING,
    }
    _review(workspace_path, record, "fr", "title")  # a reviewer confirms it still fits the new source
    assert _states(workspace_path, record)["title"] == TranslationState.REVIEWED


def test_the_form_saving_translations_records_their_state(workspace_path: Path) -> None:
    record = add_activity(
        workspace_path, "Housing forum", translations={"es": {"title": "Foro de vivienda", "description": ""}}
    )
    assert _states(workspace_path, record, "es")["title"] == TranslationState.TRANSLATED
    edit_activity(workspace_path, record, description="A forum in Nakuru.")
    assert _states(workspace_path, record, "es") == {
        "title": TranslationState.TRANSLATED,
        "description": TranslationState.MISSING,
    }


def test_translations_from_two_workspaces_merge_per_language_and_converge(tmp_path: Path) -> None:
    nairobi = office_workspace(tmp_path / "nairobi.habitat", "KEN")
    geneva = office_workspace(tmp_path / "geneva.habitat", "HQ")
    record = add_activity(nairobi, "Urban safety training")
    sync(nairobi, geneva, tmp_path, "n1")
    _translate(geneva, record, "fr", "title", "Formation à la sécurité urbaine")  # the translator
    _translate(nairobi, record, "es", "title", "Capacitación en seguridad urbana")  # the office, meanwhile
    _review(nairobi, record, "es", "title")
    sync(geneva, nairobi, tmp_path, "g1")
    sync(nairobi, geneva, tmp_path, "n2")
    for path in (nairobi, geneva):
        assert _states(path, record, "fr")["title"] == TranslationState.TRANSLATED
        assert _states(path, record, "es")["title"] == TranslationState.REVIEWED
    mine, theirs = state(nairobi)["activity"][record], state(geneva)["activity"][record]
    assert mine["translations"] == theirs["translations"]
    assert mine["translation_state"] == theirs["translation_state"]
    assert state(nairobi)["conflicts"] == state(geneva)["conflicts"] == []


def test_upgrading_a_workspace_makes_its_existing_translations_translated_from_the_current_source(
    workspace_path: Path,
) -> None:
    import sqlite3

    record = add_activity(
        workspace_path, "Housing forum", translations={"fr": {"title": "Forum sur le logement", "description": ""}}
    )
    with sqlite3.connect(workspace_path) as raw:  # the workspace as revision 0004 left it
        for table in ("activity", "resolution_status"):
            raw.execute(f"ALTER TABLE {table} DROP COLUMN translation_state")
        raw.execute("UPDATE activity SET field_stamps = json_remove(field_stamps, '$.translation_state')")
        raw.execute("DROP TABLE IF EXISTS report_document")  # revision 0006
        raw.execute("UPDATE alembic_version SET version_num = '0004'")
    assert _states(workspace_path, record) == {"title": TranslationState.TRANSLATED}
    edit_activity(workspace_path, record, title="Housing forum in Nakuru")
    assert _states(workspace_path, record)["title"] == TranslationState.OUTDATED


def _sides():  # type: ignore[no-untyped-def]
    from hypothesis import strategies as st

    stamps = st.sampled_from(["0000000000000001-KEN", "0000000000000002-HQ", "0000000000000003-KEN", ""])
    entry = st.tuples(stamps, st.sampled_from(["", "Titre", "Intitulé"]), st.booleans())
    keys = st.sampled_from([("fr", "title"), ("fr", "description"), ("es", "title")])
    return st.dictionaries(keys, entry, max_size=3)


def _pair(side):  # type: ignore[no-untyped-def]
    texts: dict = {}
    state: dict = {}
    for (language, field), (stamp, text, reviewed) in side.items():
        if text:
            texts.setdefault(language, {})[field] = text
        if stamp:  # the same stamp always carries the same write, as in real workspaces
            text = {"0000000000000001-KEN": "Titre", "0000000000000002-HQ": "Intitulé"}.get(stamp, text)
            texts.setdefault(language, {})[field] = text
            state.setdefault(language, {})[field] = {"source": "S", "reviewed": reviewed, "stamp": stamp}
    return texts, state


def test_joining_translations_is_commutative_associative_and_idempotent() -> None:
    from hypothesis import given, settings

    from habitat_desktop.domain.translation_status import joined

    fields = ("title", "description")

    @settings(max_examples=300, deadline=None)
    @given(_sides(), _sides(), _sides())
    def check(a, b, c) -> None:  # type: ignore[no-untyped-def]
        x, y, z = _pair(a), _pair(b), _pair(c)
        assert joined(x, y, fields) == joined(y, x, fields)
        assert joined(joined(x, y, fields), z, fields) == joined(x, joined(y, z, fields), fields)
        once = joined(x, y, fields)
        assert joined(once, once, fields) == once

    check()


def test_the_history_tells_a_review_and_keeps_states_out_of_translation_changes(workspace_path: Path) -> None:
    from habitat_desktop.services import history

    record = add_activity(workspace_path, "Urban safety training")
    _translate(workspace_path, record, "fr", "title", "Formation à la sécurité urbaine")
    _review(workspace_path, record, "fr", "title")
    workspace = workspaces.open_workspace(workspace_path)
    try:
        sentences = [history.describe(entry) for entry in history.activity_history(workspace, record)]
    finally:
        workspace.close()
    assert sentences[:2] == ["Translations reviewed: Français.", "Translations changed: Français."]
    assert not any("translation_state" in sentence for sentence in sentences)
