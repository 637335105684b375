"""Reading a CSV file as a sheet of text cells: its encoding (UTF-8 or UTF-16) and separator found from the file.

Spreadsheets save CSV in more than one way: UTF-8 with or without a byte order mark, UTF-16 with a mark (Excel's
"Unicode text", tab-separated), commas, semicolons (where the decimal separator is a comma) or tabs, CR LF line
ends, quoted cells holding line breaks. The separator is the one of these that the header line holds most often,
outside quotes. A file in another encoding is refused with a message saying to save it as UTF-8. Each line may
hold at most ``MAX_LINE_BYTES`` characters, each cell at most ``csv.field_size_limit()`` (131,072 unless changed).
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.exchange.activity_files import FORMULA_START, numbered_lines
from habitat_desktop.l10n import _

CSV_SUFFIXES = (".csv", ".tsv")
SEPARATORS = (",", ";", "\t")


def is_csv(path: Path) -> bool:
    return Path(path).suffix.lower() in CSV_SUFFIXES


def encoding_of(start: bytes) -> str:
    """The encoding a file's first bytes say: a byte order mark, else NUL bytes of UTF-16 text, else UTF-8."""
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    pairs = start[: len(start) // 2 * 2]
    if pairs and pairs[1::2].count(0) > len(pairs) // 4 and not pairs[0::2].count(0):
        return "utf-16-le"
    if pairs and pairs[0::2].count(0) > len(pairs) // 4 and not pairs[1::2].count(0):
        return "utf-16-be"
    return "utf-8"


def separator_of(header_line: str) -> str:
    """The separator a header line uses most often outside quoted text (a comma if it uses none)."""
    counts = dict.fromkeys(SEPARATORS, 0)
    quoted = False
    for character in header_line:
        if character == '"':
            quoted = not quoted
        elif not quoted and character in counts:
            counts[character] += 1
    return max(SEPARATORS, key=lambda separator: counts[separator])  # ties: the first, a comma


def _not_utf8(name: str) -> ValidationError:
    return ValidationError(
        "file",
        _("not UTF-8 text; save it again as “CSV UTF-8” (or Unicode text) and import it again"),
        source=name,
    )


@contextmanager
def csv_rows(path: Path) -> Iterator[Iterator[tuple[str, ...]]]:
    """The rows of a CSV file as tuples of text cells, header row first, streamed; bad text is a clean error."""
    name = path.name
    try:
        stream = path.open("rb")
    except OSError as error:
        raise ValidationError("file", error.strerror or str(error), source=name) from None
    with stream:
        text = io.TextIOWrapper(stream, encoding=encoding_of(stream.read(4096)), newline="")
        stream.seek(0)
        try:
            yield _rows(text, name)
        finally:
            text.detach()


def _lines(text: io.TextIOWrapper, name: str) -> Iterator[str]:
    """Each line, the size limit applied before a line is read whole (as a JSON-lines file's)."""
    return (line for _number, line in numbered_lines(text, name))


def _rows(text: io.TextIOWrapper, name: str) -> Iterator[tuple[str, ...]]:
    reader = None
    try:
        lines = _lines(text, name)
        first = next(lines, "")
        reader = csv.reader(itertools.chain([first], lines), delimiter=separator_of(first), strict=True)
        for cells in reader:
            yield tuple(_unescaped(cell) for cell in cells)
    except UnicodeError:
        raise _not_utf8(name) from None
    except csv.Error as error:
        raise ValidationError(
            "line",
            _("malformed CSV ({reason})").format(reason=error),
            source=name,
            line=reader.line_num if reader is not None else 1,
        ) from None


def _unescaped(cell: str) -> str:
    """A cell as written, without the apostrophe our own exports put before a text a spreadsheet would run."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_START):
        return cell[1:]
    return cell


def header_cells(path: Path) -> tuple[str, ...]:
    """Just a CSV file's header row."""
    with csv_rows(path) as rows:
        return next(rows, ())
