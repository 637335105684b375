"""Reporting cycles through exports between an office (KEN), a region (ROAF) and headquarters (HQ): every state
transition in both directions, approval locks, proposals, the write policy and the history."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from habitat_desktop.cli import main
from habitat_desktop.domain.errors import HabitatError, ValidationError
from habitat_desktop.services import cycle_history, exports, merges, proposals, reporting_periods, workspaces
from tests.cycle_support import DUE, Three, reported, three_workspaces
from tests.merge_support import activity, edit_activity


@pytest.fixture
def three(tmp_path: Path) -> Three:
    three = three_workspaces(tmp_path)
    reporting_periods.open_period(three.hq, "2025", due=DUE, offices=["KEN", "ROAF"], message="Updates for EB-2026")
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    return three


def up(three: Three) -> None:
    """Office → region → headquarters."""
    three.send_as_office(three.ken, three.roaf)
    three.send(three.roaf, three.hq)


def down(three: Three) -> None:
    """Headquarters → region → office."""
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)


def submitted(three: Three) -> str:
    activity_id = reported(three)
    reporting_periods.submit(three.ken, "2025")
    up(three)
    return activity_id


def test_the_call_reaches_the_office_through_the_region(three: Three, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["periods", "list", str(three.ken), "--json"]) == 0
    [call] = json.loads(capsys.readouterr().out)
    assert call == {
        "period": "2025",
        "due": "2026-01-31",
        "offices": ["KEN", "ROAF"],
        "message": "Updates for EB-2026",
        "opened_by": "HQ",
    }
    assert three.state(three.ken) == "not_started"
    reported(three)
    assert three.state(three.ken) == "in_progress"  # derived from the records of the period


def test_submission_travels_up_and_withdrawal_takes_it_back(three: Three) -> None:
    submitted(three)
    assert three.state(three.hq) == three.state(three.roaf) == "submitted"
    assert reporting_periods.submit(three.ken, "2025", withdraw=True) == "in_progress"
    up(three)
    assert three.state(three.hq) == "in_progress"
    reporting_periods.submit(three.ken, "2025")
    up(three)
    assert three.state(three.hq) == "submitted"


def test_return_with_a_comment_then_resubmission(three: Three, capsys: pytest.CaptureFixture[str]) -> None:
    activity_id = submitted(three)
    code = main(["review", str(three.hq), "2025", "--office", "KEN", "--return", "--comment", "Add the partners"])
    assert code == 0
    down(three)
    assert three.state(three.ken) == "returned"
    status = {row.office: row for row in reporting_periods.period_status(three.ken, "2025", today=DUE)}
    assert status["KEN"].comment == "Add the partners"
    with pytest.raises(HabitatError, match="returned"):
        reporting_periods.submit(three.ken, "2025", withdraw=True)  # nothing submitted to withdraw
    edit_activity(three.ken, activity_id, partners=["UNDP"])  # a returned period stays open for edits
    reporting_periods.submit(three.ken, "2025")
    up(three)
    assert three.state(three.hq) == "submitted"
    sentences = [entry.sentence for entry in cycle_history.period_history(three.hq, "2025")]
    assert "HQ returned period 2025 to office KEN: Add the partners" in sentences
    assert sentences.count("Office KEN submitted period 2025.") == 2


def test_approval_locks_edits_and_imports_until_reopened(
    three: Three, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    activity_id = submitted(three)
    reporting_periods.review(three.hq, "2025", "KEN", approve=True)
    down(three)
    assert three.state(three.ken) == "approved"
    with pytest.raises(ValidationError, match="period 2025 is approved"):
        edit_activity(three.ken, activity_id, title="Changed after approval")
    with pytest.raises(HabitatError):
        reporting_periods.submit(three.ken, "2025", withdraw=True)  # reviewed: no longer withdrawn
    line = {
        "id": activity_id,
        "title": "Imported",
        "status": "completed",
        "language": "en",
        "resolutions": ["2/7"],
        "outcomes": [1],
    }
    source = tmp_path / "lines.jsonl"
    source.write_text(json.dumps({**line, "start_date": "2025-01-10", "end_date": "2025-06-30"}) + "\n")
    capsys.readouterr()
    assert main(["activities", "import", str(three.ken), str(source)]) == 1
    assert "period 2025 is approved for office KEN" in capsys.readouterr().err
    assert activity(three.ken, activity_id)["title"] == "Urban forum"

    assert main(["periods", "reopen", str(three.hq), "2025", "--office", "KEN", "--comment", "Late figures"]) == 0
    with pytest.raises(ValidationError):
        edit_activity(three.ken, activity_id, title="Still locked")  # until the next exchange
    down(three)
    assert three.state(three.ken) == "in_progress"
    edit_activity(three.ken, activity_id, title="Corrected after reopening")
    up(three)
    assert activity(three.hq, activity_id)["title"] == "Corrected after reopening"
    sentences = [entry.sentence for entry in cycle_history.period_history(three.ken, "2025")]
    assert "HQ reopened period 2025 of office KEN: Late figures" in sentences
    assert "HQ approved period 2025 of office KEN." in sentences


def test_approved_value_defended_against_a_stale_export(
    three: Three, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    activity_id = submitted(three)
    old_laptop = tmp_path / "old.habitat"
    _clone(three.ken, old_laptop)  # a laptop that never sees the approval
    reporting_periods.review(three.hq, "2025", "KEN", approve=True)
    three.send(three.hq, three.roaf)
    edit_activity(old_laptop, activity_id, title="Edited on the old laptop")
    three.send_as_office(old_laptop, three.roaf)  # the region holds the approval: the edit becomes a proposal
    three.send(three.roaf, three.hq)
    for path in (three.roaf, three.hq):
        assert activity(path, activity_id)["title"] == "Urban forum"
    capsys.readouterr()
    assert main(["conflicts", str(three.hq), "--json"]) == 0
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["kind"] == "proposal" and entry["period"] == "2025" and entry["office"] == "KEN"
    assert [value["value"] for value in entry["values"]] == ["Urban forum", "Edited on the old laptop"]

    assert main(["proposals", "reject", str(three.hq), entry["key"]]) == 0
    assert proposals.list_proposals(three.hq) == []
    three.send_as_office(old_laptop, three.hq)  # the same stale edit again: it stays rejected
    assert proposals.list_proposals(three.hq) == []
    assert activity(three.hq, activity_id)["title"] == "Urban forum"


def test_an_accepted_proposal_replaces_the_approved_value_everywhere(three: Three, tmp_path: Path) -> None:
    activity_id = submitted(three)
    old_laptop = tmp_path / "old.habitat"
    _clone(three.ken, old_laptop)
    reporting_periods.review(three.hq, "2025", "KEN", approve=True)
    edit_activity(old_laptop, activity_id, title="Better title")
    three.send_as_office(old_laptop, three.hq)
    [proposal] = proposals.list_proposals(three.hq)
    assert proposals.decide(three.hq, [proposal.key], accept=True) == 1
    assert activity(three.hq, activity_id)["title"] == "Better title"
    down(three)  # a coordinator's write passes the lock on the way down
    assert activity(three.ken, activity_id)["title"] == "Better title"
    assert three.state(three.ken) == "approved"


def test_only_coordinators_decide_and_only_the_office_submits(three: Three, tmp_path: Path) -> None:
    submitted(three)
    with pytest.raises(HabitatError, match="coordinating office"):
        reporting_periods.review(three.ken, "2025", "KEN", approve=True)
    with pytest.raises(HabitatError, match="coordinating office"):
        reporting_periods.open_period(three.ken, "2026", due=DUE, offices=["KEN"])
    # an office that writes its own approval into its workspace: its export is refused by headquarters
    connection = sqlite3.connect(three.ken)
    stamp = connection.execute("SELECT stamp FROM cycle_event WHERE kind = 'submit'").fetchone()[0]
    forged = stamp[:15] + "f" + stamp[16:]
    connection.execute(
        "INSERT INTO cycle_event (id, kind, period, office, author, person, stamp, offices, text, created_at) "
        "VALUES ('00000000-0000-4000-8000-000000000001', 'approve', '2025', 'KEN', 'KEN', '', ?, '[]', '', "
        "'2026-01-01 00:00:00')",
        (forged,),
    )
    connection.commit()
    connection.close()
    file = tmp_path / "forged.habx"
    exports.export_workspace(three.ken, file)
    hq = tmp_path / "hq-own.habitat"
    workspaces.create_workspace(hq, office="HQ2", office_name="HQ", country="KE", kind="headquarters").close()
    with pytest.raises(HabitatError, match="cycle_event"):
        merges.merge_files(hq, [file], trust=True)  # trusted for its own records only


def test_a_comment_on_a_field_travels_down_and_shows_on_the_record(three: Three) -> None:
    activity_id = submitted(three)
    assert main(["comment", str(three.hq), activity_id, "--field", "title", "Use the official title"]) == 0
    down(three)
    workspace = workspaces.open_workspace(three.ken)
    try:
        [note] = cycle_history.record_notes(workspace, activity_id)
    finally:
        workspace.close()
    assert note.sentence == "HQ commented on Title: Use the official title"
    assert note.author == "HQ" and note.office == "KEN"


def test_period_names_and_the_record_rule() -> None:
    from habitat_desktop.domain import cycles

    assert cycles.period_span("2026-Q1") == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert cycles.period_span("2026-H2") == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert cycles.period_span("2026-02") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert cycles.period_span("EB-2026") is None
    assert cycles.in_period("2025", (dt.date(2025, 12, 31), dt.date(2024, 1, 1)))  # the end date decides
    assert not cycles.in_period("2025", (dt.date(2026, 1, 1), dt.date(2025, 6, 1)))
    assert cycles.in_period("2025", (None, dt.date(2025, 6, 1)))  # else the start date
    assert cycles.in_period("EB-2026", (None, None), "EB-2026")  # no dates: the explicit period field
    with pytest.raises(ValidationError):
        cycles.check_period("no spaces allowed")


def _clone(source: Path, target: Path) -> None:
    """A second laptop of the same office: a consistent copy of its workspace (the same key, the same records)."""
    if target.exists():
        target.unlink()
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
