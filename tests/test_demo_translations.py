"""The demo in six languages: every record's texts translated, symbols kept, partners and places in the glossary, and
the six progress reports free of any untranslated-text marker."""

from __future__ import annotations

import json
import re
import shutil
import uuid
from pathlib import Path

import pytest

from habitat_desktop import cli
from habitat_desktop.l10n import _, set_language
from habitat_desktop.reports.wording import language_name
from habitat_desktop.resources import resource_path
from habitat_desktop.services.demo import demo_data
from tests.pdf_inspection import pdf_text, squeezed

LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")
ACTIVITY_FIELDS = ("title", "description")
STATUS_FIELDS = ("narrative",)

# Names that stay in Latin letters in every language, as UN documents leave them (platforms, initiatives, symbols).
KEPT_NAMES = (
    "Our City Plans",
    "UN-Habitat Learn",
    "SDG Cities",
    "Innovate4Cities",
    "Local2030",
    "VibeLab",
    "SURGe",
    "SADC",
    "CBD COP16",
    "G20",
)
# Words that only English uses: one of them in a French, Spanish, Russian, Chinese or Arabic text is English left over.
ENGLISH_ONLY = {
    "the", "of", "and", "with", "for", "from", "has", "have", "been", "was", "were",
    "which", "under", "through", "this", "that", "their", "its", "on", "to", "by", "at",
}  # fmt: skip
URL = re.compile(r"https?://[A-Za-z0-9./_-]*[A-Za-z0-9/_-]")
SYMBOL = re.compile(r"HSP/[A-Z0-9./]+\d|(?<![\d/])\d+/\d+(?![\d/])|(?<!\d)(?:19|20)\d\d(?!\d)")


