"""Report documents: import, export, list (CLI and services), all-or-nothing validation, merging between offices."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from habitat_desktop.cli import main
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.domain.report_document import Run, markup_of, runs
from habitat_desktop.services import report_documents
from tests.merge_support import office_workspace, sync

FIXTURE = Path(__file__).parent / "data" / "progress_document.json"


def fixture() -> dict[str, Any]:
    return dict(json.loads(FIXTURE.read_text(encoding="utf-8")))


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_document_imported_then_exported_comes_back_as_written(tmp_path: Path, capsys: Any) -> None:
    workspace = office_workspace(tmp_path / "hq.habitat", "HQ", kind="headquarters")
    assert main(["documents", "import", str(workspace), str(FIXTURE)]) == 0
    assert main(["documents", "list", str(workspace), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert [(d["symbol"], d["date"], d["kind"]) for d in listed] == [("HSP/OECPR.2025/4", "2025-03-03", "progress")]
    out = tmp_path / "doc.json"
    assert main(["documents", "export", str(workspace), "HSP/OECPR.2025/4", "-o", str(out)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    original = fixture()
    assert exported["meeting"]["start"] == "2025-05-26" and exported["agenda_item"]["number"] == "5"
    assert [s["key"] for s in exported["sections"]] == [s["key"] for s in original["sections"]]
    assert exported["sections"][4]["footnotes"] == original["sections"][4]["footnotes"]
    assert exported["title"]["zh"] == original["title"]["zh"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(date="3 March 2025"), "date"),
        (lambda d: d["sections"][0].update(key="chapter_9"), "sections[0].key"),
        (
            lambda d: d["sections"][0]["paragraphs"][0]["text"].update(zh="见[^fn-missing]"),
            "sections[0].paragraphs[0].text.zh",
        ),
        (lambda d: d["meeting"].update(end="2025-05-01"), "meeting.end"),
        (lambda d: d["sections"][3]["footnotes"][0].update(id="fn-ug!"), "sections[3].footnotes[0].id"),
        (lambda d: d.update(symbol=""), "symbol"),
    ],
)
def test_a_bad_document_file_is_refused_naming_the_field_and_nothing_changes(
    tmp_path: Path, change: Any, field: str
) -> None:
    workspace = office_workspace(tmp_path / "hq.habitat", "HQ", kind="headquarters")
    report_documents.import_document(workspace, FIXTURE)
    before = report_documents.load_document(workspace)
    bad = fixture()
    bad["sections"][0]["paragraphs"][0]["text"]["en"] = "changed"
    change(bad)
    with pytest.raises(ValidationError) as raised:
        report_documents.import_document(workspace, write(tmp_path / "bad.json", bad))
    assert raised.value.field == field and raised.value.source == "bad.json"
    assert report_documents.load_document(workspace) == before


def test_saving_over_a_change_not_seen_is_refused(tmp_path: Path) -> None:
    workspace = office_workspace(tmp_path / "hq.habitat", "HQ", kind="headquarters")
    report_documents.import_document(workspace, FIXTURE)
    loaded = report_documents.load_document(workspace)
    assert loaded is not None
    data, version = loaded
    edited = copy.deepcopy(data)
    edited["title"]["en"] = "First edit"
    report_documents.save_document(workspace, edited, version)
    edited["title"]["en"] = "Second edit from the stale copy"
    with pytest.raises(report_documents.StaleDocumentError):
        report_documents.save_document(workspace, edited, version)
    again = report_documents.load_document(workspace)
    assert again is not None and again[0]["title"]["en"] == "First edit"


def test_a_document_travels_in_an_export_and_merges_field_by_field(tmp_path: Path) -> None:
    hq = office_workspace(tmp_path / "hq.habitat", "HQ", kind="headquarters")
    region = office_workspace(tmp_path / "roaf.habitat", "ROAF", kind="regional")
    report_documents.import_document(hq, FIXTURE)
    result = sync(hq, region, tmp_path)
    assert result.totals.added == 2  # the office record and the document
    merged = report_documents.load_document(region)
    assert merged is not None and merged[0]["symbol"] == "HSP/OECPR.2025/4"
    data, version = merged
    data["title"]["fr"] = "Titre revu par la région"
    report_documents.save_document(region, data, version)
    back = sync(region, hq, tmp_path, "back.habx")
    assert back.totals.updated == 1
    at_hq = report_documents.load_document(hq)
    assert at_hq is not None and at_hq[0]["title"]["fr"] == "Titre revu par la région"


text_runs = st.lists(
    st.one_of(
        st.builds(Run, st.text(alphabet="ab *[]^\\中{}", min_size=1, max_size=8), st.booleans()),
        st.builds(lambda n: Run("", note=n), st.sampled_from(["fn-1", "fn-primer"])),
        st.builds(
            lambda f, i: Run("", i, field=f),
            st.sampled_from(["count:activities", "funding:allocated resolution=2/6"]),
            st.booleans(),
        ),
    ),
    max_size=6,
)


@given(text_runs)
def test_markup_written_from_runs_reads_back_as_the_same_text(parts: list[Run]) -> None:
    read = runs(markup_of(parts))
    assert "".join(r.text for r in read) == "".join(r.text for r in parts)
    assert [r.note for r in read if r.note] == [r.note for r in parts if r.note]
    assert [(r.field, r.italic) for r in read if r.field] == [(r.field, r.italic) for r in parts if r.field]
    assert "".join(r.text for r in read if r.italic) == "".join(r.text for r in parts if r.italic)


def test_a_workspace_at_the_previous_revision_gains_report_documents(tmp_path: Path) -> None:
    import sqlite3

    from habitat_desktop.storage import schema
    from habitat_desktop.storage.engine import APPLICATION_ID, make_engine

    path = tmp_path / "old.habitat"
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA application_id={APPLICATION_ID}")
    engine = make_engine(path)
    with engine.begin() as connection:
        schema.upgrade(connection, "0004")
        connection.exec_driver_sql(
            "INSERT INTO workspace_setting (key, value) VALUES ('workspace_id', 'w'), ('office', 'HQ'), "
            "('clock', '0'), ('app_version', '0.0.1')"
        )
        assert "report_document" not in {
            row[0] for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    engine.dispose()
    report_documents.import_document(path, FIXTURE)  # opening it for writing upgrades it (after a backup)
    assert [d.symbol for d in report_documents.list_documents(path)] == ["HSP/OECPR.2025/4"]
