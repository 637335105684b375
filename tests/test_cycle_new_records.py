"""A new record of an approved period arriving by merge (an old laptop's new activity, with its funding line; a
resolution status) is not inserted: it is a proposal a coordinator accepts (inserted) or rejects (dropped); the
decision travels office → region → headquarters and back, and a re-merge of the old export changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from habitat_desktop.cli import main
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.services import merges, proposals, reporting_periods
from habitat_desktop.services.activity_editing import FundingEntry
from habitat_desktop.services.resolution_pages import set_period_status
from habitat_desktop.services.workspaces import open_workspace
from tests.cycle_support import DUE, Three, reported, three_workspaces
from tests.merge_support import activity, export, state
from tests.test_cycle_record_locks import save
from tests.test_reporting_cycles import _clone

GRANT = FundingEntry(Decimal("75000"), "USD", "earmarked", "received", "Norway", dt.date(2025, 9, 1))


@pytest.fixture
def late(tmp_path: Path) -> tuple[Three, str, Path]:
    """KEN's 2025 is approved; an old laptop copied before the approval adds a new 2025 activity with a grant,
    which reaches the region (the laptop trusted for its own records) and then headquarters."""
    three = three_workspaces(tmp_path)
    reporting_periods.open_period(three.hq, "2025", due=DUE, offices=["KEN"])
    three.send(three.hq, three.ken)
    reported(three)
    reporting_periods.submit(three.ken, "2025")
    three.send(three.ken, three.roaf)
    three.send(three.roaf, three.hq)
    old_laptop = tmp_path / "old.habitat"
    _clone(three.ken, old_laptop)
    reporting_periods.review(three.hq, "2025", "KEN", approve=True)
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    new = save(old_laptop, None, [GRANT], title="Late workshop", start_date="2025-11-02", end_date="2025-11-03")
    three.send_as_office(old_laptop, three.roaf)
    three.send(three.roaf, three.hq)
    return three, new, old_laptop


def _listed(path: Path) -> list[dict]:
    return [entry for entry in _conflicts_json(path) if entry["kind"] == "proposal"]


def _conflicts_json(path: Path) -> list[dict]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["conflicts", str(path), "--json"]) == 0
    return json.loads(out.getvalue())


def test_a_new_activity_in_an_approved_period_is_a_proposal_not_a_record(late: tuple[Three, str, Path]) -> None:
    three, new, _old = late
    for path in (three.roaf, three.hq):
        assert activity(path, new) == {}  # nothing inserted
        listed = _listed(path)
        assert {(e["table"], e["new_record"], e["office"], e["period"]) for e in listed} == {
            ("activity", True, "KEN", "2025"),
            ("funding", True, "KEN", "2025"),
        }
        [entry] = [e for e in listed if e["table"] == "activity"]
        assert entry["record"] == new and entry["label"] == "Late workshop"
        assert entry["values"][1]["value"]["title"] == "Late workshop"
    assert reporting_periods.period_status(three.hq, "2025", today=DUE)[0].records == 1  # the approved one only


def test_accepting_inserts_it_and_the_decision_travels_everywhere(late: tuple[Three, str, Path]) -> None:
    three, new, old = late
    [key] = [e["key"] for e in _listed(three.hq) if e["table"] == "activity"]
    assert main(["proposals", "accept", str(three.hq), key]) == 0
    assert activity(three.hq, new)["title"] == "Late workshop" and not activity(three.hq, new)["deleted"]
    assert _listed(three.hq) == []  # its funding line went with it
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    three.send(three.roaf, old)
    for path in (three.roaf, three.ken, old):
        assert activity(path, new)["title"] == "Late workshop" and not activity(path, new)["deleted"]
        assert _listed(path) == []
    final = state(three.hq)
    three.send_as_office(old, three.roaf)
    three.send(three.roaf, three.hq)
    assert state(three.hq)["activity"] == final["activity"] and _listed(three.hq) == []


def test_rejecting_drops_it_for_good(late: tuple[Three, str, Path], tmp_path: Path) -> None:
    three, new, old = late
    stale = export(old, tmp_path / "stale.habx")
    keys = [e["key"] for e in _listed(three.roaf)]
    assert main(["proposals", "reject", str(three.roaf), *keys]) == 0
    assert activity(three.roaf, new)["deleted"] and _listed(three.roaf) == []
    three.send(three.roaf, three.hq)
    assert activity(three.hq, new)["deleted"] and _listed(three.hq) == []
    merges.merge_files(three.roaf, [stale], trust=True)  # the same old export again: nothing comes back
    three.send(old, three.roaf)  # nor through a fresh export of the old laptop (relayed)
    assert activity(three.roaf, new)["deleted"] and _listed(three.roaf) == []
    three.send(three.roaf, old)
    assert activity(old, new)["deleted"]  # the office learns of it too


def test_the_office_that_learns_of_the_approval_holds_its_new_activity_as_a_proposal(
    late: tuple[Three, str, Path],
) -> None:
    three, new, old = late
    three.send(three.roaf, old)  # the approval reaches the old laptop: its activity waits for the coordinator
    assert activity(old, new) == {}
    assert {e["record"] for e in _listed(old) if e["table"] == "activity"} == {new}
    with pytest.raises(HabitatError):
        proposals.decide(old, [e["key"] for e in _listed(old)], accept=True)  # an office cannot decide


def test_a_reopening_lets_the_proposed_record_in_after_the_exchange(late: tuple[Three, str, Path]) -> None:
    three, new, _old = late
    reporting_periods.reopen(three.hq, "2025", "KEN", comment="Late activities welcome")
    three.send(three.hq, three.roaf)
    assert activity(three.roaf, new)["title"] == "Late workshop" and _listed(three.roaf) == []
    three.send(three.roaf, three.hq)
    assert activity(three.hq, new)["title"] == "Late workshop" and _listed(three.hq) == []


def test_a_new_resolution_status_of_an_approved_period_is_a_proposal(late: tuple[Three, str, Path]) -> None:
    three, _new, old = late
    workspace = open_workspace(old)
    try:
        set_period_status(workspace, "2/7", "2025", implementation_status="in_progress")
    finally:
        workspace.close()
    three.send_as_office(old, three.roaf)
    statuses = [e for e in _listed(three.roaf) if e["table"] == "resolution_status"]
    assert len(statuses) == 1 and statuses[0]["new_record"] and statuses[0]["period"] == "2025"
    assert not state(three.roaf)["resolution_status"]


def test_the_merge_summary_counts_it_as_held_not_added(late: tuple[Three, str, Path]) -> None:
    three, _new, old = late
    save(old, None, [], title="Another late event", start_date="2025-12-01", end_date="2025-12-01")
    result = three.send_as_office(old, three.roaf)
    counts = result.files[0].counts.per_table()["activity"]
    assert counts["added"] == 0 and counts["conflicts"] == 2  # both new activities, to decide in File ▸ Conflicts
