"""Checks on the database inside an export before any of it is believed: SQLite's advice for files from elsewhere.

The copy is opened with ``trusted_schema=OFF``, cell size checks and no memory mapping; it must pass
``integrity_check`` (every page, and every index agreeing with its table, so primary keys are unique), carry the
Habitat application id, have exactly the schema this app writes for its revision (any extra trigger, view or
table is refused, and its schema is never executed), hold the record counts its manifest states, and every
value must be of the right type, length and enumeration. An export from an older app is upgraded in the
private copy; one from a newer app is refused naming the version needed.
"""

from __future__ import annotations

import functools
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Text, TypeDecorator

from habitat_desktop.domain import enums
from habitat_desktop.domain.activity import Context
from habitat_desktop.domain.models import SQLModel
from habitat_desktop.domain.rules import MAX_LONG_TEXT
from habitat_desktop.domain.types import DecimalText
from habitat_desktop.exchange import record_checks
from habitat_desktop.exchange.package import COUNTED_TABLES, ExportError, Manifest
from habitat_desktop.l10n import _, ngettext
from habitat_desktop.storage import schema
from habitat_desktop.storage.engine import APPLICATION_ID, SQLITE_HEADER, make_engine

CHECKED_TABLES = (
    "office",
    "activity",
    "funding",
    "resolution_status",
    "report_document",
    "glossary_term",
    "field_conflict",
    "change",
    "workspace_setting",
)
MAX_JSON_TEXT = 200_000
MAX_DOCUMENT_JSON = 1_500_000  # a report document's sections in six languages, and the changes that carry them
LARGE_JSON = {
    ("report_document", "sections"),
    ("change", "old_value"),
    ("change", "new_value"),
    ("field_conflict", "value"),
}
ENUMERATIONS: dict[tuple[str, str], type[enums.Labelled]] = {
    ("office", "kind"): enums.OfficeKind,
    ("activity", "status"): enums.ActivityStatus,
    ("activity", "product_kind"): enums.ProductKind,
    ("funding", "source"): enums.FundingSource,
    ("funding", "stage"): enums.FundingStage,
    ("resolution_status", "implementation_status"): enums.ImplementationStatus,
    ("resolution_status", "funding_situation"): enums.FundingSituation,
}
OFFICE_COLUMNS = {
    ("office", "code"),
    ("activity", "office"),
    ("funding", "office"),
    ("resolution_status", "office"),
    ("office", "created_by"),
    ("activity", "created_by"),
    ("funding", "created_by"),
    ("resolution_status", "created_by"),
    ("glossary_term", "office"),
}
RECORD_TABLES = ("office", "activity", "funding", "resolution_status", "report_document", "glossary_term")
STAMP_PATTERN = "[0-9a-f]" * 16 + "-[^-]*"  # clock.Stamp: 16 lowercase hex digits, so stamps sort as their clocks


def open_defensively(path: Path, database: Path, *, verify: bool = True) -> sqlite3.Connection:
    """Open an export's database copy with the settings SQLite advises for untrusted files.

    With ``verify`` (the first SQL run on a copy), ``integrity_check`` must pass: every page is sound and every
    index holds exactly its table's rows, so unique keys are unique. Without it, only for a private copy that
    has already passed every check (``check_and_upgrade``) and has not changed since.
    """
    with database.open("rb") as fh:
        header = fh.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise ExportError(path, _("the embedded database is not an SQLite database"))
    if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
        raise ExportError(path, _("the embedded database belongs to another application, not Habitat Desktop"))
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        for pragma in (
            "trusted_schema=OFF",
            "cell_size_check=ON",
            "mmap_size=0",
            "foreign_keys=OFF",
            "journal_mode=OFF",
        ):
            connection.execute(f"PRAGMA {pragma}")
        connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 2 * MAX_DOCUMENT_JSON)
        verdict = connection.execute("PRAGMA integrity_check(1)").fetchone()[0] if verify else "ok"
    except sqlite3.Error as error:
        connection.close()
        raise ExportError(path, _("the embedded database is damaged ({reason})").format(reason=error)) from error
    if verdict != "ok":
        connection.close()
        raise ExportError(path, _("the embedded database is damaged ({reason})").format(reason=verdict))
    return connection


def check_and_upgrade(path: Path, database: Path, manifest: Manifest, context: Context) -> None:
    """Refuse a database that differs from what this app writes; bring an older one to the current schema.

    Its values then pass the domain's rules record by record (``record_checks``), with ``context`` (the
    receiving workspace's offices and catalog) for references.
    """
    connection = open_defensively(path, database)
    try:
        revision = _revision(path, connection)
        if revision != manifest.schema_revision:
            raise ExportError(
                path,
                _("the manifest states schema {stated} but the database has {actual}").format(
                    stated=manifest.schema_revision, actual=revision
                ),
            )
        known = schema.known_revisions()
        if revision not in known:
            raise ExportError(
                path,
                _("written by a newer Habitat Desktop ({version}); update this app to merge it").format(
                    version=manifest.app_version
                ),
            )
        _compare_schema(path, connection, revision)
        if _counts(path, connection) != manifest.counts:
            raise ExportError(path, _("the manifest's record counts do not match the content"))
        if revision == known[-1]:
            check_values(path, connection)
            record_checks.check_records(path, connection, context)
            return
    finally:
        connection.close()
    _upgrade_copy(path, database)
    connection = open_defensively(path, database)
    try:
        _compare_schema(path, connection, known[-1])
        check_values(path, connection)
        record_checks.check_records(path, connection, context)
    finally:
        connection.close()


