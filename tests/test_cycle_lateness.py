"""How late each office is, on fixed dates: a submitted or approved office by the day it submitted, any other by
today; never by the day its last export was merged (`habitat periods status --json`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from habitat_desktop.cli import main
from habitat_desktop.domain import clock
from habitat_desktop.services import reporting_periods
from tests.cycle_support import DUE, Three, reported, three_workspaces


class Calendar:
    """The wall clock every stamp is read from, set to a day at noon (local time)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.day = dt.date(2026, 1, 5)
        monkeypatch.setattr(clock, "wall_clock_ms", self.ms)

    def ms(self) -> int:
        return int(dt.datetime.combine(self.day, dt.time(12)).timestamp() * 1000)

    def set(self, day: str) -> None:
        self.day = dt.date.fromisoformat(day)


@pytest.fixture
def dated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Three, Calendar]:
    calendar = Calendar(monkeypatch)
    three = three_workspaces(tmp_path)
    reporting_periods.open_period(three.hq, "2025", due=DUE, offices=["KEN", "ROAF"], message="Updates")
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    return three, calendar


def status(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, object]]:
    capsys.readouterr()
    assert main(["periods", "status", str(path), "2025", "--json"]) == 0
    return {row["office"]: row for row in json.loads(capsys.readouterr().out)}


def test_days_late_count_from_the_submission_not_the_last_merge(
    dated: tuple[Three, Calendar], capsys: pytest.CaptureFixture[str]
) -> None:
    three, calendar = dated
    calendar.set("2026-01-20")
    reported(three)
    rows = status(three.hq, capsys)
    assert set(rows["KEN"]) == {"office", "state", "records", "last_merged", "days_late"}
    assert rows["KEN"]["days_late"] == 0  # not yet due

    calendar.set("2026-02-10")  # ten days after the due date (31 January)
    reporting_periods.submit(three.ken, "2025")
    calendar.set("2026-02-25")  # the export reaches headquarters two weeks later
    three.send_as_office(three.ken, three.roaf)
    three.send(three.roaf, three.hq)
    calendar.set("2026-03-01")
    rows = status(three.hq, capsys)
    assert rows["KEN"]["state"] == "submitted" and rows["KEN"]["records"] == 1
    assert rows["KEN"]["days_late"] == 10  # the day it submitted, not the day it was merged (25 days)
    assert str(rows["KEN"]["last_merged"]).startswith("2026-")
    assert rows["ROAF"]["state"] == "not_started" and rows["ROAF"]["days_late"] == 29  # today: 1 March

    reporting_periods.review(three.hq, "2025", "KEN", approve=True)
    calendar.set("2026-04-30")
    rows = status(three.hq, capsys)
    assert rows["KEN"]["state"] == "approved" and rows["KEN"]["days_late"] == 10  # approval keeps the figure
    assert rows["ROAF"]["days_late"] == 89


def test_a_returned_period_is_late_again_until_resubmitted(
    dated: tuple[Three, Calendar], capsys: pytest.CaptureFixture[str]
) -> None:
    three, calendar = dated
    calendar.set("2026-01-25")
    reported(three)
    reporting_periods.submit(three.ken, "2025")  # on time
    three.send_as_office(three.ken, three.hq)
    calendar.set("2026-02-03")
    rows = status(three.hq, capsys)
    assert rows["KEN"]["days_late"] == 0
    reporting_periods.review(three.hq, "2025", "KEN", approve=False, comment="Add the partners")
    rows = status(three.hq, capsys)
    assert rows["KEN"]["state"] == "returned" and rows["KEN"]["days_late"] == 3  # today past the due date
    three.send(three.hq, three.ken)
    calendar.set("2026-02-06")
    reporting_periods.submit(three.ken, "2025")
    three.send_as_office(three.ken, three.hq)
    calendar.set("2026-03-31")
    rows = status(three.hq, capsys)
    assert rows["KEN"]["state"] == "submitted" and rows["KEN"]["days_late"] == 6  # the latest submission
