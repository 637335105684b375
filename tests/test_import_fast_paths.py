"""The import's fast paths change nothing: the search row computed in Python is the SQL's, values written
otherwise than stored still come out canonical, and a file's errors are named in the order of its lines."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from habitat_desktop.domain.activity import Context, parse_activity
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.services import activities
from habitat_desktop.storage import search_index

TEXT = st.text(st.sampled_from([*"ab Zé", "أ", "إ", "ة", "ى", "ـ", "\u064e", "住", "'", '"', "\\"]), max_size=12)
TRANSLATION = st.fixed_dictionaries({}, optional={"title": st.one_of(st.none(), TEXT), "description": TEXT})


@settings(max_examples=200, deadline=None)
@given(
    title=TEXT,
    description=TEXT,
    partners=st.lists(TEXT, max_size=3),
    translations=st.dictionaries(st.sampled_from(["ar", "fr", "zh"]), TRANSLATION, max_size=3),
)
def test_the_search_row_made_in_python_is_the_one_sql_makes(
    title: str, description: str, partners: list[str], translations: dict[str, dict[str, Any]]
) -> None:
    db = sqlite3.connect(":memory:")
    search_index.register(db)
    db.execute("CREATE TABLE activity (id, title, description, partners, translations)")
    db.execute(
        "INSERT INTO activity VALUES ('x', ?, ?, ?, ?)",
        (title, description, json.dumps(partners), json.dumps(translations, ensure_ascii=False)),
    )
    db.execute("CREATE TABLE activity_search (activity_id, body)")  # the index's columns, without the index
    db.execute(search_index.insert_sql("FROM activity a"))
    db.execute(search_index.INSERT_DOCUMENTS, search_index.document("x", title, description, partners, translations))
    by_sql, in_python = db.execute("SELECT * FROM activity_search ORDER BY rowid").fetchall()
    assert in_python == by_sql


CONTEXT = Context("KEN", frozenset({"KEN", "ROAF"}), frozenset({"2/7", "2/2", "1/3", "2/10"}))
CANONICAL = {
    "office": "ROAF",
    "resolutions": ["2/2", "2/7"],
    "outcomes": [1, 3],
    "title": "Training",
    "status": "ongoing",
    "start_date": "2026-01-05",
    "country": "KE",
    "language": "fr",
    "priority_domains": [],
}


@pytest.mark.parametrize(
    ("field", "written", "stored"),
    [
        ("office", " roaf", "ROAF"),
        ("resolutions", ["2/7", " 2/2", "2/7"], ["2/2", "2/7"]),
        ("outcomes", ["3", 1, " 3"], [1, 3]),
        ("status", " ongoing ", "ongoing"),
        ("start_date", " 2026-01-05", "2026-01-05"),
        ("country", "ke ", "KE"),
        ("language", " FR", "fr"),
    ],
)
def test_values_written_otherwise_are_stored_canonical(field: str, written: Any, stored: Any) -> None:
    as_stored = parse_activity(CANONICAL, CONTEXT).as_dict()
    assert parse_activity({**CANONICAL, field: written}, CONTEXT).as_dict() == as_stored
    assert (as_stored[field].isoformat() if field == "start_date" else as_stored[field]) == stored


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("office", "NBO", "unknown office “NBO”"),
        ("resolutions", ["2/7", "9/9"], "unknown value “9/9”; expected one of: 1/3, 2/2, 2/7, 2/10"),
        ("outcomes", [True], "unknown outcome “True”; expected 1 to 5"),
        ("status", "Ongoing", "unknown value “Ongoing”"),
        ("language", "xx", "unknown language “xx”"),
        ("country", "XX", "unknown country code “XX”"),
        ("title", "Train\x07ing", "contains control or binary characters"),
    ],
)
def test_bad_values_are_refused_as_before(field: str, value: Any, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_activity({**CANONICAL, field: value}, CONTEXT)
    assert caught.value.field == field
    assert caught.value.reason.startswith(reason)


def _line(number: int, **changes: Any) -> str:
    record = {
        "id": f"00000000-0000-4000-8000-{number:012d}",
        "title": "Training",
        "resolutions": ["2/7"],
        "outcomes": [2],
    }
    return json.dumps({**record, **changes}) + "\n"


def test_an_invalid_line_before_a_malformed_one_is_the_error_named(workspace_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "activities.jsonl"
    lines = [_line(n) for n in range(1, 8)]
    lines[2] = _line(3, outcomes=[9])
    lines[5] = "{not json\n"
    source.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        activities.import_activities(workspace_path, source)
    assert (caught.value.line, caught.value.field) == (3, "outcomes")
    source.write_text("".join(lines[:2] + lines[3:]), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        activities.import_activities(workspace_path, source)
    assert (caught.value.line, caught.value.field) == (5, "line")


def test_ids_known_to_the_workspace_are_updated_across_windows(workspace_path: Path, tmp_path: Path) -> None:
    count = activities.FLUSH_EVERY + 3
    source = tmp_path / "activities.jsonl"
    source.write_text("".join(_line(n) for n in range(count)), encoding="utf-8")
    assert activities.import_activities(workspace_path, source).added == count
    # the known ids written in capitals, in another order, among new ones: each window's one query finds them all
    known = [_line(n, id=f"00000000-0000-4000-8000-{n:012d}".upper(), title=f"Renamed {n}") for n in range(count)]
    fresh = [_line(count + n) for n in range(5)]
    source.write_text("".join(reversed(known + fresh)), encoding="utf-8")
    summary = activities.import_activities(workspace_path, source)
    assert (summary.added, summary.updated, summary.unchanged) == (5, count, 0)
