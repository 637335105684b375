"""An export whose last activity alone breaks a rule is refused as a wholly bad one is: the checks remember the
values earlier records shared (exchange/seen_values.py), never a verdict on a record's own values."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from habitat_desktop.services import trust
from tests.merge_support import add_activity, export, office_workspace
from tests.test_merge_bad_input import repack
from tests.test_trust_exports import refused


@pytest.fixture(scope="module")
def alike(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """An office with a dozen activities alike but for their titles, and its export."""
    folder = tmp_path_factory.mktemp("alike")
    ken = office_workspace(folder / "ken.habitat", "KEN")
    for number in range(12):
        add_activity(ken, f"Slum upgrading, phase {number}")
    return ken, export(ken, folder / "ken.habx")


LAST = "rowid = (SELECT max(rowid) FROM activity)"


def _far_ahead(db: sqlite3.Connection) -> None:
    version = db.execute(f"SELECT version FROM activity WHERE {LAST}").fetchone()[0]
    ahead = f"{int(version[:16], 16) + (48 * 3600_000 << 16):016x}{version[16:]}"
    db.execute(f"UPDATE activity SET field_stamps = json_set(field_stamps, '$.title', ?) WHERE {LAST}", (ahead,))


def _other_vector(db: sqlite3.Connection) -> None:
    db.execute(
        f"UPDATE activity SET field_clocks = json_set(field_clocks, '$.title', json(?)) WHERE {LAST}",
        (json.dumps({"x": 1}),),
    )


LATE_VALUES: list[tuple[Any, str]] = [
    # the record's own values: checked for every record
    (f"UPDATE activity SET title = 'a' || char(7) || 'b' WHERE {LAST}", "field title"),
    (f"UPDATE activity SET title = '   ' WHERE {LAST}", "field title"),
    (f"UPDATE activity SET description = printf('%.20001c', 'x') WHERE {LAST}", "field description"),
    (f"UPDATE activity SET id = '{{' || substr(id, 1, 34) || '}}' WHERE {LAST}", "field id"),
    (f"UPDATE activity SET created_at = '2025-02-30 10:00:00' WHERE {LAST}", "field created_at"),
    (_far_ahead, "further ahead"),
    (_other_vector, "not a version vector"),
    # values other records share, in a combination or a value no earlier record had
    (f"UPDATE activity SET outcomes = '[9]' WHERE {LAST}", "field outcomes"),
    (f"UPDATE activity SET resolutions = '[\"9/99\"]' WHERE {LAST}", "field resolutions"),
    (f"UPDATE activity SET status = 'finished' WHERE {LAST}", "field status"),
    (
        f"UPDATE activity SET start_date = '2030-01-01', end_date = '2025-01-01' WHERE {LAST}",
        "the end date is before the start date",
    ),
]


@pytest.mark.parametrize("change, reason", LATE_VALUES)
def test_a_bad_last_activity_is_refused_naming_its_field(
    alike: tuple[Path, Path], tmp_path: Path, run_cli: Any, change: Any, reason: str
) -> None:
    ken, good = alike
    coordinator = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    trust.trust_export_signer(coordinator, good)

    def tamper(db: sqlite3.Connection) -> None:
        assert db.execute("SELECT count(*) FROM activity").fetchone()[0] > 10  # earlier records pass first
        change(db) if callable(change) else db.execute(change)

    refused(run_cli, coordinator, repack(good, ken, tmp_path / "late.habx", database=tamper), reason)
