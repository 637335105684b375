"""Every record of an export checked by the domain's rules, so nothing enters a workspace that import refuses.

The rules are those activity files and forms obey: whatever typing or importing it would have refused is refused.

``export_checks`` sees each column's type, length and enumeration in SQL. Here each record is read as the app
reads it (SQLAlchemy's own conversions: real calendar dates, parseable datetimes, JSON) and the domain's
rules apply: an activity must pass ``parse_activity`` as an imported line would, its offices, resolutions and
operative paragraphs known; funding, resolution statuses and offices their own rules. Version data must be as
this app writes it (canonical ids, ``clock.checked_stamp``, vectors keyed by writers), no stamp may lie further
ahead than clock drift explains, and no version vector may claim a write later than the write it belongs to
(a hybrid logical clock moves past everything it has seen, so an honest vector never does). A conflict row
must concern a data field of a record the export holds, and its value must pass the same rules in that
record's place; a change-log row must name a known table, field and action, and be stamped by the office it
names.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, Text, TypeDecorator
from sqlalchemy.dialects import sqlite

from habitat_desktop.domain import clock, field_versions, rules, translation_status
from habitat_desktop.domain.activity import EDITABLE_FIELDS, Context, parse_activity
from habitat_desktop.domain.enums import OfficeKind
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.domain.models import SQLModel
from habitat_desktop.domain.types import DecimalText
from habitat_desktop.exchange import glossary_checks, quick_checks, seen_values
from habitat_desktop.exchange.package import ExportError
from habitat_desktop.l10n import _, ngettext, quoted_value

RECORD_TABLES = ("office", "activity", "funding", "resolution_status", "report_document", "glossary_term")
META_COLUMNS = frozenset(
    {
        "id",
        "created_at",
        "updated_at",
        "created_by",
        "changed_by",
        "version",
        "field_stamps",
        "field_clocks",
        "origin_export",
    }
)
ACTIONS = frozenset({"created", "updated", "deleted", "restored", "resolved"})
MAX_VECTOR_WRITERS = 1000
MAX_TEXT = 200_000
_DIALECT = sqlite.dialect()


@functools.cache
def data_fields(table: str) -> frozenset[str]:
    """The fields of a record that offices edit (and that may be in conflict)."""
    return frozenset(column.name for column in SQLModel.metadata.tables[table].columns) - META_COLUMNS


@dataclass(frozen=True)
class _Column:
    read: Callable[[Any], Any] | None
    kind: str  # "text", "integer", "boolean", "json", "decimal", "other"
    length: int | None
    nullable: bool


@functools.cache
def _columns(table: str) -> dict[str, _Column]:
    found = {}
    for column in SQLModel.metadata.tables[table].columns:
        kind = column.type
        reader = kind.dialect_impl(_DIALECT).result_processor(_DIALECT, None)
        length = getattr(kind, "length", None)
        if isinstance(kind, DecimalText):
            name = "decimal"
        else:
            if isinstance(kind, TypeDecorator):
                kind = kind.impl_instance
            if isinstance(kind, JSON):
                name = "json"
            elif isinstance(kind, Boolean):
                name = "boolean"
            elif isinstance(kind, Integer):
                name = "integer"
            elif isinstance(kind, Text):
                name, length = "text", length or MAX_TEXT
            elif isinstance(kind, String):
                name, length = "text", length or rules.MAX_LONG_TEXT
            else:
                name = "other"  # dates and datetimes: their readers decide
        found[column.name] = _Column(reader, name, length, bool(column.nullable or column.primary_key))
    return found


def _reader(table: str, name: str) -> Callable[[Any], Any]:
    """The reader of a column that has one (dates and times, JSON…)."""
    read = _columns(table)[name].read
    assert read is not None
    return read


_TEXTUAL = frozenset({"text", "json", "decimal"})


@functools.cache
def _plan(table: str, names: tuple[str, ...] | None) -> tuple[tuple[str, _Column], ...]:
    """The columns ``_read`` reads, in order: every column of a table, or those of ``names``."""
    columns = _columns(table)
    return tuple(columns.items()) if names is None else tuple((name, columns[name]) for name in names)


def _read(table: str, raw: dict[str, Any], names: tuple[str, ...] | None = None) -> dict[str, Any]:
    """A row's values (or those of ``names``) as the app reads them, refusing what would fail there
    (ValidationError naming the field)."""
    values: dict[str, Any] = {}
    for name, column in _plan(table, names):
        value = raw[name]
        if value is None:
            if not column.nullable:
                raise ValidationError(name, _("is required"))
            values[name] = None
            continue
        kind = column.kind
        if (
            (kind in _TEXTUAL and not isinstance(value, str))
            or (kind == "integer" and type(value) is not int)
            or (kind == "boolean" and value not in (0, 1))
        ):
            raise ValidationError(name, _("not a known value"))
        if column.length is not None and isinstance(value, str) and len(value) > column.length:
            raise ValidationError(
                name,
                ngettext(
                    "too long: {count} character, at most {limit}",
                    "too long: {count} characters, at most {limit}",
                    len(value),
                ).format(count=len(value), limit=column.length),
            )
        if column.read is None:
            values[name] = value
            continue
        try:
            values[name] = column.read(value)
        except (ValueError, TypeError, ArithmeticError, RecursionError):
            raise ValidationError(name, _("not a known value")) from None
    return values


@dataclass
class _Knowledge:
    """What checking stamps needs: the wall clock when the check began."""

    now_ms: int = field(default_factory=clock.wall_clock_ms)
    checked: dict[str, clock.Stamp] = field(default_factory=dict)  # the fields of a record mostly share stamps

    def stamp(self, text: object, name: str) -> clock.Stamp:
        if isinstance(text, str) and text in self.checked:
            return self.checked[text]
        try:
            parsed = clock.checked_stamp(text)
        except ValueError:
            raise ValidationError(name, _("not a version stamp")) from None
        if clock.is_too_far_ahead(parsed.clock, self.now_ms):
            raise ValidationError(name, _("a version stamp lies further ahead than any clock drift explains"))
        if len(self.checked) > 4096:
            self.checked.clear()
        self.checked[str(text)] = parsed
        return parsed

    def vector(self, value: object, name: str, stamp: clock.Stamp) -> None:
        """A write's vector: writers' clocks no later than the write's own (a clock moves past all it has seen)."""
        if (
            not isinstance(value, dict)
            or len(value) > MAX_VECTOR_WRITERS
            or not all(clock.is_writer(k) and type(v) is int and v > 0 for k, v in value.items())
        ):
            raise ValidationError(name, _("not a version vector"))
        if any(reading > stamp.clock for reading in value.values()):
            raise ValidationError(name, _("a version vector claims writes later than its own stamp"))


