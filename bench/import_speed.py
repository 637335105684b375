"""Import speed: JSON-lines, CSV (as our own export writes it) and Excel imports of N activities against a
plain-SQLite ``executemany`` baseline.

Run: ``make bench`` (or ``python bench/import_speed.py --activities 10000 30000 [--xlsx-up-to N]``). Each
measurement runs in its own process, so its peak memory (``VmHWM``, bench/peak_memory.py) is its own. Prints rows
per second, the ratio to the baseline measured in the same run (wall clock, and processor time, which a busy shared
machine disturbs less; with a worker process's too when one prepared the lines), peak memory (the importing
process's), and the workspace's bytes per activity beside the activity's own text. The
"search index alone" line is FTS5 indexing the same activities and nothing else: the part of an import no bulk
writing removes (bench/README.md). Excel is measured up to ``--xlsx-up-to`` activities (default 10,000: reading
100,000 rows with openpyxl takes minutes). Figures only, no pass/fail.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.peak_memory import peak_mib
from bench.workspace_scale import generate

OFFICES = [f"OF{n:02d}" for n in range(10)]
COLUMNS = ["id", "office", "resolutions", "outcomes", "title", "description", "status", "start_date", "country"]


def _prepare(folder: Path, count: int, kinds: list[str]) -> float:
    """The files and empty workspaces of a run; return the activities' own text in bytes (UTF-8), on average."""
    from habitat_desktop.services import workspaces
    from habitat_desktop.services.offices import add_office

    records = generate(count, OFFICES)
    (folder / "activities.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    text = sum(len((str(r["title"]) + str(r["description"]) + "".join(r["partners"])).encode()) for r in records)  # type: ignore[arg-type]
    for kind in kinds:
        path = folder / f"{kind}.habitat"
        workspaces.create_workspace(path, office="HQ", office_name="HQ", country="KE", kind="headquarters").close()
        for code in OFFICES:
            add_office(path, code=code, name=f"Office {code}", country="KE")
    if "csv" in kinds:
        from habitat_desktop.exchange import activity_files

        with (folder / "activities.csv").open("w", encoding="utf-8", newline="") as out:
            activity_files.write(records, out, activity_files.FileFormat.CSV)
    if "xlsx" not in kinds:
        return text / count
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Activities")
    sheet.append(COLUMNS)
    for r in records:
        sheet.append([("; ".join(map(str, r[c])) if isinstance(r[c], list) else r[c]) for c in COLUMNS])
    book.save(folder / "activities.xlsx")
    return text / count


def _child(kind: str, folder: Path) -> None:
    """One measurement in this process: print seconds (wall and processor), rows and peak resident memory in MiB."""
    if kind == "baseline":
        rows = [json.loads(line) for line in (folder / "activities.jsonl").open(encoding="utf-8")]
        db = sqlite3.connect(folder / "baseline.sqlite")
        db.execute("CREATE TABLE activity (id TEXT PRIMARY KEY, body TEXT)")
        started, cpu = time.perf_counter(), time.process_time()
        with db:
            db.executemany("INSERT INTO activity VALUES (?, ?)", ((r["id"], json.dumps(r)) for r in rows))
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        count = len(rows)
    elif kind == "search":  # the imported activities indexed again into an emptied index, then rolled back
        from habitat_desktop.storage import search_index

        db = sqlite3.connect(folder / "jsonl.habitat", isolation_level=None)
        search_index.register(db)
        db.execute("BEGIN")
        db.execute("DELETE FROM activity_search")
        columns = "id, title, description, partners, translations"
        stored = [
            (i, t, d, json.loads(p), json.loads(tr))
            for i, t, d, p, tr in db.execute(f"SELECT {columns} FROM activity WHERE NOT deleted ORDER BY rowid")
        ]
        started, cpu = time.perf_counter(), time.process_time()
        with search_index.bulk_indexing(db):  # as the import indexes them: rows made in Python, by chunks
            for start in range(0, len(stored), 2000):
                chunk = stored[start : start + 2000]
                db.executemany(search_index.INSERT_DOCUMENTS, [search_index.document(*row) for row in chunk])
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        count = len(stored)
        db.execute("ROLLBACK")
    else:
        from habitat_desktop.services import activities

        before = _children_cpu()
        started, cpu = time.perf_counter(), time.process_time()
        summary = activities.import_activities(folder / f"{kind}.habitat", folder / f"activities.{kind}")
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        worker = _children_cpu() - before  # the worker process that prepared the lines, if one did
        count = summary.added
        print(json.dumps({"seconds": elapsed, "cpu": cpu, "worker_cpu": worker, "rows": count, "peak_mib": peak_mib()}))
        return
    print(json.dumps({"seconds": elapsed, "cpu": cpu, "rows": count, "peak_mib": peak_mib()}))


def _children_cpu() -> float:
    """Processor seconds of this process's ended children (a worker process counts once it has stopped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _measure(kind: str, folder: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(folder)], check=True, capture_output=True, text=True
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--xlsx-up-to", type=int, default=10_000, help="measure Excel imports up to this many")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], Path(args.child[1]))
        return
    for count in args.activities:
        folder = Path(tempfile.mkdtemp(prefix=f"habitat-import-{count}-"))
        kinds = ["jsonl", "csv", "xlsx"] if count <= args.xlsx_up_to else ["jsonl", "csv"]
        text = _prepare(folder, count, kinds)
        base = _measure("baseline", folder)
        print(
            f"{count:,} activities; baseline executemany {base['seconds']:.2f} s, {base['cpu']:.2f} s processor "
            f"({count / base['seconds']:,.0f} rows/s)"
        )
        for kind in kinds:
            result = _measure(kind, folder)
            size = (folder / f"{kind}.habitat").stat().st_size
            worker = result["worker_cpu"]
            print(
                f"  {kind:<6} {result['seconds']:8.2f} s  {result['rows'] / result['seconds']:9,.0f} rows/s  "
                f"{result['seconds'] / base['seconds']:6.1f}× baseline ({result['cpu'] / base['cpu']:.1f}× in "
                f"processor time"
                + (f", {(result['cpu'] + worker) / base['cpu']:.1f}× with the worker process's" if worker else "")
                + f")  peak {result['peak_mib']:6.1f} MiB  {size / count:7,.0f} bytes/activity (its text {text:,.0f})"
            )
        search = _measure("search", folder)
        print(
            f"  search index alone {search['seconds']:.2f} s: {search['seconds'] / base['seconds']:.1f}× baseline "
            f"({search['cpu'] / base['cpu']:.1f}× in processor time)"
        )
        shutil.rmtree(folder)  # hundreds of MiB at 100,000


if __name__ == "__main__":
    main()
