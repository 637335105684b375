"""What merging one export did (or would do): records added, updated, unchanged, deleted, and conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field

RECORD_TABLES = ("office", "activity", "funding", "resolution_status")
"""The tables whose records a merge counts, in the order they merge."""

COUNT_KINDS = ("added", "updated", "unchanged", "deleted", "conflicts")


@dataclass
class MergeCounts:
    """What merging one export did (or would do): each record counted once, conflicts besides, in total and per
    table (``tables``: record table → kind → count), so activities can be told from their funding lines."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: int = 0
    tables: dict[str, dict[str, int]] = field(default_factory=dict)

    @classmethod
    def unchanged_records(cls, records: dict[str, int]) -> MergeCounts:
        """Counts of an export whose records (per table) all stay as they are."""
        counts = cls()
        for table, number in records.items():
            counts.count(table, "unchanged", number)
        return counts

    def count(self, table: str, kind: str, number: int = 1) -> None:
        """Count ``number`` records of ``table`` as ``kind`` (one of ``COUNT_KINDS``), in the table and the total."""
        setattr(self, kind, getattr(self, kind) + number)
        per_table = self.tables.setdefault(table, dict.fromkeys(COUNT_KINDS, 0))
        per_table[kind] += number

    def as_dict(self) -> dict[str, int]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
            "conflicts": self.conflicts,
        }

    def per_table(self) -> dict[str, dict[str, int]]:
        """The counts of each record table, in the order tables merge."""
        return {table: dict(self.tables[table]) for table in RECORD_TABLES if table in self.tables}

    def add(self, other: MergeCounts) -> None:
        for table, kinds in other.tables.items():
            for kind, number in kinds.items():
                self.count(table, kind, number)