def _exact(value: Any, normalised: Any, name: str) -> None:
    if normalised != value:
        raise ValidationError(name, _("not a known value"))


def _office_code(value: Any, name: str) -> str:
    _exact(value, rules.office_code(value, name), name)
    return str(value)


def _known_office(value: Any, context: Context, name: str = "office") -> None:
    if _office_code(value, name) not in context.offices:
        raise ValidationError(name, _("unknown office {value}").format(value=quoted_value(value)))


def _resolution(value: Any, context: Context, name: str) -> None:
    if value not in context.resolutions:
        raise ValidationError(
            name,
            _("unknown value {value}; expected one of: {allowed}").format(
                value=quoted_value(value), allowed=", ".join(sorted(context.resolutions))
            ),
        )


def _versioned(table: str, values: dict[str, Any], knowledge: _Knowledge) -> None:
    rules.canonical_id(values["id"], "id")
    _office_code(values["created_by"], "created_by")
    _office_code(values["changed_by"], "changed_by")
    knowledge.stamp(values["version"], "version")
    _version_data(table, values, knowledge)
    if values["origin_export"] is not None:
        rules.canonical_id(values["origin_export"], "origin_export")


def _version_data(table: str, values: dict[str, Any], knowledge: _Knowledge) -> None:
    """A record's per-field stamps and version vectors, as this app stores them: compact, a field without a stamp
    of its own having the record's version (``domain/field_versions.py``), or full (exports of format 1)."""
    fields = data_fields(table)
    implied = _implied(table)
    stamps, clocks = values["field_stamps"], values["field_clocks"]
    if not isinstance(stamps, dict) or not set(stamps) <= fields:
        raise ValidationError("field_stamps", _("not a known value"))
    version = knowledge.stamp(values["version"], "version")
    parsed: dict[str, clock.Stamp | None] = {}
    seen: tuple[object, clock.Stamp] | None = None
    for name, text in stamps.items():  # most fields of a record share their stamp
        if text == field_versions.NO_STAMP and name in implied:
            parsed[name] = None  # never written
            continue
        if seen is None or seen[0] != text:
            seen = (text, knowledge.stamp(text, "field_stamps"))
        parsed[name] = seen[1]
    if not isinstance(clocks, dict) or not set(clocks) <= fields:
        raise ValidationError("field_clocks", _("not a version vector"))
    last: tuple[object, clock.Stamp] | None = None
    for name, vector in clocks.items():
        stamp = parsed.get(name, version if name in implied else None)
        if stamp is None:  # a vector needs the write it belongs to
            raise ValidationError("field_clocks", _("not a version vector"))
        if last is None or last != (vector, stamp):  # most fields of a record share their vector
            knowledge.vector(vector, "field_clocks", stamp)
            last = (vector, stamp)


