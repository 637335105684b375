"""A JSON-lines import whose lines a worker process prepares ends as the import in one thread ends: the same
activities stored, the same counts, or the same first error (line and reason) with nothing stored."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.exchange import activity_files, prepared_lines
from habitat_desktop.services import activities, workspaces
from habitat_desktop.storage.bulk_activities import CHUNK

KNOWN = "00000000-0000-4000-8000-000000000001"
OTHER = "00000000-0000-4000-8000-000000000002"
GOOD = {"title": "Training", "resolutions": ["2/7"], "outcomes": [2], "status": "ongoing"}


def _line(**values: Any) -> str:
    return json.dumps({**GOOD, **values}, ensure_ascii=False)


CASES: dict[str, str | bytes] = {
    "new, blank lines, translations, CR LF": "\r\n".join(
        [
            _line(title="Без id"),
            "",
            _line(id=OTHER, title="With id", partners=["UNEP", "UNEP "], start_date="2026-01-05"),
            _line(title="Traduit", translations={"fr": {"title": "Formation", "description": ""}}),
            _line(title="Arabic ا\u0644\u0623\u062d\u064a\u0627\u0621", resolutions=["2/2", "2/7"], outcomes=[3, 1]),
        ]
    )
    + "\r\n",
    "an update, a deletion and new ones": "\n".join(
        [_line(id=KNOWN, title="Updated title"), _line(id=OTHER, deleted=True), _line(title="New")]
    ),
    "a repeated id with an invalid value": "\n".join([_line(id=OTHER, title="First"), _line(id=OTHER, outcomes=[9])]),
    "an invalid value in the second chunk": "\r".join(
        [_line(title=f"Activity {n}") for n in range(CHUNK + 5)] + [_line(title="Bad", status="finished")]
    ),
    "an invalid value after CR LF lines": "\r\n".join(
        [_line(title=f"Activity {n}") for n in range(7)] + [_line(title="Bad", status="finished")]
    ),
    "an invalid value before a byte that is not UTF-8": (
        _line(title="Bad", status="finished") + "\n" + _line(title="One") + "\n"
    ).encode()
    + b'{"title": "\xff"}\n',
    "a byte order mark and CR CR LF ends": "\ufeff"
    + "\r\r\n".join([_line(title=f"Activity {n}") for n in range(5)] + [_line(title="Bad", outcomes=[0])]),
    "a line longer than allowed": _line(title="One") + "\n" + _line(description="x" * 1_000_000) + "\n",
    "malformed JSON after valid lines": "\n".join([_line(title="One"), _line(title="Two"), '{"title": "x",']),
    "an unknown field": "\n".join([_line(title="One"), _line(id=OTHER, title="Two", colour="red")]),
    "a deletion flag that is not true or false": "\n".join([_line(title="One"), _line(id=KNOWN, deleted="maybe")]),
    "an invalid id": "\n".join([_line(title="One"), _line(id="not-an-id")]),
}


def _workspace(folder: Path) -> Path:
    path = folder / "office.habitat"
    workspaces.create_workspace(path, office="KEN", office_name="UN-Habitat Kenya", country="KE").close()
    start = folder / "start.jsonl"
    start.write_text(_line(id=KNOWN, title="Known") + "\n" + _line(id=OTHER, title="Other") + "\n", encoding="utf-8")
    activities.import_activities(path, start)
    return path


def _outcome(
    folder: Path, text: str | bytes, monkeypatch: pytest.MonkeyPatch, worker: bool, part: int = 0
) -> tuple[Any, ...]:
    folder.mkdir()
    path = _workspace(folder)
    source = folder / "activities.jsonl"
    source.write_bytes(text if isinstance(text, bytes) else text.encode())
    monkeypatch.setenv("HABITAT_IMPORT_PROCESS_FROM", "0" if worker else str(10**12))
    if part:  # parts of a few lines: lines and their CR LF ends cut at the edges of parts
        monkeypatch.setattr(prepared_lines, "PART", part)
    try:
        summary: Any = activities.import_activities(path, source).as_dict()
    except HabitatError as error:
        summary = ("refused", str(error))
    monkeypatch.undo()
    stored = sorted(
        (
            {key: value for key, value in record.items() if key not in activity_files.METADATA_FIELDS}
            | ({"id": "(new)"} if record["id"] not in (KNOWN, OTHER) else {})
            for record in activities.iter_records(path)
        ),
        key=json.dumps,
    )
    return summary, stored


@pytest.mark.parametrize("part", [0, 97, -1])
@pytest.mark.parametrize("case", list(CASES))
def test_the_worker_process_imports_as_one_thread_does(case: str, part: int, tmp_path: Path, monkeypatch) -> None:
    if part == -1:  # the first part read ends between the CR and the LF of a line's end
        text = CASES[case]
        data = text if isinstance(text, bytes) else text.encode()
        part = data.index(b"\r\n") + 1 if b"\r\n" in data else 61
    here = _outcome(tmp_path / "here", CASES[case], monkeypatch, worker=False)
    prepared = _outcome(tmp_path / "worker", CASES[case], monkeypatch, worker=True, part=part)
    assert prepared == here
    assert not multiprocessing.active_children()  # the worker process stopped with its import


def test_the_cases_cover_imports_and_refusals(tmp_path: Path, monkeypatch) -> None:
    # the comparison above means something only if some cases import and others are refused
    outcomes = [_outcome(tmp_path / str(n), text, monkeypatch, False)[0] for n, text in enumerate(CASES.values())]
    refused = [outcome for outcome in outcomes if isinstance(outcome, tuple)]
    assert 0 < len(refused) < len(outcomes)
    assert {"added": 3, "updated": 1, "unchanged": 0, "deleted": 0} in outcomes  # translations, blanks, known id
    assert {"added": 1, "updated": 1, "unchanged": 0, "deleted": 1} in outcomes
