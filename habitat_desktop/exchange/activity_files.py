"""Activity files: one activity per JSON line or CSV row, written and read losslessly.

CSV cells holding lists or translations carry JSON; a cell that a spreadsheet would run as a formula
(starting with = + - @, or a tab or carriage return) is written with a leading apostrophe, which reading removes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Generator, Iterable, Iterator, Mapping
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from habitat_desktop.domain import activity_fields, rules
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import _, ngettext

MAX_LINE_BYTES = 1_000_000


class FileFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"


FIELDS: tuple[str, ...] = ("id", *activity_fields.FIELD_KEYS)
"""The columns a file's activity has, in order: its id, then the fields ``activity_fields`` describes."""
METADATA_FIELDS: tuple[str, ...] = ("created_by", "changed_by", "updated_at", "version")
"""Written for the reader's information; ignored when a file is imported."""
_STRUCTURED = activity_fields.LIST_FIELDS | {
    spec.key for spec in activity_fields.ACTIVITY_FIELDS if spec.kind is activity_fields.FieldKind.TRANSLATIONS
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
ALLOWED_KEYS = frozenset(FIELDS) | frozenset(METADATA_FIELDS) | {"deleted"}
"""The keys an imported record may have (a file's other keys are refused by name)."""


def detect_format(path: Path) -> FileFormat:
    return FileFormat.CSV if path.suffix.lower() == ".csv" else FileFormat.JSONL


def write(records: Iterable[Mapping[str, Any]], out: IO[str], file_format: FileFormat) -> int:
    """Write activity records; return how many."""
    columns = FIELDS + METADATA_FIELDS
    count = 0
    if file_format is FileFormat.JSONL:
        for record in records:
            out.write(json.dumps({key: record.get(key) for key in columns}, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n")  # RFC 4180: CR and LF are quoted
    writer.writeheader()
    for record in records:
        writer.writerow({key: _csv_cell(key, record.get(key)) for key in columns})
        count += 1
    return count


def _csv_cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key in _STRUCTURED:
        value = json.dumps(value, ensure_ascii=False)
    value = str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def read(stream: IO[bytes], name: str, file_format: FileFormat) -> Generator[tuple[int, dict[str, Any]], None, None]:
    """Each record of a file with its line number; a malformed line raises an error naming it."""
    if file_format is FileFormat.JSONL:
        yield from _read_jsonl(stream, name)
        return
    text_stream = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        yield from _read_csv(text_stream, name)
    except UnicodeDecodeError:
        raise ValidationError("file", _("not UTF-8 text"), source=name) from None
    finally:
        text_stream.detach()


def numbered_lines(stream: IO[str], name: str) -> Iterator[tuple[int, str]]:
    """Each line with its number, the size limit applied before a line is read whole."""
    number = 0
    while line := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(line) > MAX_LINE_BYTES:
            raise _too_long(name, number)
        yield number, line


def _too_long(name: str, number: int) -> ValidationError:
    return ValidationError(
        "line",
        ngettext("longer than {count} character", "longer than {count} characters", MAX_LINE_BYTES).format(
            count=MAX_LINE_BYTES
        ),
        source=name,
        line=number,
    )


_BLOCK = 1 << 16
"""Bytes a JSON-lines file is read by (a line at a time costs a third of reading it)."""
_BOM = b"\xef\xbb\xbf"


def lines_of(stream: IO[bytes], name: str, first: int = 1, bom: bool = True) -> Iterator[tuple[int, str]]:
    """Each line of JSON-lines bytes with its number (from ``first``) and without its end (LF, CR LF or CR, as
    ``numbered_lines`` splits), read by blocks and decoded line by line: a byte that is not UTF-8 is refused on its
    own line, wherever the blocks (or a worker's parts, exchange/prepared_lines.py) begin and end. A line and its
    end hold at most ``MAX_LINE_BYTES`` characters, checked before a longer line is held whole. ``bom``: a byte
    order mark may start the first line (a file's; not a part's)."""
    number, tail = first - 1, b""
    while block := stream.read(_BLOCK):
        data = tail + block
        held = data.endswith(b"\r")  # perhaps the first half of CR LF: decided with the next block
        lines = _split(data[:-1] if held else data)
        tail = lines.pop() + (b"\r" if held else b"")
        for line in lines:
            number += 1
            yield number, _decoded(line, name, number, MAX_LINE_BYTES - 1, bom and number == first)
        if len(tail) > 4 * MAX_LINE_BYTES + 4:  # at least MAX_LINE_BYTES + 1 characters, whatever they are
            raise _too_long(name, number + 1)
    lines = _split(tail)
    last = lines.pop()  # the text after the last line end: a line without an end, or nothing
    for line in lines:
        number += 1
        yield number, _decoded(line, name, number, MAX_LINE_BYTES - 1, bom and number == first)
    if last:
        yield number + 1, _decoded(last, name, number + 1, MAX_LINE_BYTES, bom and number + 1 == first)


def _split(data: bytes) -> list[bytes]:
    if b"\r" in data:
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data.split(b"\n")


def _decoded(line: bytes, name: str, number: int, limit: int, first_of_file: bool) -> str:
    try:
        text = line.decode("utf-8-sig" if first_of_file else "utf-8")
    except UnicodeDecodeError:
        raise ValidationError("file", _("not UTF-8 text"), source=name, line=number) from None
    if len(text) > limit:
        raise _too_long(name, number)
    return text


def parse_json(text: str) -> Any:
    """JSON as files may carry it: a clean ValueError for deep nesting, huge integers or lone surrogates."""
    try:
        if text.startswith("\ufeff"):  # as json.loads refuses it (its decoder, made once below, does not check)
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        value = _decoder.decode(text)
    except json.JSONDecodeError as error:
        raise ValueError(error.msg) from None
    except RecursionError:
        raise ValueError(_("nested too deeply")) from None
    try:  # a lone surrogate is in the text, or escaped (backslash-u): only then re-encode the value
        (json.dumps(value, ensure_ascii=False) if "\\u" in text else text).encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(_("holds a lone surrogate, which is not a character")) from None
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(name)


_decoder = json.JSONDecoder(parse_constant=_no_constant)  # json.loads(text, parse_constant=…) makes one per call


# what ``JSONDecoder.decode`` runs once it has skipped the whitespace before a value, without its checks after it
_scan = _decoder.scan_once  # type: ignore[attr-defined]
_JSON_SPACE = " \t\n\r"  # the whitespace JSON allows around a value (``json.decoder.WHITESPACE``)


def _read_jsonl(stream: IO[bytes], name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in lines_of(stream, name):
        record = record_of_line(line, name, number)
        if record is not None:
            yield number, record


def record_id(record: Mapping[str, Any], checked: str | None = None) -> str | None:
    """The id of an imported record, valid (``checked`` when the caller has checked it already), or None when it
    has none; a record with a key no activity has, or an invalid id, is refused (the key is named)."""
    if not record.keys() <= ALLOWED_KEYS:  # no set made of the record's keys
        raise ValidationError(sorted(set(record) - ALLOWED_KEYS)[0], _("unknown field"))
    if checked is not None:
        return checked
    value = record.get("id")
    return rules.record_id(value) if value else None


def record_of_line(line: str, name: str, number: int) -> dict[str, Any] | None:
    """The record of a JSON line (None for a blank one); a line that is not a JSON object raises its error."""
    if line.startswith("{") and "\\u" not in line:  # an object without escapes, as exports write it
        try:
            record, end = _scan(line, 0)
        except (StopIteration, ValueError, RecursionError):  # parse_json below words the error
            pass
        else:  # text decoded from UTF-8 holds no lone surrogate: parse_json would give the same object
            if end == len(line) or not line[end:].strip(_JSON_SPACE):
                return record
    if not line.strip():
        return None
    try:
        record = parse_json(line)
    except ValueError as error:  # also integers longer than Python converts
        raise ValidationError(
            "line", _("not valid JSON ({reason})").format(reason=str(error)[:200]), source=name, line=number
        ) from None
    if not isinstance(record, dict):
        raise ValidationError("line", _("expected a JSON object"), source=name, line=number)
    return record


def _read_csv(lines: IO[str], name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(lines, strict=True)
    try:
        header = reader.fieldnames or []
        unknown = [column for column in header if column not in FIELDS + METADATA_FIELDS + ("deleted",)]
        if unknown:
            raise ValidationError(unknown[0], _("unknown column"), source=name, line=1)
        for row in reader:
            number = reader.line_num
            if None in row:
                raise ValidationError("line", _("more cells than columns"), source=name, line=number)
            yield number, {key: _from_cell(key, value, name, number) for key, value in row.items()}
    except csv.Error as error:
        raise ValidationError(
            "line", _("malformed CSV ({reason})").format(reason=error), source=name, line=reader.line_num
        ) from None


def _from_cell(key: str, value: str | None, name: str, line: int) -> Any:
    if value is None or value == "":
        return None
    if value.startswith("'") and value[1:].startswith(FORMULA_START):
        value = value[1:]
    if key == "deleted":
        return value.strip().lower() in {"true", "1", "yes"}
    if key in _STRUCTURED:
        try:
            return parse_json(value)
        except ValueError:
            raise ValidationError(
                key, _("expected a JSON list or object in this cell"), source=name, line=line
            ) from None
    return value
