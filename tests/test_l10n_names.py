"""Names kept in several languages: the language asked for, else English, else any; the same rule everywhere."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from habitat_desktop.l10n import LANGUAGES, name_in, use_language
from habitat_desktop.l10n.punctuation import typeset
from habitat_desktop.reports import wording
from habitat_desktop.services.catalog import list_resolutions
from habitat_desktop.services.dashboard import dashboard
from habitat_desktop.services.navigation import navigation
from habitat_desktop.services.workspaces import open_workspace
from habitat_desktop.storage.engine import make_engine


def test_the_language_then_english_then_any_then_nothing() -> None:
    assert name_in({"en": "Housing", "fr": "Logement"}, "fr") == "Logement"
    assert name_in({"fr": "Logement", "en": "Housing"}, "ar") == "Housing"
    assert name_in({"en": "", "zh": "住房"}, "ar") == "住房"
    assert name_in({}, "ar") == ""
    with use_language("fr"):
        assert name_in({"en": "Housing", "fr": "Logement"}) == "Logement"


@given(st.dictionaries(st.sampled_from(LANGUAGES), st.text(max_size=5)), st.sampled_from(LANGUAGES))
def test_a_name_is_shown_whenever_there_is_one(names: dict[str, str], language: str) -> None:
    shown = name_in(names, language)
    if names.get(language):
        assert shown == names[language]
    elif names.get("en"):
        assert shown == names["en"]
    else:
        assert shown == next((name for name in names.values() if name), "")
    assert wording.name(names, language) == typeset(shown, language)  # the language's punctuation rules


def test_services_fall_back_to_english_where_the_catalog_lacks_the_language(workspace_path: Path) -> None:
    engine = make_engine(workspace_path)
    with engine.begin() as connection:
        titles = connection.exec_driver_sql("SELECT titles FROM resolution WHERE symbol = '2/2'").scalar()
        english = json.loads(titles)["en"]
        connection.exec_driver_sql(
            "UPDATE resolution SET titles = ? WHERE symbol = '2/2'", (json.dumps({"zh": "中文", "en": english}),)
        )
    engine.dispose()
    workspace = open_workspace(workspace_path)
    try:
        named = {item.key: item.name for item in navigation(workspace, "ar").resolutions}
        bars = {bar.key: bar.name for bar in dashboard(workspace, "ar").by_resolution}
        views = {view.symbol: view.title for view in list_resolutions(workspace, "ar")}
    finally:
        workspace.close()
    assert named["2/2"] == bars["2/2"] == views["2/2"] == english
