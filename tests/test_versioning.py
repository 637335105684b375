"""Merge metadata from the first write: per-field stamps from a clock that never runs backwards, tombstones, a log."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from habitat_desktop.domain import clock
from habitat_desktop.domain.models import Change, Office
from habitat_desktop.storage.recorder import Recorder
from habitat_desktop.storage.workspace import open_workspace


@given(st.lists(st.integers(min_value=0, max_value=2**40), min_size=1, max_size=60))
def test_clock_moves_forward_whatever_the_wall_clock_does(wall_readings: list[int]) -> None:
    reading = 0
    for now in wall_readings:
        following = clock.next_clock(reading, now)
        assert following > reading
        reading = following


@given(st.integers(min_value=0, max_value=2**60), st.integers(min_value=0, max_value=2**60))
def test_clock_passes_every_stamp_it_observes(local: int, seen: int) -> None:
    after = clock.observe(local, seen)
    assert after >= local and after >= seen
    assert clock.next_clock(after, 0) > seen


def test_stamps_order_as_text_like_their_clocks() -> None:
    early, late = clock.Stamp(5, "ZZZ"), clock.Stamp(6, "AAA")
    assert str(early) < str(late)
    assert clock.Stamp.parse(str(late)) == late


def test_far_future_stamps_are_recognised() -> None:
    now = 1_700_000_000_000
    assert clock.is_too_far_ahead((now + clock.MAX_DRIFT_MS + 1) << 16, now)
    assert not clock.is_too_far_ahead((now + 60_000) << 16, now)


def test_each_field_knows_its_last_change_and_the_log_has_every_step(workspace_path: Path) -> None:
    workspace = open_workspace(workspace_path)
    with workspace.transaction() as session:
        office = session.scalars(select(Office)).one()
        created_stamp = office.version
        recorder = Recorder(session, "KEN", author="amina")
        assert recorder.update(office, {"name": "UN-Habitat Kenya Office", "country": "KE"}) == ["name"]
        assert recorder.update(office, {"name": "UN-Habitat Kenya Office"}) == []
        recorder.delete(office)
    with workspace.reading() as session:
        office = session.scalars(select(Office)).one()
        log = list(session.scalars(select(Change).where(Change.record_id == office.id).order_by(Change.id)))
    workspace.close()
    assert office.deleted
    assert office.field_stamps["country"] == created_stamp
    assert office.field_stamps["name"] > created_stamp
    assert office.field_stamps["deleted"] > office.field_stamps["name"]
    assert [(c.action, c.field) for c in log] == [("created", ""), ("updated", "name"), ("deleted", "deleted")]
    assert log[1].old_value == "UN-Habitat Kenya" and log[1].new_value == "UN-Habitat Kenya Office"
    assert log[1].author == "amina" and log[1].office == "KEN"
