"""CSV files as offices save them (Excel, LibreOffice, Google Sheets) imported like an Excel sheet: headers by key or
label in any language, `;` or tab separators, a byte order mark, UTF-16, lists as `2/7; 2/2`, every invalid cell named
by row and column with nothing stored; our own CSV exports still import to the same activities."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from habitat_desktop.exchange.column_labels import column_labels, label_for_code
from habitat_desktop.exchange.csv_reading import encoding_of, separator_of
from habitat_desktop.services import activities

FIELDS = ["title", "resolutions", "outcomes", "status", "start_date", "country", "partners"]


def _write(path: Path, rows: list[list[str]], separator: str, encoding: str = "utf-8", bom: bool = False) -> Path:
    """A CSV as a spreadsheet writes it: quoted where needed, CR LF line ends."""
    out = io.StringIO()
    csv.writer(out, delimiter=separator, lineterminator="\r\n").writerows(rows)
    data = out.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def _records(workspace: Path) -> list[dict[str, object]]:
    return sorted(activities.iter_records(workspace), key=lambda record: str(record["title"]))


def _localized_rows(language: str) -> list[list[str]]:
    labels = column_labels(language)
    ongoing = label_for_code("status", "ongoing", language)
    planned = label_for_code("status", "planned", language)
    return [
        [labels[name] for name in FIELDS],
        ["Atelier foncier; Mombasa", "2/7; 2/2", "1; 3", ongoing, "2026-03-01", "KE", "ONU-Femmes; Mairie"],
        ["Deux lignes\r\nde titre", "2/2", "3", planned, "2026-04-01", "KE", ""],
    ]


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_semicolon_csv_with_localized_headers_and_a_bom_is_imported(
    language: str, workspace_path: Path, tmp_path: Path, run_cli
) -> None:
    source = _write(tmp_path / f"plan-{language}.csv", _localized_rows(language), ";", bom=True)
    result = run_cli("activities", "import", workspace_path, source)
    assert result.code == 0, result.err
    assert result.out.strip() == "2 added, 0 updated, 0 unchanged, 0 deleted"
    first, second = _records(workspace_path)
    assert first["title"] == "Atelier foncier; Mombasa"
    assert first["resolutions"] == ["2/2", "2/7"]
    assert first["outcomes"] == [1, 3] and first["status"] == "ongoing" and first["start_date"] == "2026-03-01"
    assert first["partners"] == ["ONU-Femmes", "Mairie"]
    assert second["title"] == "Deux lignes\r\nde titre"  # a quoted line break, kept as the cell holds it
    assert second["status"] == "planned" and second["outcomes"] == [3]


def test_the_issue_file_names_each_invalid_cell_and_stores_nothing(
    workspace_path: Path, tmp_path: Path, run_cli
) -> None:
    source = tmp_path / "bad-import.csv"
    source.write_text(
        "title,resolutions,outcomes,status,start_date,country\n"
        "Housing survey in Mombasa,2/7,1,ongoing,2026-03-01,KE\n"
        "Land tenure training,9/9,2,ongoing,2026-02-30,KE\n",
        encoding="utf-8",
    )
    result = run_cli("activities", "import", workspace_path, source)
    assert result.code == 1 and "Traceback" not in result.err
    assert "bad-import.csv: 2 invalid cells; nothing was imported" in result.err
    assert "\n  row 3, column B (Resolutions)" in result.err and "“9/9”" in result.err  # a CSV file has no sheet
    assert "sheet" not in result.err
    assert "row 3, column E (Start date)" in result.err and "2026-02-30" in result.err
    assert "JSON" not in result.err
    assert _records(workspace_path) == []

    source.write_text(source.read_text(encoding="utf-8").replace("9/9", "2/2").replace("02-30", "02-28"))
    fixed = run_cli("activities", "import", workspace_path, source)
    assert fixed.code == 0, fixed.err
    assert [record["resolutions"] for record in _records(workspace_path)] == [["2/7"], ["2/2"]]


def test_excel_unicode_text_is_utf16_with_tabs(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    rows = [["Titre", "Résolutions", "Résultats"], ["Формирование потенциала", "2/7", "2"]]
    source = _write(tmp_path / "unicode.csv", rows, "\t", encoding="utf-16")  # with its byte order mark
    result = run_cli("activities", "import", workspace_path, source)
    assert result.code == 0, result.err
    assert [(r["title"], r["outcomes"]) for r in _records(workspace_path)] == [("Формирование потенциала", [2])]


def test_a_file_in_another_encoding_is_refused_with_what_to_do(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    source = tmp_path / "café.csv"
    source.write_bytes("title;resolutions;outcomes\r\nFormation à Abidjan;2/7;1\r\n".encode("cp1252"))
    result = run_cli("activities", "import", workspace_path, source)
    assert result.code == 1 and "Traceback" not in result.err
    assert "café.csv" in result.err and "UTF-8" in result.err and "save it again" in result.err
    assert _records(workspace_path) == []


def test_a_row_with_more_cells_than_the_header_is_refused(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    source = tmp_path / "shifted.csv"
    source.write_text("title;resolutions;outcomes\nAtelier; foncier;2/7;1\n", encoding="utf-8")
    result = run_cli("activities", "import", workspace_path, source)
    assert result.code == 1 and "\n  row 2: more cells than columns" in result.err
    assert _records(workspace_path) == []


def test_our_own_csv_export_imports_to_the_same_activities(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    records = [
        {
            "resolutions": ["2/7", "2/2"],
            "outcomes": [2, 4],
            "title": title,
            "description": title + " — description",
            "status": "completed",
            "start_date": "2024-04-01",
            "end_date": "2024-06-30",
            "country": "KE",
            "city": "Nakuru",
            "partners": ["a; b", "County, Nakuru"],
            "language": "en",
            "translations": {"fr": {"title": title + " (fr)", "description": ""}},
        }
        for title in ("=SUM(A1:A9)", "-5 and +3 @home", "first line\nsecond", "a;b,c\tcolumns", "'quoted", "2026")
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert run_cli("activities", "import", workspace_path, source).code == 0
    exported = tmp_path / "out.csv"
    assert run_cli("activities", "export", workspace_path, "-o", exported).code == 0

    other = tmp_path / "other.habitat"
    assert run_cli("init", other, "--office", "KEN", "--office-name", "Kenya", "--country", "KE").code == 0
    result = run_cli("activities", "import", other, exported)
    assert result.code == 0, result.err
    kept = ("id", "office", *records[0].keys())
    assert [{k: r[k] for k in kept} for r in _records(other)] == [
        {k: r[k] for k in kept} for r in _records(workspace_path)
    ]
    again = run_cli("activities", "import", workspace_path, exported)
    assert again.out.strip() == "0 added, 0 updated, 6 unchanged, 0 deleted"


def test_a_csv_with_a_deleted_column_still_deletes(workspace_path: Path, tmp_path: Path, run_cli) -> None:
    source = tmp_path / "add.csv"
    source.write_text("title,resolutions,outcomes\nTo go,2/7,1\n", encoding="utf-8")
    assert run_cli("activities", "import", workspace_path, source).code == 0
    (record,) = _records(workspace_path)
    deletion = tmp_path / "delete.csv"
    deletion.write_text(f"id,deleted\n{record['id']},true\n", encoding="utf-8")
    result = run_cli("activities", "import", workspace_path, deletion)
    assert result.out.strip() == "0 added, 0 updated, 0 unchanged, 1 deleted", result.err


def test_encoding_and_separator_are_found_from_the_file() -> None:
    assert encoding_of(b"\xef\xbb\xbftitle") == "utf-8-sig"
    assert encoding_of("title\tx".encode("utf-16")) == "utf-16"
    assert encoding_of("title\tx".encode("utf-16-le")) == "utf-16-le"
    assert encoding_of("title\tx".encode("utf-16-be")) == "utf-16-be"
    assert encoding_of("Résolutions".encode()) == "utf-8"
    assert separator_of("Titre;Résolutions;Date de début\r\n") == ";"
    assert separator_of('"Title, with comma";resolutions\n') == ";"
    assert separator_of("title\tresolutions\n") == "\t"
    assert separator_of("title,resolutions\n") == ","
    assert separator_of("title\n") == ","
