"""Reading and writing a workspace's glossary terms (through the Recorder, so they merge)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlmodel import Session, col, select

from habitat_desktop.domain import glossary
from habitat_desktop.domain.models import GlossaryTerm
from habitat_desktop.l10n import LANGUAGES
from habitat_desktop.storage.recorder import Recorder


def records(session: Session) -> list[GlossaryTerm]:
    """The workspace's terms not deleted, by term id then record id."""
    query = select(GlossaryTerm).where(col(GlossaryTerm.deleted).is_(False))
    return sorted(session.exec(query), key=lambda t: (t.term_key, t.id))


def entries(session: Session) -> list[glossary.WorkspaceEntry]:
    """The workspace's terms as the domain combines them."""
    return [
        glossary.WorkspaceEntry(
            t.term_key, t.kind, {code: getattr(t, code) for code in LANGUAGES}, dict(t.field_stamps or {})
        )
        for t in records(session)
    ]


def workspace_glossary(session: Session) -> glossary.Glossary:
    """The shipped glossary with the workspace's terms over it."""
    return glossary.combined(glossary.shipped(), entries(session))


def save(recorder: Recorder, key: str, kind: str, names: Mapping[str, str]) -> tuple[GlossaryTerm, list[str]]:
    """Set a term's kind and names (those given, non-empty or not) on its newest record, or create one.

    Returns the record and the fields that changed (every field for a new record)."""
    found = [t for t in records(recorder.session) if t.term_key == key]
    fields = {"kind": kind, **{code: names[code] for code in LANGUAGES if code in names}}
    if not found:
        created = recorder.create(
            GlossaryTerm,
            {"office": recorder.office, "term_key": key, **{code: "" for code in LANGUAGES}, **fields},
        )
        return created, ["term_key", *fields]
    record = max(found, key=lambda t: (t.version, t.id))
    return record, recorder.update(record, fields)
