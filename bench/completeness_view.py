"""Completeness benchmark: headquarters with 100 offices × 1,000 activities; time to compute a period's status.

Run: ``.venv/bin/python bench/completeness_view.py [--offices N] [--per-office N]``. Prints the time of
``reporting_periods.status_in`` on the open workspace (every expected office's state, records, last merge, days
late) and of opening the completeness view offscreen, beside a baseline measured in the same run (a bare
``GROUP BY`` count of the same activities). Figures only, no pass/fail; the target is under 200 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from habitat_desktop.domain import clock
from habitat_desktop.services import activities, offices, reporting_periods, workspaces


def build(folder: Path, office_count: int, per_office: int) -> tuple[Path, list[str]]:
    path = folder / "hq.habitat"
    workspaces.create_workspace(
        path, office="HQ", office_name="Headquarters", country="KE", kind="headquarters"
    ).close()
    codes = [f"O{number:03d}" for number in range(office_count)]
    for code in codes:
        offices.add_office(path, code=code, name=f"Office {code}", country="KE")
    rng = random.Random(7)
    lines = folder / "activities.jsonl"
    with lines.open("w", encoding="utf-8") as out:
        for code in codes:
            for number in range(per_office):
                end = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365))
                record = {
                    "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "office": code,
                    "title": f"Activity {number} of {code}",
                    "status": "ongoing",
                    "language": "en",
                    "resolutions": ["2/7"],
                    "outcomes": [1],
                    "start_date": "2025-01-01",
                    "end_date": end.isoformat(),
                }
                out.write(json.dumps(record) + "\n")
    activities.import_activities(path, lines)
    reporting_periods.open_period(path, "2025", due=dt.date(2026, 1, 31), offices=codes, message="Updates")
    _simulate_exchanges(path, codes, rng)
    return path, codes


def _simulate_exchanges(path: Path, codes: list[str], rng: random.Random) -> None:
    """Submissions and decisions as merges would bring them, and one merged export per office."""
    connection = sqlite3.connect(path)
    base = int(time.time() * 1000) << 16
    rows = []
    for index, code in enumerate(codes):
        export_id = str(uuid.uuid4())
        connection.execute(
            "INSERT INTO merge_event (id, file_name, content_sha256, export_id, signer, key_fingerprint, merged_at, "
            "summary) VALUES (?, ?, ?, ?, ?, '', ?, '{}')",
            (str(uuid.uuid4()), f"{code}.habx", f"{index:064x}", export_id, code, dt.datetime(2026, 1, 20).isoformat()),
        )
        connection.execute("UPDATE activity SET origin_export = ? WHERE office = ?", (export_id, code))
        if rng.random() < 0.7:
            rows.append((code, "submit", code, base + index * 4))
            if rng.random() < 0.5:
                rows.append((code, rng.choice(["approve", "return"]), "HQ", base + index * 4 + 1))
    for office, kind, author, reading in rows:
        connection.execute(
            "INSERT INTO cycle_event (id, kind, period, office, author, person, stamp, offices, text, created_at) "
            "VALUES (?, ?, '2025', ?, ?, '', ?, '[]', '', ?)",
            (str(uuid.uuid4()), kind, office, author, str(clock.Stamp(reading, author)), dt.datetime.now().isoformat()),
        )
    connection.commit()
    connection.close()


def timed(action, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--offices", type=int, default=100)
    parser.add_argument("--per-office", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        start = time.perf_counter()
        path, codes = build(Path(name), args.offices, args.per_office)
        print(f"built {len(codes)} offices × {args.per_office} activities in {time.perf_counter() - start:.1f} s")
        raw = sqlite3.connect(path)
        baseline = timed(lambda: raw.execute("SELECT office, count(*) FROM activity GROUP BY office").fetchall())
        raw.close()
        workspace = workspaces.open_workspace(path)
        status = timed(lambda: reporting_periods.status_in(workspace, "2025", today=dt.date(2026, 2, 5)))
        rows = reporting_periods.period_status(path, "2025", today=dt.date(2026, 2, 5))
        states: dict[str, int] = {}
        for row in rows:
            states[str(row.state)] = states.get(str(row.state), 0) + 1
        print(f"states: {dict(sorted(states.items()))}; records: {sum(r.records for r in rows)}")
        print(f"baseline GROUP BY count:           {baseline:7.1f} ms")
        print(f"completeness status (status_in):     {status:7.1f} ms  (target < 200 ms)")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            from PySide6.QtWidgets import QApplication

            from habitat_desktop.ui.completeness_view import CompletenessView
        except ImportError:
            print("PySide6 not installed: the view is not timed")
            return
        app = QApplication.instance() or QApplication([])

        def open_view() -> None:
            view = CompletenessView(workspace)
            view.show()
            app.processEvents()
            view.close()

        print(f"open the completeness view:          {timed(open_view):7.1f} ms  (target < 200 ms)")
        workspace.close()


if __name__ == "__main__":
    main()
