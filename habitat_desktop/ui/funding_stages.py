"""The funding stages a chart shows: pledged and received, and allocated and secured when there is such money."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Protocol

from habitat_desktop.l10n import _
from habitat_desktop.reports.wording import joined


class Staged(Protocol):
    @property
    def pledged(self) -> Decimal: ...
    @property
    def received(self) -> Decimal: ...
    @property
    def allocated(self) -> Decimal: ...
    @property
    def secured(self) -> Decimal: ...
    @property
    def currency(self) -> str: ...


def has_other_stages(lines: Sequence[Staged]) -> bool:
    return any(line.allocated or line.secured for line in lines)


def stage_legend() -> list[str]:
    """The series of a chart with every stage, from the most certain money to the least."""
    return [_("Received"), _("Allocated"), _("Secured"), _("Pledged")]


def stage_row(line: Staged, money: Callable[[Decimal, str], str]) -> tuple[list[float], str]:
    """The values and the text of a chart row with every stage (the stages with money named)."""
    values = [line.received, line.allocated, line.secured, line.pledged]
    messages = [_("{amount} received"), _("{amount} allocated"), _("{amount} secured"), _("{amount} pledged")]
    text = joined(m.format(amount=money(v, line.currency)) for m, v in zip(messages, values, strict=True) if v)
    return [float(v) for v in values], text
