"""The report document's paragraphs and footnotes as translatable texts: states (translated, outdated after the
source changes, reviewed, missing), the XLIFF round trip, the report dialog's coverage, hostile units refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

from habitat_desktop.domain.translation_status import TranslationState
from habitat_desktop.services import translation_coverage, translations
from habitat_desktop.services.reports import ReportOptions
from habitat_desktop.services.workspaces import open_workspace
from tests.pdf_inspection import normalized, pdf_text

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
SYMBOL = "HSP/OECPR.2025/4"
KEY = "paragraph:conclusion:conclusion-28"


def _document(run_cli: Any, path: Path, folder: Path) -> tuple[Path, dict[str, Any]]:
    out = folder / "document.json"
    assert run_cli("documents", "export", path, SYMBOL, "-o", out).code == 0
    return out, json.loads(out.read_text(encoding="utf-8"))


def _paragraph(document: dict[str, Any], section: str, paragraph: str) -> dict[str, Any]:
    found = next(s for s in document["sections"] if s["key"] == section)
    return next(p for p in found["paragraphs"] if p["id"] == paragraph)


def _states(path: Path, language: str = "fr") -> dict[str, TranslationState]:
    workspace = open_workspace(path, read_only=True)
    try:
        return {
            t.status.field: t.status.state
            for t in translations.record_texts(workspace, language)
            if t.table == "report_document"
        }
    finally:
        workspace.close()


def test_a_changed_paragraph_is_outdated_then_translated_again_through_xliff(  # type: ignore[no-untyped-def]
    run_cli, demo_path: Path, tmp_path: Path
) -> None:
    states = _states(demo_path)
    assert states and set(states.values()) == {TranslationState.TRANSLATED}  # the demo document: all translated
    file, document = _document(run_cli, demo_path, tmp_path)
    paragraph = _paragraph(document, "conclusion", "conclusion-28")
    paragraph["text"]["en"] = "The Executive Director will report again to the Committee in 2026."
    file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run_cli("documents", "import", demo_path, file).code == 0
    states = _states(demo_path)
    assert states[KEY] == TranslationState.OUTDATED
    assert _states(demo_path, "zh")[KEY] == TranslationState.OUTDATED
    assert [k for k, s in states.items() if s != TranslationState.TRANSLATED] == [KEY]

    exported = tmp_path / "fr.xlf"
    result = run_cli("translations", "export", demo_path, "--lang", "fr", "--state", "outdated", "-o", exported)
    assert result.code == 0 and "Wrote 1 text" in result.out
    tree = etree.parse(str(exported))
    segment = tree.find(".//x:segment", NS)
    assert segment.findtext("x:source", namespaces=NS) == paragraph["text"]["en"]
    french = "La Directrice exécutive fera de nouveau rapport au Comité en 2026."
    target = segment.find("x:target", NS)  # the outdated translation comes with the unit
    assert target is not None and target.text
    target.text = french
    segment.set("state", "reviewed")
    segment.attrib.pop("subState", None)
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    result = run_cli("translations", "import", demo_path, exported)
    assert result.code == 0 and "1 translation applied." in result.out, result.out
    assert _states(demo_path)[KEY] == TranslationState.REVIEWED
    report = tmp_path / "fr.pdf"
    assert run_cli("report", demo_path, "--kind", "progress", "--lang", "fr", "-o", report).code == 0
    assert french in normalized(pdf_text(report))


def test_a_missing_footnote_is_counted_in_the_report_coverage(run_cli, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    before = translation_coverage.report_coverage(demo_path, "progress", "ru", ReportOptions())
    file, document = _document(run_cli, demo_path, tmp_path)
    note = document["sections"][0]["footnotes"][0]
    del note["text"]["ru"]
    file.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert run_cli("documents", "import", demo_path, file).code == 0
    key = f"footnote:{document['sections'][0]['key']}:{note['id']}"
    assert _states(demo_path, "ru")[key] == TranslationState.MISSING
    after = translation_coverage.report_coverage(demo_path, "progress", "ru", ReportOptions())
    assert after.total == before.total and after.untranslated == before.untranslated + 1
    workspace = open_workspace(demo_path, read_only=True)
    try:
        document_id = next(t.record_id for t in translations.record_texts(workspace, "ru") if t.status.field == key)
    finally:
        workspace.close()
    assert document_id in after.missing_records


def test_a_unit_that_breaks_the_document_is_refused_and_nothing_changes(  # type: ignore[no-untyped-def]
    run_cli, demo_path: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "fr.xlf"
    assert run_cli("translations", "export", demo_path, "--lang", "fr", "-o", exported).code == 0
    tree = etree.parse(str(exported))
    unit = next(u for u in tree.findall(".//x:unit", NS) if u.get("id").endswith(KEY))
    target = unit.find("x:segment/x:target", NS)
    target.text = "Une note qui n'existe pas.[^no-such-note]"
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    before = (demo_path.read_bytes(), _states(demo_path))
    result = run_cli("translations", "import", demo_path, exported)
    assert result.code != 0 and "no-such-note" in result.err and "nothing was imported" in result.err
    assert _states(demo_path) == before[1]


def test_an_export_with_forged_translation_states_is_refused(run_cli, demo_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.merge_support import export, office_workspace
    from tests.test_merge_bad_input import repack

    good = export(demo_path, tmp_path / "hq.habx")
    roaf = office_workspace(tmp_path / "rosa.habitat", "ROSA", kind="regional")  # an office the demo does not hold
    state = '{"fr": {"paragraph:../x:1": {"digest": "", "reviewed": false, "stamp": "0"}}}'
    for name, change, reason in (
        ("state", f"UPDATE report_document SET text_state = '{state}'", "field text_state"),
        (
            "office",
            "UPDATE office SET translations = json_object('fr', json_object('name', 'A' || char(7))) "
            "WHERE code = 'KEN'",
            "control or binary characters",
        ),
        ("language", "UPDATE office SET language = 'xx' WHERE code = 'KEN'", "field language"),
    ):
        bad = repack(good, demo_path, tmp_path / f"{name}.habx", database=lambda db, sql=change: db.execute(sql))
        before = roaf.read_bytes()
        result = run_cli("merge", roaf, bad, "--trust-coordinator")
        assert result.code == 1, result.out
        assert reason in result.err, result.err
        assert roaf.read_bytes() == before
    assert run_cli("merge", roaf, good, "--trust-coordinator").code == 0  # the export as written merges
