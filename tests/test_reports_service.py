"""The report service and the `habitat report` command: files named per language, written whole or not at all,
cancellation, progress, refusals, and user text that prints literally whatever it contains."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from habitat_desktop.domain.errors import HabitatError, ValidationError
from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.reports.document import MARGIN
from habitat_desktop.services import activities
from habitat_desktop.services.reports import ReportCancelledError, ReportOptions, generate_report
from tests.pdf_inspection import normalized, pdf_text, words

PAGE_WIDTH = 595.2756


def test_cli_writes_one_pdf_per_language_into_a_folder(run_cli, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "reports"
    result = run_cli(
        "report",
        demo_path,
        "--kind",
        "resolution",
        "--resolution",
        "2/7",
        "--lang",
        "all",
        "-o",
        out,
        "--paper",
        "letter",
    )
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == sorted(f"resolution-2-7-{lang}.pdf" for lang in LANGUAGES)
    assert "resolution-2-7-ar.pdf" in result.out


def test_cli_writes_a_single_language_to_a_file(run_cli, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "kenya.pdf"
    result = run_cli(
        "report",
        demo_path,
        "--kind",
        "office",
        "--office",
        "ken",
        "--lang",
        "ru",
        "-o",
        out,
        "--from",
        "2020-01-01",
        "--to",
        "2025-12-31",
    )
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(b"%PDF")
    assert "KEN" in normalized(pdf_text(out))


def test_cli_refuses_bad_requests_and_writes_nothing(run_cli, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x.pdf"
    missing = run_cli("report", demo_path, "--kind", "resolution", "--lang", "en", "-o", out)
    assert missing.code == 1 and "resolution" in missing.err
    unknown = run_cli("report", demo_path, "--kind", "resolution", "--resolution", "9/9", "--lang", "en", "-o", out)
    assert unknown.code == 1 and "9/9" in unknown.err
    bad_date = run_cli("report", demo_path, "--kind", "progress", "--lang", "en", "-o", out, "--from", "March")
    assert bad_date.code == 1 and "from" in bad_date.err
    assert not out.exists()


def test_cancelling_leaves_no_file(demo_path: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))

    with pytest.raises(ReportCancelledError):
        generate_report(
            demo_path, "progress", "all", tmp_path / "out", progress=progress, cancelled=lambda: len(calls) > 3
        )
    assert list((tmp_path / "out").iterdir()) == []


def test_progress_is_reported_up_to_the_end(demo_path: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    result = generate_report(
        demo_path, "progress", "en", tmp_path / "p.pdf", progress=lambda done, total: calls.append((done, total))
    )
    assert result.files == {"en": tmp_path / "p.pdf"} and result.pages["en"] >= 3
    assert calls and calls[-1][0] == calls[-1][1]
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


def test_service_refusals(demo_path: Path, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        generate_report(demo_path, "budget", "en", tmp_path / "a.pdf")
    with pytest.raises(ValidationError):
        generate_report(demo_path, "progress", "de", tmp_path / "a.pdf")
    with pytest.raises(ValidationError):
        generate_report(demo_path, "office", "en", tmp_path / "a.pdf", ReportOptions(office="ATLANTIS"))
    with pytest.raises(HabitatError):
        generate_report(demo_path, "progress", "en", tmp_path / "no-such-folder" / "a.pdf")
    assert list(tmp_path.glob("*.pdf")) == []


HOSTILE = '<b>Bold</b> & <font name="Courier" size="40">big</font> <br/> &amp; ' + "Pneumono" * 24


def test_user_text_prints_literally_and_long_words_wrap(workspace_path: Path, tmp_path: Path) -> None:
    source = tmp_path / "hostile.jsonl"
    source.write_text(
        json.dumps(
            {"title": HOSTILE, "resolutions": ["2/7"], "outcomes": [1], "status": "ongoing", "partners": ["A & B <i>"]}
        )
        + "\n",
        encoding="utf-8",
    )
    activities.import_activities(workspace_path, source)
    for kind, options in (
        ("resolution", ReportOptions(resolution="2/7")),
        ("office", ReportOptions(office="KEN")),
        ("progress", ReportOptions()),
    ):
        out = tmp_path / f"{kind}.pdf"
        generate_report(workspace_path, kind, "en", out, options)
        # running heads and footers may fall inside a paragraph that crosses a page
        text = "\n".join(
            line for line in pdf_text(out).splitlines() if not re.fullmatch(r"HABITAT/\S+|Page \d+ of \d+", line)
        )
        squeezed = "".join(text.split())
        assert "".join(HOSTILE.split()) in squeezed, kind  # every character, nothing interpreted as markup
        for word in words(out):
            assert word.x_min >= MARGIN - 1.5 and word.x_max <= PAGE_WIDTH - MARGIN + 1.5, (kind, word)


def test_a_report_after_an_edit_counts_the_new_activity(workspace_path: Path, tmp_path: Path) -> None:
    """Groupings made once for the six languages are made again for new data, never reused from an older report."""

    def drawn_on() -> str:
        out = tmp_path / "progress.pdf"
        generate_report(workspace_path, "progress", "en", out)
        text = normalized(pdf_text(out))
        return text[text.index("This report draws on") :][:60]

    before = drawn_on()
    source = tmp_path / "one.jsonl"
    source.write_text(
        json.dumps({"title": "Rapid housing survey", "resolutions": ["2/7"], "outcomes": [3], "status": "ongoing"})
        + "\n",
        encoding="utf-8",
    )
    activities.import_activities(workspace_path, source)
    after = drawn_on()
    assert before != after
    assert "Rapid housing survey" in normalized(pdf_text(tmp_path / "progress.pdf"))
