"""The translator's round trip: XLIFF 2.0 out (valid against the OASIS core and glossary schemas), targets in,
a French report without "[en anglais]"; hostile or mistaken files refused with nothing changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from lxml import etree

from tests.merge_support import add_activity, edit_activity
from tests.pdf_inspection import normalized, pdf_text

SCHEMAS = Path(__file__).parent / "data"
NS = {"x": "urn:oasis:names:tc:xliff:document:2.0", "gls": "urn:oasis:names:tc:xliff:glossary:2.0"}
FRENCH = {
    "Urban safety training": "Formation à la sécurité urbaine",
    "Two days with the mayors of Nairobi.": "Deux jours avec les maires de Nairobi.",
    "Housing forum": "Forum sur le logement",
    "A forum with Shanghai University.": "Un forum avec l’Université de Shanghai.",
    "UN-Habitat Kenya": "ONU-Habitat Kenya",  # the office's name
}


@pytest.fixture
def two_activities(workspace_path: Path) -> tuple[Path, str, str]:
    first = add_activity(workspace_path, "Urban safety training", description="Two days with the mayors of Nairobi.")
    second = add_activity(
        workspace_path,
        "Housing forum",
        description="A forum with Shanghai University.",
        partners=["Shanghai University"],
        start_date="2025-03-01",
    )
    return workspace_path, first, second


def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff_2.0_with_glossary.xsd")))


def _fill(source: Path, target: Path, texts: dict[str, str], state: str = "translated") -> None:
    tree = etree.parse(str(source))
    for segment in tree.iterfind(".//x:segment", NS):
        text = texts.get(segment.findtext("x:source", namespaces=NS) or "")
        if text:
            etree.SubElement(segment, f"{{{NS['x']}}}target").text = text
            segment.set("state", state)
            segment.attrib.pop("subState", None)
    tree.write(str(target), xml_declaration=True, encoding="UTF-8")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_export_is_valid_xliff_2_with_notes_and_glossary_entries(run_cli, two_activities, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, first, _second = two_activities
    out = tmp_path / "fr.xlf"
    result = run_cli("translations", "export", path, "--lang", "fr", "--state", "missing,outdated", "-o", out)
    assert result.code == 0, result.err
    document = etree.parse(str(out))
    _schema().assertValid(document)
    units = document.findall(".//x:unit", NS)
    assert len(units) == 5  # two activities' titles and descriptions, the office's name
    unit = document.find(f".//x:unit[@id='activity.{first}.title']", NS)
    assert unit is not None
    notes = {n.get("category"): n.text for n in unit.iterfind("x:notes/x:note", NS)}
    assert notes["resolutions"] == "2/7" and notes["office"] == "KEN" and notes["field"] == "title"
    assert unit.find("x:segment", NS).get("subState") == "habitat:missing"
    terms = [
        (e.findtext("gls:term", namespaces=NS), e.findtext("gls:translation", namespaces=NS))
        for e in document.iterfind(".//gls:glossEntry", NS)
    ]
    assert ("Shanghai University", "Université de Shanghai") in terms


def test_a_filled_file_comes_back_and_the_french_report_prints_the_translations(  # type: ignore[no-untyped-def]
    run_cli, two_activities, tmp_path: Path
) -> None:
    path, _first, _second = two_activities
    exported, filled = tmp_path / "fr.xlf", tmp_path / "fr-done.xlf"
    assert run_cli("translations", "export", path, "--lang", "fr", "-o", exported).code == 0
    before = tmp_path / "before.pdf"
    run_cli("report", path, "--kind", "progress", "--lang", "fr", "-o", before)
    assert "[en anglais]" in normalized(pdf_text(before))
    _fill(exported, filled, FRENCH)
    result = run_cli("translations", "import", path, filled)
    assert result.code == 0, result.err
    assert "5 translations applied." in result.out
    assert "Backup taken first" in result.out
    after = tmp_path / "after.pdf"
    assert run_cli("report", path, "--kind", "progress", "--lang", "fr", "-o", after).code == 0
    text = normalized(pdf_text(after))
    assert "[en anglais]" not in text
    assert "Formation à la sécurité urbaine" in text
    assert "Université de Shanghai" in text  # the partner, through the glossary
    again = tmp_path / "again.xlf"
    run_cli("translations", "export", path, "--lang", "fr", "--state", "missing,outdated", "-o", again)
    assert etree.parse(str(again)).find(".//x:unit", NS) is None


def test_a_unit_whose_source_changed_since_the_export_is_skipped_as_outdated(  # type: ignore[no-untyped-def]
    run_cli, two_activities, tmp_path: Path
) -> None:
    path, first, _second = two_activities
    exported, filled = tmp_path / "fr.xlf", tmp_path / "fr-done.xlf"
    run_cli("translations", "export", path, "--lang", "fr", "-o", exported)
    edit_activity(path, first, title="Urban safety training for mayors")
    _fill(exported, filled, FRENCH)
    result = run_cli("translations", "import", path, filled)
    assert result.code == 0, result.err
    assert "4 translations applied." in result.out  # the other activity's two texts and the office's name
    assert f"activity.{first}.title: outdated" in result.out


def test_a_reviewed_unit_arrives_reviewed(run_cli, two_activities, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, _first, _second = two_activities
    exported, filled = tmp_path / "fr.xlf", tmp_path / "fr-done.xlf"
    run_cli("translations", "export", path, "--lang", "fr", "-o", exported)
    _fill(exported, filled, FRENCH, state="reviewed")
    assert run_cli("translations", "import", path, filled).code == 0
    again = tmp_path / "again.xlf"
    run_cli("translations", "export", path, "--lang", "fr", "--state", "reviewed", "-o", again)
    assert len(etree.parse(str(again)).findall(".//x:unit", NS)) == 5


HOSTILE = {
    "xxe": (
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">'
        '<file id="f"><unit id="u"><segment><source>a</source><target>&e;</target></segment></unit></file></xliff>',
        "DOCTYPE",
    ),
    "billion laughs": (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">'
        '<file id="f"><unit id="u"><segment><source>&lol3;</source></segment></unit></file></xliff>',
        "DOCTYPE",
    ),
    "utf-16 doctype": (None, "UTF-8"),
    "not xliff": ('<?xml version="1.0"?><html><body/></html>', "not an XLIFF 2 document"),
    "not xml": ("<xliff", "not well-formed"),
    "unknown language": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de">'
        '<file id="f"><unit id="u"><segment><source>a</source></segment></unit></file></xliff>',
        "“de”",
    ),
    "unknown record": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">'
        '<file id="f"><unit id="activity.00000000-0000-4000-8000-999999999999.title"><segment>'
        "<source>Urban safety training</source><target>Formation</target></segment></unit></file></xliff>",
        "no such record",
    ),
    "unknown field": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">'
        '<file id="f"><unit id="activity.FIRST.office"><segment>'
        "<source>KEN</source><target>KEN</target></segment></unit></file></xliff>",
        "not a text this application exported",
    ),
    "control characters": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">'
        '<file id="f"><unit id="activity.FIRST.title"><segment>'
        "<source>Urban safety training</source><target>Formation&#x1b;[31m</target></segment></unit></file></xliff>",
        "",  # XML 1.0 forbids the character: the parser refuses it
    ),
    "too long": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">'
        '<file id="f"><unit id="activity.FIRST.title"><segment>'
        f"<source>Urban safety training</source><target>{'x' * 501}</target></segment></unit></file></xliff>",
        "too long",
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_or_mistaken_files_are_refused_and_nothing_changes(  # type: ignore[no-untyped-def]
    run_cli, two_activities, tmp_path: Path, case: str
) -> None:
    path, first, _second = two_activities
    content, expected = HOSTILE[case]
    file = tmp_path / "bad.xlf"
    if content is None:
        file.write_bytes(
            '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x/>'.encode(
                "utf-16"
            )
        )
    else:
        file.write_text(content.replace("FIRST", first), encoding="utf-8")
    before = _digest(path)
    result = run_cli("translations", "import", path, file)
    assert result.code == 1
    assert "habitat: error:" in result.err and expected in result.err
    assert "passwd" not in result.out + result.err.replace("file:///etc/passwd", "")
    assert _digest(path) == before
    assert not list((path.parent / f"{path.name}.backups").glob("*pre-translations*"))


def test_a_file_over_the_size_limit_is_refused_before_parsing(run_cli, two_activities, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, _first, _second = two_activities
    file = tmp_path / "huge.xlf"
    with file.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    before = _digest(path)
    result = run_cli("translations", "import", path, file)
    assert result.code == 1 and "too large" in result.err
    assert _digest(path) == before


def test_a_file_for_another_language_is_refused_when_one_is_named(run_cli, two_activities, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path, _first, _second = two_activities
    exported = tmp_path / "es.xlf"
    run_cli("translations", "export", path, "--lang", "es", "-o", exported)
    result = run_cli("translations", "import", path, exported, "--lang", "fr")
    assert result.code == 1 and "“es”" in result.err


def test_an_outdated_translation_goes_out_with_its_target_and_the_source_it_was_made_from(  # type: ignore[no-untyped-def]
    run_cli, two_activities, tmp_path: Path
) -> None:
    path, first, _second = two_activities
    exported, filled = tmp_path / "fr.xlf", tmp_path / "fr-done.xlf"
    run_cli("translations", "export", path, "--lang", "fr", "-o", exported)
    _fill(exported, filled, FRENCH)
    assert run_cli("translations", "import", path, filled).code == 0
    edit_activity(path, first, title="Urban safety training for mayors")
    outdated = tmp_path / "outdated.xlf"
    assert run_cli("translations", "export", path, "--lang", "fr", "--state", "outdated", "-o", outdated).code == 0
    document = etree.parse(str(outdated))
    _schema().assertValid(document)
    (unit,) = document.findall(".//x:unit", NS)
    segment = unit.find("x:segment", NS)
    assert segment.get("subState") == "habitat:outdated"
    assert segment.findtext("x:source", namespaces=NS) == "Urban safety training for mayors"
    assert segment.findtext("x:target", namespaces=NS) == "Formation à la sécurité urbaine"
    notes = {n.get("category"): n.text for n in unit.iterfind("x:notes/x:note", NS)}
    assert notes["previous-source"] == "Urban safety training"


def test_demo_translations_load_as_translated(demo_path: Path) -> None:
    from habitat_desktop.services import translations, workspaces
    from habitat_desktop.services.translations import TranslationState

    workspace = workspaces.open_workspace(demo_path)
    try:
        texts = translations.record_texts(workspace, "zh")
    finally:
        workspace.close()
    states = {t.status.state for t in texts}
    assert TranslationState.TRANSLATED in states and TranslationState.OUTDATED not in states
