"""Report benchmark: the progress report of a 10,000-activity workspace in all six languages, with pages per second.

Run: ``.venv/bin/python bench/report_speed.py [--activities N] [--rounds 3]``. Figures only, no pass/fail (shared, noisy
machines). The workspace is built through the services (offices.add_office, activities.import_activities). The
baseline lays out the same number of pages of plain Latin text with ReportLab's own Paragraph and Helvetica, in the
same run, so the ratio says what six-language setting (fonts, shaping, bidi, wrapping) costs.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import random
import tempfile
import time
import uuid
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate
from reportlab.platypus.doctemplate import LayoutError

from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.services import activities, offices, workspaces
from habitat_desktop.services.reports import generate_report

RESOLUTIONS = ["1/2", "1/3", "1/4", "1/5", "2/1", "2/2", "2/3", "2/4", "2/5", "2/6", "2/7", "2/8", "2/9", "2/10"]
STATUSES = ["planned", "ongoing", "completed", "stalled"]
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
]
ARABIC = ["السكن", "الأراضي", "الخدمات", "الأساسية", "التخطيط", "الحضري", "المناخ", "الشراكات"]
CHINESE = ["住房", "土地", "基本服务", "城市规划", "气候", "韧性", "培训", "伙伴关系"]
OFFICES = [
    ("KEN", "KE"),
    ("UGA", "UG"),
    ("MLI", "ML"),
    ("EGY", "EG"),
    ("CHN", "CN"),
    ("ESP", "ES"),
    ("BRA", "BR"),
    ("IND", "IN"),
    ("MEX", "MX"),
    ("RUS", "RU"),
]


def build_workspace(folder: Path, count: int) -> Path:
    path = folder / "big.habitat"
    workspaces.create_workspace(
        path, office="HQ", office_name="UN-Habitat Headquarters", country="KE", kind="headquarters"
    ).close()
    for code, country in OFFICES:
        offices.add_office(path, code=code, name=f"UN-Habitat {code} office", country=country)
    rng = random.Random(7)
    source = folder / "activities.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for _ in range(count):
            record: dict[str, object] = {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "office": rng.choice([code for code, _c in OFFICES] + ["HQ"]),
                "resolutions": rng.sample(RESOLUTIONS, k=rng.randint(1, 2)),
                "outcomes": rng.sample([1, 2, 3, 4, 5], k=rng.randint(1, 2)),
                "priority_domains": rng.sample(["housing", "land", "basic_services"], k=rng.randint(0, 1)),
                "title": " ".join(rng.choices(WORDS, k=7)).capitalize(),
                "status": rng.choice(STATUSES),
                "partners": [f"Partner {rng.randint(1, 400)}" for _ in range(rng.randint(0, 3))],
                "language": "en",
                "translations": {
                    "ar": {"title": " ".join(rng.choices(ARABIC, k=6))},
                    "zh": {"title": "".join(rng.choices(CHINESE, k=8))},
                }
                if rng.random() < 0.5
                else {},
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    activities.import_activities(path, source)
    return path


def baseline(folder: Path, pages: int) -> tuple[float, float]:
    """Seconds ReportLab takes to lay out this many pages of plain Latin paragraphs (Helvetica): wall clock and
    processor time."""
    style = getSampleStyleSheet()["BodyText"]
    text = " ".join(["Resolution 2/7 on adequate housing for all was implemented through activities"] * 6)
    story = [Paragraph(f"{n}. {text}", style) for n in range(pages * 9)]
    document = SimpleDocTemplate(str(folder / "baseline.pdf"), pagesize=A4)
    started, cpu = time.perf_counter(), time.process_time()
    with contextlib.suppress(LayoutError):
        document.build(story)
    made = int(document.page)
    elapsed, used = time.perf_counter() - started, time.process_time() - cpu
    scale = pages / max(made, 1)  # scaled to exactly the report's page count
    return elapsed * scale, used * scale


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        path = build_workspace(folder, args.activities)
        print(f"workspace of {args.activities:,} activities built in {time.perf_counter() - started:.1f} s")
        per_language: dict[str, tuple[float, int]] = {}
        for language in LANGUAGES:
            started = time.perf_counter()
            result = generate_report(path, "progress", language, folder / f"progress-{language}.pdf")
            per_language[language] = (time.perf_counter() - started, result.pages[language])
        all_seconds, base, all_cpu, base_cpu = [], [], [], []
        for _round in range(args.rounds):  # interleaved, each the best of its rounds: the machine is shared
            gc.collect()
            started, cpu = time.perf_counter(), time.process_time()
            together = generate_report(path, "progress", "all", folder / "all")
            all_seconds.append(time.perf_counter() - started)
            all_cpu.append(time.process_time() - cpu)
            all_pages = sum(together.pages.values())
            gc.collect()
            wall, used = baseline(folder, all_pages)
            base.append(wall)
            base_cpu.append(used)
        print(f"{'language':<9}{'seconds':>9}{'pages':>7}{'pages/s':>9}")
        for language, (seconds, pages) in per_language.items():
            print(f"{language:<9}{seconds:>9.2f}{pages:>7}{pages / seconds:>9.1f}")
        ours, theirs = min(all_seconds), min(base)
        print(
            f"all six (one read, --lang all), best of {args.rounds}: {ours:.2f} s for {all_pages} pages = "
            f"{all_pages / ours:.1f} pages/s (rounds: {', '.join(f'{s:.2f}' for s in all_seconds)})"
        )
        print(
            f"ReportLab baseline, {all_pages} pages of plain Latin text, best of {args.rounds}: {theirs:.2f} s = "
            f"{all_pages / theirs:.1f} pages/s (rounds: {', '.join(f'{s:.2f}' for s in base)})"
        )
        print(f"ratio (report / baseline): {ours / theirs:.2f}x")
        # processor time is what a loaded machine disturbs least (other processes take turns, not this one's work)
        print(
            f"processor time, best of {args.rounds}: report {min(all_cpu):.2f} s, baseline {min(base_cpu):.2f} s, "
            f"ratio {min(all_cpu) / min(base_cpu):.2f}x"
        )


if __name__ == "__main__":
    main()
