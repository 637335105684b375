"""Report documents held by a workspace: list, read, import and export (JSON), save from the editor."""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from habitat_desktop.domain.errors import HabitatError, ValidationError
from habitat_desktop.domain.report_document import document_json, parse_document
from habitat_desktop.l10n import _
from habitat_desktop.storage import backups
from habitat_desktop.storage import report_documents as store
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.recorder import Recorder

__all__ = [
    "DocumentSummary",
    "StaleDocumentError",
    "delete_document",
    "export_document",
    "import_document",
    "list_documents",
    "load_document",
    "read_document_file",
    "save_document",
]


class StaleDocumentError(HabitatError):
    """The document changed since it was loaded; saving would overwrite a change not seen."""


@dataclass(frozen=True)
class DocumentSummary:
    """One line of ``habitat documents list``."""

    symbol: str
    kind: str
    period: str
    date: str
    paragraphs: int
    footnotes: int
    version: str

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _summary(fields: dict[str, Any], version: str) -> DocumentSummary:
    date = fields["document_date"]
    return DocumentSummary(
        symbol=fields["symbol"],
        kind=fields["kind"],
        period=fields["period"],
        date=date.isoformat() if date else "",
        paragraphs=sum(len(s["paragraphs"]) for s in fields["sections"]),
        footnotes=sum(len(s["footnotes"]) for s in fields["sections"]),
        version=version,
    )


def list_documents(path: Path) -> list[DocumentSummary]:
    """The workspace's documents, newest first."""
    with storage.opened(Path(path), read_only=True) as workspace, workspace.reading() as session:
        return [_summary(store.fields_of(d), d.version) for d in store.all_documents(session)]


def load_document(path: Path, symbol: str | None = None, kind: str = "progress") -> tuple[dict[str, Any], str] | None:
    """A document's JSON form and version: the one with the symbol, or the newest of its kind (None if none)."""
    with storage.opened(Path(path), read_only=True) as workspace, workspace.reading() as session:
        if symbol:
            found = store.by_symbol(session, symbol)
            if found is None:
                raise ValidationError("document", _("No document {symbol} in the workspace").format(symbol=symbol))
        else:
            newest = store.all_documents(session, kind)
            if not newest:
                return None
            found = newest[0]
        return document_json(store.fields_of(found)), found.version


def read_document_file(source: Path) -> dict[str, Any]:
    """A document file's checked fields; a ValidationError names the file and the field."""
    source = Path(source)
    if not source.is_file():
        raise HabitatError(_("No file at {path}").format(path=source))
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValidationError(
            "document", _("not valid JSON: {reason}").format(reason=error), source=source.name
        ) from None
    try:
        return parse_document(data)
    except ValidationError as error:
        raise error.located(source.name, None) from None


def import_document(path: Path, source: Path) -> str:
    """Add a document from its JSON file, or replace the one with its symbol, all or nothing; return the symbol."""
    fields = read_document_file(source)
    with storage.opened(Path(path)) as workspace:
        backups.take_backup(workspace.path, "pre-import")
        with workspace.transaction() as session:
            existing = store.by_symbol(session, fields["symbol"], with_deleted=True)
            store.save(Recorder(session, workspace.office), fields, existing)
        return str(fields["symbol"])


def save_document(
    path: Path, data: dict[str, Any], base_version: str | None, original_symbol: str | None = None
) -> str:
    """Save a document edited in the window; refuse (StaleDocumentError) when it changed since ``base_version``.

    Returns the new version."""
    fields = parse_document(data)
    with storage.opened(Path(path)) as workspace, workspace.transaction() as session:
        existing = store.by_symbol(session, original_symbol or fields["symbol"], with_deleted=True)
        if existing is not None and (base_version is None or existing.version != base_version):
            raise StaleDocumentError(
                _("The document {symbol} was changed elsewhere since it was opened; reopen it.").format(
                    symbol=existing.symbol
                )
            )
        saved = store.save(Recorder(session, workspace.office), fields, existing)
        session.flush()
        return saved.version


def export_document(path: Path, symbol: str, output: Path) -> Path:
    """Write a document as JSON in the shared form (written whole or not at all)."""
    found = load_document(path, symbol)
    assert found is not None
    output = Path(output)
    if not output.parent.is_dir():
        raise HabitatError(_("The folder {path} does not exist").format(path=output.parent))
    partial = output.with_name(f".{output.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        partial.write_text(json.dumps(found[0], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise HabitatError(_("Cannot write {path}: {reason}").format(path=output, reason=error.strerror)) from error
    return output


def delete_document(path: Path, symbol: str) -> bool:
    """Delete a document (a tombstone, so the deletion travels); False when there is none with the symbol."""
    with storage.opened(Path(path)) as workspace, workspace.transaction() as session:
        found = store.by_symbol(session, symbol)
        return found is not None and Recorder(session, workspace.office).delete(found)
