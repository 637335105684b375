"""Checking an export's many activities quickly: a value many records share is checked once, not once per record.

``record_checks.check_record`` is a conjunction of checks on one column each, or on a few columns together
(the start and end dates), with the receiving workspace's context and the check's own clock fixed for the
whole export. So a record whose shared values (status, office, dates, lists…) each appeared in a record that
passed every check, and whose own values (id, version data, title, description, times) pass their checks,
passes as well (``quick_checks`` says whether its own values pass without reading them as the app does). Every
other record — one with a value not seen in a passing record, or whose own values fail
— goes through ``check_record`` whole, which raises the same error, naming the same field, as it always did.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

OWN_COLUMNS = {
    "activity": ("id", "created_at", "updated_at", "version", "field_stamps", "field_clocks", "title", "description")
}
"""The columns whose values each record has to itself (checked for every record); the rest are shared."""
PAIRED = {"activity": (("start_date", "end_date"),)}
"""Columns checked together (the date range): their values are remembered as one."""
MAX_REMEMBERED = 20_000
"""Values remembered per column before the memory starts again (memory stays flat in the export's size)."""


class SeenValues:
    """The shared values of one table's records that passed every check, per column (or pair of columns).

    Records are rows as SQLite gives them (tuples, in the order of ``columns``)."""

    def __init__(
        self,
        table: str,
        columns: list[str],
        own_values_pass: Callable[[tuple[Any, ...]], bool],
        check_whole: Callable[[tuple[Any, ...]], None],
    ) -> None:
        pairs = PAIRED.get(table, ())
        in_pairs = {name for pair in pairs for name in pair}
        own = set(OWN_COLUMNS.get(table, ()))
        singles = [columns.index(name) for name in columns if name not in own and name not in in_pairs]
        get = operator.itemgetter(*singles) if len(singles) > 1 else None
        self.singles: Callable[[tuple[Any, ...]], tuple[Any, ...]] = get or (lambda row: tuple(row[i] for i in singles))
        self.pairs = [operator.itemgetter(*(columns.index(name) for name in pair)) for pair in pairs]
        self.seen: list[set[Any]] = [set() for _key in [*singles, *pairs]]
        self.own_values_pass, self.check_whole = own_values_pass, check_whole

    def check(self, row: tuple[Any, ...]) -> None:
        """Pass a record, or raise ``check_record``'s ValidationError for it."""
        keys = [*self.singles(row), *(get(row) for get in self.pairs)]
        try:
            if all(map(set.__contains__, self.seen, keys)) and self.own_values_pass(row):
                return
        except TypeError:  # an unhashable value: not one SQLite returns, but checked whole all the same
            self.check_whole(row)
            return
        self.check_whole(row)
        for seen, key in zip(self.seen, keys, strict=True):
            if len(seen) >= MAX_REMEMBERED:
                seen.clear()
            seen.add(key)


__all__ = ["OWN_COLUMNS", "SeenValues"]
