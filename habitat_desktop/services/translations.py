"""Translations of a workspace's records: their states, editing and reviewing them, the XLIFF round trip."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from habitat_desktop.domain import glossary, rules, translation_status
from habitat_desktop.domain.errors import HabitatError, ValidationError
from habitat_desktop.domain.models import Activity, Office, ReportDocument, ResolutionStatus, Versioned
from habitat_desktop.domain.translation_status import TextStatus, TranslationState
from habitat_desktop.exchange import xliff
from habitat_desktop.l10n import LANGUAGES, _, ngettext, quoted_value
from habitat_desktop.services import document_translations as documents
from habitat_desktop.services import period_locks
from habitat_desktop.storage import activity_store, backups, glossary_store
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.recorder import Recorder
from habitat_desktop.storage.workspace import Workspace

__all__ = [
    "ImportSummary",
    "RecordText",
    "TranslationState",
    "export_xliff",
    "glossary_terms",
    "import_xliff",
    "mark_reviewed",
    "parse_states",
    "record_texts",
    "set_translation",
    "workspace_glossary",
]

_MODELS: dict[str, type[Versioned]] = {
    "activity": Activity,
    "resolution_status": ResolutionStatus,
    "office": Office,
    "report_document": ReportDocument,
}


def _language(record: Any) -> str:
    """The language a record's texts are written in."""
    return str(record.original_language if isinstance(record, ReportDocument) else record.language)


@dataclass(frozen=True)
class RecordText:
    """One translatable text of one record in one target language, with what a translator needs to know."""

    table: str
    record_id: str
    office: str
    source_language: str
    status: TextStatus
    resolutions: tuple[str, ...] = ()
    label: str = ""  # the record's title (activities) or resolution and period (statuses)

    @property
    def unit_id(self) -> str:
        return f"{self.table}.{self.record_id}.{self.status.field}"


def parse_states(text: str | None) -> frozenset[TranslationState] | None:
    """The states named in ``missing,outdated`` (None for all), or ValidationError naming the unknown one."""
    if not text:
        return None
    found = set()
    for word in text.split(","):
        try:
            found.add(TranslationState(word.strip()))
        except ValueError:
            raise ValidationError(
                "state",
                _("unknown state {value}; expected missing, translated, reviewed or outdated").format(
                    value=quoted_value(word)
                ),
            ) from None
    return frozenset(found)


def _records(session: Session, own_office: str) -> Iterator[tuple[str, Any]]:
    for activity in session.exec(select(Activity).where(col(Activity.deleted).is_(False)).order_by(Activity.id)):
        yield "activity", activity
    statuses = select(ResolutionStatus).where(col(ResolutionStatus.deleted).is_(False)).order_by(ResolutionStatus.id)
    for status in session.exec(statuses):
        yield "resolution_status", status
    # an office's name only in its own workspace: only that office writes its office record (write_policy.WritePolicy)
    for office in session.exec(select(Office).where(col(Office.code) == own_office, col(Office.deleted).is_(False))):
        yield "office", office
    query = select(ReportDocument).where(col(ReportDocument.deleted).is_(False)).order_by(ReportDocument.symbol)
    for document in session.exec(query):
        yield "report_document", document


def _texts_of(table: str, record: Any, languages: tuple[str, ...]) -> list[RecordText]:
    if table == documents.TABLE:
        found_texts = documents.statuses(record, languages)
        return [
            RecordText(table, record.id, record.office, record.original_language, s, (), record.symbol)
            for s in found_texts
        ]
    sources = {name: getattr(record, name) for name in translation_status.SOURCE_FIELDS[table]}
    found = translation_status.statuses(
        table, sources, record.language, record.translations, record.translation_state, languages
    )
    owner = record.code if table == "office" else record.office
    if table == "activity":
        resolutions, label = tuple(record.resolutions), record.title
    elif table == "office":
        resolutions, label = (), f"{record.code}: {record.name}"
    else:
        resolutions, label = (record.resolution_symbol,), f"{record.resolution_symbol} ({record.period})"
    return [RecordText(table, record.id, owner, record.language, s, resolutions, label) for s in found]


