"""Scale benchmark: a workspace of 100,000 activities across 50 offices; prints creation, export and query times.

Run: ``make bench`` (or ``.venv/bin/python bench/workspace_scale.py [--activities N]``). Figures only, no pass/fail:
the machines are shared and noisy. The baseline is a plain ``executemany`` of the same rows into a bare table,
measured in the same run, so the ratio says what the app's bookkeeping (stamps, change log, indexes) costs.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sqlite3
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

from habitat_desktop.services import activities, workspaces
from habitat_desktop.services.activities import ActivityFilter, FileFormat

RESOLUTIONS = ["1/2", "1/3", "1/4", "1/5", "2/1", "2/2", "2/3", "2/4", "2/5", "2/6", "2/7", "2/8", "2/9", "2/10"]
STATUSES = ["planned", "ongoing", "completed", "stalled", "cancelled"]
WORDS = [
    "housing",
    "land",
    "basic",
    "services",
    "slum",
    "upgrading",
    "urban",
    "planning",
    "climate",
    "resilience",
    "training",
    "tool",
    "guidelines",
    "partnership",
    "localization",
    "data",
    "biodiversity",
    "mobility",
    "finance",
    "gender",
    "safety",
]


def generate(count: int, offices: list[str], seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed)
    records = []
    for _ in range(count):
        title = " ".join(rng.choices(WORDS, k=6)).capitalize()
        records.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "office": rng.choice(offices),
                "resolutions": rng.sample(RESOLUTIONS, k=rng.randint(1, 2)),
                "outcomes": [rng.randint(1, 5)],
                "title": title,
                "description": " ".join(rng.choices(WORDS, k=30)),
                "status": rng.choice(STATUSES),
                "start_date": f"20{rng.randint(20, 26)}-{rng.randint(1, 12):02d}-01",
                "end_date": None,
                "country": "KE",
                "city": "Nairobi",
                "partners": rng.sample(WORDS, k=2),
                "language": "en",
            }
        )
    return records


def timed(label: str, action):  # type: ignore[no-untyped-def]
    tracemalloc.start()
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{label:<48} {elapsed:8.2f} s   peak {peak / 2**20:7.1f} MiB")
    return result, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--offices", type=int, default=50)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="habitat-bench-"))
    offices = [f"OF{n:02d}" for n in range(args.offices)]
    records = generate(args.activities, offices)
    source = folder / "activities.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    baseline_db = sqlite3.connect(folder / "baseline.sqlite")
    baseline_db.execute("CREATE TABLE activity (id TEXT PRIMARY KEY, body TEXT)")

    def baseline() -> None:
        with baseline_db:
            baseline_db.executemany("INSERT INTO activity VALUES (?, ?)", ((r["id"], json.dumps(r)) for r in records))

    _, base = timed(f"baseline: executemany {args.activities:,} rows", baseline)

    path = folder / "bench.habitat"
    workspace = workspaces.create_workspace(
        path, office="HQ", office_name="Headquarters", country="KE", kind="headquarters"
    )
    workspace.close()
    _register_offices(path, offices)
    _, created = timed(
        f"create: import {args.activities:,} activities", lambda: activities.import_activities(path, source)
    )
    print(f"{'ratio to baseline':<48} {created / base:8.1f} ×")
    timed(
        "export: all activities as JSON lines",
        lambda: activities.export_activities(path, io.StringIO(), FileFormat.JSONL),
    )
    workspace = workspaces.open_workspace(path)
    flt = ActivityFilter(resolution="2/7", status="ongoing", search="slum")
    count, _ = timed(
        "query: resolution 2/7, ongoing, text 'slum' (count)", lambda: activities.count_activities(workspace, flt)
    )
    timed("query: first page of 200 of the same filter", lambda: activities.activity_rows(workspace, flt, 0, 200))
    workspace.close()
    print(f"{'matching activities':<48} {count:8d}")
    print(f"workspace file: {path.stat().st_size / 2**20:.1f} MiB in {folder}")


def _register_offices(path: Path, offices: list[str]) -> None:
    from habitat_desktop.services.offices import add_office

    for code in offices:
        add_office(path, code=code, name=f"Office {code}", country="KE")


if __name__ == "__main__":
    main()
