"""Invalid cells of a spreadsheet: each named by sheet, row, column and reason, all reported together."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.exchange.column_labels import column_labels
from habitat_desktop.l10n import _, current_language, ngettext

SHOWN_PROBLEMS = 50
"""How many invalid cells an error message lists; the rest are counted."""


@dataclass(frozen=True)
class CellProblem:
    """One invalid cell (or header, or row) of a sheet and why."""

    sheet: str  # "" for a CSV file, which has no sheets: its problems name the row and column only
    row: int
    column: str  # the column's letter, e.g. "C"; "" when the problem is the whole row
    field: str | None
    reason: str

    def line(self) -> str:
        if not self.column:
            if not self.sheet:
                return _("row {row}: {reason}").format(row=self.row, reason=self.reason)
            return _("sheet {sheet}, row {row}: {reason}").format(sheet=self.sheet, row=self.row, reason=self.reason)
        label = column_labels(current_language()).get(self.field, self.field) if self.field else "—"
        if not self.sheet:
            return _("row {row}, column {column} ({field}): {reason}").format(
                row=self.row, column=self.column, field=label, reason=self.reason
            )
        return _("sheet {sheet}, row {row}, column {column} ({field}): {reason}").format(
            sheet=self.sheet, row=self.row, column=self.column, field=label, reason=self.reason
        )


class SpreadsheetError(HabitatError):
    """A spreadsheet with invalid cells: nothing of it was imported."""

    def __init__(self, source: str, problems: Sequence[CellProblem], total: int | None = None) -> None:
        self.source = source
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        lines = [
            ngettext(
                "{source}: {count} invalid cell; nothing was imported:",
                "{source}: {count} invalid cells; nothing was imported:",
                self.total,
            ).format(source=source, count=self.total)
        ]
        lines += ["  " + problem.line() for problem in self.problems[:SHOWN_PROBLEMS]]
        hidden = self.total - min(len(self.problems), SHOWN_PROBLEMS)
        if hidden > 0:
            lines.append("  " + ngettext("… and {count} more", "… and {count} more", hidden).format(count=hidden))
        super().__init__("\n".join(lines))