def record_texts(
    workspace: Workspace,
    language: str,
    states: Collection[TranslationState] | None = None,
    *,
    source_language: str | None = None,
    records: Collection[str] | None = None,
) -> list[RecordText]:
    """Every translatable text of the workspace's records into ``language`` (those in ``states``, if given)."""
    rules.language(language, "language")
    with workspace.reading() as session:
        found: list[RecordText] = []
        for table, record in _records(session, workspace.office):
            if records is not None and record.id not in records:
                continue
            if source_language is not None and _language(record) != source_language:
                continue
            found.extend(t for t in _texts_of(table, record, (language,)) if states is None or t.status.state in states)
        return found


def record_statuses(workspace: Workspace, table: str, record_id: str) -> list[TextStatus]:
    """The state of every translation of one record, in the five languages other than its own."""
    with workspace.reading() as session:
        record = session.get(_MODELS[table], record_id)
        if record is None:
            return []
        return [t.status for t in _texts_of(table, record, LANGUAGES)]


def _record(session: Session, table: str, record_id: str, own_office: str) -> Any:
    model = _MODELS.get(table)
    record: Any = session.get(model, record_id) if model is not None else None
    if record is None or record.deleted:
        raise HabitatError(_("There is no record {record} in this workspace.").format(record=quoted_value(record_id)))
    if table == "office" and record.code != own_office:
        raise ValidationError("name", _("only office {office} translates its own name").format(office=record.code))
    return record


def _write_translation(
    recorder: Recorder, table: str, record: Any, language: str, name: str, text: str, reviewed: bool
) -> bool:
    if table == documents.TABLE:
        return documents.write(recorder, record, language, name, text, reviewed)
    if language == record.language:
        raise ValidationError("language", _("a text is not translated into its own language"))
    period_locks.ensure_record_unlocked(recorder.session, record)  # an approved period's texts are read-only
    texts = {lang: dict(values) for lang, values in record.translations.items()}
    entry = texts.setdefault(language, dict.fromkeys(translation_status.SOURCE_FIELDS[table], ""))
    entry[name] = text
    if not any(entry.values()):
        del texts[language]
    changed = bool(recorder.update(record, {"translations": texts}))
    source = getattr(record, name)
    current = (record.translation_state.get(language) or {}).get(name) or {}
    if text and reviewed and not current.get("reviewed"):
        state = translation_status.reviewed(
            record.translation_state, language, name, source, recorder.stamp(), reviewed
        )
        changed = bool(recorder.update(record, {"translation_state": state})) or changed
    if changed and table == "activity":
        activity_store.reindex(recorder.session, record)
    return changed


def set_translation(
    workspace: Workspace, table: str, record_id: str, language: str, name: str, text: str, *, reviewed: bool = False
) -> bool:
    """Set one translation (made from the current source); True if anything changed."""
    limit = (
        rules.MAX_LONG_TEXT if name in ("description", "narrative") or documents.is_key(name) else rules.MAX_SHORT_TEXT
    )
    text = rules.text(text, f"translations.{language}.{name}", limit=limit)
    with workspace.transaction() as session:
        record = _record(session, table, record_id, workspace.office)
        if table != documents.TABLE and name not in translation_status.SOURCE_FIELDS[table]:
            raise ValidationError("field", _("not a known value"))
        return _write_translation(Recorder(session, workspace.office), table, record, language, name, text, reviewed)


