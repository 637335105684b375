"""Exports checked in a worker process (a merge of many records) merge, and are refused, exactly as when a
worker thread checks them; the refusal comes back in the window's language; the process's copies go with it."""

from __future__ import annotations

import multiprocessing
import pickle
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.exchange import preparing
from habitat_desktop.exchange.package import ExportError, UntrustedSignerError
from habitat_desktop.l10n import set_language
from habitat_desktop.services import merges
from tests.merge_support import add_activity, export, office_workspace, state
from tests.test_merge_bad_input import repack
from tests.test_trust_exports import fingerprint

THREAD, PROCESS = "1000000000", "0"  # HABITAT_CHECK_PROCESS_FROM: records from which a process checks


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], Path]:
    """Two offices' exports of a few activities each, and the first office's workspace (its signer)."""
    folder = tmp_path_factory.mktemp("offices")
    files = []
    for office, country in (("KEN", "KE"), ("EGY", "EG")):
        workspace = office_workspace(folder / f"{office}.habitat", office, country)
        for number in range(5):
            add_activity(workspace, f"Water and sanitation in {office}, phase {number}", partners=["UNICEF"])
        files.append(export(workspace, folder / f"{office}.habx"))
    return files, folder / "KEN.habitat"


@pytest.fixture
def arabic() -> Iterator[None]:
    set_language("ar")
    try:
        yield
    finally:
        set_language("en")


def _merge(folder: Path, files: list[Path]) -> tuple[Path, list[int]]:
    """Merge into a new headquarters workspace; the number of worker processes seen at each step of progress."""
    hq = office_workspace(folder / "hq.habitat", "HQ", kind="headquarters")
    children: list[int] = []
    merges.merge_files(hq, files, trust=True, as_coordinator=True, progress=lambda *_: children.append(len(_workers())))
    return hq, children


def _merged(hq: Path) -> dict[str, Any]:
    """A workspace's state but its own office record (each headquarters workspace made here has its own)."""
    found = state(hq)
    found["office"] = {key: row for key, row in found["office"].items() if row["code"] != "HQ"}
    return found


def _workers() -> list[Any]:
    return [child for child in multiprocessing.active_children() if child.is_alive()]


def test_a_process_merges_what_a_thread_merges(
    exports: tuple[list[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files, _signer = exports
    monkeypatch.setenv("HABITAT_CHECK_PROCESS_FROM", THREAD)
    (tmp_path / "thread").mkdir()
    by_thread, seen = _merge(tmp_path / "thread", files)
    assert max(seen) == 0
    monkeypatch.setenv("HABITAT_CHECK_PROCESS_FROM", PROCESS)
    (tmp_path / "process").mkdir()
    by_process, seen = _merge(tmp_path / "process", files)
    assert max(seen) == 1  # the checks ran in a worker process
    assert _merged(by_process) == _merged(by_thread)
    assert len(state(by_process)["activity"]) == 10
    assert not _workers()  # the worker is gone with the merge
    assert not list(Path(preparing.tempfile.gettempdir()).glob(f"habitat-merge-{preparing.os.getpid()}-*"))


def test_a_refusal_comes_back_whole_and_in_the_window_language(
    exports: tuple[list[Path], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arabic: None
) -> None:
    files, signer = exports

    def bad_status(db: sqlite3.Connection) -> None:
        db.execute("UPDATE activity SET status = 'finished' WHERE rowid = (SELECT max(rowid) FROM activity)")

    bad = repack(files[0], signer, tmp_path / "bad.habx", database=bad_status)
    hq = office_workspace(tmp_path / "hq.habitat", "HQ", kind="headquarters")
    before = fingerprint(hq)
    messages = []
    for process_from in (THREAD, PROCESS):
        monkeypatch.setenv("HABITAT_CHECK_PROCESS_FROM", process_from)
        with pytest.raises(ExportError) as refused:
            merges.merge_files(hq, [files[1], bad], trust=True, as_coordinator=True)
        assert refused.value.path == bad
        messages.append(str(refused.value))
        assert fingerprint(hq) == before
    by_thread, by_process = messages
    assert by_process == by_thread
    assert by_process.startswith("bad.habx") and "status" in by_process
    assert any("\u0621" <= letter <= "\u064a" for letter in by_process), by_process  # in Arabic, as the window is


def test_habitat_errors_survive_the_trip_between_processes() -> None:
    errors: list[Exception] = [
        ExportError(Path("/tmp/ken.habx"), "a reason"),
        UntrustedSignerError(Path("/tmp/ken.habx"), "KEN", "ab" * 32),
        ValidationError("title", "required", source="a.jsonl", line=3),
    ]
    for error in errors:
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error)
        assert str(back) == str(error)
        assert vars(back) == vars(error)