def _texts(record: dict, fields: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """A record's texts per language: the source's own, then each translation."""
    texts = {record["language"]: {field: record[field] for field in fields}}
    for language, translated in record["translations"].items():
        texts[language] = translated
    return texts


def _records() -> list[tuple[str, dict[str, dict[str, str]], tuple[str, ...]]]:
    data = demo_data()
    found = [(item["id"], _texts(item, ACTIVITY_FIELDS), ACTIVITY_FIELDS) for item in data["activities"]]
    found += [(item["id"], _texts(item, STATUS_FIELDS), STATUS_FIELDS) for item in data["resolution_statuses"]]
    return found


RECORDS = _records()
IDS = [("status-" if fields == STATUS_FIELDS else "activity-") + record_id[-2:] for record_id, _, fields in RECORDS]


def test_the_demo_holds_records_of_five_source_languages() -> None:
    sources = {next(iter(texts)) for _, texts, _ in RECORDS}
    assert sources == {"en", "fr", "es", "ar", "zh"}
    assert len(RECORDS) == 63


@pytest.mark.parametrize(("record_id", "texts", "fields"), RECORDS, ids=IDS)
def test_every_record_has_every_field_in_six_languages(
    record_id: str, texts: dict[str, dict[str, str]], fields: tuple[str, ...]
) -> None:
    assert set(texts) == set(LANGUAGES), record_id
    for language, values in texts.items():
        for field in fields:
            assert (values.get(field) or "").strip(), f"{record_id} {language} {field} is empty"


def _english_left_over(text: str) -> list[str]:
    """English words found in a text meant to be in another language (kept names and addresses removed)."""
    text = URL.sub(" ", text)
    for name in KEPT_NAMES:
        text = text.replace(name, " ")
    return [word for word in re.findall(r"[A-Za-z]+", text) if word.lower() in ENGLISH_ONLY]


def _latin_runs(text: str) -> list[str]:
    """Runs of three or more Latin words in a text that is not written in Latin letters."""
    text = URL.sub(" ", text)
    for name in KEPT_NAMES:
        text = text.replace(name, " ")
    return re.findall(r"[A-Za-z][\w'-]*(?:[ ,:]+[A-Za-z][\w'-]*){2,}", text)


def test_the_leftover_checks_find_english() -> None:
    assert _english_left_over("Au titre de la résolution 2/2, the draft was prepared")
    assert _latin_runs("根据第 2/2 号决议，Global publication on slum upgrading")
    assert not _english_left_over("La plateforme Our City Plans d'ONU-Habitat, https://unhabitat.org/the-and-of")
    assert not _latin_runs("منصة UN-Habitat Learn وVibeLab")


@pytest.mark.parametrize(("record_id", "texts", "fields"), RECORDS, ids=IDS)
def test_no_english_is_left_in_the_other_languages(
    record_id: str, texts: dict[str, dict[str, str]], fields: tuple[str, ...]
) -> None:
    for language in set(LANGUAGES) - {"en"}:
        for field in fields:
            text = texts[language][field]
            assert not _english_left_over(text), f"{record_id} {language} {field}: {_english_left_over(text)}"
            if language in ("ru", "zh", "ar"):
                assert not _latin_runs(text), f"{record_id} {language} {field}: {_latin_runs(text)}"


@pytest.mark.parametrize(("record_id", "texts", "fields"), RECORDS, ids=IDS)
def test_symbols_years_and_addresses_are_kept(
    record_id: str, texts: dict[str, dict[str, str]], fields: tuple[str, ...]
) -> None:
    source = next(iter(texts))
    for field in fields:
        original = texts[source][field]
        symbols = set(SYMBOL.findall(original)) | set(URL.findall(original))
        for language, values in texts.items():
            found = set(SYMBOL.findall(values[field])) | set(URL.findall(values[field]))
            assert symbols <= found, f"{record_id} {language} {field} lacks {sorted(symbols - found)}"


def _glossary() -> list[dict[str, str]]:
    return list(json.loads(resource_path("glossary", "terms.json").read_text(encoding="utf-8"))["terms"])


def test_every_glossary_term_has_six_languages_and_a_known_kind() -> None:
    terms = _glossary()
    assert len({term["id"] for term in terms}) == len(terms)
    for term in terms:
        assert term["kind"] in {"organization", "place", "body", "document"}, term["id"]
        for language in LANGUAGES:
            assert term.get(language, "").strip(), f"{term['id']} has no {language}"


def test_every_partner_contributor_and_city_of_the_demo_is_in_the_glossary() -> None:
    known = {term[language] for term in _glossary() for language in LANGUAGES}
    data = demo_data()
    names = {partner for item in data["activities"] for partner in item["partners"]}
    names |= {item["city"] for item in data["activities"] if item["city"]}
    names |= {item["contributor"] for item in data["funding"] if item.get("contributor")}
    assert len(names) > 20
    assert sorted(names - known) == []


def _markers(language: str) -> list[str]:
    """The marker a report in the language puts after a text left in each other language ("[en anglais]"), without
    white space (a line may break inside it)."""
    set_language(language)
    try:
        return [
            squeezed(_("[in {language}]").format(language=language_name(other, language)))
            for other in LANGUAGES
            if other != language
        ]
    finally:
        set_language("en")


def _reports(workspace: Path, folder: Path) -> dict[str, str]:
    assert cli.main(["report", str(workspace), "--kind", "progress", "--lang", "all", "-o", str(folder)]) == 0
    """The six progress reports' text, without white space."""
    return {language: squeezed(pdf_text(folder / f"progress-{language}.pdf")) for language in LANGUAGES}


@pytest.fixture(scope="module")
def demo_reports(_demo_master: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return _reports(_demo_master, tmp_path_factory.mktemp("demo-reports"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_progress_report_has_no_untranslated_text(demo_reports: dict[str, str], language: str) -> None:
    text = demo_reports[language]
    assert len(text) > 5000
    for marker in _markers(language):
        assert marker not in text, f"{marker} in the {language} progress report"


def test_a_text_entered_only_in_english_is_marked_in_every_other_report(
    _demo_master: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The positive control of the marker check: a new English-only activity prints as entered, marked."""
    workspace = tmp_path / "demo.habitat"
    shutil.copy(_demo_master, workspace)
    record = {
        "id": str(uuid.uuid4()),
        "office": "HQ",
        "resolutions": ["2/7"],
        "outcomes": [1],
        "title": "Housing profile of Kisumu",
        "description": "Entered in English only.",
        "status": "ongoing",
        "language": "en",
        "translations": {},
    }
    lines = tmp_path / "new.jsonl"
    lines.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert cli.main(["activities", "import", str(workspace), str(lines)]) == 0
    reports = _reports(workspace, tmp_path / "reports")
    for language in set(LANGUAGES) - {"en"}:
        english = _markers(language)[0]
        assert "HousingprofileofKisumu" + english in reports[language], language
    capsys.readouterr()
