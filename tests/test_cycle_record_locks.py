"""Approval locks beyond the activity itself: its funding lines, its translations, the office's resolution statuses,
and Excel imports — refused in the office's workspace with the period named, turned into proposals when a stale
export brings them, and counted among the period's records; through exports between office, region and
headquarters."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from habitat_desktop.cli import main
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.services import (
    activity_editing,
    conflicts,
    proposals,
    reporting_periods,
    spreadsheets,
    translations,
)
from habitat_desktop.services.activity_editing import FundingEntry
from habitat_desktop.services.resolution_pages import set_period_status
from habitat_desktop.services.workspaces import open_workspace
from tests.cycle_support import DUE, Three, reported, three_workspaces
from tests.merge_support import office_workspace
from tests.test_reporting_cycles import _clone

PLEDGE = FundingEntry(Decimal("250000"), "USD", "earmarked", "pledged", "Sweden", dt.date(2025, 3, 1))
RECEIVED_2026 = FundingEntry(Decimal("40000"), "USD", "core", "received", "", dt.date(2026, 2, 1))


def save(path: Path, activity_id: str | None, funding: list[FundingEntry], **values: object) -> str:
    workspace = open_workspace(path)
    try:
        current = (
            activity_editing.load_activity(workspace, activity_id).values
            if activity_id
            else {
                **activity_editing.empty_values(workspace.office, "en"),
                "resolutions": ["2/7"],
                "outcomes": [1],
            }
        )
        return activity_editing.save_activity(workspace, activity_id, {**current, **values}, funding)
    finally:
        workspace.close()


def lines(path: Path, activity_id: str) -> list[FundingEntry]:
    workspace = open_workspace(path)
    try:
        return list(activity_editing.load_activity(workspace, activity_id).funding)
    finally:
        workspace.close()


def records(path: Path, office: str = "KEN") -> int:
    return {row.office: row.records for row in reporting_periods.period_status(path, "2025", today=DUE)}[office]


@pytest.fixture
def approved(tmp_path: Path) -> tuple[Three, str, str, Path]:
    """KEN reported a 2025 activity with a pledge, and a 2026 activity; an old laptop copied before approval."""
    three = three_workspaces(tmp_path)
    reporting_periods.open_period(three.hq, "2025", due=DUE, offices=["KEN"])
    three.send(three.hq, three.ken)
    activity_id = reported(three)
    save(three.ken, activity_id, [PLEDGE])
    later = save(
        three.ken, None, [RECEIVED_2026], title="Housing survey", start_date="2026-01-05", end_date="2026-06-30"
    )
    reporting_periods.submit(three.ken, "2025")
    three.send_as_office(three.ken, three.roaf)
    three.send(three.roaf, three.hq)
    old_laptop = tmp_path / "old.habitat"
    _clone(three.ken, old_laptop)
    reporting_periods.review(three.hq, "2025", "KEN", approve=True)
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    return three, activity_id, later, old_laptop


def test_funding_lines_of_an_approved_period_are_read_only(approved: tuple[Three, str, str, Path]) -> None:
    three, activity_id, later, _old = approved
    [pledge] = lines(three.ken, activity_id)
    with pytest.raises(ValidationError, match="period 2025 is approved for office KEN"):
        save(three.ken, activity_id, [FundingEntry(Decimal("300000"), "USD", "earmarked", "pledged", id=pledge.id)])
    [received] = lines(three.ken, later)
    with pytest.raises(ValidationError, match="period 2025 is approved") as error:  # a 2025 line on a 2026 activity
        save(three.ken, later, [received, PLEDGE])
    assert error.value.field == "funding.1.date"
    save(three.ken, later, [FundingEntry(Decimal("45000"), "USD", "core", "received", "", received.date, received.id)])
    assert [line.amount for line in lines(three.ken, later)] == [Decimal("45000")]  # 2026 stays open
    assert [line.amount for line in lines(three.ken, activity_id)] == [Decimal("250000")]


def test_funding_lines_count_among_the_records_of_the_period(approved: tuple[Three, str, str, Path]) -> None:
    three, _activity_id, _later, _old = approved
    for path in (three.ken, three.roaf, three.hq):
        assert records(path) == 2  # the 2025 activity and its pledge; the 2026 activity and its line are not counted


def test_a_stale_funding_edit_becomes_a_proposal_at_the_region_and_headquarters(
    approved: tuple[Three, str, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    three, activity_id, _later, old_laptop = approved
    [pledge] = lines(old_laptop, activity_id)
    received = FundingEntry(Decimal("900000"), "USD", "earmarked", "received", "Sweden", pledge.date, pledge.id)
    save(old_laptop, activity_id, [received])
    three.send_as_office(old_laptop, three.roaf)  # the old laptop never saw the approval
    three.send(three.roaf, three.hq)
    for path in (three.roaf, three.hq):
        assert [(line.amount, line.stage) for line in lines(path, activity_id)] == [(Decimal("250000"), "pledged")]
    capsys.readouterr()
    assert main(["conflicts", str(three.hq), "--json"]) == 0
    entries = [entry for entry in json.loads(capsys.readouterr().out) if entry["table"] == "funding"]
    by_field = {entry["field"]: entry for entry in entries}
    assert set(by_field) == {"amount", "stage"}  # the fields the old laptop changed
    assert by_field["amount"]["kind"] == "proposal" and by_field["amount"]["period"] == "2025"
    assert [value["value"] for value in by_field["amount"]["values"]] == ["250000", "900000"]
    assert proposals.decide(three.hq, [by_field["amount"]["key"]], accept=True) == 1
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    assert [line.amount for line in lines(three.ken, activity_id)] == [Decimal("900000")]  # accepted everywhere
    assert reporting_periods.period_status(three.ken, "2025", today=DUE)[0].state == "approved"


def test_a_reopened_period_unlocks_its_funding_lines_after_the_exchange(
    approved: tuple[Three, str, str, Path],
) -> None:
    three, activity_id, _later, _old = approved
    reporting_periods.reopen(three.hq, "2025", "KEN", comment="Late receipts")
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    [pledge] = lines(three.ken, activity_id)
    save(three.ken, activity_id, [pledge, FundingEntry(Decimal("5000"), "USD", "core", "received", id=None)])
    assert len(lines(three.ken, activity_id)) == 2
    assert records(three.ken) == 3


def test_translations_and_resolution_statuses_of_an_approved_period_are_read_only(
    approved: tuple[Three, str, str, Path],
) -> None:
    three, activity_id, later, _old = approved
    workspace = open_workspace(three.ken)
    try:
        with pytest.raises(ValidationError, match="period 2025 is approved"):
            translations.set_translation(workspace, "activity", activity_id, "fr", "title", "Forum urbain")
        translations.set_translation(workspace, "activity", later, "fr", "title", "Enquête sur le logement")
        with pytest.raises(ValidationError, match="period 2025 is approved"):
            set_period_status(workspace, "2/7", "2025", "advanced", "Done.")
        set_period_status(workspace, "2/7", "2026", "in_progress", "Started.")
    finally:
        workspace.close()


def test_an_excel_import_into_an_approved_period_fails_naming_it(
    approved: tuple[Three, str, str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    three, activity_id, later, _old = approved
    book_path = tmp_path / "activities.xlsx"
    spreadsheets.export_spreadsheet(three.ken, book_path, "en")
    book = openpyxl.load_workbook(book_path)
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    title = next(i for i, name in enumerate(header) if str(name).lower().startswith("title"))
    for row in sheet.iter_rows(min_row=2):
        row[title].value = f"{row[title].value} (imported)"
    book.save(book_path)
    capsys.readouterr()
    assert main(["activities", "import", str(three.ken), str(book_path)]) == 1
    assert "period 2025 is approved for office KEN" in capsys.readouterr().err
    workspace = open_workspace(three.ken)
    try:  # all or nothing: the 2026 activity of the same workbook was not imported either
        assert activity_editing.load_activity(workspace, later).values["title"] == "Housing survey"
        assert activity_editing.load_activity(workspace, activity_id).values["title"] == "Urban forum"
    finally:
        workspace.close()


def test_comments_on_a_periods_records_are_in_its_history(
    approved: tuple[Three, str, str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    three, activity_id, later, _old = approved
    [pledge] = lines(three.hq, activity_id)
    assert main(["comment", str(three.hq), str(pledge.id), "--field", "amount", "Confirm the pledge"]) == 0
    assert main(["comment", str(three.hq), later, "Not yet due"]) == 0
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    capsys.readouterr()
    assert main(["periods", "history", str(three.ken), "2025"]) == 0
    printed = capsys.readouterr().out
    assert "HQ commented on a funding line (Amount): Confirm the pledge" in printed  # who, when (the line's start)
    assert "HQ approved period 2025 of office KEN." in printed
    assert "Not yet due" not in printed  # a comment on a 2026 record


def test_a_region_that_got_the_stale_edit_before_the_approval_converges(
    approved: tuple[Three, str, str, Path], tmp_path: Path
) -> None:
    three, activity_id, _later, old_laptop = approved
    region = office_workspace(tmp_path / "roas.habitat", "ROAS", kind="regional")  # not yet told of the approval
    [pledge] = lines(old_laptop, activity_id)
    save(
        old_laptop,
        activity_id,
        [FundingEntry(Decimal("900000"), "USD", "earmarked", "pledged", "Sweden", pledge.date, pledge.id)],
    )
    three.send(old_laptop, region)  # (trusted as a relay: the region has never seen KEN's office records)
    three.send(three.hq, region)  # then the approval arrives (headquarters has not seen the edit yet)
    assert lines(region, activity_id)[0].amount == Decimal("900000")
    three.send(region, three.hq)  # headquarters keeps the approved value and lists the edit as a proposal
    three.send(three.hq, region)  # the proposal listed by headquarters puts the approved value back
    for path in (region, three.hq):
        assert [line.amount for line in lines(path, activity_id)] == [Decimal("250000")]
        assert [(p.field, p.value) for p in proposals.list_proposals(path)] == [("amount", "900000")]
    three.send(region, old_laptop)  # and the old laptop itself, through the region
    assert [line.amount for line in lines(old_laptop, activity_id)] == [Decimal("250000")]


@pytest.mark.parametrize("accept", [False, True])
def test_a_stale_edit_after_a_decision_is_a_proposal_and_no_conflict(
    approved: tuple[Three, str, str, Path], accept: bool
) -> None:
    """The decision is the coordinator's write of the field; the laptop's next edit has not seen it (a concurrent
    value): held aside as a proposal, it leaves the decided value alone, not in conflict with itself."""
    three, activity_id, _later, old_laptop = approved
    save(old_laptop, activity_id, lines(old_laptop, activity_id), title="First try")
    three.send_as_office(old_laptop, three.hq)
    [first] = proposals.list_proposals(three.hq)
    proposals.decide(three.hq, [first.key], accept=accept)
    decided = "First try" if accept else "Urban forum"
    save(old_laptop, activity_id, lines(old_laptop, activity_id), title="Second try")  # still not told of the approval
    for _ in range(2):  # the same stale export twice: the same state
        three.send_as_office(old_laptop, three.hq)
        assert [(p.field, p.value) for p in proposals.list_proposals(three.hq)] == [("title", "Second try")]
        assert conflicts.list_conflicts(three.hq) == []
        assert save_title(three.hq, activity_id) == decided
    three.send(three.hq, three.roaf)
    three.send(three.roaf, old_laptop)  # the laptop learns of the approval, the decision and the proposal
    for path in (three.roaf, old_laptop):
        assert conflicts.list_conflicts(path) == []
        assert save_title(path, activity_id) == decided
        assert [(p.field, p.value) for p in proposals.list_proposals(path)] == [("title", "Second try")]


def save_title(path: Path, activity_id: str) -> str:
    workspace = open_workspace(path)
    try:
        return str(activity_editing.load_activity(workspace, activity_id).values["title"])
    finally:
        workspace.close()


def test_a_csv_import_into_an_approved_period_fails_naming_it(
    approved: tuple[Three, str, str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    three, activity_id, _later, _old = approved
    exported = tmp_path / "activities.csv"
    assert main(["activities", "export", str(three.ken), "-o", str(exported)]) == 0
    text = exported.read_text(encoding="utf-8")
    for changed in (text.replace("Urban forum", "Urban forum (imported)"), text.replace(",2025-", ",2026-")):
        exported.write_text(changed, encoding="utf-8")  # a title changed; dates moved out of the approved period
        capsys.readouterr()
        assert main(["activities", "import", str(three.ken), str(exported)]) == 1
        assert "period 2025 is approved for office KEN" in capsys.readouterr().err
    workspace = open_workspace(three.ken)
    try:
        assert activity_editing.load_activity(workspace, activity_id).values["title"] == "Urban forum"
    finally:
        workspace.close()