@functools.cache
def _implied(table: str) -> frozenset[str]:
    return frozenset(field_versions.fields_of(table))


def _activity(values: dict[str, Any], context: Context) -> None:
    data = {name: values[name] for name in EDITABLE_FIELDS}
    if values["deleted"] and data["title"] == "":
        data["title"] = "-"  # a purged activity: a tombstone whose texts are emptied (services.purging)
    fields = parse_activity(data, context)
    for name in ("office", "status", "language", "country", "product_kind", "start_date", "end_date"):
        _exact(data[name], getattr(fields, name), name)
    translation_status.check_state("activity", values["translation_state"])


def _funding(values: dict[str, Any], context: Context) -> None:
    _known_office(values["office"], context)
    if values["activity_id"] is not None:
        rules.canonical_id(values["activity_id"], "activity_id")
    if values["resolution_symbol"] is not None:
        _resolution(values["resolution_symbol"], context, "resolution_symbol")
    rules.amount(values["amount"], "amount")
    _exact(values["currency"], rules.currency(values["currency"], "currency"), "currency")
    rules.text(values["contributor"], "contributor")


def _resolution_status(values: dict[str, Any], context: Context) -> None:
    _known_office(values["office"], context)
    _resolution(values["resolution_symbol"], context, "resolution_symbol")
    rules.text(values["period"], "period", required=True, limit=16)
    for name in ("resources_required", "resources_mobilized"):
        if values[name] is not None:
            rules.amount(values[name], name)
    _exact(values["currency"], rules.currency(values["currency"], "currency"), "currency")
    rules.text(values["narrative"], "narrative", limit=rules.MAX_LONG_TEXT)
    _exact(values["language"], rules.language(values["language"], "language"), "language")
    _narratives(values["translations"])
    translation_status.check_state("resolution_status", values["translation_state"])


def _narratives(value: Any) -> None:
    """A resolution status's translations: a narrative per language."""
    if not isinstance(value, dict):
        raise ValidationError("translations", _("expected an object keyed by language"))
    for language, texts in value.items():
        _exact(language, rules.language(language, "translations"), "translations")
        if not isinstance(texts, dict) or set(texts) - {"narrative"}:
            raise ValidationError("translations", _("not a known value"))
        rules.text(texts.get("narrative"), f"translations.{language}.narrative", limit=rules.MAX_LONG_TEXT)


