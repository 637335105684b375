"""One description of an activity's fields (domain/activity_fields.py) drives the form, the checks, exports and imports:
every described field, and nothing else, shows in each of them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from habitat_desktop.domain.activity import parse_activity
from habitat_desktop.domain.activity_fields import ACTIVITY_FIELDS
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.services import activities, activity_editing, spreadsheets
from habitat_desktop.services.workspaces import opened

DESCRIBED = {spec.key for spec in ACTIVITY_FIELDS}
METADATA = {"created_by", "changed_by", "updated_at", "version"}


def _one_activity(path: Path) -> str:
    with opened(path) as workspace:
        return activity_editing.save_activity(
            workspace,
            None,
            {"title": "Workshop", "resolutions": ["2/7"], "outcomes": [2], "start_date": "2026-01-05"},
        )


def test_json_and_csv_exports_carry_every_described_field(workspace_path: Path) -> None:
    _one_activity(workspace_path)
    out = io.StringIO()
    activities.export_activities(workspace_path, out, activities.FileFormat.JSONL)
    (record,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert set(record) - METADATA - {"id"} == DESCRIBED
    out = io.StringIO()
    activities.export_activities(workspace_path, out, activities.FileFormat.CSV)
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert set(header) - METADATA - {"id"} == DESCRIBED
    assert header[1 : len(ACTIVITY_FIELDS) + 1] == [spec.key for spec in ACTIVITY_FIELDS]  # in the described order


def test_the_xlsx_export_and_its_import_know_every_described_field(workspace_path: Path, tmp_path: Path) -> None:
    _one_activity(workspace_path)
    sheet = tmp_path / "activities.xlsx"
    spreadsheets.export_spreadsheet(workspace_path, sheet, "fr")
    layout = spreadsheets.spreadsheet_layout(sheet)
    assert set(layout.fields) - METADATA - {"id"} == DESCRIBED  # each localized header is read back as its field
    assert {name for name, _label in spreadsheets.mappable_fields("fr")} == DESCRIBED | {"id"}
    labels = dict(zip(layout.fields, layout.headers, strict=True))
    from habitat_desktop.l10n import use_language

    with use_language("fr"):
        assert all(labels[spec.key] == spec.column() for spec in ACTIVITY_FIELDS)


def test_an_exported_line_imports_back_with_every_field(workspace_path: Path, tmp_path: Path) -> None:
    activity_id = _one_activity(workspace_path)
    out = io.StringIO()
    activities.export_activities(workspace_path, out, activities.FileFormat.JSONL)
    record = json.loads(out.getvalue())
    record.update(city="Nakuru", partners=["County of Nakuru"], translations={"fr": {"title": "Atelier"}})
    source = tmp_path / "edited.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    summary = activities.import_activities(workspace_path, source)
    assert summary.ids == [activity_id] and summary.updated == 1
    with opened(workspace_path) as workspace:
        draft = activity_editing.load_activity(workspace, activity_id)
    assert set(draft.values) == DESCRIBED
    assert draft.values["city"] == "Nakuru" and draft.values["translations"]["fr"]["title"] == "Atelier"


def test_each_required_field_is_refused_when_missing(workspace_path: Path) -> None:
    with opened(workspace_path) as workspace:
        context = activity_editing.validation_context(workspace)
    complete = {"title": "Workshop", "resolutions": ["2/7"], "outcomes": [2]}
    assert set(parse_activity(complete, context).as_dict()) == DESCRIBED
    required = [spec.key for spec in ACTIVITY_FIELDS if spec.required and not spec.default]
    assert set(required) == set(complete)
    for key in required:
        with pytest.raises(ValidationError) as refused:
            parse_activity({**complete, key: None}, context)
        assert refused.value.field == key
        problems = activity_editing.check_activity(context, {**complete, key: None})
        assert list(problems) == [key]


def test_the_form_shows_every_described_field_with_its_label(qtbot, qapp, demo_path: Path) -> None:
    pytest.importorskip("PySide6")
    from PySide6.QtWidgets import QLabel

    from habitat_desktop.services.workspaces import open_workspace
    from habitat_desktop.ui.main_window import MainWindow
    from tests.journey_support import click_row

    window = MainWindow(open_workspace(demo_path))
    qtbot.addWidget(window)
    window.show()
    click_row(qtbot, window.table, 0)
    qtbot.waitUntil(lambda: window.editor.activity_id() is not None, timeout=10_000)
    shown = {label.text() for label in window.editor.findChildren(QLabel) if label.buddy() is not None}
    assert {spec.label() for spec in ACTIVITY_FIELDS} <= shown
    assert set(window.editor.values()) == DESCRIBED  # what the form saves: every described field
    window.close()


def test_history_names_every_described_field_in_each_language() -> None:
    from habitat_desktop.l10n import LANGUAGES, use_language
    from habitat_desktop.services.history import field_label

    for language in LANGUAGES:
        with use_language(language):
            names = {spec.key: field_label(spec.key) for spec in ACTIVITY_FIELDS}
        assert all(name and name != key for key, name in names.items()), names
        if language != "en":
            assert names["title"] != "Title"
