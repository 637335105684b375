"""Property: calls, submissions, withdrawals, decisions, reopenings, comments, edits (of an activity and its
funding line) and new activities with a funding line (refused where the approval is known; proposals where it
arrives later), coordinators accepting or rejecting the proposals they hold, made in random orders in four
workspaces and exchanged in random orders and groupings, converge to the same cycle state, records, proposals,
open conflicts and decisions everywhere. (A relay that took a stale edit before the approval reached it:
test_cycle_record_locks.py.)"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.services import activity_editing, merges, proposals, reporting_periods, workspaces
from habitat_desktop.services.activity_editing import FundingEntry
from tests.merge_support import add_activity, export, office_workspace, state

ACTORS = ("KEN", "UGA", "ROAF", "HQ")
OFFICES = ("KEN", "UGA")
DUE = dt.date(2026, 1, 31)


def _fund(path: Path, activity_id: str) -> None:
    workspace = workspaces.open_workspace(path)
    try:
        draft = activity_editing.load_activity(workspace, activity_id)
        line = FundingEntry(Decimal("1000"), "USD", "core", "received", "", dt.date(2025, 3, 1))
        activity_editing.save_activity(workspace, activity_id, draft.values, [line])
    finally:
        workspace.close()


def _send(source: Path, target: Path, file: Path) -> None:
    merges.merge_files(target, [export(source, file)], trust=True, as_coordinator=True)


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Folders of workspaces: two offices, a region and headquarters that know each other; headquarters has called
    for 2025 ("plain"); the same where KEN has submitted and headquarters alone has approved ("approved")."""
    folder = tmp_path_factory.mktemp("cycle-templates")
    paths = {
        "KEN": office_workspace(folder / "KEN.habitat", "KEN"),
        "UGA": office_workspace(folder / "UGA.habitat", "UGA", "UG"),
        "ROAF": office_workspace(folder / "ROAF.habitat", "ROAF", kind="regional"),
        "HQ": office_workspace(folder / "HQ.habitat", "HQ", kind="headquarters"),
    }
    ids = []
    for office in OFFICES:
        dates = {"start_date": dt.date(2025, 2, 1), "end_date": dt.date(2025, 5, 1)}
        ids.append(add_activity(paths[office], f"Report of {office}", **dates))
        _fund(paths[office], ids[-1])
        _send(paths[office], paths["ROAF"], folder / f"{office}-up.habx")
    _send(paths["ROAF"], paths["HQ"], folder / "roaf-up.habx")
    reporting_periods.open_period(paths["HQ"], "2025", due=DUE, offices=list(OFFICES), message="Updates, please")
    _send(paths["HQ"], paths["ROAF"], folder / "hq-down.habx")
    for office in OFFICES:
        _send(paths["ROAF"], paths[office], folder / f"{office}-down.habx")
    (folder / "ids").write_text("\n".join(ids))
    approved = tmp_path_factory.mktemp("cycle-approved")  # the same, KEN's 2025 approved (known at HQ only)
    for path in paths.values():
        shutil.copy(path, approved / path.name)
    shutil.copy(folder / "ids", approved / "ids")
    reporting_periods.submit(approved / "KEN.habitat", "2025")
    _send(approved / "KEN.habitat", approved / "HQ.habitat", approved / "ken-submits.habx")
    reporting_periods.review(approved / "HQ.habitat", "2025", "KEN", approve=True)
    return {"plain": folder, "approved": approved}


DECIDED: list[str] = []  # the decisions of the example running (for its events)
ACTIONS = (  # repeated ones come more often: approvals, then edits and new records, reach proposals
    *("submit", "submit", "withdraw", "approve", "approve", "return", "reopen", "call", "comment", "sync"),
    *("relay", "edit", "edit", "edit", "create", "create", "create", "accept", "reject"),
)
steps = st.lists(
    st.tuples(
        st.sampled_from(["ROAF", "HQ"]),  # the coordinator deciding, when the step is a coordinator's
        st.sampled_from(ACTIONS),
        st.sampled_from(("KEN", "KEN", "UGA")),  # the office acting, or decided on (KEN, approved at the head start)
        st.sampled_from(ACTORS),  # where the actor's last export came from, when it receives one first
        st.booleans(),  # whether the actor merges that export (or the office's) before acting
    ),
    min_size=2,
    max_size=10,
)


