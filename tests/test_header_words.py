"""A sheet's headers in any of the six languages, as offices type them (the catalog's label or a common word, whatever
the case, accents or spaces), each naming one field; two columns naming one field are reported, never merged."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from habitat_desktop.exchange.column_labels import (
    LABELLED_FIELDS,
    SPREADSHEET_FIELDS,
    HeaderWord,
    ambiguous_headers,
    code_of,
    field_for_header,
    header_index,
    header_words,
    sheet_language,
)
from habitat_desktop.exchange.spreadsheet_reading import read_layout
from habitat_desktop.l10n import LANGUAGES, use_language


def _typed_otherwise(word: str) -> list[str]:
    """The ways a person types a header: capitals, no accents (nor Arabic short vowels), spaces around and doubled,
    underscores or hyphens for spaces, a closing colon."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return [word, word.upper(), word.lower(), bare, f"  {word} ", word.replace(" ", "  "), word.replace(" ", "_"),
            word.replace(" ", "-"), f"{word}:"]  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_word_of_a_language_names_its_field_however_it_is_typed(language: str) -> None:
    for field, words in header_words(language).items():
        for word in words:
            for typed in _typed_otherwise(word):
                assert field_for_header(typed) == field, (language, typed)


def test_no_header_word_names_two_fields_in_any_language() -> None:
    """A word two fields claim (in one language or across two) would name neither: none does."""
    assert ambiguous_headers() == []
    for language in LANGUAGES:
        for field, words in header_words(language).items():
            for word in words:
                found = field_for_header(word)
                assert found == field, f"{language} {word!r} names {found!r}, not {field!r}"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("État", "status"), ("Etat", "status"), ("ÉTAT", "status"), ("Statut", "status"),
        ("Date de début", "start_date"), ("Début", "start_date"), ("date de debut", "start_date"),
        ("Estado", "status"), ("Fecha de inicio", "start_date"),
        ("Статус", "status"), ("Состояние", "status"), ("Партнёры", "partners"), ("Партнеры", "partners"),
        ("الحالة", "status"), ("حالة", "status"), ("المعرِّف", "id"), ("المعرف", "id"), ("状态", "status"),
        ("开始日期", "start_date"), ("start_date", "start_date"), ("Start Date", "start_date"),
        ("Date d’échéance", "end_date"), ("Date d'échéance", "end_date"),  # Word's apostrophe as typed by hand
        ("Partenaires d’exécution", "partners"), ("Intitulé de l’activité", "title"),
    ],
)  # fmt: skip
def test_the_words_offices_use(header: str, field: str) -> None:
    assert field_for_header(header) == field


def test_unknown_headers_name_no_field() -> None:
    for header in ("Name", "Nom", "Date", "Notes", "", None):
        assert field_for_header(header) is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_two_columns_naming_one_field_are_reported_in_every_language(language: str, tmp_path: Path) -> None:
    """A sheet with both the label and another word for a field: the second column is an error, not a silent merge."""
    for field, words in header_words(language).items():
        if field not in SPREADSHEET_FIELDS or len(words) < 2:
            continue
        sheet = tmp_path / f"{language}-{field}.csv"
        sheet.write_text(f'"{words[0]}","{words[1]}"\n', encoding="utf-8")
        layout = read_layout(sheet)
        assert layout.fields == (field, field)
        problems = layout.problems()
        assert [(p.row, p.column, p.field) for p in problems] == [(1, "B", field)], (language, words)
        assert "A" in problems[0].reason


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_sheet_in_one_language_maps_each_column_to_its_own_field(language: str, tmp_path: Path) -> None:
    words = header_words(language)
    headers = [words[field][-1] for field in SPREADSHEET_FIELDS]  # the last word: a common one where there is one
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(",".join(f'"{h}"' for h in headers) + "\n", encoding="utf-8")
    layout = read_layout(sheet)
    assert layout.fields == SPREADSHEET_FIELDS
    assert layout.problems() == []
    assert layout.language == language


def test_the_language_of_a_sheet_is_the_one_most_headers_are_in() -> None:
    assert sheet_language(["Nom", "Résolutions", "Résultats", "État", "Début"]) == "fr"
    assert sheet_language(["العنوان", "الحالة", "Description"]) == "ar"
    assert sheet_language(["title", "status", "start_date", "Name"]) is None  # keys: the window's language is used
    assert sheet_language(["Title", "Status", "Start date"]) == "en"
    with use_language("fr"):
        assert sheet_language(["Description"]) == "fr"  # English and French alike: the window's language
    with use_language("ar"):
        assert sheet_language(["Description"]) == "en"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_label_of_a_status_or_kind_means_its_own_code_however_it_is_typed(language: str) -> None:
    for field, choices in LABELLED_FIELDS.items():
        with use_language(language):
            labels = {member.value: member.label() for member in choices}
        for code, label in labels.items():
            for typed in _typed_otherwise(label):
                assert code_of(field, typed) == code, (language, field, typed)
            assert code_of(field, code.upper()) == code
        assert code_of(field, "no such thing") is None


def test_a_word_two_fields_claim_names_neither() -> None:
    """Were a word added for two fields (here "Lieu" for the city in French and the country in Spanish), it would be
    left to the person mapping the columns rather than guessed; the labels keep their fields."""
    index = header_index({"fr": {"city": ("Lieu",)}, "es": {"country": ("Lieu",)}, "en": {"title": ("Activity",)}})
    assert index["lieu"] == HeaderWord(None, frozenset({"fr", "es"}))
    assert index["activity"] == HeaderWord("title", frozenset({"en"}))
    assert index["ville"].field == "city" and index["pais"].field == "country"


def test_a_list_of_choices_reads_as_spanish_and_chinese_write_it() -> None:
    from habitat_desktop.exchange.column_labels import unknown_choice

    with use_language("es"):
        kinds = unknown_choice("product_kind", "x", "es")
        statuses = unknown_choice("status", "x", "es")
    assert kinds.endswith("«Proyecto» u «Otro»")  # "o" is "u" before an o sound
    assert statuses.endswith("«Estancada» o «Cancelada»")
    with use_language("zh"):
        listed = unknown_choice("status", "x", "zh")
    assert listed.endswith("应为“已计划”“进行中”“已完成”“停滞”或“已取消”")  # no 顿号 between quoted items