def _office(values: dict[str, Any], _context: Context) -> None:
    _office_code(values["code"], "code")
    rules.text(values["name"], "name", required=True)
    _exact(values["country"], rules.country(values["country"], "country", required=True), "country")
    OfficeKind.parse(values["kind"], "kind")
    glossary_checks.check_office_texts(values)


_RULES: dict[str, Callable[[dict[str, Any], Context], None]] = {
    "office": _office,
    "activity": _activity,
    "funding": _funding,
    "resolution_status": _resolution_status,
    "report_document": glossary_checks.check_document,  # document_checks, and the paragraphs' text states
    "glossary_term": glossary_checks.check_term,
}


def check_record(table: str, raw: dict[str, Any], context: Context, knowledge: _Knowledge) -> None:
    """Refuse a stored record (ValidationError naming the field) that the app could not have written itself."""
    values = _read(table, raw)
    _versioned(table, values, knowledge)
    _RULES[table](values, context)


def _activity_checker(context: Context, knowledge: _Knowledge, names: list[str]) -> Callable[[tuple[Any, ...]], None]:
    """``check_record`` for activities given as rows in the order of ``names``, each shared value checked once
    (``seen_values``) and their own values first by ``quick_checks``."""
    table = "activity"
    at = {name: names.index(name) for name in seen_values.OWN_COLUMNS[table]}
    id_at, created_at, updated_at, version_at, title_at, description_at = (
        at[name] for name in ("id", "created_at", "updated_at", "version", "title", "description")
    )
    stamps_at, clocks_at = at["field_stamps"], at["field_clocks"]
    created, updated = (quick_checks.Times(_reader(table, name)) for name in ("created_at", "updated_at"))
    first_too_far = quick_checks.too_far(knowledge.now_ms)

    def whole(row: tuple[Any, ...]) -> None:
        check_record(table, dict(zip(names, row, strict=True)), context, knowledge)

    def own_values_pass(row: tuple[Any, ...]) -> bool:  # quick_checks: only a pass is a verdict
        ident, title = row[id_at], row[title_at]
        if not (
            type(ident) is str
            and quick_checks.CANONICAL_ID.fullmatch(ident)
            and created.pass_(row[created_at])
            and updated.pass_(row[updated_at])
            and quick_checks.stamp_office(row[version_at], first_too_far) is not None
            and quick_checks.printable(title, rules.MAX_SHORT_TEXT)
            and title.strip()
            and quick_checks.printable(row[description_at], rules.MAX_LONG_TEXT)
        ):
            return False
        try:
            raw = {"version": row[version_at], "field_stamps": row[stamps_at], "field_clocks": row[clocks_at]}
            _version_data(table, _read(table, raw, _VERSION_COLUMNS), knowledge)
        except ValidationError:
            return False
        return True

    return seen_values.SeenValues(table, names, own_values_pass, whole).check


_VERSION_COLUMNS = ("version", "field_stamps", "field_clocks")  # what ``_version_data`` reads


def _rows(connection: sqlite3.Connection, sql: str, parameters: tuple[Any, ...] = ()) -> Iterator[dict[str, Any]]:
    cursor = connection.execute(sql, parameters)
    names = [description[0] for description in cursor.description]
    while batch := cursor.fetchmany(1000):
        for row in batch:
            yield dict(zip(names, row, strict=True))


def _refuse(path: Path, table: str, record: object, error: ValidationError) -> ExportError:
    return ExportError(
        path,
        _("table {table}, record {record}, field {field}: {reason}").format(
            table=table, record=str(record)[:40], field=error.field, reason=error.reason
        ),
    )


def check_records(path: Path, connection: sqlite3.Connection, context: Context) -> None:
    """Refuse an export (ExportError naming table, record, field and rule) holding any record the app refuses."""
    knowledge = _Knowledge()
    try:
        exported = {row[0] for row in connection.execute("SELECT code FROM office")}
        context = replace(context, offices=context.offices | exported)
        for table in RECORD_TABLES:
            if table == "activity":
                _check_activities(path, connection, context, knowledge)
                continue
            for raw in _rows(connection, f'SELECT * FROM "{table}"'):
                try:
                    check_record(table, raw, context, knowledge)
                except ValidationError as error:
                    raise _refuse(path, table, raw.get("id"), error) from None
        for raw in _rows(connection, "SELECT * FROM field_conflict"):
            try:
                _conflict(connection, raw, context, knowledge)
            except ValidationError as error:
                raise _refuse(path, "field_conflict", raw.get("record_id"), error) from None
        _check_changes(path, connection, knowledge)
    except sqlite3.Error as error:
        raise ExportError(path, _("the embedded database cannot be read ({reason})").format(reason=error)) from error