def mark_reviewed(
    workspace: Workspace, table: str, record_id: str, language: str, name: str, reviewed: bool = True
) -> bool:
    """Mark (or unmark) one existing translation as reviewed against the current source; True if it changed."""
    with workspace.transaction() as session:
        record = _record(session, table, record_id, workspace.office)
        if table == documents.TABLE:
            return documents.mark_reviewed(Recorder(session, workspace.office), record, language, name, reviewed)
        text = (record.translations.get(language) or {}).get(name) or ""
        if not text:
            raise ValidationError(name, _("there is no translation to review"))
        source = getattr(record, name)
        entry = (record.translation_state.get(language) or {}).get(name) or {}
        if bool(entry.get("reviewed")) == reviewed and entry.get("source") == source:
            return False
        period_locks.ensure_record_unlocked(session, record)
        recorder = Recorder(session, workspace.office)
        stamp = recorder.stamp()
        state = translation_status.reviewed(record.translation_state, language, name, source, stamp, reviewed)
        state[language][name]["source"] = source  # reviewing an outdated translation brings it up to date
        return bool(recorder.update(record, {"translation_state": state}))


def glossary_terms(
    text: str, source_language: str, target_language: str, terms: glossary.Glossary | None = None
) -> list[tuple[str, str]]:
    """The glossary's terms found in a source text, with their names in the target language (``terms``: the
    workspace's glossary, see ``workspace_glossary``; the shipped one by default)."""
    return (terms or glossary.shipped()).found(text, source_language, target_language)


def workspace_glossary(workspace: Workspace) -> glossary.Glossary:
    """The workspace's glossary terms over the shipped ones (what suggestions and XLIFF glossary entries use)."""
    with workspace.reading() as session:
        return glossary_store.workspace_glossary(session)


def _unit(text: RecordText, glossary_terms: list[tuple[str, str]]) -> xliff.Unit:
    notes = [
        ("record", f"{text.table} {text.record_id}"),
        ("title", text.label[:200]),
        ("field", text.status.field),
        ("resolutions", ", ".join(text.resolutions)),
        ("office", text.office),
    ]
    if text.status.state == TranslationState.OUTDATED and text.status.made_from:
        notes.append(("previous-source", text.status.made_from))
    return xliff.Unit(
        id=text.unit_id,
        source=text.status.source,
        target=text.status.target,
        state=text.status.state.value,
        notes=tuple(notes),
        glossary=tuple(glossary_terms),
    )


def export_xliff(
    workspace: Workspace,
    language: str,
    output: Path,
    states: Collection[TranslationState] | None = None,
    *,
    source_language: str = "en",
    records: Collection[str] | None = None,
) -> int:
    """Write the texts (in ``states``, if given) to translate from ``source_language`` into ``language``."""
    rules.language(source_language, "from")
    if language == source_language:
        raise ValidationError("lang", _("the source and target languages are the same"))
    texts = record_texts(workspace, language, states, source_language=source_language, records=records)
    terms = workspace_glossary(workspace)
    units = [_unit(t, terms.found(t.status.source, source_language, language)) for t in texts]
    data = xliff.write(units, source_language, language, workspace.path.name)
    try:
        output.write_bytes(data)
    except OSError as error:
        raise HabitatError(
            _("{file}: cannot be written ({reason})").format(file=output, reason=error.strerror)
        ) from error
    return len(units)


@dataclass
class ImportSummary:
    """What importing an XLIFF file did: the units applied, skipped (and why) and refused (and why)."""

    language: str
    applied: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    backup: Path | None = None

    def lines(self) -> list[str]:
        lines = [
            ngettext("{count} translation applied.", "{count} translations applied.", self.applied).format(
                count=self.applied
            ),
            ngettext("{count} unit skipped.", "{count} units skipped.", len(self.skipped)).format(
                count=len(self.skipped)
            ),
            ngettext("{count} unit refused.", "{count} units refused.", len(self.refused)).format(
                count=len(self.refused)
            ),
        ]
        lines += [f"  {unit}: {reason}" for unit, reason in self.skipped + self.refused]
        return lines


