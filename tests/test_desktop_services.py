"""Services behind the desktop: editing with funding, history, resolution pages, dashboard, sorted pages, amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.services import activity_editing as editing
from habitat_desktop.services.activities import ActivityFilter, activity_rows, count_activities
from habitat_desktop.services.dashboard import dashboard
from habitat_desktop.services.history import activity_history, values_at
from habitat_desktop.services.resolution_pages import resolution_page, set_period_status
from habitat_desktop.services.workspaces import open_workspace


@pytest.fixture
def kenya(workspace_path: Path):
    workspace = open_workspace(workspace_path)
    yield workspace
    workspace.close()


def _values(**changes):
    values = editing.empty_values("KEN", "en")
    values.update({"title": "Slum upgrading in Mathare", "resolutions": ["2/2"], "outcomes": [1], **changes})
    return values


def test_check_activity_names_every_problem_at_once(kenya) -> None:
    context = editing.validation_context(kenya)
    problems = editing.check_activity(
        context,
        {**_values(title=" "), "resolutions": [], "start_date": "2025-05-01", "end_date": "2025-01-01"},
        [{"amount": Decimal(-1), "currency": "EUR"}, {"amount": "5", "currency": "ZZZ"}],
    )
    assert set(problems) == {"title", "resolutions", "end_date", "funding.0.amount", "funding.1.currency"}
    assert editing.check_activity(context, _values(), [{"amount": Decimal(5), "currency": "KES"}]) == {}


def test_save_with_funding_then_remove_a_line(kenya) -> None:
    lines = [
        editing.FundingEntry(Decimal("1500.50"), "USD", "core", "pledged", "UN-Habitat"),
        editing.FundingEntry(Decimal(200), "KES", "in_kind", "received", "County"),
    ]
    activity_id = editing.save_activity(kenya, None, _values(), lines)
    draft = editing.load_activity(kenya, activity_id)
    assert [f.amount for f in draft.funding] == [Decimal("1500.50"), Decimal(200)]
    editing.save_activity(kenya, activity_id, draft.values, draft.funding[:1])
    assert [f.currency for f in editing.load_activity(kenya, activity_id).funding] == ["USD"]
    copy = editing.duplicate_activity(kenya, activity_id)
    assert copy != activity_id and len(editing.load_activity(kenya, copy).funding) == 1


def test_a_bad_save_changes_nothing(kenya) -> None:
    with pytest.raises(ValidationError):
        editing.save_activity(kenya, None, _values(), [editing.FundingEntry(Decimal(1), "XYZ", "core", "pledged")])
    assert count_activities(kenya) == 0


def test_delete_and_restore_keep_the_activity(kenya) -> None:
    activity_id = editing.save_activity(kenya, None, _values())
    assert editing.delete_activity(kenya, activity_id)
    assert count_activities(kenya) == 0 and count_activities(kenya, ActivityFilter(deleted=True)) == 1
    editing.restore_activity(kenya, activity_id)
    assert count_activities(kenya, ActivityFilter(search="Mathare")) == 1


def test_history_and_values_at_a_change(kenya) -> None:
    activity_id = editing.save_activity(kenya, None, _values())
    editing.save_activity(kenya, activity_id, _values(title="Second", status="ongoing"))
    history = activity_history(kenya, activity_id)
    assert {(h.field, h.old_value, h.new_value) for h in history if h.action == "updated"} == {
        ("title", "Slum upgrading in Mathare", "Second"),
        ("status", "planned", "ongoing"),
    }
    assert all(h.office == "KEN" for h in history)
    created = next(h for h in history if h.action == "created")
    old = values_at(kenya, activity_id, created.change_id)
    assert old["title"] == "Slum upgrading in Mathare" and old["status"] == "planned"


def test_pages_sort_by_any_column_and_filter_by_period(kenya) -> None:
    for title, start in (("Charlie", "2021-01-01"), ("alpha", "2024-03-01"), ("Bravo", "2026-06-01")):
        editing.save_activity(kenya, None, _values(title=title, start_date=start))
    by_title = activity_rows(kenya, ActivityFilter(order="title", descending=False), 0, 10)
    assert [r.title for r in by_title] == ["Bravo", "Charlie", "alpha"]  # SQLite's binary order
    newest = activity_rows(kenya, ActivityFilter(), 0, 10)
    assert [r.title for r in newest] == ["Bravo", "alpha", "Charlie"]
    in_2024 = ActivityFilter(period_start=dt.date(2024, 1, 1), period_end=dt.date(2024, 12, 31))
    assert [r.title for r in activity_rows(kenya, in_2024, 0, 10)] == ["alpha", "Charlie"]
    assert count_activities(kenya, in_2024) == 2


def test_resolution_page_and_status_per_period(demo_path: Path) -> None:
    workspace = open_workspace(demo_path)
    try:
        page = resolution_page(workspace, "2/6")
        assert page.document_symbol and page.title
        assert sum(page.activities_by_status.values()) == count_activities(workspace, ActivityFilter(resolution="2/6"))
        assert any(line.allocated == Decimal(24_000_000) and not line.received for line in page.funding)
        first = set_period_status(workspace, "2/6", "2026", "in_progress", "Started.")
        again = set_period_status(workspace, "2/6", "2026", "advanced")
        assert first == again
        statuses = resolution_page(workspace, "2/6").statuses
        assert statuses[0].period == "2026" and statuses[0].implementation_status == "advanced"
        with pytest.raises(ValidationError):
            set_period_status(workspace, "2/6", "2026", "finished")
    finally:
        workspace.close()


def test_dashboard_counts_match_the_filters(demo_path: Path) -> None:
    workspace = open_workspace(demo_path)
    try:
        data = dashboard(workspace)
        assert data.total == count_activities(workspace)
        for bar in data.by_resolution:
            assert bar.count == count_activities(workspace, ActivityFilter(resolution=bar.key))
        for bar in data.by_outcome:
            assert bar.count == count_activities(workspace, ActivityFilter(outcome=int(bar.key)))
    finally:
        workspace.close()


amounts = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(amount=amounts, language=st.sampled_from(LANGUAGES))
def test_an_amount_shown_in_a_language_reads_back_the_same(amount: Decimal, language: str) -> None:
    pytest.importorskip("PySide6")
    from habitat_desktop.ui.locale_input import format_amount, parse_amount

    assert parse_amount(format_amount(amount, language), language) == amount


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("1 234,50", "fr", "1234.50"),
        ("1234.5", "fr", "1234.5"),
        ("1.234,5", "es", "1234.5"),
        ("1,234.5", "en", "1234.5"),
        ("١٢٣٫٥", "ar", "123.5"),
        ("١٢٬٥٠٠٫٥", "ar", "12500.5"),
        ("12 500,5", "fr", "12500.5"),
        ("12\u202f500,5", "fr", "12500.5"),
        ("1 000", "ru", "1000"),
        ("12500.5", "ru", "12500.5"),
        ("12 500", "zh", "12500"),
        ("-3", "en", None),
        ("abc", "en", None),
        ("", "zh", None),
        ("1.2.3", "en", None),
        ("1.2.3", "fr", None),
        ("12,50,0", "en", None),
        ("12,5", "en", None),  # a group separator before fewer than three digits: ambiguous, refused
        ("12.5", "es", None),  # the same in Spanish, where the dot groups
        ("12 500,5", "en", None),
        ("1,2", "zh", None),
        (".5", "en", None),
    ],
)
def test_amounts_are_read_strictly_in_the_forms_language(text: str, language: str, expected: str | None) -> None:
    pytest.importorskip("PySide6")
    from habitat_desktop.ui.locale_input import parse_amount

    assert parse_amount(text, language) == (Decimal(expected) if expected else None)


@pytest.mark.parametrize(
    ("text", "language", "example"),
    [("1.2.3", "en", "12,500.5"), ("12,50,0", "fr", "12\u202f500,5"), ("1.2.3", "es", "12.500,5")],
)
def test_a_malformed_amount_is_refused_with_the_way_to_write_it(text: str, language: str, example: str) -> None:
    from habitat_desktop.domain.amounts import parse_typed_amount
    from habitat_desktop.domain.errors import ValidationError

    with pytest.raises(ValidationError) as refused:
        parse_typed_amount(text, language)
    assert text in refused.value.reason and example in refused.value.reason


@settings(max_examples=80, deadline=None)
@given(
    parts=st.lists(st.integers(min_value=0, max_value=999), min_size=3, max_size=5),
    separator=st.sampled_from([".", ","]),
)
def test_repeated_separators_never_drop_digits(parts: list[int], separator: str) -> None:
    """Whatever is accepted reads back as the same digits in order; nothing is silently joined ("1.2.3" → 123)."""
    from habitat_desktop.domain.amounts import parse_typed_amount
    from habitat_desktop.domain.errors import ValidationError

    text = separator.join(str(p) for p in parts)
    for language in LANGUAGES:
        try:
            value = parse_typed_amount(text, language)
        except ValidationError:
            continue
        # accepted only as thousands grouping: every part after the first has exactly three digits
        assert all(len(p) == 3 for p in text.split(separator)[1:]), (text, language, value)
        assert value == Decimal(text.replace(separator, ""))
