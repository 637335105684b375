"""The demo workspace: headquarters, as if merged from the offices' exports, holding the facts of HSP/OECPR.2025/4."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from habitat_desktop.domain import rules
from habitat_desktop.domain.activity import Context, parse_activity
from habitat_desktop.domain.enums import FundingSituation, FundingSource, FundingStage, ImplementationStatus
from habitat_desktop.domain.models import Funding, Office, ResolutionStatus
from habitat_desktop.domain.report_document import parse_document
from habitat_desktop.resources import resource_path
from habitat_desktop.storage import activity_store, report_documents
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.catalog_queries import operative_paragraph_ids, resolution_symbols
from habitat_desktop.storage.recorder import Recorder
from habitat_desktop.storage.workspace import Workspace


def demo_data() -> dict[str, Any]:
    return dict(json.loads(resource_path("demo", "demo.json").read_text(encoding="utf-8")))


def create_demo(path: Path) -> Workspace:
    """Create the demo workspace at a path; each record is entered by the office the report implies."""
    data = demo_data()
    home = next(o for o in data["offices"] if o["code"] == data["workspace_office"])
    workspace = storage.create(Path(path), office=home["code"])
    with workspace.transaction() as session:
        recorders: dict[str, Recorder] = {}

        def recorder(office: str) -> Recorder:
            if office not in recorders:
                recorders[office] = Recorder(session, office, author="demo")
            return recorders[office]

        for office in data["offices"]:
            recorder(office["code"]).create(
                Office,
                {
                    "code": office["code"],
                    "name": office["name"],
                    "country": office["country"],
                    "kind": office["kind"],
                    "language": office.get("language", "en"),
                    "translations": office.get("translations", {}),
                },
            )
        session.flush()
        context = Context(
            own_office=home["code"],
            offices=frozenset(o["code"] for o in data["offices"]),
            resolutions=frozenset(resolution_symbols(session)),
            operative_paragraphs=frozenset(operative_paragraph_ids(session)),
        )
        for item in data["activities"]:
            fields = parse_activity(item, context)
            activity_store.save(recorder(fields.office), fields, item["id"])
        for item in data["funding"]:
            recorder(item["office"]).create(Funding, _funding_fields(item), record_id=item["id"])
        for item in data["resolution_statuses"]:
            recorder(item["office"]).create(ResolutionStatus, _status_fields(item), record_id=item["id"])
        document = demo_document()
        if document is not None:
            report_documents.save(recorder(home["code"]), parse_document(document), None)
    return workspace


def demo_document() -> dict[str, Any] | None:
    """The demo's progress report (HSP/OECPR.2025/4) in the shared document form, when the package ships it."""
    path = resource_path("demo", "progress_document.json")
    if not path.is_file():
        return None
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _funding_fields(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "office": item["office"],
        "activity_id": item.get("activity"),
        "resolution_symbol": item.get("resolution"),
        "amount": rules.amount(item["amount"]),
        "currency": rules.currency(item["currency"]),
        "source": FundingSource.parse(item["source"], "source").value,
        "contributor": rules.text(item.get("contributor"), "contributor"),
        "date": rules.iso_date(item.get("date"), "date"),
        "stage": FundingStage.parse(item["stage"], "stage").value,
    }


def _status_fields(item: dict[str, Any]) -> dict[str, Any]:
    situation = item.get("funding_situation")
    return {
        "office": item["office"],
        "resolution_symbol": item["resolution"],
        "period": item["period"],
        "implementation_status": ImplementationStatus.parse(
            item["implementation_status"], "implementation_status"
        ).value,
        "resources_required": rules.amount(item["resources_required"])
        if item.get("resources_required") is not None
        else None,
        "resources_mobilized": rules.amount(item["resources_mobilized"])
        if item.get("resources_mobilized") is not None
        else None,
        "currency": rules.currency(item.get("currency") or "USD"),
        "funding_situation": FundingSituation.parse(situation, "funding_situation").value if situation else None,
        "narrative": rules.text(item.get("narrative"), "narrative", limit=rules.MAX_LONG_TEXT),
        "language": rules.language(item.get("language") or "en"),
        "translations": item.get("translations") or {},
    }
