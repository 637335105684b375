"""Quick verdicts that an activity's own values or a change line pass ``record_checks``, for the common case.

A verdict here is only ever "passes": a value it is not sure of (an unusual form, a non-printable character, a
time not seen before…) sends the row to the full check, which decides and words the refusal as it always did.
So each quick test must pass only what the full check passes (tests/test_quick_checks.py holds that with
Hypothesis), and may send more to the full check. The JSON of a change line is checked by SQLite in the same
query that reads the line (``JSON_PASSES``): ``json_valid`` refuses what Python's ``json.loads`` refuses, apart
from nesting and integers longer than Python reads, which only long texts can hold and which are sent on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from habitat_desktop.domain import clock, rules
from habitat_desktop.storage.merging import CHANGE_COLUMNS

CANONICAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
"""Exactly the ids ``rules.canonical_id`` passes: the canonical form is the only text it gives back unchanged."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""The characters ``rules.text`` refuses (a test holds the two equal)."""
_STAMP = re.compile(r"[0-9a-f]{16}-(?P<office>[A-Z][A-Z0-9]{1,15})(?:-[0-9a-f]{8})?")
"""``clock.checked_stamp``'s form."""
MAX_STAMP = 40
"""The longest stamp a stamp column holds (``version``, ``change.stamp``)."""
MAX_DEPTH = 500
"""JSON nested deeper than this may exhaust Python's recursion; a text of at most twice as many characters cannot."""
MAX_DIGITS = 4300
"""Python refuses integers of more digits (``sys.get_int_max_str_digits``); a shorter text cannot hold one."""
_LONG_RUN = "*" + "[0-9]" * 25 + "*"


def json_passes(column: str) -> str:
    """SQL true when a column holds NULL or JSON text that ``json.loads`` reads."""
    brackets = f"length({column}) - length(replace(replace({column}, '[', ''), '{{', ''))"
    return (
        f"({column} IS NULL OR (typeof({column}) = 'text' AND instr({column}, char(0)) = 0 AND json_valid({column}) "
        f"AND CASE WHEN length({column}) > {2 * MAX_DEPTH} THEN {brackets} <= {MAX_DEPTH} ELSE 1 END "
        f"AND CASE WHEN length({column}) > {MAX_DIGITS} THEN {column} NOT GLOB '{_LONG_RUN}' ELSE 1 END))"
    )


JSON_PASSES = f"({json_passes('old_value')} AND {json_passes('new_value')})"
"""SQL true when both JSON values of a change line read in Python."""


def too_far(now_ms: int) -> str:
    """The first clock (as a stamp's 16 hex digits) ``clock.is_too_far_ahead`` refuses at ``now_ms``."""
    return f"{(now_ms + clock.MAX_DRIFT_MS + 1) << 16:016x}"


def stamp_office(text: object, first_too_far: str) -> str | None:
    """The office of a stamp ``clock.checked_stamp`` reads, of at most 40 characters and not too far ahead."""
    if type(text) is not str or len(text) > MAX_STAMP or text[:16] >= first_too_far:
        return None
    match = _STAMP.fullmatch(text)
    return match["office"] if match else None


class Times:
    """Date-and-time texts one column's reader has read: most records share a few (the cache is bounded)."""

    def __init__(self, read: Callable[[Any], Any]) -> None:
        self.read, self.passed = read, set[str]()

    def pass_(self, value: object) -> bool:
        if value in self.passed:
            return True
        if type(value) is not str:
            return False
        try:
            self.read(value)
        except (ValueError, TypeError, ArithmeticError, RecursionError):
            return False
        if len(self.passed) > 4096:
            self.passed.clear()
        self.passed.add(value)
        return True


def printable(value: object, limit: int) -> bool:
    """``rules.text`` passes it: text within the limit, without control or binary characters."""
    return type(value) is str and len(value) <= limit and (value.isprintable() or _CONTROL.search(value) is None)


COLUMNS = ("id", *CHANGE_COLUMNS)
"""The columns of a change line, in the order ``ChangeLines.pass_`` reads them (all of the table's)."""


class ChangeLines:
    """Change lines ``record_checks._change`` passes: known table, field and action, canonical record id, a stamp
    of the office named, printable author, a time its reader reads (and JSON that SQL found readable)."""

    def __init__(self, fields: dict[str, frozenset[str]], actions: Iterable[str], read_time: Callable[[Any], Any]):
        self.known = frozenset((table, name) for table, names in fields.items() for name in {"", *names})
        self.actions = frozenset(actions)
        self.times = Times(read_time)

    def pass_(self, line: tuple[Any, ...], first_too_far: str) -> bool:
        """Whether a line (the values of ``COLUMNS``, its JSON already found readable by SQL) passes."""
        ident, table, record, name, action, _old, _new, office, author, stamp, changed_at = line
        return (
            (ident is None or type(ident) is int)
            and (table, name) in self.known
            and type(record) is str
            and CANONICAL_ID.fullmatch(record) is not None
            and action in self.actions
            and stamp_office(stamp, first_too_far) == office
            and printable(author, rules.MAX_SHORT_TEXT)
            and self.times.pass_(changed_at)
        )