def _act(paths: dict[str, Path], folder: Path, number: int, step: tuple[str, str, str, str, bool]) -> None:
    coordinator, action, office, partner, receive = step
    actor = office if action in ("submit", "withdraw", "sync", "edit", "create") else coordinator
    source = office if action in ("approve", "return", "reopen", "accept", "reject") else partner
    path = paths[actor]
    if (receive or action in ("sync", "relay", "accept", "reject")) and source != actor:
        _send(paths[source], path, folder / f"step{number}.habx")
    try:
        if action == "submit":
            reporting_periods.submit(path, "2025")
        elif action == "withdraw":
            reporting_periods.submit(path, "2025", withdraw=True)
        elif action == "approve":
            reporting_periods.review(path, "2025", office, approve=True)
        elif action == "return":
            reporting_periods.review(path, "2025", office, approve=False, comment=f"Step {number}")
        elif action == "reopen":
            reporting_periods.reopen(path, "2025", office, comment=f"Step {number}")
        elif action == "comment":
            ids = (path.parent / "ids").read_text().split("\n")
            reporting_periods.comment(path, ids[OFFICES.index(office)], f"Step {number}", field="title")
        elif action == "edit":  # refused where the approval is known; a proposal where it arrives later
            ids = (path.parent / "ids").read_text().split("\n")
            _edit(path, ids[OFFICES.index(office)], number)
        elif action == "create":  # a new activity and its line: refused where the approval is known
            _create(path, number)
        elif action in ("accept", "reject"):
            _decide(path, accept=action == "accept")
        elif action == "call":
            reporting_periods.open_period(path, "2025", due=DUE + dt.timedelta(days=number), offices=list(OFFICES))
    except HabitatError:
        pass  # a step that does not apply where it is tried (nothing to withdraw, nothing submitted to approve…)


def _edit(path: Path, activity_id: str, number: int) -> None:
    workspace = workspaces.open_workspace(path)
    try:
        draft = activity_editing.load_activity(workspace, activity_id)
        lines = [replace(line, amount=line.amount + number) for line in draft.funding]
        values = {**draft.values, "title": f"{draft.values['title'].split(' #')[0]} #{number}"}
        activity_editing.save_activity(workspace, activity_id, values, lines)
    finally:
        workspace.close()


def _create(path: Path, number: int) -> None:
    workspace = workspaces.open_workspace(path)
    try:
        fields = {
            **activity_editing.empty_values(workspace.office, "en"),
            "title": f"New {workspace.office} #{number}",
            "resolutions": ["2/7"],
            "outcomes": [1],
            "start_date": dt.date(2025, 10, 1),
            "end_date": dt.date(2025, 10, 2),
        }
        line = FundingEntry(Decimal(number + 1), "USD", "core", "received", "", dt.date(2025, 10, 1))
        activity_editing.save_activity(workspace, None, fields, [line])
    finally:
        workspace.close()


def _decide(path: Path, *, accept: bool) -> None:
    """Decide the first proposal held (in an order every workspace shares)."""
    held = sorted(proposals.list_proposals(path), key=lambda v: (v.table, v.record_id, v.field, v.stamp))
    if held:
        proposals.decide(path, [held[0].key], accept=accept)
        DECIDED.append(f"{'accepted' if accept else 'rejected'} {'a new record' if held[0].new_record else 'an edit'}")


def _cycle(path: Path) -> list[tuple[str, str]]:
    return [(row.office, str(row.state)) for row in reporting_periods.period_status(path, "2025", today=DUE)]


def _events(final: dict[str, object], history: list[tuple[str, str, str, str, bool]]) -> None:
    """Label the example with what it reached (shown by --hypothesis-show-statistics)."""
    held = final["proposals"]
    assert isinstance(held, list)
    if any(field == "" for _table, _id, field, _stamp, _value in held):
        event("held at the end: a proposed new record")
    if any(field != "" for _table, _id, field, _stamp, _value in held):
        event("held at the end: a proposed edit")
    actions = [step[1] for step in history]
    for decision in sorted(set(DECIDED)):
        event(f"a coordinator {decision} during the steps")
    if held or DECIDED:
        event("a proposal held at the end or decided during the steps")
    if "approve" in actions and any(a in ("edit", "create") for a in actions[actions.index("approve") :]):
        event("an edit or a new record after an approval")
    if "reopen" in actions:
        event("a reopening")