def _revision(path: Path, connection: sqlite3.Connection) -> str:
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.Error as error:
        raise ExportError(
            path, _("the embedded database is not a Habitat workspace ({reason})").format(reason=error)
        ) from error
    if len(rows) != 1 or not isinstance(rows[0][0], str):
        raise ExportError(path, _("the embedded database has no single schema revision"))
    return str(rows[0][0])


def _schema_rows(connection: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    return [
        tuple(row)
        for row in connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")
    ]


@functools.lru_cache(maxsize=8)
def expected_schema(revision: str) -> tuple[tuple[str, str, str, str | None], ...]:
    """The schema of an export written by this app at a revision (made once in a scratch database)."""
    with tempfile.TemporaryDirectory(prefix="habitat-schema-") as folder:
        scratch = Path(folder) / "reference.sqlite"
        engine = make_engine(scratch)
        try:
            with engine.begin() as connection:
                schema.upgrade(connection, revision)
                connection.exec_driver_sql("DROP TABLE IF EXISTS activity_search")
            raw = sqlite3.connect(scratch)
            try:
                return tuple(_schema_rows(raw))
            finally:
                raw.close()
        finally:
            engine.dispose()


def _compare_schema(path: Path, connection: sqlite3.Connection, revision: str) -> None:
    try:
        actual = _schema_rows(connection)
    except sqlite3.Error as error:
        raise ExportError(
            path, _("the embedded database's schema cannot be read ({reason})").format(reason=error)
        ) from error
    expected = expected_schema(revision)
    if tuple(actual) == expected:
        return
    extra = sorted({(kind, name) for kind, name, _t, _s in actual} - {(k, n) for k, n, _t, _s in expected})
    if extra:
        names = ", ".join(f"{kind} {name}" for kind, name in extra)
        raise ExportError(
            path,
            _("the embedded database holds objects Habitat Desktop never writes ({names}); refused").format(
                names=names
            ),
        )
    raise ExportError(path, _("the embedded database's schema differs from the one its revision defines; refused"))


def _counts(path: Path, connection: sqlite3.Connection) -> dict[str, int]:
    try:
        return {
            table: int(connection.execute(f'SELECT count(*) FROM "{table}" NOT INDEXED').fetchone()[0])
            for table in COUNTED_TABLES
        }
    except sqlite3.Error as error:
        raise ExportError(path, _("the embedded database is damaged ({reason})").format(reason=error)) from error


def _upgrade_copy(path: Path, database: Path) -> None:
    engine = make_engine(database)
    try:
        with engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys=OFF")
            with connection.begin():
                schema.upgrade(connection)
                connection.exec_driver_sql("DROP TABLE IF EXISTS activity_search")
    except Exception as error:
        raise ExportError(
            path, _("the export could not be upgraded to this app's schema ({reason})").format(reason=error)
        ) from error
    finally:
        engine.dispose()
    raw_connection = sqlite3.connect(database)
    try:
        raw_connection.execute("PRAGMA journal_mode=DELETE")
    finally:
        raw_connection.close()


def _column_checks(table: str) -> Iterator[tuple[str, str, str]]:
    """(column, SQL condition true for a bad value, reason) for every column of a table."""
    for column in SQLModel.metadata.tables[table].columns:
        name = f'"{column.name}"'
        null = f"{name} IS NULL"
        allow_null = column.nullable or (column.primary_key and isinstance(column.type, Integer))
        wrong_null = "0" if allow_null else null
        kind = column.type
        length = getattr(kind, "length", None)
        if isinstance(kind, TypeDecorator) and not isinstance(kind, DecimalText):
            kind = kind.impl_instance  # SQLModel's AutoString
        if isinstance(kind, JSON):
            bad = (
                f"{wrong_null} OR typeof({name}) = 'blob' OR (typeof({name}) = 'text' AND ("  # numbers: affinity
                f"length({name}) > {_json_limit(table, column.name)} OR NOT json_valid({name})))"
            )
            yield column.name, bad, _("not valid JSON, or too long")
        elif isinstance(kind, DecimalText):
            bad = (
                f"{wrong_null} OR ({name} IS NOT NULL AND (typeof({name}) != 'text' OR length({name}) > 40 "
                f"OR {name} GLOB '*[^0-9.-]*' OR {name} NOT GLOB '*[0-9]*'))"
            )
            yield column.name, bad, _("not a decimal number")
        elif isinstance(kind, DateTime):
            bad = f"{wrong_null} OR ({name} IS NOT NULL AND (typeof({name}) != 'text' OR datetime({name}) IS NULL))"
            yield column.name, bad, _("not a date and time")
        elif isinstance(kind, Date):
            bad = f"{wrong_null} OR ({name} IS NOT NULL AND (typeof({name}) != 'text' OR date({name}) IS NOT {name}))"
            yield column.name, bad, _("not a date (YYYY-MM-DD)")
        elif isinstance(kind, Boolean):
            bad = f"{wrong_null} OR ({name} IS NOT NULL AND {name} NOT IN (0, 1))"
            yield column.name, bad, _("not true or false")
        elif isinstance(kind, Integer):
            bad = f"{wrong_null} OR ({name} IS NOT NULL AND typeof({name}) != 'integer')"
            yield column.name, bad, _("not a whole number")
        elif isinstance(kind, String):
            limit = length or (_json_limit(table, column.name) if isinstance(kind, Text) else MAX_LONG_TEXT)
            bad = (
                f"{wrong_null} OR ({name} IS NOT NULL AND (typeof({name}) != 'text' OR length({name}) > {limit} "
                f"OR instr({name}, char(0)) > 0))"
            )
            yield (
                column.name,
                bad,
                ngettext(
                    "not text, binary, or longer than {count} character",
                    "not text, binary, or longer than {count} characters",
                    limit,
                ).format(count=limit),
            )
        enumeration = ENUMERATIONS.get((table, column.name))
        if enumeration is not None:
            codes = ", ".join(f"'{member.value}'" for member in enumeration)
            yield column.name, f"{name} IS NOT NULL AND {name} NOT IN ({codes})", _("not a known value")
        if (table, column.name) in OFFICE_COLUMNS:
            bad = f"length({name}) < 2 OR {name} GLOB '*[^A-Z0-9]*'"
            yield column.name, bad, _("not an office code")


def _json_limit(table: str, column: str) -> int:
    """The longest JSON text a column may hold."""
    return MAX_DOCUMENT_JSON if (table, column) in LARGE_JSON else MAX_JSON_TEXT


def _record_checks(table: str) -> Iterator[tuple[str | None, str, str]]:
    """(None, SQL condition true for a bad row, "") for a record's id and version data, after its columns'."""
    if table in RECORD_TABLES:

        def not_object(name: str) -> str:
            # JSON text is an object when its first character after JSON's blanks is "{" (json_type, which parses
            # it all again, said the same); text that is not JSON is flagged by its column's check before this one
            return f"({name} NOT GLOB '{{*' AND substr(ltrim({name}, char(32, 9, 10, 13)), 1, 1) != '{{')"

        bad = (
            f"length(id) != 36 OR {not_object('field_stamps')} OR {not_object('field_clocks')} "
            f"OR version NOT GLOB '{STAMP_PATTERN}'"
        )
        yield None, bad, ""
    elif table == "field_conflict":
        yield None, f"record_table NOT IN ({', '.join(repr(t) for t in RECORD_TABLES)})", ""


def check_values(path: Path, connection: sqlite3.Connection) -> None:
    """Refuse the first value of a wrong type, length or enumeration, or malformed version data, naming it.

    One scan per table. Ids need no check of their own: ``integrity_check`` has found every primary key's
    index in step with its table, so no id is there twice.
    """
    try:
        for table in CHECKED_TABLES:
            key = "key" if table == "workspace_setting" else "id"
            checks = [*_column_checks(table), *_record_checks(table)]
            where = " OR ".join(f"({condition})" for _column, condition, _reason in checks)  # stops at the first
            row = connection.execute(
                f'SELECT rowid, "{key}" FROM "{table}" NOT INDEXED WHERE {where} LIMIT 1'
            ).fetchone()
            if row is not None:
                _refuse(path, connection, table, checks, row)
    except sqlite3.Error as error:
        raise ExportError(path, _("the embedded database cannot be read ({reason})").format(reason=error)) from error


def _refuse(
    path: Path,
    connection: sqlite3.Connection,
    table: str,
    checks: list[tuple[str | None, str, str]],
    row: tuple[object, ...],
) -> None:
    """Raise the error naming the first check a bad row fails."""
    flags = ", ".join(f"({condition}) IS 1" for _column, condition, _reason in checks)
    failed = connection.execute(f'SELECT {flags} FROM "{table}" WHERE rowid = ?', (row[0],)).fetchone()
    column, _condition, reason = next(check for check, flag in zip(checks, failed, strict=True) if flag)
    record = str(row[1])[:40]
    if column is None:
        raise ExportError(
            path, _("table {table}, record {record}: malformed id or version data").format(table=table, record=record)
        )
    raise ExportError(
        path,
        _("table {table}, record {record}, field {field}: {reason}").format(
            table=table, record=record, field=column, reason=reason
        ),
    )