def _check_activities(path: Path, connection: sqlite3.Connection, context: Context, knowledge: _Knowledge) -> None:
    """The activities in order, read as rows (``_activity_checker``)."""
    cursor = connection.execute("SELECT * FROM activity")
    names = [description[0] for description in cursor.description]
    check = _activity_checker(context, knowledge, names)
    while batch := cursor.fetchmany(1000):  # as ``_rows`` reads, so a text that does not decode fails alike
        for row in batch:
            try:
                check(row)
            except ValidationError as error:
                raise _refuse(path, "activity", row[names.index("id")], error) from None


def _check_changes(path: Path, connection: sqlite3.Connection, knowledge: _Knowledge) -> None:
    """The change lines in order; those ``quick_checks`` is not sure of checked in full."""
    lines = quick_checks.ChangeLines(
        {table: data_fields(table) for table in RECORD_TABLES}, ACTIONS, _reader("change", "changed_at")
    )
    first_too_far = quick_checks.too_far(knowledge.now_ms)
    columns = ", ".join(quick_checks.COLUMNS)
    cursor = connection.execute(f"SELECT {quick_checks.JSON_PASSES}, {columns} FROM change")
    while batch := cursor.fetchmany(1000):  # as ``_rows`` reads, so a text that does not decode fails alike
        for json_passes, *line in batch:
            if json_passes and lines.pass_(tuple(line), first_too_far):
                continue
            raw = dict(zip(quick_checks.COLUMNS, line, strict=True))
            try:
                _change(raw, knowledge)
            except ValidationError as error:
                raise _refuse(path, "change", raw.get("record_id"), error) from None


def _conflict(connection: sqlite3.Connection, raw: dict[str, Any], context: Context, knowledge: _Knowledge) -> None:
    values = _read("field_conflict", raw)
    table = values["record_table"]
    if table not in RECORD_TABLES:
        raise ValidationError("record_table", _("not a known value"))
    if values["field"] not in data_fields(table):
        raise ValidationError("field", _("not a known value"))
    stamp = knowledge.stamp(values["stamp"], "stamp")
    _exact(values["office"], stamp.office, "office")
    knowledge.vector(values["vector"], "vector", stamp)
    if values["merge_id"] is not None:
        rules.canonical_id(values["merge_id"], "merge_id")
    try:
        value = json.loads(values["value"])
    except (ValueError, TypeError, RecursionError):
        raise ValidationError("value", _("not a known value")) from None
    record = next(_rows(connection, f'SELECT * FROM "{table}" WHERE id = ?', (values["record_id"],)), None)
    if record is None:
        raise ValidationError("record_id", _("refers to a record the export does not hold"))
    record[values["field"]] = value
    try:
        check_record(table, record, context, knowledge)
    except ValidationError as error:
        raise ValidationError("value", f"{error.field}: {error.reason}") from None


def _change(raw: dict[str, Any], knowledge: _Knowledge) -> None:
    values = _read("change", raw)
    table = values["record_table"]
    if table not in RECORD_TABLES:
        raise ValidationError("record_table", _("not a known value"))
    rules.canonical_id(values["record_id"], "record_id")
    if values["field"] != "" and values["field"] not in data_fields(table):
        raise ValidationError("field", _("not a known value"))
    if values["action"] not in ACTIONS:
        raise ValidationError("action", _("not a known value"))
    stamp = knowledge.stamp(values["stamp"], "stamp")
    _exact(values["office"], stamp.office, "office")
    rules.text(values["author"], "author")
