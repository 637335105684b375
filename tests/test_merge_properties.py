"""Property tests: random edit histories in several offices, merged in random orders and groupings, converge."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from habitat_desktop.services import merges
from tests.merge_support import (
    add_activity,
    delete_activity,
    edit_activity,
    export,
    history_values,
    office_workspace,
    state,
)

FIELD_OFFICES = ("KEN1", "KEN2", "UGA")  # two laptops of the Kenya office, and Uganda
TITLES = st.sampled_from(["Slum upgrading", "Housing policy", "Land tenure", "Water and sanitation"])
STATUSES = st.sampled_from(["planned", "ongoing", "completed", "stalled"])


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Workspaces made once: three field laptops sharing two activities, a region and headquarters."""
    folder = tmp_path_factory.mktemp("templates")
    paths = {
        "KEN1": office_workspace(folder / "KEN1.habitat", "KEN"),
        "KEN2": office_workspace(folder / "KEN2.habitat", "KEN"),
        "UGA": office_workspace(folder / "UGA.habitat", "UGA", "UG"),
        "ROAF": office_workspace(folder / "ROAF.habitat", "ROAF", kind="regional"),
        "HQ": office_workspace(folder / "HQ.habitat", "HQ", kind="headquarters"),
    }
    ids = [add_activity(paths["KEN1"], "Shared activity one"), add_activity(paths["KEN1"], "Shared activity two")]
    seed = export(paths["KEN1"], folder / "seed.habx")
    for name in ("KEN2", "UGA", "ROAF", "HQ"):
        merges.merge_files(paths[name], [seed], trust=True, as_coordinator=True)
    region = export(paths["ROAF"], folder / "region0.habx")
    merges.merge_files(paths["HQ"], [region], trust=True, as_coordinator=True)
    (folder / "ids").write_text("\n".join(ids))
    return paths


edits = st.lists(
    st.tuples(
        st.sampled_from(FIELD_OFFICES),
        st.integers(0, 1),
        st.sampled_from(["title", "status", "delete", "sync"]),
        TITLES,
        STATUSES,
        st.sampled_from(FIELD_OFFICES),
    ),
    min_size=1,
    max_size=5,
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=edits, order=st.permutations(FIELD_OFFICES), via_region=st.sets(st.sampled_from(FIELD_OFFICES)))
def test_random_histories_converge_whatever_the_order_and_grouping(
    templates: dict[str, Path],
    history: list[tuple[str, int, str, str, str, str]],
    order: list[str],
    via_region: set[str],
) -> None:
    ids = (templates["KEN1"].parent / "ids").read_text().split("\n")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        paths = {key: Path(shutil.copy(path, folder / path.name)) for key, path in templates.items()}
        hq_direct, hq_grouped = paths["HQ"], Path(shutil.copy(paths["HQ"], folder / "HQ2.habitat"))
        entered: list[str] = []
        for step, (office, which, action, title, status, partner) in enumerate(history):
            target = paths[office]
            if action == "title":
                edit_activity(target, ids[which], title=f"{title} {step}")
                entered.append(f"{title} {step}")
            elif action == "status":
                edit_activity(target, ids[which], status=status)
            elif action == "delete":
                delete_activity(target, ids[which])
            elif partner != office:
                merges.merge_files(
                    target, [export(paths[partner], folder / f"s{step}.habx")], trust=True, as_coordinator=True
                )

        files = {office: export(paths[office], folder / f"{office}.habx") for office in FIELD_OFFICES}
        for office in order:  # headquarters merges every office directly, one file at a time
            merges.merge_files(hq_direct, [files[office]], trust=True, as_coordinator=True)
        if via_region:  # or some through the region, the rest directly, all in one merge
            merges.merge_files(paths["ROAF"], [files[o] for o in sorted(via_region)], trust=True, as_coordinator=True)
            region = export(paths["ROAF"], folder / "region.habx")
            merges.merge_files(
                hq_grouped, [region, *(files[o] for o in order if o not in via_region)], trust=True, as_coordinator=True
            )
        else:
            merges.merge_files(hq_grouped, [files[o] for o in reversed(order)], trust=True, as_coordinator=True)

        final = state(hq_direct)
        assert state(hq_grouped) == final  # order and grouping do not matter

        again = merges.merge_files(hq_direct, list(files.values()))
        assert again.totals.added == again.totals.updated == again.totals.deleted == 0  # idempotent
        assert state(hq_direct) == final
        crossed = merges.merge_files(hq_grouped, [export(hq_direct, folder / "hq-direct.habx")])
        assert crossed.totals.added == crossed.totals.updated == crossed.totals.deleted == 0  # a real re-merge
        assert crossed.totals.conflicts == 0 and state(hq_grouped) == final

        kept = history_values(hq_direct)  # nothing lost: every title entered is in the history...
        assert all(title in kept for title in entered)
        titles = {row["title"] for row in final["activity"].values()}
        losers = {value for _t, _r, field, _s, value in final["conflicts"] if field == "title"}
        for office in FIELD_OFFICES:  # ...and each office's current title is the result or a conflict value
            for activity_id in ids:
                mine = state(paths[office])["activity"][activity_id]["title"]
                assert mine in titles or f'"{mine}"' in losers or mine in kept
