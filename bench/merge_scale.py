"""Merge benchmark: 50 office exports of 20,000 activities each merged into one coordinator workspace.

Run: ``.venv/bin/python bench/merge_scale.py [--offices N] [--activities N] [--runs N] [--keep DIR]``
(``--keep``: the exports are made once in DIR and reused by later runs of the same size). Processor time counts
the merge's checking worker process too (``exchange/preparing.py``). Prints figures, no
pass/fail (the machines are shared and noisy). The baseline, measured in the same run on the same rows, is plain SQLite:
``ATTACH`` each export and ``INSERT … SELECT … ON CONFLICT DO UPDATE`` its activities into one table, with the
SQLite settings the merge has (WAL, ``synchronous=NORMAL``, a 128 MiB page cache). The merge
runs in a child process so its peak memory is its own; it is measured with fewer files too, to show whether
memory stays flat in the number of files. Aim: within 3× of the baseline, memory flat.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from peak_memory import peak_mib

from habitat_desktop.domain import clock
from habitat_desktop.services import exports, merges, workspaces

STATUSES = ["planned", "ongoing", "completed", "stalled"]
WORDS = [
    "housing",
    "land",
    "slum",
    "upgrading",
    "urban",
    "planning",
    "climate",
    "resilience",
    "water",
    "sanitation",
    "tenure",
    "finance",
    "data",
    "training",
    "partnership",
    "localization",
]
COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "created_by",
    "changed_by",
    "version",
    "field_stamps",
    "deleted",
    "field_clocks",
    "origin_export",
    "office",
    "title",
    "description",
    "status",
    "start_date",
    "end_date",
    "country",
    "city",
    "product_kind",
    "language",
    "resolutions",
    "outcomes",
    "priority_domains",
    "operative_paragraphs",
    "partners",
    "translations",
)

# the settings a merge runs with (the workspace's engine, and the merge's own cache), so only the work differs
BASELINE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-131072")


def _office_code(number: int) -> str:
    return "O" + "".join("ABCDEFGHIJKLMNOPQRSTUVWXYZ"[int(d)] for d in f"{number:03d}")


def make_export(folder: Path, number: int, activities: int, rng: random.Random) -> Path:
    """An office workspace holding ``activities`` activities (written directly, as the app writes them)."""
    office = _office_code(number)
    path = folder / f"{office}.habitat"
    workspace = workspaces.create_workspace(path, office=office, office_name=f"Office {office}", country="KE")
    replica = clock.replica_of(workspace.workspace_id)
    workspace.close()
    base = clock.wall_clock_ms() << 16
    rows, changes = [], []
    for index in range(activities):
        stamp = str(clock.Stamp(base + index, office, replica))
        title = " ".join(rng.choice(WORDS) for _ in range(5))
        record = {
            "office": office,
            "title": title,
            "description": " ".join(rng.choice(WORDS) for _ in range(20)),
            "status": rng.choice(STATUSES),
            "start_date": "2025-01-01",
            "end_date": None,
            "country": "KE",
            "language": "en",
            "resolutions": json.dumps(["2/7"]),
            "outcomes": json.dumps([1 + index % 5]),
            "partners": json.dumps(["UN-Habitat"]),
        }
        activity_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        rows.append(
            (
                activity_id,
                "2025-01-01 00:00:00",
                "2025-01-01 00:00:00",
                office,
                office,
                stamp,
                "{}",  # every field has the version's stamp and vector (domain/field_versions.py)
                0,
                "{}",
                None,
                office,
                title,
                record["description"],
                record["status"],
                "2025-01-01",
                None,
                "KE",
                None,
                None,
                "en",
                record["resolutions"],
                record["outcomes"],
                "[]",
                "[]",
                record["partners"],
                "{}",
            )
        )
        changes.append(
            (
                "activity",
                activity_id,
                "",
                "created",
                None,
                json.dumps(record),
                office,
                "bench",
                stamp,
                "2025-01-01 00:00:00",
            )
        )
    connection = sqlite3.connect(path)
    connection.executemany(f"INSERT INTO activity ({', '.join(COLUMNS)}) VALUES ({','.join('?' * len(COLUMNS))})", rows)
    connection.executemany(
        "INSERT INTO change (record_table, record_id, field, action, old_value, new_value, "
        "office, author, stamp, changed_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        changes,
    )
    connection.commit()
    connection.close()
    out = folder / f"{office}.habx"
    exports.export_workspace(path, out)
    path.unlink()
    return out


def extracted(files: list[Path], folder: Path, prefix: str) -> list[Path]:
    """Each export's database, copied out of its archive into ``folder`` as ``<prefix>-<n>.sqlite``."""
    import zipfile

    databases = []
    for number, file in enumerate(files):
        target = folder / f"{prefix}-{number}.sqlite"
        with zipfile.ZipFile(file) as archive, archive.open("workspace.sqlite") as source:
            target.write_bytes(source.read())
        databases.append(target)
    return databases


