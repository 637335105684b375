"""Who may write what through one export (``WritePolicy``), and the refusal of a write its signer may not make.

Every write an export brings that the workspace does not hold yet is stamped by an office. An export signed by an
office trusted only for itself may bring that office's writes to that office's own records, and no others; an
office trusted as a coordinator may pass on any office's writes; nobody but the workspace's own office writes the
workspace's own office record (``storage/merging.py`` applies it; ``storage/foreign_writes.py`` sets aside).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


class ForbiddenWriteError(ValueError):
    """A write an export brings that its signer may not make or pass on (the caller names the file)."""

    def __init__(self, table: str, record: str, owner: str, writer: str) -> None:
        self.table, self.record, self.owner, self.writer = table, record, owner, writer
        super().__init__(f"{table} {record} of {owner} written by {writer}")


@dataclass(frozen=True)
class WritePolicy:
    """Who may write what through one export: its signer's office, whether it relays, the receiving office."""

    signer: str
    coordinator: bool
    own_office: str
    # called with (error, table, columns, their row, my row or None) for a record set aside instead of refused
    set_aside: Callable[[ForbiddenWriteError, str, list[str], tuple[Any, ...], tuple[Any, ...] | None], None] | None = (
        None
    )

    def checks_writers(self, table: str) -> bool:
        """Whether ``check`` can refuse a write to a record of this table (a coordinator passes on any but the
        workspace's own office record), so that merging skips reading the writers when it cannot."""
        return table == "office" or not self.coordinator

    def check(self, table: str, record: str, owners: Iterable[str | None], writers: Iterable[str]) -> None:
        """Refuse new writes (by ``writers``) to a record (owned by ``owners``, before and after) they may not make."""
        owned = [owner for owner in owners if owner is not None]
        for writer in writers:
            if table == "office" and self.own_office in owned and writer != self.own_office:
                raise ForbiddenWriteError(table, record, self.own_office, writer)
            if self.coordinator:
                continue
            for owner in owned:
                if owner != self.signer or writer != self.signer:
                    raise ForbiddenWriteError(table, record, owner, writer)