@settings(
    max_examples=10,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: an example takes seconds, shrinking hours
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    history=steps,
    order=st.permutations(ACTORS[:3]),
    via_region=st.sets(st.sampled_from(OFFICES)),
    preapproved=st.sampled_from([True, True, False]),
)
@example(  # found: edits held as proposals at headquarters before the region's reopening reached it
    history=[
        ("ROAF", "relay", "UGA", "HQ", True),
        ("ROAF", "reopen", "KEN", "HQ", False),
        ("HQ", "edit", "KEN", "KEN", True),
        ("ROAF", "edit", "KEN", "KEN", True),
    ],
    order=["KEN", "UGA", "ROAF"],
    via_region=set(),
    preapproved=True,
)
@example(  # found (6 December): a rejected stale edit left the approved title in conflict with itself at headquarters
    history=[
        ("ROAF", "comment", "UGA", "UGA", True),
        ("HQ", "approve", "UGA", "KEN", False),
        ("HQ", "edit", "KEN", "ROAF", True),
        ("HQ", "reject", "KEN", "ROAF", False),
        ("ROAF", "edit", "KEN", "UGA", True),
        ("ROAF", "reject", "KEN", "ROAF", False),
    ],
    order=["UGA", "ROAF", "KEN"],
    via_region=set(),
    preapproved=True,
)
def test_cycles_converge_whatever_the_order_and_grouping(
    templates: dict[str, Path],
    history: list[tuple[str, str, str, str, bool]],
    order: list[str],
    via_region: set[str],
    preapproved: bool,
) -> None:
    DECIDED.clear()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = templates["approved" if preapproved else "plain"]
        paths = {key: Path(shutil.copy(source / f"{key}.habitat", folder / f"{key}.habitat")) for key in ACTORS}
        shutil.copy(source / "ids", folder / "ids")
        for number, step in enumerate(history):
            _act(paths, folder, number, step)
        hq_direct, hq_grouped = paths["HQ"], Path(shutil.copy(paths["HQ"], folder / "HQ2.habitat"))
        files = {actor: export(paths[actor], folder / f"{actor}.habx") for actor in ACTORS[:3]}
        for actor in order:
            merges.merge_files(hq_direct, [files[actor]], trust=True, as_coordinator=True)
        merges.merge_files(paths["ROAF"], [files[o] for o in sorted(via_region)] or [files["ROAF"]], trust=True)
        region = export(paths["ROAF"], folder / "region.habx")
        rest = [files[o] for o in reversed(order) if o not in via_region]
        merges.merge_files(hq_grouped, [region, *rest], trust=True, as_coordinator=True)

        final = state(hq_direct)
        _events(final, history)
        event(f"KEN's 2025 approved at headquarters first: {preapproved}")
        assert state(hq_grouped) == final  # the same events, records and proposals whatever the route
        assert _cycle(hq_grouped) == _cycle(hq_direct)
        again = merges.merge_files(hq_direct, list(files.values()))
        assert state(hq_direct) == final and again.totals.added == 0  # idempotent

        back = export(hq_direct, folder / "back.habx")
        for actor in ("KEN", "UGA", "ROAF"):  # headquarters' export brings every workspace to the same state
            merges.merge_files(paths[actor], [back], trust=True, as_coordinator=True)
            assert _cycle(paths[actor]) == _cycle(hq_direct)
            assert state(paths[actor])["cycle_events"] == final["cycle_events"]
        region = state(paths["ROAF"])  # the region, a coordinator, holds all headquarters holds: records, proposals
        shared = ("activity", "funding", "proposals", "conflicts")
        assert {k: region[k] for k in shared} == {k: final[k] for k in shared}


stale_steps = st.lists(
    st.tuples(
        st.sampled_from(
            ("create", "create", "edit", "merge", "merge", "merge", "accept", "reject", "reopen", "approve")
        ),
        st.sampled_from(("ROAF", "HQ")),  # the coordinator deciding, or a merge's target…
        st.sampled_from(("KEN", "ROAF", "HQ")),  # …and its source (KEN is a target when the source is a coordinator)
    ),
    min_size=2,
    max_size=9,
)