def _split(unit_id: str) -> tuple[str, str, str] | None:
    table, _dot, rest = unit_id.partition(".")
    record_id, _dot, name = rest.rpartition(".")
    if table == documents.TABLE and documents.is_key(name):
        return table, record_id, name
    if table not in translation_status.SOURCE_FIELDS or name not in translation_status.SOURCE_FIELDS[table]:
        return None
    return table, record_id, name


def import_xliff(workspace: Workspace, path: Path, *, language: str | None = None) -> ImportSummary:
    """Apply the targets of an XLIFF file, all or nothing, after a backup.

    A unit whose source is no longer the record's text is skipped (outdated); a unit naming an unknown record or
    field, or whose target breaks the text rules, refuses the whole file (HabitatError listing them)."""
    document = xliff.read(path)
    if language is not None and document.target_language != language:
        raise xliff.XliffError(
            path,
            _("the file translates into {found}, not {wanted}").format(
                found=quoted_value(document.target_language), wanted=quoted_value(language)
            ),
        )
    summary = ImportSummary(document.target_language)
    with workspace.reading() as session:
        plan = _plan(session, document, summary, workspace.office)
    if summary.refused:
        raise HabitatError("\n".join([_("{file}: nothing was imported.").format(file=path.name), *summary.lines()]))
    if plan:
        summary.backup = backups.take_backup(workspace.path, "pre-translations")
        with workspace.transaction() as session:
            recorder = Recorder(session, workspace.office)
            for table, record_id, name, text, reviewed in plan:
                record = _record(session, table, record_id, workspace.office)
                if _write_translation(recorder, table, record, document.target_language, name, text, reviewed):
                    summary.applied += 1
                else:
                    summary.unchanged += 1
    return summary


def _plan(
    session: Session, document: xliff.Document, summary: ImportSummary, own_office: str
) -> list[tuple[str, str, str, str, bool]]:
    plan = []
    seen: set[str] = set()
    for unit in document.units:
        where = unit.id[:80]
        parts = _split(unit.id)
        if parts is None or unit.id in seen:
            summary.refused.append((where, _("not a text this application exported")))
            continue
        seen.add(unit.id)
        table, record_id, name = parts
        record: Any = session.get(_MODELS[table], record_id)
        if record is None or record.deleted:
            summary.refused.append((where, _("no such record in this workspace")))
            continue
        if table == "office" and record.code != own_office:
            summary.refused.append(
                (where, _("only office {office} translates its own name").format(office=record.code))
            )
            continue
        if _language(record) != document.source_language or _language(record) == document.target_language:
            summary.refused.append((where, _("the record is written in another language")))
            continue
        long = name in ("description", "narrative") or table == documents.TABLE
        try:
            text = rules.text(unit.target, name, limit=rules.MAX_LONG_TEXT if long else rules.MAX_SHORT_TEXT)
            source = documents.source_of(record, name) if table == documents.TABLE else getattr(record, name)
            if table == documents.TABLE and text.strip():
                documents.check(record, document.target_language, name, text)
        except ValidationError as error:
            summary.refused.append((where, error.reason))
            continue
        if unit.source != source:
            summary.skipped.append((where, _("outdated: the source text changed since the export")))
            continue
        if not text.strip():
            summary.skipped.append((where, _("no translation")))
            continue
        plan.append((table, record_id, name, text, unit.state in ("reviewed", "final")))
    return plan


def export_file(
    path: Path,
    language: str,
    output: Path,
    states: Collection[TranslationState] | None = None,
    *,
    source_language: str = "en",
    records: Collection[str] | None = None,
) -> int:
    """``export_xliff`` on the workspace at ``path`` (opened and closed here); the number of units written."""
    with storage.opened(path, read_only=True) as workspace:
        return export_xliff(workspace, language, output, states, source_language=source_language, records=records)


def import_file(path: Path, file: Path, *, language: str | None = None) -> ImportSummary:
    """``import_xliff`` into the workspace at ``path`` (opened and closed here)."""
    with storage.opened(path) as workspace:
        return import_xliff(workspace, file, language=language)