def baseline(files: list[Path], folder: Path) -> tuple[float, float]:
    """Plain SQLite: ATTACH each export's database and upsert its activities into one table (wall, processor s)."""
    databases = extracted(files, folder, "baseline")
    connection = sqlite3.connect(folder / "baseline.sqlite", isolation_level=None)
    for pragma in BASELINE_PRAGMAS:
        connection.execute(pragma)
    columns = ", ".join(COLUMNS)
    connection.execute(f"CREATE TABLE activity ({columns}, PRIMARY KEY (id))")
    updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS if c != "id")
    start, cpu = time.perf_counter(), time.process_time()
    for database in databases:
        connection.execute("ATTACH ? AS x", (str(database),))
        connection.execute("BEGIN")
        connection.execute(
            f"INSERT INTO main.activity SELECT {columns} FROM x.activity WHERE true "
            f"ON CONFLICT(id) DO UPDATE SET {updates}"
        )
        connection.execute("COMMIT")
        connection.execute("DETACH x")
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    connection.close()
    return elapsed, cpu


def merge_child(target: str, files: list[str]) -> None:
    """(In a child process.) Merge the files, print seconds and peak memory as JSON."""
    start, cpu = time.perf_counter(), _processor_time()
    result = merges.merge_files(Path(target), [Path(f) for f in files], trust=True)
    elapsed, cpu = time.perf_counter() - start, _processor_time() - cpu
    peak = peak_mib()
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the checking worker, if it ran
    print(
        json.dumps({"seconds": elapsed, "cpu": cpu, "peak_mib": peak, "worker_mib": worker, **result.totals.as_dict()})
    )


def _processor_time() -> float:
    """This process's processor time and that of its children once ended (the merge's checking worker)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def run_merge(folder: Path, name: str, files: list[Path]) -> dict[str, float]:
    target = folder / f"{name}.habitat"
    workspaces.create_workspace(
        target, office="HQ", office_name="Headquarters", country="KE", kind="headquarters"
    ).close()
    return _child(target, files)


def _child(target: Path, files: list[Path]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(target), *map(str, files)], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"the merge failed:\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _exports(folder: Path, args: argparse.Namespace, rng: random.Random) -> list[Path]:
    """The offices' exports, made in ``folder`` unless a previous run left them all there."""
    folder.mkdir(parents=True, exist_ok=True)
    made = sorted(folder.glob("*.habx"))
    if len(made) == args.offices:
        return made
    return [make_export(folder, number, args.activities, rng) for number in range(args.offices)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--offices", type=int, default=50)
    parser.add_argument("--activities", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=1, help="baseline and merge measured this many times")
    parser.add_argument("--keep", type=Path, help="make the exports once in this folder, and reuse them")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        merge_child(args.child[0], args.child[1:])
        return
    rng = random.Random(7)
    with tempfile.TemporaryDirectory(prefix="habitat-merge-bench-") as name:
        folder = Path(name)
        start = time.perf_counter()
        files = _exports(args.keep / f"{args.offices}x{args.activities}" if args.keep else folder, args, rng)
        size = sum(f.stat().st_size for f in files) / 1024**2
        print(
            f"{args.offices} exports of {args.activities:,} activities made in "
            f"{time.perf_counter() - start:.1f} s ({size:.0f} MiB)",
            flush=True,
        )
        rows = args.offices * args.activities
        figures = []
        for run in range(1, args.runs + 1):
            for stale in [*folder.glob("baseline*"), *folder.glob("hq-*")]:
                shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
            base, base_cpu = baseline(files, folder)
            print(
                f"run {run}: baseline ATTACH + INSERT … ON CONFLICT: {base:.1f} s, {base_cpu:.1f} s processor "
                f"({rows / base:,.0f} rows/s)",
                flush=True,
            )
            if run == 1:
                few = files[: max(1, args.offices // 5)]
                small = run_merge(folder, "hq-few", few)
                print(
                    f"merge of {len(few)} files: {small['seconds']:.1f} s, peak {small['peak_mib']:.0f} MiB", flush=True
                )
            full = run_merge(folder, "hq-all", files)
            figures.append((base, full["seconds"], full["cpu"] / base_cpu))
            print(
                f"run {run}: merge of {len(files)} files: {full['seconds']:.1f} s, {full['cpu']:.1f} s processor, "
                f"peak {full['peak_mib']:.0f} MiB (checking worker {full['worker_mib']:.0f} MiB), "
                f"added {int(full['added']):,}; ratio to baseline: "
                f"{full['seconds'] / base:.2f}× ({full['cpu'] / base_cpu:.2f}× in processor time; aim: within 3×)",
                flush=True,
            )
            if run == 1:
                print(
                    f"memory {len(files)} files / {len(few)} files: {full['peak_mib'] / small['peak_mib']:.2f}× "
                    f"(aim: flat)"
                )
                repeat = _child(folder / "hq-all.habitat", files)
                print(
                    f"merging the same {len(files)} files again: {repeat['seconds']:.1f} s, "
                    f"{int(repeat['unchanged']):,} unchanged"
                )
        if len(figures) > 1:
            bases = [b for b, _m, _c in figures]
            merges = [m for _b, m, _c in figures]
            ratios = [m / b for b, m, _c in figures]
            cpu_ratios = [c for _b, _m, c in figures]
            print(
                f"{len(figures)} runs: baseline {min(bases):.1f}–{max(bases):.1f} s, "
                f"merge {min(merges):.1f}–{max(merges):.1f} s, ratio {min(ratios):.2f}–{max(ratios):.2f}× "
                f"(median {sorted(ratios)[len(ratios) // 2]:.2f}×), in processor time "
                f"{min(cpu_ratios):.2f}–{max(cpu_ratios):.2f}×"
            )


if __name__ == "__main__":
    main()
