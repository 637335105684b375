"""The reporting-cycle commands as scripts use them, each state transition both ways, through exports between
office, region and headquarters: ``periods open``/``list``/``status``, ``submit`` (``--withdraw``), ``review``
(``--return --comment``, ``--approve``) and ``periods reopen``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from habitat_desktop.cli import main
from tests.cycle_support import three_workspaces


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> object:
    capsys.readouterr()
    assert main(list(args)) == 0
    return json.loads(capsys.readouterr().out)


def _state(capsys: pytest.CaptureFixture[str], path: Path) -> str:
    rows = _json(capsys, "periods", "status", str(path), "2025", "--json")
    assert isinstance(rows, list)
    return {row["office"]: row["state"] for row in rows}["KEN"]


def test_every_transition_through_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    three = three_workspaces(tmp_path)
    hq, roaf, ken = str(three.hq), str(three.roaf), str(three.ken)
    assert main(["periods", "open", hq, "2025", "--due", "2026-01-31", "--offices", "KEN", "--message", "Please"]) == 0
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    [listed] = _json(capsys, "periods", "list", ken, "--json")  # type: ignore[misc]
    assert listed["period"] == "2025" and listed["due"] == "2026-01-31" and "Please" in json.dumps(listed)
    assert _state(capsys, three.ken) == "not_started"

    assert main(["submit", ken, "2025"]) == 0
    assert _state(capsys, three.ken) == "submitted"
    assert main(["submit", ken, "2025", "--withdraw"]) == 0  # taken back before any review
    assert _state(capsys, three.ken) == "not_started"
    assert main(["submit", ken, "2025"]) == 0
    three.send_as_office(three.ken, three.roaf)
    three.send(three.roaf, three.hq)
    assert _state(capsys, three.hq) == "submitted"

    assert main(["review", hq, "2025", "--office", "KEN", "--return", "--comment", "Add the funding"]) == 0
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    assert _state(capsys, three.ken) == "returned"
    assert main(["submit", ken, "2025", "--withdraw"]) != 0  # nothing submitted to withdraw
    assert main(["submit", ken, "2025"]) == 0  # re-submitted after the return
    three.send_as_office(three.ken, three.roaf)
    assert main(["review", roaf, "2025", "--office", "KEN", "--approve"]) == 0  # the region may decide too
    three.send(three.roaf, three.hq)
    three.send(three.roaf, three.ken)
    assert _state(capsys, three.hq) == _state(capsys, three.ken) == "approved"
    assert main(["submit", ken, "2025", "--withdraw"]) != 0  # reviewed: no longer withdrawn

    assert main(["periods", "reopen", hq, "2025", "--office", "KEN", "--comment", "Late receipts"]) == 0
    three.send(three.hq, three.roaf)
    three.send(three.roaf, three.ken)
    assert _state(capsys, three.ken) == "not_started"  # reopened everywhere after the exchange
    assert main(["review", ken, "2025", "--office", "KEN", "--approve"]) != 0  # an office cannot decide
