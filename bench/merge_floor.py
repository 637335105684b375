"""The floor under a merge: the writes a merge must make, done by SQL alone, against the bare-upsert baseline.

Run: ``PYTHONPATH=$PWD .venv/bin/python bench/merge_floor.py DIR [--runs N]`` on the exports that
``bench/merge_scale.py --keep DIR`` made. For each export, in one transaction as the baseline has: ``ATTACH`` its
database and ``INSERT … SELECT`` its activities into a headquarters workspace (the app's own schema, indexes and
SQLite settings), its change-log lines, the activities' resolution and outcome index rows and their full-text
index rows (``search_index.insert_sql``, with the merge's ``bulk_indexing`` settings). No check of any value, no
Python per row, no per-field join: what no merge, however fast its checks, can do without. Prints seconds and
the ratio to the baseline of ``merge_scale.py`` (``ATTACH`` + ``INSERT … ON CONFLICT DO UPDATE`` of the same
activities into one table), measured in the same run. Figures only.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from merge_scale import baseline, extracted

from habitat_desktop.services import workspaces
from habitat_desktop.storage import search_index
from habitat_desktop.storage.merging import CHANGE_COLUMNS, columns_of

PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-131072")


def floor(files: list[Path], folder: Path) -> tuple[float, float]:
    """The merge's writes by SQL alone into a new headquarters workspace (wall, processor seconds)."""
    target = folder / "floor.habitat"
    workspaces.create_workspace(
        target, office="HQ", office_name="Headquarters", country="KE", kind="headquarters"
    ).close()
    databases = extracted(files, folder, "floor")
    connection = sqlite3.connect(target, isolation_level=None)
    search_index.register(connection)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    activity = ", ".join(f'"{name}"' for name in columns_of("activity"))
    change = ", ".join(f'"{name}"' for name in CHANGE_COLUMNS)
    parts: dict[str, float] = {}

    def timed(part: str, sql: str, parameters: tuple[object, ...] = ()) -> None:
        began = time.perf_counter()
        connection.execute(sql, parameters)
        parts[part] = parts.get(part, 0.0) + time.perf_counter() - began

    start, cpu = time.perf_counter(), time.process_time()
    for database in databases:
        connection.execute("ATTACH ? AS x", (str(database),))
        connection.execute("BEGIN")
        with search_index.bulk_indexing(connection):
            (first,) = connection.execute("SELECT coalesce(max(rowid), 0) FROM activity").fetchone()
            timed("activities", f"INSERT INTO activity ({activity}) SELECT {activity} FROM x.activity")
            timed("change log", f"INSERT OR IGNORE INTO change ({change}) SELECT {change} FROM x.change")
            new = "FROM activity a, json_each(a.{}) j WHERE a.rowid > ?"
            timed(
                "resolution and outcome indexes",
                "INSERT OR IGNORE INTO activity_resolution (activity_id, resolution_symbol) "
                f"SELECT a.id, j.value {new.format('resolutions')}",
                (first,),
            )
            timed(
                "resolution and outcome indexes",
                "INSERT OR IGNORE INTO activity_outcome (activity_id, outcome_number) "
                f"SELECT a.id, j.value {new.format('outcomes')}",
                (first,),
            )
            timed("full text", search_index.insert_sql("FROM activity a WHERE a.rowid > ?"), (first,))
        timed("commit", "COMMIT")
        connection.execute("DETACH x")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    (activities,) = connection.execute("SELECT count(*) FROM activity").fetchone()
    connection.close()
    print(f"floor: {activities:,} activities written with their change log, indexes and full text")
    print("  " + "; ".join(f"{part} {seconds:.1f} s" for part, seconds in parts.items()))
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of .habx exports (merge_scale.py --keep)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    files = sorted(args.folder.glob("*.habx"))
    if not files:
        raise SystemExit(f"no .habx exports in {args.folder}")
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory(prefix="merge-floor-") as name:
            folder = Path(name)
            base, base_cpu = baseline(files, folder)
            for stale in folder.glob("baseline*"):
                stale.unlink()
            wall, cpu = floor(files, folder)
            print(
                f"run {run}: {len(files)} exports; baseline {base:.1f} s ({base_cpu:.1f} s processor); "
                f"floor {wall:.1f} s ({cpu:.1f} s processor); ratio {wall / base:.2f}× "
                f"({cpu / base_cpu:.2f}× in processor time)",
                flush=True,
            )
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
