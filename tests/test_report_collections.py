"""Garbage collection while a report is built: less often during the build, as before once it ends (also when it
fails or is cancelled), and the same text whatever the collector does."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from habitat_desktop.services.reports import ReportCancelledError, generate_report
from tests.pdf_inspection import pdf_text


def test_thresholds_are_raised_during_a_report_and_restored_after(demo_path: Path, tmp_path: Path) -> None:
    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    generate_report(
        demo_path, "progress", "en", tmp_path / "p.pdf", progress=lambda _d, _t: during.append(gc.get_threshold())
    )
    assert gc.get_threshold() == before
    assert (10_000, *before[1:]) in during  # while pages are laid out (the last step comes after)
    with pytest.raises(ReportCancelledError):
        generate_report(demo_path, "progress", "all", tmp_path / "out", cancelled=lambda: True)
    assert gc.get_threshold() == before


def test_the_collector_changes_nothing_printed(demo_path: Path, tmp_path: Path) -> None:
    generate_report(demo_path, "progress", "ar", tmp_path / "a.pdf")
    gc.disable()
    try:
        generate_report(demo_path, "progress", "ar", tmp_path / "b.pdf")
    finally:
        gc.enable()
    assert pdf_text(tmp_path / "a.pdf") == pdf_text(tmp_path / "b.pdf")
