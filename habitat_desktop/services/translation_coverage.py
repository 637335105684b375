"""How much of a report about to be printed is translated into its language, and which records are not."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from habitat_desktop.domain import document_texts, translation_status
from habitat_desktop.domain.models import Office, ResolutionStatus
from habitat_desktop.domain.translation_status import TranslationState
from habitat_desktop.services.reports import ReportKind, ReportOptions
from habitat_desktop.storage import report_documents, report_queries
from habitat_desktop.storage import workspace as storage


@dataclass
class Coverage:
    """The report's translatable texts (non-empty, written in another language), how many are translated."""

    language: str
    total: int = 0
    translated: int = 0
    missing_records: list[str] = field(default_factory=list)  # the records with a text that prints untranslated
    missing_by_source: dict[str, list[str]] = field(default_factory=dict)  # the same, by their source language

    @property
    def untranslated(self) -> int:
        return self.total - self.translated


def report_coverage(path: Path, kind: str, language: str, options: ReportOptions) -> Coverage:
    """The coverage of the report ``generate_report`` would print with the same arguments (one language)."""
    report_kind = ReportKind(kind)
    coverage = Coverage(language)
    with storage.opened(Path(path), read_only=True) as workspace, workspace.reading() as session:
        office = options.office.strip().upper() if options.office else None
        narrowed = office if report_kind != ReportKind.PROGRESS or office else None
        data = report_queries.gather(
            session, workspace.office, office=narrowed, since=options.since, until=options.until
        )
        activities = data.activities
        statuses = data.statuses
        if report_kind == ReportKind.RESOLUTION:
            activities = [a for a in activities if options.resolution in a.resolutions]
            statuses = [s for s in statuses if s.resolution_symbol == options.resolution]
        for activity in activities:
            _count(coverage, activity.id, "activity", activity, activity.language, activity.translations)
        keys = {(s.office, s.resolution_symbol, s.period) for s in statuses}
        query = select(ResolutionStatus).where(col(ResolutionStatus.deleted).is_(False))
        for status in session.exec(query):
            if (status.office, status.resolution_symbol, status.period) in keys:
                _count(coverage, status.id, "resolution_status", status, status.language, status.translations)
        if report_kind == ReportKind.PROGRESS:  # the report document's paragraphs and footnotes
            _count_document(coverage, session, options.document)
        if report_kind == ReportKind.OFFICE:  # the office report prints the office's name
            code = office or workspace.office
            for record in session.exec(select(Office).where(col(Office.code) == code, col(Office.deleted).is_(False))):
                _count(coverage, record.id, "office", record, record.language, record.translations)
    return coverage


def _count(
    coverage: Coverage, record_id: str, table: str, record: object, source_language: str, translations: dict
) -> None:
    sources = {name: str(getattr(record, name) or "") for name in translation_status.SOURCE_FIELDS[table]}
    found = translation_status.statuses(table, sources, source_language, translations, {}, (coverage.language,))
    for status in found:
        coverage.total += 1
        if status.state == TranslationState.MISSING:
            if record_id not in coverage.missing_records:
                coverage.missing_records.append(record_id)
                coverage.missing_by_source.setdefault(source_language, []).append(record_id)
        else:
            coverage.translated += 1


def _count_document(coverage: Coverage, session: Session, symbol: str | None) -> None:
    if symbol:
        document = report_documents.by_symbol(session, symbol)
    else:
        newest = report_documents.all_documents(session, "progress")
        document = newest[0] if newest else None
    if document is None:
        return
    for status in document_texts.statuses(
        document.sections, document.original_language, document.text_state, (coverage.language,)
    ):
        coverage.total += 1
        if status.state == TranslationState.MISSING:
            if document.id not in coverage.missing_records:
                coverage.missing_records.append(document.id)
                coverage.missing_by_source.setdefault(document.original_language, []).append(document.id)
        else:
            coverage.translated += 1
