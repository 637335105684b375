"""The search index: one definition for saves, merges and the repair of old indexes; Arabic spelling variants meet."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from habitat_desktop.services import activity_editing as editing
from habitat_desktop.services.activities import ActivityFilter, activity_rows, count_activities
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.storage import schema, search_index
from habitat_desktop.storage.engine import make_engine

# the index as migration 0002 made it, and the statement it filled it with before 0004: no coalesce, so one missing
# description made the whole translation text NULL
OLD_0002_TABLE = (
    "CREATE VIRTUAL TABLE activity_search USING fts5("
    "activity_id UNINDEXED, title, description, partners, translations, tokenize = 'trigram')"
)
OLD_0002_FILL = (
    "INSERT INTO activity_search (activity_id, title, description, partners, translations) "
    "SELECT id, title, description, "
    "(SELECT group_concat(value, ' ') FROM json_each(activity.partners)), "
    "(SELECT group_concat(json_extract(value, '$.title') || ' ' || json_extract(value, '$.description'), ' ') "
    " FROM json_each(activity.translations)) "
    "FROM activity WHERE NOT deleted"
)


@pytest.fixture
def kenya(workspace_path: Path):
    workspace = open_workspace(workspace_path)
    yield workspace
    workspace.close()


def _save(workspace, title: str, **changes) -> str:  # type: ignore[no-untyped-def]
    values = editing.empty_values("KEN", "en")
    values.update({"title": title, "resolutions": ["2/2"], "outcomes": [1], **changes})
    return editing.save_activity(workspace, None, values)


def _found(workspace, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    flt = ActivityFilter(search=query)
    rows = activity_rows(workspace, flt, 0, 50, "en")
    assert count_activities(workspace, flt) == len(rows)  # the counted and the paged search agree
    return sorted(row.id for row in rows)


def _old_workspace(path: Path, translations: dict[str, dict[str, str]]) -> None:
    """A workspace as the code before revision 0004 left it: at 0003, its index filled by the old statement."""
    engine = make_engine(path)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE activity SET translations = ?", (json.dumps(translations, ensure_ascii=False),)
        )
        connection.exec_driver_sql("DROP TABLE activity_search")
        connection.exec_driver_sql(OLD_0002_TABLE)
        connection.exec_driver_sql(OLD_0002_FILL)
        connection.exec_driver_sql("DROP TABLE IF EXISTS report_document")  # added after 0003 (by 0006)
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0003'")
    engine.dispose()


def test_an_index_built_by_the_old_migration_is_repaired_on_opening(workspace_path: Path) -> None:
    workspace = open_workspace(workspace_path)
    activity_id = _save(workspace, "Slum upgrading in Mathare")
    workspace.close()
    # a translation with a title and no description (as older versions and exports hold them), beside a full one
    _old_workspace(
        workspace_path,
        {"es": {"title": "Mejoramiento de barrios"}, "fr": {"title": "Amélioration", "description": "quartiers"}},
    )
    with sqlite3.connect(workspace_path) as raw:
        drifted = raw.execute("SELECT translations FROM activity_search").fetchone()[0]
    assert "Mejoramiento" not in (drifted or "")  # the drifted case: the Spanish title is lost

    workspace = open_workspace(workspace_path)  # upgrades 0003 → head, which rebuilds the index
    try:
        with workspace.engine.connect() as connection:
            assert schema.current_revision(connection) == schema.head_revision()
        assert _found(workspace, "Mejoramiento") == [activity_id]
        assert _found(workspace, "quartiers") == [activity_id]
        assert _found(workspace, "Mathare") == [activity_id]
    finally:
        workspace.close()


def test_saving_and_rebuilding_index_the_same_text(kenya) -> None:
    activity_id = _save(
        kenya,
        "تحسين الأحياء الفقيرة",
        description="مَدِينَة نيروبي",
        partners=["UN-Habitat", "بلدية نيروبي"],
        translations={"es": {"title": "Barrios", "description": ""}, "zh": {"title": "贫民窟改造", "description": ""}},
    )
    with kenya.engine.begin() as connection:
        query = "SELECT activity_id, body FROM activity_search"
        saved = connection.exec_driver_sql(query).fetchall()
        raw = connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        assert search_index.rebuild(raw) == 1
        rebuilt = connection.exec_driver_sql(query).fetchall()
    assert saved == rebuilt
    assert saved[0][0] == activity_id
    folded = ["تحسين الاحياء الفقيره", "مدينه نيروبي", "un-habitat بلديه نيروبي", "barrios  贫民窟改造 "]
    assert saved[0][1].splitlines() == folded


def test_arabic_search_folds_hamza_taa_marbuta_alef_maqsura_and_diacritics(kenya) -> None:
    neighbourhoods = _save(kenya, "تحسين الأحياء في المدينة الكُبرى")
    _save(kenya, "Water and sanitation in Kisumu")
    for query in ("الاحياء", "الأحياء", "الأَحْيَاء", "المدينه", "الكبري", "الـمدينة", "إحياء"):
        assert _found(kenya, query) == [neighbourhoods], query


def test_latin_and_chinese_search_still_match_substrings(kenya) -> None:
    chinese = _save(kenya, "内罗毕贫民窟改造项目")
    french = _save(kenya, "Amélioration des quartiers précaires")
    assert _found(kenya, "贫民窟") == [chinese]
    assert _found(kenya, "改造") == [chinese]  # two characters: scanned, not looked up in the trigram index
    assert _found(kenya, "quartiers PRÉCAIRES") == [french]
    assert _found(kenya, "Amé") == [french]
    assert _found(kenya, "Nakuru") == []


ARABIC_LETTERS = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهوي"))
VARIANTS = {"ا": "اأإآٱ", "ه": "هة", "ي": "يى"}
DIACRITICS = st.sampled_from(["", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b", "\u0640", "\u0670"])


@st.composite
def spellings(draw: st.DrawFn) -> tuple[str, str]:
    """A plain Arabic word and another spelling of it: hamza forms, taa marbuta, alef maqsura, diacritics."""
    plain = "".join(draw(st.lists(ARABIC_LETTERS, min_size=3, max_size=8)))
    other = "".join(draw(st.sampled_from(VARIANTS.get(letter, letter))) + draw(DIACRITICS) for letter in plain)
    return plain, other


@given(spellings())
def test_folding_makes_spellings_of_one_word_equal_and_is_idempotent(pair: tuple[str, str]) -> None:
    plain, other = pair
    assert search_index.fold(other) == search_index.fold(plain)
    assert search_index.fold(search_index.fold(other)) == search_index.fold(other)


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",), max_codepoint=0x05FF)))
def test_folding_only_lowers_the_case_of_text_outside_arabic(text: str) -> None:
    assert search_index.fold(text) == text.lower()


def test_search_ignores_case_in_every_script(kenya) -> None:
    moscow = _save(kenya, "Жильё в Москве")
    athens = _save(kenya, "ΑΣΤΙΚΗ ΑΝΑΠΤΥΞΗ Athens")
    assert _found(kenya, "москве") == [moscow]
    assert _found(kenya, "ЖИЛЬЁ") == [moscow]
    assert _found(kenya, "αστικη") == [athens]
    assert _found(kenya, "ATHENS") == [athens]


def test_wildcard_characters_in_a_search_are_taken_literally(kenya) -> None:
    full = _save(kenya, "Coverage 100% [phase 2] a*b?")
    other = _save(kenya, "Coverage 1000 phase 22 axb")
    assert _found(kenya, "100%") == [full]
    assert _found(kenya, "[phase") == [full]
    assert _found(kenya, "a*b?") == [full]
    assert _found(kenya, "a*") == [full]  # short: scanned
    assert _found(kenya, "Coverage") == sorted([full, other])


def test_a_word_in_one_field_and_the_next_is_not_found_across_them(kenya) -> None:
    _save(kenya, "Housing", description="policy review")
    assert _found(kenya, "housingpolicy") == []
    assert _found(kenya, "housing policy") != []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spellings())
def test_any_spelling_finds_an_activity_saved_in_another(workspace_path: Path, pair: tuple[str, str]) -> None:
    plain, other = pair
    workspace = open_workspace(workspace_path)
    try:
        activity_id = _save(workspace, f"مشروع {other}")
        assert activity_id in _found(workspace, plain)
        editing.delete_activity(workspace, activity_id)
    finally:
        workspace.close()


def _as_at_0003(db: sqlite3.Connection) -> None:
    """An export's database as revision 0003 wrote it (without the columns later revisions add)."""
    for table in ("activity", "resolution_status"):  # revision 0005: translation states
        db.execute(f"ALTER TABLE {table} DROP COLUMN translation_state")
        db.execute(
            f"UPDATE {table} SET field_stamps = json_remove(field_stamps, '$.translation_state'), "
            "field_clocks = json_remove(field_clocks, '$.translation_state')"
        )
    db.execute("DROP TABLE IF EXISTS report_document")  # revision 0006
    for column in ("translation_state", "translations", "language"):  # revision 0008: office names translated
        db.execute(f"ALTER TABLE office DROP COLUMN {column}")
    # and any table or index a later revision added (0007: reporting cycles)
    from habitat_desktop.exchange.export_checks import expected_schema

    known = {row[1] for row in expected_schema("0003")}
    later = db.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type IN ('index', 'table')"
    ).fetchall()
    for kind, name in sorted(later):  # indexes first
        if name not in known:
            db.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
    db.execute("UPDATE alembic_version SET version_num = '0003'")


def test_an_export_from_before_the_repair_merges_and_is_found(tmp_path: Path) -> None:
    """Exports carry no search index: upgrading one written at revision 0003 has nothing to repair, and merging
    it indexes its activities with the one definition."""
    from habitat_desktop.services import exports, merges
    from tests.merge_support import add_activity, office_workspace
    from tests.test_merge_bad_input import repack

    kenya = office_workspace(tmp_path / "ken.habitat", "KEN")
    region = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    activity_id = add_activity(kenya, "Tenure security in Kisumu", translations={"fr": {"title": "Sécurité foncière"}})
    current = tmp_path / "ken.habx"
    exports.export_workspace(kenya, current)
    older = repack(
        current,
        kenya,
        tmp_path / "ken-0003.habx",
        database=_as_at_0003,
        manifest=lambda m: m.update(schema_revision="0003"),
    )
    merges.merge_files(region, [older], trust=True)
    workspace = open_workspace(region)
    try:
        assert _found(workspace, "Sécurité foncière") == [activity_id]
    finally:
        workspace.close()
