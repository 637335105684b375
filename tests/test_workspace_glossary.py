"""The workspace glossary over the shipped one: terms added or corrected through ``habitat glossary``, printed in
reports and carried in XLIFF, merged per language from two offices, hostile files and exports refused with nothing
changed; places print in the report's language."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from habitat_desktop.services import glossary
from tests.merge_support import add_activity, export, office_workspace, sync
from tests.pdf_inspection import normalized, pdf_text, squeezed
from tests.test_merge_bad_input import repack

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0", "gls": "urn:oasis:names:tc:xliff:glossary:2.0"}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _report(run_cli: Any, path: Path, kind: str, language: str, out: Path, *extra: str) -> str:
    result = run_cli("report", path, "--kind", kind, "--lang", language, "-o", out, *extra)
    assert result.code == 0, result.err
    return pdf_text(out)


@pytest.fixture
def partner_workspace(workspace_path: Path) -> Path:
    add_activity(
        workspace_path,
        "Housing forum",
        description="A forum with Shanghai University.",
        partners=["Shanghai University"],
        city="Cairo",
        country="EG",
        start_date="2025-03-01",
    )
    return workspace_path


def test_a_workspace_term_overrides_the_shipped_one_in_french_and_chinese_reports(  # type: ignore[no-untyped-def]
    run_cli, partner_workspace: Path, tmp_path: Path
) -> None:
    path = partner_workspace
    before = normalized(_report(run_cli, path, "progress", "fr", tmp_path / "before.pdf"))
    assert "Université de Shanghai" in before and "(SHU)" not in before  # the shipped French name
    result = run_cli(
        "glossary",
        "add",
        path,
        "--en",
        "Shanghai University",
        "--fr",
        "Université de Shanghai (SHU)",
        "--zh",
        "上海大学（SHU）",
    )
    assert result.code == 0, result.err
    assert "shanghai-university" in result.out  # matched to the shipped term by its English name
    listed = run_cli("glossary", "list", path, "--json")
    term = next(t for t in json.loads(listed.out) if t["id"] == "shanghai-university")
    assert term["origin"] == "override" and term["fr"] == "Université de Shanghai (SHU)"
    assert term["ru"] == "Шанхайский университет"  # the languages left alone keep the shipped names
    french = normalized(_report(run_cli, path, "progress", "fr", tmp_path / "fr.pdf"))
    assert "Université de Shanghai (SHU)" in french
    chinese = squeezed(_report(run_cli, path, "progress", "zh", tmp_path / "zh.pdf"))
    assert squeezed("上海大学（SHU）") in chinese
    russian = normalized(_report(run_cli, path, "progress", "ru", tmp_path / "ru.pdf"))
    assert "Шанхайский университет" in russian


def test_xliff_glossary_entries_and_suggestions_carry_the_workspace_term(  # type: ignore[no-untyped-def]
    run_cli, partner_workspace: Path, tmp_path: Path
) -> None:
    path = partner_workspace
    assert (
        run_cli("glossary", "add", path, "--en", "Shanghai University", "--fr", "Université de Shanghai (SHU)").code
        == 0
    )
    out = tmp_path / "fr.xlf"
    assert run_cli("translations", "export", path, "--lang", "fr", "-o", out).code == 0
    entries = [
        (e.findtext("gls:term", namespaces=NS), e.findtext("gls:translation", namespaces=NS))
        for e in etree.parse(str(out)).iterfind(".//gls:glossEntry", NS)
    ]
    assert ("Shanghai University", "Université de Shanghai (SHU)") in entries
    assert ("Shanghai University", "Université de Shanghai") not in entries

    from habitat_desktop.services import translations
    from habitat_desktop.services.workspaces import open_workspace

    workspace = open_workspace(path, read_only=True)
    try:
        terms = translations.workspace_glossary(workspace)
    finally:
        workspace.close()
    found = translations.glossary_terms("A forum with Shanghai University.", "en", "fr", terms)
    assert found == [("Shanghai University", "Université de Shanghai (SHU)")]  # not the city inside the name
    found = translations.glossary_terms("Shanghai University hosted a forum in Shanghai.", "en", "fr", terms)
    assert sorted(found) == [("Shanghai", "Shanghai"), ("Shanghai University", "Université de Shanghai (SHU)")]


def test_places_print_in_the_report_language(run_cli, partner_workspace: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = partner_workspace
    french = normalized(_report(run_cli, path, "office", "fr", tmp_path / "office-fr.pdf", "--office", "KEN"))
    assert "Le Caire (Égypte)" in french and "Cairo" not in french
    arabic = normalized(_report(run_cli, path, "office", "ar", tmp_path / "office-ar.pdf", "--office", "KEN"))
    assert normalized("القاهرة") in arabic
    chinese = squeezed(_report(run_cli, path, "office", "zh", tmp_path / "office-zh.pdf", "--office", "KEN"))
    assert squeezed("埃及开罗") in chinese
    progress = normalized(_report(run_cli, path, "progress", "fr", tmp_path / "progress-fr.pdf"))
    assert "Lieux : Le Caire." in progress
    russian = normalized(_report(run_cli, path, "progress", "ru", tmp_path / "progress-ru.pdf"))
    assert "Места: Каир." in russian
    # a place the shipped glossary does not know, added to the workspace glossary
    add_activity(path, "Market upgrading", city="Mombasa", country="KE", start_date="2025-04-01")
    result = run_cli("glossary", "add", path, "--kind", "place", "--en", "Mombasa", "--ru", "Момбаса", "--zh", "蒙巴萨")
    assert result.code == 0, result.err
    russian = normalized(_report(run_cli, path, "office", "ru", tmp_path / "office-ru.pdf", "--office", "KEN"))
    assert "Момбаса" in russian


def test_export_and_import_round_trip_between_workspaces(run_cli, partner_workspace: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = partner_workspace
    run_cli("glossary", "add", path, "--kind", "place", "--en", "Mombasa", "--fr", "Mombasa", "--zh", "蒙巴萨")
    out = tmp_path / "terms.json"
    result = run_cli("glossary", "export", path, "-o", out)
    assert result.code == 0 and "1 term" in result.out
    other = office_workspace(tmp_path / "uga.habitat", "UGA", country="UG")
    result = run_cli("glossary", "import", other, out)
    assert result.code == 0, result.err
    assert "1 term added." in result.out and "Backup taken first" in result.out
    again = run_cli("glossary", "import", other, out)
    assert "1 term unchanged." in again.out
    assert {r.id: r.names["zh"] for r in glossary.list_terms(other) if r.origin != "shipped"} == {"mombasa": "蒙巴萨"}


HOSTILE: dict[str, tuple[bytes, str]] = {
    "control character": (
        json.dumps({"terms": [{"id": "bad", "kind": "place", "en": "Nai\x07robi"}]}).encode(),
        "term 1, field en: contains control or binary characters",
    ),
    "too long": (
        json.dumps({"terms": [{"id": "long", "kind": "place", "fr": "x" * 301}]}).encode(),
        "term 1, field fr: too long",
    ),
    "unknown language": (
        json.dumps({"terms": [{"id": "de", "kind": "place", "en": "Munich", "de": "München"}]}).encode(),
        "term 1, field de",
    ),
    "unknown kind": (json.dumps({"terms": [{"id": "k", "kind": "city", "en": "Kisumu"}]}).encode(), "field kind"),
    "bad id": (json.dumps({"terms": [{"id": "../../x", "kind": "place", "en": "X"}]}).encode(), "field id"),
    "twice": (
        json.dumps(
            {"terms": [{"id": "a", "kind": "place", "en": "A"}, {"id": "a", "kind": "place", "en": "B"}]}
        ).encode(),
        "term 2, field id: given twice",
    ),
    "no name": (json.dumps({"terms": [{"id": "a", "kind": "place", "en": " "}]}).encode(), "at least one language"),
    "two lines": (json.dumps({"terms": [{"id": "a", "kind": "place", "en": "A\nB"}]}).encode(), "one line"),
    "second term bad": (
        json.dumps(
            {"terms": [{"id": "good", "kind": "place", "en": "Good"}, {"id": "bad", "kind": "place", "ar": 5}]}
        ).encode(),
        "term 2, field ar: expected text",
    ),
    "not json": (b'{"terms": [', "cannot be read"),
    "not utf-8": ('{"terms": [{"id": "a", "kind": "place", "fr": "Génève"}]}'.encode("latin-1"), "cannot be read"),
    "not a glossary": (b'{"terms": {}, "x": 1}', "expected an object with a list of terms"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "cannot be read"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_glossary_file_is_refused_and_nothing_changes(  # type: ignore[no-untyped-def]
    run_cli, workspace_path: Path, tmp_path: Path, case: str
) -> None:
    data, reason = HOSTILE[case]
    file = tmp_path / "terms.json"
    file.write_bytes(data)
    before = _digest(workspace_path)
    result = run_cli("glossary", "import", workspace_path, file)
    assert result.code != 0
    assert "terms.json" in result.err and reason in result.err, result.err
    assert "Traceback" not in result.err
    assert _digest(workspace_path) == before
    assert not list(workspace_path.parent.glob("*.backups/*pre-glossary*"))


def test_a_huge_glossary_file_is_refused_before_it_is_read(run_cli, workspace_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "huge.json"
    file.write_bytes(b" " * (glossary.MAX_FILE_BYTES + 1))
    before = _digest(workspace_path)
    result = run_cli("glossary", "import", workspace_path, file)
    assert result.code != 0 and "too large" in result.err
    assert _digest(workspace_path) == before


def test_a_bad_name_typed_on_the_command_line_is_refused(run_cli, workspace_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = _digest(workspace_path)
    result = run_cli("glossary", "add", workspace_path, "--kind", "place", "--en", "Nai\x1brobi")
    assert result.code != 0 and "control or binary characters" in result.err
    result = run_cli("glossary", "add", workspace_path, "--en", "Kisumu")
    assert result.code != 0 and "kind" in result.err  # a new term needs its kind
    assert _digest(workspace_path) == before


def _terms(path: Path) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute(
            "SELECT id, office, term_key, kind, en, fr, es, ru, zh, ar, field_stamps, deleted "
            "FROM glossary_term ORDER BY id"
        ).fetchall()
    finally:
        connection.close()


def test_two_offices_correcting_one_term_in_different_languages_both_keep_their_work(tmp_path: Path) -> None:
    hq = office_workspace(tmp_path / "hq.habitat", "HQ", kind="headquarters")
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    glossary.add_term(ken, {"en": "Kisumu", "fr": "Kisumu"}, kind="place")
    sync(ken, hq, tmp_path, "ken-1")
    glossary.add_term(hq, {"fr": "Kisoumou"}, key="kisumu")  # headquarters corrects the French
    glossary.add_term(ken, {"zh": "基苏木"}, key="kisumu")  # meanwhile Kenya adds the Chinese
    # both offices override the same shipped term apart: each record keeps its own, the last written wins per language
    glossary.add_term(hq, {"es": "El Cairo (Egipto)"}, key="cairo")
    glossary.add_term(ken, {"ru": "Каир (Египет)"}, key="cairo")
    sync(hq, ken, tmp_path, "hq-1")
    sync(ken, hq, tmp_path, "ken-2")
    sync(hq, ken, tmp_path, "hq-2")
    assert _terms(hq) == _terms(ken)
    rows = {r.id: r for r in glossary.list_terms(hq)}
    assert rows == {r.id: r for r in glossary.list_terms(ken)}
    assert rows["kisumu"].names["fr"] == "Kisoumou" and rows["kisumu"].names["zh"] == "基苏木"
    assert rows["cairo"].names["es"] == "El Cairo (Egipto)" and rows["cairo"].names["ru"] == "Каир (Египет)"
    assert rows["cairo"].names["fr"] == "Le Caire"  # untouched: the shipped name
    # merging the same exports again changes nothing (idempotent)
    before = _terms(hq)
    sync(ken, hq, tmp_path, "ken-3")
    assert _terms(hq) == before


def test_an_export_with_a_hostile_glossary_term_is_refused(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    glossary.add_term(ken, {"en": "Kisumu"}, kind="place")
    roaf = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    good = export(ken, tmp_path / "ken.habx")
    assert run_cli("merge", roaf, good, "--trust").code == 0
    for name, change, reason in (
        ("control", "UPDATE glossary_term SET fr = 'Kis' || char(27) || 'umu'", "control or binary characters"),
        ("kind", "UPDATE glossary_term SET kind = 'planet'", "field kind"),
        ("key", "UPDATE glossary_term SET term_key = 'Not A Key'", "field term_key"),
        ("long", "UPDATE glossary_term SET zh = printf('%.301c', 'x')", "glossary_term"),
    ):
        bad = repack(good, ken, tmp_path / f"{name}.habx", database=lambda db, sql=change: db.execute(sql))
        before = _digest(roaf)
        result = run_cli("merge", roaf, bad)
        assert result.code == 1, result.out
        assert "glossary_term" in result.err and reason in result.err, result.err
        assert _digest(roaf) == before


def test_an_office_correcting_another_offices_term_writes_its_own_record(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hq = office_workspace(tmp_path / "hq.habitat", "HQ", kind="headquarters")
    ken = office_workspace(tmp_path / "ken.habitat", "KEN")
    glossary.add_term(hq, {"en": "Kisumu", "fr": "Kisumu"}, kind="place")
    sync(hq, ken, tmp_path, "hq-1")
    glossary.add_term(ken, {"fr": "Kisoumou", "zh": "基苏木"}, key="kisumu")  # Kenya corrects headquarters' term
    assert {row[1] for row in _terms(ken)} == {"HQ", "KEN"}  # its correction is a record of its own
    assert [r for r in _terms(ken) if r[1] == "HQ"] == [r for r in _terms(hq) if r[1] == "HQ"]  # HQ's untouched
    # headquarters, trusting Kenya for its own records only, takes Kenya's export: no other office's record changes
    result = run_cli("merge", hq, export(ken, tmp_path / "ken.habx"), "--trust")
    assert result.code == 0, result.err
    rows = {r.id: r for r in glossary.list_terms(hq)}
    assert rows["kisumu"].names["fr"] == "Kisoumou" and rows["kisumu"].names["zh"] == "基苏木"
    assert rows["kisumu"].names["en"] == "Kisumu"
