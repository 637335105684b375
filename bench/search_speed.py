"""Search speed: counts and first pages of text searches over N imported activities (the window's two queries).

Run: ``python bench/search_speed.py [--activities 20000]``. Imports ``bench/import_speed.py``'s generated activities
into a new workspace, then times ``count_activities`` and the first page of 200 rows (``activity_rows``) for a few
searches, with and without a resolution filter. Figures only, no pass/fail; run it on two versions of the code to
compare them (the counts must agree).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.workspace_scale import generate

OFFICES = [f"OF{n:02d}" for n in range(10)]
SEARCHES = ("slum", "planning tool", "sl", "guidelines climate", "zzzq")


def main() -> None:
    from habitat_desktop.services import activities, workspaces
    from habitat_desktop.services.activities import ActivityFilter
    from habitat_desktop.services.offices import add_office

    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="habitat-search-") as name:
        folder = Path(name)
        source = folder / "activities.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in generate(args.activities, OFFICES)))
        path = folder / "search.habitat"
        workspaces.create_workspace(path, office="HQ", office_name="HQ", country="KE", kind="headquarters").close()
        for code in OFFICES:
            add_office(path, code=code, name=f"Office {code}", country="KE")
        activities.import_activities(path, source)
        workspace = workspaces.open_workspace(path)
        try:
            for search in SEARCHES:
                for resolution in (None, "2/7"):
                    flt = ActivityFilter(search=search, resolution=resolution)
                    started = time.perf_counter()
                    count = activities.count_activities(workspace, flt)
                    counted = time.perf_counter() - started
                    started = time.perf_counter()
                    rows = activities.activity_rows(workspace, flt, 0, 200)
                    paged = time.perf_counter() - started
                    scope = f"resolution {resolution or 'any'}"
                    print(
                        f"{search!r:22} {scope:16} count {count:6d} in {counted * 1000:6.1f} ms; "
                        f"first page of {len(rows):3d} in {paged * 1000:6.1f} ms"
                    )
        finally:
            workspace.close()


if __name__ == "__main__":
    main()
