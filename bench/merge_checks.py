"""The checks of an export's content alone, as the merge's worker runs them: processor time per part.

Run: ``.venv/bin/python bench/merge_checks.py DIR [--rounds N]`` where DIR holds exports (``.habx``), for instance
those ``merge_scale.py --keep DIR`` made (``DIR/20x10000``). Each export is extracted once; then each round runs,
on every export, ``export_checks.check_values`` (types, lengths and JSON in SQL) and ``record_checks.check_records``
(the domain's rules, record by record) and prints the processor seconds of each and per record. Figures only: the
merge's own figures are ``merge_scale.py``'s, where these checks are part of the worker thread's time.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from habitat_desktop.exchange import export_checks, record_checks
from habitat_desktop.exchange.package import extract_database, read_manifest
from habitat_desktop.services import workspaces
from habitat_desktop.storage import activity_store
from habitat_desktop.storage import workspace as storage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    files = sorted(args.folder.glob("*.habx"))
    with tempfile.TemporaryDirectory(prefix="habitat-checks-bench-") as name:
        folder = Path(name)
        hq = folder / "hq.habitat"
        workspaces.create_workspace(hq, office="HQ", office_name="HQ", country="KE", kind="headquarters").close()
        with storage.opened(hq) as workspace, workspace.reading() as session:
            context = activity_store.validation_context(session, workspace.office)
        packages = []
        for number, file in enumerate(files):
            (folder / str(number)).mkdir()
            packages.append(extract_database(file, read_manifest(file), folder / str(number)))
        activities = changes = 0
        for package in packages:
            connection = sqlite3.connect(package.database)
            activities += connection.execute("SELECT count(*) FROM activity").fetchone()[0]
            changes += connection.execute("SELECT count(*) FROM change").fetchone()[0]
            connection.close()
        print(f"{len(files)} exports: {activities:,} activities, {changes:,} change lines")
        for round_number in range(1, args.rounds + 1):
            values = records = 0.0
            for package in packages:
                connection = export_checks.open_defensively(package.path, package.database, verify=False)
                start = time.process_time()
                export_checks.check_values(package.path, connection)
                middle = time.process_time()
                record_checks.check_records(package.path, connection, context)
                values, records = values + middle - start, records + time.process_time() - middle
                connection.close()
            print(
                f"round {round_number}: check_values {values:.2f} s, check_records {records:.2f} s processor "
                f"({records / (activities + changes) * 1e6:.1f} µs per activity or change line)",
                flush=True,
            )


if __name__ == "__main__":
    main()
