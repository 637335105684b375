"""The command-line contract other issues and users rely on, on the demo workspace."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from habitat_desktop import __version__


def test_version_and_help(run_cli) -> None:
    assert run_cli("--version").out.strip() == f"habitat {__version__}"
    for command in (["--help"], ["init", "--help"], ["activities", "export", "--help"], ["backups", "--help"]):
        result = run_cli(*command)
        assert result.code == 0 and "usage: habitat" in result.out


def test_resolutions_json_lists_all_sixteen_with_titles(run_cli) -> None:
    result = run_cli("resolutions", "--json")
    listed = json.loads(result.out)
    assert [r["symbol"] for r in listed if r["kind"] == "resolution"] == [
        "1/1",
        "1/2",
        "1/3",
        "1/4",
        "1/5",
        "2/1",
        "2/2",
        "2/3",
        "2/4",
        "2/5",
        "2/6",
        "2/7",
        "2/8",
        "2/9",
        "2/10",
    ]
    assert [r["symbol"] for r in listed if r["kind"] == "decision"] == ["2/1"]
    assert next(r for r in listed if r["symbol"] == "2/7")["title"] == "Adequate housing for all"


@pytest.mark.parametrize(("lang", "expected"), [("zh", "人人享有适当住房"), ("es", "Vivienda adecuada para todos")])
def test_resolution_titles_in_other_languages(run_cli, lang: str, expected: str) -> None:
    listed = json.loads(run_cli("resolutions", "--lang", lang, "--json").out)
    assert next(r for r in listed if r["symbol"] == "2/7" and r["kind"] == "resolution")["title"] == expected


def test_check_reports_a_healthy_demo(demo_path: Path, run_cli) -> None:
    result = run_cli("check", demo_path)
    assert result.code == 0, result.err
    assert "Integrity: ok" in result.out and "Office: HQ" in result.out
    assert "activities: " in result.out


def test_demo_refuses_to_overwrite(demo_path: Path, run_cli) -> None:
    before = demo_path.read_bytes()
    result = run_cli("demo", demo_path)
    assert result.code == 1 and "already exists" in result.err
    assert demo_path.read_bytes() == before


def test_init_validates_its_arguments(tmp_path: Path, run_cli) -> None:
    bad_country = run_cli("init", tmp_path / "x.habitat", "--office", "KEN", "--office-name", "K", "--country", "QQ")
    assert bad_country.code == 1 and "country: unknown country code “QQ”" in bad_country.err
    assert not (tmp_path / "x.habitat").exists()
    bad_office = run_cli("init", tmp_path / "y.habitat", "--office", "k e", "--office-name", "K", "--country", "KE")
    assert bad_office.code == 1 and "office: not an office code" in bad_office.err


def test_errors_are_one_line_without_traceback_in_a_real_process(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "habitat_desktop", "check", str(tmp_path / "none.habitat")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"habitat: error: No workspace at {tmp_path / 'none.habitat'}"]


def test_operative_paragraphs_are_listed_in_the_language_asked(run_cli, demo_path: Path) -> None:
    for extra in ([], ["--workspace", str(demo_path)]):
        listed = json.loads(run_cli("resolutions", "--lang", "fr", "--json", *extra).out)
        cleanup_day = next(r for r in listed if r["symbol"] == "2/3" and r["kind"] == "resolution")
        assert cleanup_day["operative_paragraphs"], extra
        assert all(p["number"] and p["text"] for p in cleanup_day["operative_paragraphs"])
        assert any("20 septembre" in p["text"] for p in cleanup_day["operative_paragraphs"])
