"""The merge's quick verdicts on an export's records (exchange/quick_checks.py) pass only what the full checks pass:
an export is refused exactly as when every record and change line is read and checked in full."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from habitat_desktop.domain import clock, rules
from habitat_desktop.domain.activity import Context
from habitat_desktop.domain.models import SQLModel
from habitat_desktop.exchange import export_checks, quick_checks, record_checks
from habitat_desktop.exchange.package import ExportError, extract_database, read_manifest
from habitat_desktop.storage import activity_store
from habitat_desktop.storage import workspace as storage
from tests.merge_support import add_activity, edit_activity, export, office_workspace

ODD = '\x00\x01\t\n\x0b\x1f\x7f \u00a0\u200f\u202f\u3000\ufffe\uffff\ud7ff-:.{}[]",0129afAFZ é٣中'
"""Characters a corruption puts in: controls, blanks, marks, separators, digits, hex, other scripts."""


@st.composite
def corrupted(draw: st.DrawFn, text: str) -> object:
    """``text`` as it was, with a character inserted, replaced or removed, or another type of value."""
    choice = draw(st.integers(0, 5))
    if choice == 0 or not text:
        return draw(st.sampled_from([None, 0, 1, -1, 2.5, b"x", "", " ", "\x7f", text.upper(), text + " "]))
    at = draw(st.integers(0, len(text)))
    char = draw(st.sampled_from(ODD) | st.characters())
    if choice == 1:
        return text[:at] + char + text[at:]
    if choice == 2:
        return text[:at] + char + text[at + 1 :]
    if choice == 3:
        return text[:at] + text[at + 1 :]
    return text


@given(st.text(alphabet=st.sampled_from(ODD) | st.characters(), max_size=30), st.integers(0, 40))
def test_printable_passes_only_what_rules_text_passes(value: str, limit: int) -> None:
    if quick_checks.printable(value, limit):
        assert rules.text(value, "f", limit=limit) == value


NOW = clock.wall_clock_ms()


@st.composite
def stamps(draw: st.DrawFn) -> object:
    ahead = draw(st.sampled_from([-(10**9), 0, clock.MAX_DRIFT_MS, clock.MAX_DRIFT_MS + 1, 10**12]))
    counter = draw(st.integers(0, 0xFFFF))
    office = draw(st.from_regex(r"[A-Z][A-Z0-9]{1,15}", fullmatch=True))
    replica = draw(st.sampled_from(["", "-0a1b2c3d"]))
    text = f"{max(0, NOW + ahead) << 16 | counter:016x}-{office}{replica}"
    return draw(corrupted(text))


@given(stamps())
@example("0000000000000001-ABCDEFGHIJKLMNOP-0a1b2c3d")  # 42 characters: a stamp, longer than a column holds
def test_stamp_office_passes_only_checked_stamps(text: object) -> None:
    office = quick_checks.stamp_office(text, quick_checks.too_far(NOW))
    if office is not None:
        stamp = clock.checked_stamp(text)
        assert stamp.office == office and isinstance(text, str) and len(text) <= 40
        assert not clock.is_too_far_ahead(stamp.clock, NOW)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(alphabet=st.sampled_from(ODD)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=12,
)


@given(JSON_VALUES.map(json.dumps).flatmap(corrupted))
@example("[" * 600 + "]" * 600)
@example("[" * 1500 + "]" * 1500)  # valid for SQLite (up to 2,000 deep), too deep for Python's decoder
@example("[" + "1" * 5000 + "]")
@example("NaN")
@example("\f{}")
def test_sql_passes_only_json_python_reads(value: object) -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (v)")
    try:
        connection.execute("INSERT INTO t VALUES (?)", (value,))
    except UnicodeEncodeError:  # a lone surrogate: no SQLite text holds one
        assume(False)
    passes = connection.execute(f"SELECT {quick_checks.json_passes('v')} FROM t").fetchone()[0]
    if passes:
        assert isinstance(value, str) or value is None
        if value is not None:
            json.loads(value)


@pytest.fixture(scope="module")
def export_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Context]]:
    """An office's export database (activities, an edit, change lines), and a headquarters' context."""
    folder = tmp_path_factory.mktemp("quick")
    ken = office_workspace(folder / "ken.habitat", "KEN")
    first = add_activity(ken, "Slum upgrading")
    add_activity(ken, "Land tenure", description="Mombasa and Kisumu")
    edit_activity(ken, first, title="Slum upgrading, phase 2")
    file = export(ken, folder / "ken.habx")
    (folder / "parts").mkdir()
    package = extract_database(file, read_manifest(file), folder / "parts")
    hq = office_workspace(folder / "hq.habitat", "HQ", kind="headquarters")
    with storage.opened(hq) as workspace, workspace.reading() as session:
        context = activity_store.validation_context(session, workspace.office)
    yield package.database, context


def _verdict(database: Path, context: Context) -> str:
    connection = sqlite3.connect(database)
    try:
        record_checks.check_records(database, connection, context)
    except ExportError as error:
        return str(error)
    finally:
        connection.close()
    return "passed"


ACTIVITY_COLUMNS = [
    *("id", "created_at", "updated_at", "version", "field_stamps", "field_clocks", "title", "description"),
    *("status", "outcomes", "start_date", "deleted"),
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_an_export_is_refused_as_when_everything_is_checked_in_full(
    export_db: tuple[Path, Context], data: st.DataObject
) -> None:
    source, context = export_db
    table, columns = data.draw(
        st.sampled_from([("activity", ACTIVITY_COLUMNS), ("change", list(quick_checks.COLUMNS[1:]))])
    )
    column = data.draw(st.sampled_from(columns))
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "copy.sqlite"
        shutil.copyfile(source, database)
        connection = sqlite3.connect(database)
        rowid = data.draw(st.sampled_from([row[0] for row in connection.execute(f'SELECT rowid FROM "{table}"')]))
        current = connection.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()[0]
        value: Any = data.draw(corrupted(str(current)))
        try:
            connection.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (value, rowid))
            connection.commit()
        except (sqlite3.Error, UnicodeEncodeError):  # a type the column refuses, or a lone surrogate
            assume(False)
        finally:
            connection.close()
        quick = _verdict(database, context)
        with mock.patch.object(quick_checks, "stamp_office", lambda *_args: None):  # no quick verdict at all
            full = _verdict(database, context)
    assert quick == full


def _corrupt(source: Path, folder: str, table: str, column: str, value: object) -> Path:
    database = Path(folder) / "copy.sqlite"
    shutil.copyfile(source, database)
    with sqlite3.connect(database) as connection:
        connection.execute(
            f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = (SELECT max(rowid) FROM "{table}")', (value,)
        )
    connection.close()
    return database


@pytest.mark.parametrize(
    ("table", "column", "value", "reason"),
    [
        ("activity", "title", "   ", "field title: is required"),
        ("activity", "title", "", "field title: is required"),
        ("activity", "title", "a\x07b", "field title"),
        ("activity", "description", b"x", "field description: not a known value"),
        ("activity", "created_at", "2025-02-30 10:00:00", "field created_at"),
        ("activity", "version", "0000000000000001-ABCDEFGHIJKLMNOP-0a1b2c3d", "field version"),
        ("activity", "id", "{0}", "field id"),
        ("change", "new_value", "[" * 1500 + "]" * 1500, "field new_value"),
        ("change", "author", "a\x07b", "field author"),
        ("change", "changed_at", "2025-02-30 00:00:00", "field changed_at"),
        ("change", "office", "TZA", "field office"),
        ("change", "stamp", "0000000000000001-ken-0a1b2c3d", "field stamp"),
        ("change", "field", "budget", "field field"),
        ("change", "action", "purged", "field action"),
    ],
)
def test_each_rule_refuses_as_the_full_check(
    export_db: tuple[Path, Context], table: str, column: str, value: object, reason: str
) -> None:
    source, context = export_db
    with tempfile.TemporaryDirectory() as folder:
        database = _corrupt(source, folder, table, column, value)
        quick = _verdict(database, context)
        with mock.patch.object(quick_checks, "stamp_office", lambda *_args: None):
            full = _verdict(database, context)
    assert quick == full and f"table {table}" in quick and reason in quick, quick


def test_the_checks_pass_an_honest_export(export_db: tuple[Path, Context]) -> None:
    source, context = export_db
    assert _verdict(source, context) == "passed"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.one_of(
        st.tuples(st.sampled_from(["", " ", "\n\t", "\r ", "\f", "\u00a0"]), JSON_VALUES.map(json.dumps)).map("".join),
        JSON_VALUES.map(json.dumps).flatmap(corrupted),
        st.integers(),
        st.floats(allow_nan=False),
    )
)
@example(' {"title": "x"}')
@example("[]")
@example('"{"')
def test_check_values_refuses_stamps_that_are_not_a_json_object(export_db: tuple[Path, Context], value: object) -> None:
    source, _context = export_db
    with tempfile.TemporaryDirectory() as folder:
        try:
            database = _corrupt(source, folder, "activity", "field_stamps", value)
        except (UnicodeEncodeError, OverflowError, sqlite3.IntegrityError):  # no column holds it
            assume(False)
        connection = sqlite3.connect(database)
        try:
            stored = connection.execute(
                "SELECT field_stamps FROM activity WHERE rowid = (SELECT max(rowid) FROM activity)"
            )
            valid, is_object = connection.execute(
                "SELECT json_valid(?1), CASE WHEN json_valid(?1) THEN json_type(?1) = 'object' ELSE 0 END",
                (stored.fetchone()[0],),
            ).fetchone()
            try:
                export_checks.check_values(database, connection)
                verdict = "passed"
            except ExportError as error:
                verdict = str(error)
        finally:
            connection.close()
    if is_object:
        assert verdict == "passed"
    elif valid and not isinstance(value, bytes):
        assert "malformed id or version data" in verdict
    else:
        assert "field field_stamps: not valid JSON" in verdict or "malformed" in verdict


def test_a_change_line_is_read_whole() -> None:
    assert tuple(column.name for column in SQLModel.metadata.tables["change"].columns) == quick_checks.COLUMNS
