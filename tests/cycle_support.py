"""Helpers for reporting-cycle tests: an office, a region and headquarters that exchange exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from habitat_desktop.services import exports, merges, reporting_periods
from tests.merge_support import add_activity, office_workspace

DUE = dt.date(2026, 1, 31)


@dataclass
class Three:
    """Workspaces of office KEN, region ROAF and headquarters HQ, and a folder for their exports."""

    ken: Path
    roaf: Path
    hq: Path
    folder: Path
    round: int = 0

    def send(self, source: Path, target: Path) -> merges.MergeResult:
        """Export ``source`` and merge it into ``target`` (the signer trusted as a coordinator, as relays are)."""
        self.round += 1
        file = self.folder / f"{source.stem}-{self.round}.habx"
        exports.export_workspace(source, file)
        return merges.merge_files(target, [file], trust=True, as_coordinator=True)

    def send_as_office(self, source: Path, target: Path) -> merges.MergeResult:
        """The same, the signer trusted for its own records only."""
        self.round += 1
        file = self.folder / f"{source.stem}-{self.round}.habx"
        exports.export_workspace(source, file)
        return merges.merge_files(target, [file], trust=True)

    def state(self, path: Path, office: str = "KEN", period: str = "2025") -> str:
        rows = {row.office: row for row in reporting_periods.period_status(path, period, today=DUE)}
        return str(rows[office].state)


def three_workspaces(folder: Path) -> Three:
    ken = office_workspace(folder / "ken.habitat", "KEN")
    roaf = office_workspace(folder / "roaf.habitat", "ROAF", kind="regional")
    hq = office_workspace(folder / "hq.habitat", "HQ", country="KE", kind="headquarters")
    three = Three(ken, roaf, hq, folder)
    three.send(ken, roaf)  # every workspace learns every office's record
    three.send(roaf, hq)
    three.send(hq, roaf)
    three.send(roaf, ken)
    return three


def reported(three: Three, title: str = "Urban forum", end: str = "2025-06-30") -> str:
    return add_activity(three.ken, title, start_date=dt.date(2025, 1, 10), end_date=dt.date.fromisoformat(end))
