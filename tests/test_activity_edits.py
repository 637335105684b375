"""A save writes only what the form changed, over what is saved now: changes made elsewhere survive it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habitat_desktop.domain.activity_edits import EditConflictError, rebase
from habitat_desktop.services import activity_editing as editing
from habitat_desktop.services import offices
from habitat_desktop.services.history import activity_history
from habitat_desktop.services.workspaces import open_workspace


@pytest.fixture
def kenya(workspace_path: Path):
    workspace = open_workspace(workspace_path)
    yield workspace
    workspace.close()


def _new(workspace, **changes) -> str:
    values = editing.empty_values(workspace.office, "en")
    values.update({"title": "Slum upgrading in Mathare", "resolutions": ["2/2"], "outcomes": [1], **changes})
    return editing.save_activity(workspace, None, values)


def _elsewhere(workspace, activity_id: str, **changes) -> None:
    """A change saved by something other than the open form (a merge, the command line, another window)."""
    draft = editing.load_activity(workspace, activity_id)
    editing.save_activity(workspace, activity_id, {**draft.values, **changes})


def test_saving_one_field_keeps_a_change_saved_since_in_another(kenya) -> None:
    activity_id = _new(kenya)
    opened = editing.load_activity(kenya, activity_id)
    _elsewhere(kenya, activity_id, title="Slum upgrading in Mathare and Kibera")
    editing.save_activity(kenya, activity_id, {**opened.values, "city": "Nairobi"}, opened.funding, base=opened)
    saved = editing.load_activity(kenya, activity_id).values
    assert (saved["title"], saved["city"]) == ("Slum upgrading in Mathare and Kibera", "Nairobi")
    titles = [e for e in activity_history(kenya, activity_id) if e.field == "title"]
    assert len(titles) == 1  # the stale title was not written back


def test_the_same_field_changed_on_both_sides_is_refused_until_chosen(kenya) -> None:
    activity_id = _new(kenya)
    opened = editing.load_activity(kenya, activity_id)
    _elsewhere(kenya, activity_id, title="Theirs")
    before = editing.load_activity(kenya, activity_id)
    typed = {**opened.values, "title": "Mine", "city": "Kisumu"}
    with pytest.raises(EditConflictError) as conflict:
        editing.save_activity(kenya, activity_id, typed, opened.funding, base=opened)
    (clash,) = conflict.value.clashes
    assert (clash.field, clash.base, clash.theirs, clash.mine) == (
        "title",
        "Slum upgrading in Mathare",
        "Theirs",
        "Mine",
    )
    assert editing.load_activity(kenya, activity_id).version == before.version  # nothing written
    editing.save_activity(kenya, activity_id, typed, opened.funding, base=opened, choices={"title": "theirs"})
    assert editing.load_activity(kenya, activity_id).values["title"] == "Theirs"
    assert editing.load_activity(kenya, activity_id).values["city"] == "Kisumu"
    opened = editing.load_activity(kenya, activity_id)
    _elsewhere(kenya, activity_id, title="Theirs again")
    editing.save_activity(
        kenya, activity_id, {**opened.values, "title": "Mine"}, opened.funding, base=opened, choices={"title": "mine"}
    )
    assert editing.load_activity(kenya, activity_id).values["title"] == "Mine"


def test_editing_never_changes_the_office_that_owns_an_activity(kenya) -> None:
    offices.add_office(kenya.path, code="UGA", name="UN-Habitat Uganda", country="UG")
    activity_id = _new(kenya, office="UGA")
    opened = editing.load_activity(kenya, activity_id)
    editing.save_activity(kenya, activity_id, {**opened.values, "office": "KEN", "title": "Renamed"}, base=opened)
    editing.save_activity(kenya, activity_id, {**opened.values, "office": "KEN", "city": "Kampala"})  # no base either
    saved = editing.load_activity(kenya, activity_id)
    assert saved.values["office"] == "UGA" and saved.created_by == "KEN"
    assert not [e for e in activity_history(kenya, activity_id) if e.field == "office"]


def test_translations_meet_per_language(kenya) -> None:
    activity_id = _new(kenya, translations={"fr": {"title": "Amélioration", "description": ""}})
    opened = editing.load_activity(kenya, activity_id)
    _elsewhere(kenya, activity_id, translations={**opened.values["translations"], "ru": {"title": "Благоустройство"}})
    typed = {**opened.values, "translations": {**opened.values["translations"], "es": {"title": "Mejoramiento"}}}
    editing.save_activity(kenya, activity_id, typed, base=opened)
    assert set(editing.load_activity(kenya, activity_id).values["translations"]) == {"fr", "ru", "es"}


def test_funding_changed_elsewhere_is_kept_and_its_date_survives_an_edit(kenya) -> None:
    line = editing.FundingEntry(Decimal(900000), "USD", "earmarked", "pledged", "Norway", dt.date(2025, 3, 1))
    activity_id = editing.save_activity(kenya, None, {**editing.load_activity(kenya, _new(kenya)).values}, [line])
    opened = editing.load_activity(kenya, activity_id)
    editing.save_activity(kenya, activity_id, {**opened.values, "city": "Mombasa"}, opened.funding, base=opened)
    assert editing.load_activity(kenya, activity_id).funding[0].date == dt.date(2025, 3, 1)
    opened = editing.load_activity(kenya, activity_id)
    saved_elsewhere = (*opened.funding, dataclasses.replace(line, amount=Decimal(5), id=None))
    editing.save_activity(kenya, activity_id, opened.values, saved_elsewhere)
    editing.save_activity(kenya, activity_id, {**opened.values, "city": "Kisumu"}, opened.funding, base=opened)
    assert len(editing.load_activity(kenya, activity_id).funding) == 2


def test_a_form_on_an_activity_deleted_since_is_refused_with_a_reason(kenya) -> None:
    activity_id = _new(kenya)
    opened = editing.load_activity(kenya, activity_id)
    editing.delete_activity(kenya, activity_id)
    with pytest.raises(Exception, match="deleted since you opened it"):
        editing.save_activity(kenya, activity_id, {**opened.values, "city": "X"}, base=opened)
    assert editing.load_activity(kenya, activity_id).deleted


def test_a_new_activity_takes_the_workspaces_country(kenya) -> None:
    assert editing.new_draft(kenya, "en").values["country"] == kenya_country(kenya)


def kenya_country(workspace) -> str:
    return next(o.country for o in offices.list_offices(workspace.path) if o.code == workspace.office)


_FIELDS = ("title", "city", "status")
_value = st.sampled_from(["a", "b", "c"])


@settings(max_examples=200, deadline=None)
@given(
    base=st.fixed_dictionaries({f: _value for f in _FIELDS}),
    theirs=st.dictionaries(st.sampled_from(_FIELDS), _value),
    mine=st.dictionaries(st.sampled_from(_FIELDS), _value),
)
def test_rebase_keeps_every_change_it_did_not_see(base, theirs, mine) -> None:
    current, typed = {**base, **theirs}, {**base, **mine}
    try:
        result = rebase(base, current, typed).values
    except EditConflictError as conflict:
        for clash in conflict.clashes:  # a clash is a field changed on both sides, to different values
            assert base[clash.field] != current[clash.field] != typed[clash.field] != base[clash.field]
        return
    for field in _FIELDS:
        expected = typed[field] if typed[field] != base[field] else current[field]
        assert result[field] == expected
