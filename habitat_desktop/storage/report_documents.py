"""Reading and writing the report documents a workspace holds (through the Recorder, so they merge)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from habitat_desktop.domain import document_texts
from habitat_desktop.domain.models import ReportDocument
from habitat_desktop.domain.report_document import DOCUMENT_FIELDS
from habitat_desktop.storage.recorder import Recorder


def all_documents(session: Session, kind: str | None = None) -> list[ReportDocument]:
    """The documents not deleted, newest first (by document date, then by symbol)."""
    query = select(ReportDocument).where(col(ReportDocument.deleted).is_(False))
    if kind is not None:
        query = query.where(col(ReportDocument.kind) == kind)
    found = list(session.scalars(query))
    return sorted(found, key=lambda d: (d.document_date is not None, d.document_date, d.period, d.symbol), reverse=True)


def by_symbol(session: Session, symbol: str, *, with_deleted: bool = False) -> ReportDocument | None:
    query = select(ReportDocument).where(col(ReportDocument.symbol) == symbol)
    if not with_deleted:
        query = query.where(col(ReportDocument.deleted).is_(False))
    return session.scalars(query.order_by(col(ReportDocument.deleted))).first()


def fields_of(document: ReportDocument) -> dict[str, Any]:
    """A document's fields, as ``parse_document`` returns them."""
    return {name: getattr(document, name) for name in DOCUMENT_FIELDS}


def save(recorder: Recorder, fields: dict[str, Any], existing: ReportDocument | None) -> ReportDocument:
    """Create the document, or change the fields that differ (a deleted one is restored)."""
    if existing is None:
        return recorder.create(ReportDocument, {"office": recorder.office, **fields})
    fields = {
        **fields,
        "text_state": document_texts.refreshed(  # translations outdated by a changed source
            existing.sections,
            fields.get("sections", existing.sections),
            fields.get("original_language", existing.original_language),
            existing.text_state,
            recorder.stamp(),
        ),
    }
    recorder.update(existing, fields)
    if existing.deleted:
        recorder.restore(existing)
    return existing