def _stale_step(paths: dict[str, Path], folder: Path, number: int, step: tuple[str, str, str]) -> None:
    action, where, other = step
    try:
        if action == "create":  # KEN's laptop, where the approval may not have arrived yet
            _create(paths["KEN"], number)
        elif action == "edit":
            ids = (folder / "ids").read_text().split("\n")
            _edit(paths["KEN"], ids[0], number)
        elif action == "merge":
            target = "KEN" if where == other else where  # a coordinator's export going down to the office
            _send(paths[other], paths[target], folder / f"stale{number}.habx")
        elif action in ("accept", "reject"):  # (after merging the source's export, when it is the office)
            if other == "KEN":
                _send(paths["KEN"], paths[where], folder / f"stale{number}.habx")
            _decide(paths[where], accept=action == "accept")
        elif action == "reopen":
            reporting_periods.reopen(paths["HQ"], "2025", "KEN", comment=f"Step {number}")
        elif action == "approve":  # KEN submits again, headquarters approves again
            reporting_periods.submit(paths["KEN"], "2025")
            _send(paths["KEN"], paths["HQ"], folder / f"stale{number}.habx")
            reporting_periods.review(paths["HQ"], "2025", "KEN", approve=True)
    except HabitatError:
        pass  # refused where the approval is known, nothing to decide, nothing to reopen…


@settings(
    max_examples=10,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(history=stale_steps, grouped=st.booleans())
@example(  # found: a stale edit after a rejection left a conflict of the approved value with itself (field_heads)
    history=[
        ("merge", "HQ", "ROAF"),
        ("merge", "HQ", "KEN"),
        ("edit", "HQ", "HQ"),
        ("create", "HQ", "ROAF"),
        ("reject", "HQ", "KEN"),
        ("reject", "HQ", "HQ"),
        ("merge", "ROAF", "HQ"),
        ("edit", "ROAF", "HQ"),
        ("edit", "HQ", "HQ"),
    ],
    grouped=False,
)
@example(  # found: the region kept as a conflict a stale edit it took early that headquarters holds as a proposal
    history=[
        ("edit", "ROAF", "ROAF"),
        ("accept", "ROAF", "KEN"),
        ("edit", "HQ", "KEN"),
        ("merge", "HQ", "ROAF"),
        ("merge", "ROAF", "KEN"),
        ("merge", "HQ", "KEN"),
        ("merge", "HQ", "KEN"),
        ("merge", "HQ", "HQ"),
        ("reject", "HQ", "HQ"),
    ],
    grouped=False,
)
def test_stale_edits_and_new_records_converge_with_their_decisions(
    templates: dict[str, Path], history: list[tuple[str, str, str]], grouped: bool
) -> None:
    """Headquarters alone has approved KEN's 2025; KEN keeps editing and adding 2025 activities before it learns of
    it; merges between KEN, the region and headquarters in any order, coordinators accepting or rejecting what they
    hold, reopenings and new approvals: every workspace ends with the same records, proposals and decisions."""
    DECIDED.clear()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        source = templates["approved"]
        paths = {key: Path(shutil.copy(source / f"{key}.habitat", folder / f"{key}.habitat")) for key in ACTORS}
        shutil.copy(source / "ids", folder / "ids")
        for number, step in enumerate(history):
            _stale_step(paths, folder, number, step)
        ken, roaf = export(paths["KEN"], folder / "KEN.habx"), export(paths["ROAF"], folder / "ROAF.habx")
        if grouped:  # KEN through the region; else KEN and the region straight to headquarters
            merges.merge_files(paths["ROAF"], [ken], trust=True, as_coordinator=True)
            merges.merge_files(
                paths["HQ"], [export(paths["ROAF"], folder / "R2.habx")], trust=True, as_coordinator=True
            )
        else:
            merges.merge_files(paths["HQ"], [roaf, ken], trust=True, as_coordinator=True)
        final = state(paths["HQ"])
        _events(final, [(s[1], s[0], "KEN", s[2], False) for s in history])
        back = export(paths["HQ"], folder / "back.habx")
        for actor in ("ROAF", "KEN"):
            merges.merge_files(paths[actor], [back], trust=True, as_coordinator=True)
            reached = state(paths[actor])
            shared = ("activity", "funding", "proposals", "conflicts", "cycle_events")
            assert {k: reached[k] for k in shared} == {k: final[k] for k in shared}, actor
        merges.merge_files(paths["HQ"], [export(paths["KEN"], folder / "K2.habx")], trust=True, as_coordinator=True)
        assert state(paths["HQ"]) == final  # nothing comes back: decisions stick, proposals stay as they are
