"""What the sheet import says: an unknown status or kind names the labels of the sheet's language (else the window's),
and its counted messages read naturally in Arabic's six plural forms and Russian's three."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from habitat_desktop.exchange.column_labels import column_labels
from habitat_desktop.l10n import _, ngettext, use_language
from habitat_desktop.services import spreadsheets, workspaces

ROOT = Path(__file__).resolve().parents[1] / "habitat_desktop"
SHEET_MODULES = ("ui/import_wizard.py", "exchange/spreadsheet_problems.py", "exchange/spreadsheet_reading.py",
                 "exchange/spreadsheet_safety.py", "exchange/csv_reading.py")  # fmt: skip


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "kenya.habitat"
    workspaces.create_workspace(path, office="KEN", office_name="UN-Habitat Kenya", country="KE").close()
    return path


def _reasons(workspace: Path, sheet: Path, text: str) -> dict[str, str]:
    sheet.write_text(text, encoding="utf-8")
    check = spreadsheets.check_spreadsheet(workspace, sheet)
    return {problem.column: problem.reason for problem in check.problems}


FRENCH = (
    'Titre;Résolutions;Résultats;État;Début;Domaines prioritaires\nAtelier;2/7;1;Lancée;2026-01-05;"Logement; Mer"\n'
)


def test_an_unknown_status_names_the_french_labels_of_a_french_sheet_in_an_english_window(workspace, tmp_path):
    reasons = _reasons(workspace, tmp_path / "plan.csv", FRENCH.replace('"Logement; Mer"', "Logement"))
    assert list(reasons) == ["D"]
    assert reasons["D"] == (
        "unknown value “Lancée”; expected “Prévue”, “En cours”, “Achevée”, “Au point mort” or “Annulée”"
    )


def test_the_french_window_says_it_the_french_way(workspace, tmp_path):
    with use_language("fr"):
        reasons = _reasons(workspace, tmp_path / "plan.csv", FRENCH.replace('"Logement; Mer"', "Logement"))
    nb = "\u202f"
    assert reasons["D"] == (
        f"valeur inconnue «{nb}Lancée{nb}»{nb}; valeurs possibles{nb}: «{nb}Prévue{nb}», «{nb}En cours{nb}», "
        f"«{nb}Achevée{nb}», «{nb}Au point mort{nb}» ou «{nb}Annulée{nb}»"
    )


def test_an_unknown_item_of_a_list_names_the_labels_too(workspace, tmp_path):
    reasons = _reasons(workspace, tmp_path / "plan.csv", FRENCH.replace("Lancée", "En cours"))
    assert "“Mer”" in reasons["F"] and "“Logement”, “Terre” or “Services de base”" in reasons["F"]


def test_keys_as_headers_name_the_labels_of_the_window_language(workspace, tmp_path):
    with use_language("ar"):
        reasons = _reasons(
            workspace, tmp_path / "plan.csv", "title,resolutions,outcomes,status\nورشة,2/7,1,قيد التنفيذ\n"
        )
    assert reasons["D"].startswith("قيمة غير معروفة «قيد التنفيذ»؛")
    assert "«مخطط له» أو «جارٍ» أو «مكتمل» أو «متوقف» أو «ملغى»" in reasons["D"]
    assert "planned" not in reasons["D"]


def test_labels_of_any_language_and_without_accents_are_read(workspace, tmp_path):
    sheet = tmp_path / "plan.csv"
    sheet.write_text(
        "Titre;Résolutions;Résultats;Etat\nA;2/7;1;prevue\nB;2/7;1;Ongoing\nC;2/7;1;جارٍ\n", encoding="utf-8"
    )
    check = spreadsheets.check_spreadsheet(workspace, sheet)
    assert check.total_problems == 0
    assert [row.record["status"] for row in check.rows] == ["planned", "ongoing", "ongoing"]


def _sheet_plurals() -> list[tuple[str, str]]:
    found = []
    for module in SHEET_MODULES:
        for _line, message, _comments, _context in extract_from_file(
            "python", str(ROOT / module), keywords={"ngettext": (1, 2)}
        ):
            if isinstance(message, tuple):
                found.append(message)
    return found


def _said(message: tuple[str, str], n: int) -> str:
    return ngettext(*message, n).format(count=n, source="plan.xlsx")


def test_every_counted_message_of_the_sheet_import_is_found() -> None:
    singulars = {singular for singular, _plural in _sheet_plurals()}
    assert {"{count} row read.", "… and {count} more", "{source}: {count} invalid cell; nothing was imported:"} <= (
        singulars
    )
    assert len(singulars) >= 8


@pytest.mark.parametrize("n", [1, 2])
def test_no_arabic_one_or_two_is_followed_by_the_number_in_brackets(n: int) -> None:
    """Arabic says one and two in words ("صف واحد", "صفان"): "صفان (2)" reads as a mistake."""
    with use_language("ar"):
        said = {message[0]: _said(message, n) for message in _sheet_plurals()}
    assert not [text for text in said.values() if f"({n})" in text], said
    assert all(message != text for message, text in said.items())  # translated


@pytest.mark.parametrize(
    ("n", "read", "invalid"),
    [
        (0, "لم يُقرأ أي صف.", None),
        (1, "قُرئ صف واحد.", "خلية واحدة غير صالحة مُعلَّمة أدناه."),
        (2, "قُرئ صفان.", "خليتان غير صالحتين مُعلَّمتان أدناه."),
        (3, "قُرئت 3 صفوف.", "3 خلايا غير صالحة"),
        (11, "قُرئ 11 صفاً.", "11 خليةً غير صالحة"),
        (100, "قُرئ 100 صف.", "100 خلية غير صالحة"),
    ],
)
def test_the_arabic_summary_takes_its_six_forms(n: int, read: str, invalid: str | None) -> None:
    with use_language("ar"):
        assert ngettext("{count} row read.", "{count} rows read.", n).format(count=n) == read
        fix = ngettext(
            "{count} invalid cell is marked below. Fix it in the CSV file and check again: nothing is imported while "
            "a cell is invalid.",
            "{count} invalid cells are marked below. Fix them in the CSV file and check again: nothing is imported "
            "while a cell is invalid.",
            n,
        ).format(count=n)
    if invalid:
        assert fix.startswith(invalid) and "ملف CSV" in fix and "المصنف" not in fix


@pytest.mark.parametrize(
    ("n", "read"), [(1, "Прочитана 1 строка."), (3, "Прочитаны 3 строки."), (5, "Прочитано 5 строк."),
                    (21, "Прочитана 21 строка."), (112, "Прочитано 112 строк.")],
)  # fmt: skip
def test_the_russian_summary_takes_its_three_forms(n: int, read: str) -> None:
    with use_language("ru"):
        assert ngettext("{count} row read.", "{count} rows read.", n).format(count=n) == read
        said = [_said(message, n) for message in _sheet_plurals()]
    assert all("{" not in text for text in said)


@pytest.mark.parametrize("language", ["ar", "en", "es", "fr", "ru", "zh"])
def test_the_mapping_table_headings_are_not_field_names(language: str) -> None:
    # the mapping step lists each column's header beside the field it is read into: a heading "Header" worded as
    # the field "Title" (العنوان, 标题) reads as if every header were a title
    with use_language(language):
        headings = {_("Column"), _("Header"), _("Field")}
        fields = set(column_labels(language).values())
    assert not headings & fields, headings & fields


@pytest.mark.parametrize(
    ("language", "date", "symbol"),
    [
        ("en", "not a date: “soon”", "unknown value “9/9”"),
        ("fr", "pas une date\u202f: «\u202fsoon\u202f»", "valeur inconnue «\u202f9/9\u202f»"),
        ("ar", "ليس تاريخاً: «soon»", "قيمة غير معروفة «9/9»"),
        ("zh", "不是日期：“soon”", "未知值 “9/9”"),
    ],
)
def test_a_refused_value_is_quoted_as_the_window_s_language_quotes(workspace, tmp_path, language, date, symbol):
    # not Python's '9/9' beside the labels' “Prévue”: one way of quoting in each line of the preview
    with use_language(language):
        reasons = _reasons(workspace, tmp_path / "plan.csv", "title,resolutions,outcomes,start_date\nA,9/9,1,soon\n")
    assert reasons["B"].startswith(symbol) and reasons["D"].startswith(date), reasons
