"""Import speed: JSON-lines and Excel imports of N activities against a plain-SQLite ``executemany`` baseline.

Run: ``make bench`` (or ``python bench/import_speed.py --activities 10000 30000``). Each measurement runs in its own
process, so its peak memory (maximum resident set size) is its own. Prints rows per second, the ratio to the
baseline measured in the same run, peak memory, and the workspace's bytes per activity. Figures only, no pass/fail.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.workspace_scale import generate

OFFICES = [f"OF{n:02d}" for n in range(10)]
COLUMNS = ["id", "office", "resolutions", "outcomes", "title", "description", "status", "start_date", "country"]


def _prepare(folder: Path, count: int) -> None:
    from habitat_desktop.services import workspaces
    from habitat_desktop.services.offices import add_office

    records = generate(count, OFFICES)
    (folder / "activities.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Activities")
    sheet.append(COLUMNS)
    for r in records:
        sheet.append([("; ".join(map(str, r[c])) if isinstance(r[c], list) else r[c]) for c in COLUMNS])
    book.save(folder / "activities.xlsx")
    for kind in ("jsonl", "xlsx"):
        path = folder / f"{kind}.habitat"
        workspaces.create_workspace(path, office="HQ", office_name="HQ", country="KE", kind="headquarters").close()
        for code in OFFICES:
            add_office(path, code=code, name=f"Office {code}", country="KE")


def _child(kind: str, folder: Path) -> None:
    """One measurement in this process: print seconds, rows and peak resident memory in MiB."""
    if kind == "baseline":
        rows = [json.loads(line) for line in (folder / "activities.jsonl").open(encoding="utf-8")]
        db = sqlite3.connect(folder / "baseline.sqlite")
        db.execute("CREATE TABLE activity (id TEXT PRIMARY KEY, body TEXT)")
        started = time.perf_counter()
        with db:
            db.executemany("INSERT INTO activity VALUES (?, ?)", ((r["id"], json.dumps(r)) for r in rows))
        elapsed = time.perf_counter() - started
        count = len(rows)
    else:
        from habitat_desktop.services import activities

        started = time.perf_counter()
        summary = activities.import_activities(folder / f"{kind}.habitat", folder / f"activities.{kind}")
        elapsed = time.perf_counter() - started
        count = summary.added
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "rows": count, "peak_mib": peak}))


def _measure(kind: str, folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(folder)], check=True, capture_output=True, text=True
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--child", nargs=2, metavar=("KIND", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return
    for count in args.activities:
        folder = Path(tempfile.mkdtemp(prefix=f"habitat-import-{count}-"))
        _prepare(folder, count)
        base = _measure("baseline", folder)
        print(
            f"{count:,} activities; baseline executemany {base['seconds']:.2f} s "
            f"({count / base['seconds']:,.0f} rows/s)"
        )
        for kind in ("jsonl", "xlsx"):
            result = _measure(kind, folder)
            size = (folder / f"{kind}.habitat").stat().st_size
            print(
                f"  {kind:<6} {result['seconds']:8.2f} s  {result['rows'] / result['seconds']:9,.0f} rows/s  "
                f"{result['seconds'] / base['seconds']:6.1f}× baseline  peak {result['peak_mib']:6.1f} MiB  "
                f"{size / count:7,.0f} bytes/activity"
            )


if __name__ == "__main__":
    main()
