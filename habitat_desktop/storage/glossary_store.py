"""Reading and writing a workspace's glossary terms (through the Recorder, so they merge)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlmodel import Session, col, select

from habitat_desktop.domain import field_versions, glossary
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
            t.term_key, t.kind, {code: getattr(t, code) for code in LANGUAGES}, field_versions.of_record(t)[0]
        )
        for t in records(session)
    ]


def workspace_glossary(session: Session) -> glossary.Glossary:
    """The shipped glossary with the workspace's terms over it."""
    return glossary.combined(glossary.shipped(), entries(session))


def save(recorder: Recorder, key: str, kind: str, names: Mapping[str, str]) -> tuple[GlossaryTerm, list[str]]:
    """Set a term's kind and names (those given) on this office's newest record of the term, or create one.

    An office writes only its own records (``write_policy.WritePolicy``: an export bringing its change to another
    office's record would be refused where it is trusted only for itself); ``glossary.combined`` joins the records
    of one term per language, the name written last winning. Returns the record and the fields that changed."""
    found = [t for t in records(recorder.session) if t.term_key == key and t.office == recorder.office]
    fields = {"kind": kind, **{code: names[code] for code in LANGUAGES if code in names}}
    if not found:
        created = recorder.create(
            GlossaryTerm,
            {"office": recorder.office, "term_key": key, **{code: "" for code in LANGUAGES}, **fields},
        )
        return created, ["term_key", *fields]
    record = max(found, key=lambda t: (t.version, t.id))
    return record, recorder.update(record, fields)


def remove(recorder: Recorder, key: str, language: str | None = None) -> int:
    """Delete this office's records of a term (tombstones, so the deletion travels), or clear one language's name
    on them so the shipped name shows again. Returns how many records changed."""
    found = [t for t in records(recorder.session) if t.term_key == key and t.office == recorder.office]
    if language is None:
        return sum(recorder.delete(record) for record in found)
    return sum(bool(recorder.update(record, {language: ""})) for record in found if getattr(record, language))


def other_offices(session: Session, key: str, office: str) -> list[str]:
    """The other offices whose records name a term."""
    return sorted({t.office for t in records(session) if t.term_key == key and t.office != office})
