"""The workspace glossary: listing it over the shipped one, adding or correcting terms, importing and exporting."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from habitat_desktop.domain import glossary
from habitat_desktop.domain.errors import HabitatError, ValidationError
from habitat_desktop.l10n import LANGUAGES, _, ngettext
from habitat_desktop.storage import backups, glossary_store
from habitat_desktop.storage.recorder import Recorder
from habitat_desktop.storage.workspace import Workspace, opened

MAX_FILE_BYTES = 5 * 1024 * 1024
ENTRY_KEYS = frozenset({"id", "kind", *LANGUAGES})


@dataclass(frozen=True)
class TermRow:
    """One term as the glossary shows it: id, kind, names, and where it comes from."""

    id: str
    kind: str
    names: Mapping[str, str]
    origin: str  # "shipped", "workspace" (a term of its own) or "override" (a shipped term the workspace corrects)


@dataclass
class GlossaryImport:
    """What importing a glossary file did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    backup: Path | None = None

    def lines(self) -> list[str]:
        return [
            ngettext("{count} term added.", "{count} terms added.", self.added).format(count=self.added),
            ngettext("{count} term updated.", "{count} terms updated.", self.updated).format(count=self.updated),
            ngettext("{count} term unchanged.", "{count} terms unchanged.", self.unchanged).format(
                count=self.unchanged
            ),
        ]


def workspace_glossary(workspace: Workspace) -> glossary.Glossary:
    """The glossary a workspace's reports and translators use: its own terms over the shipped ones."""
    with workspace.reading() as session:
        return glossary_store.workspace_glossary(session)


def rows(combined: glossary.Glossary) -> list[TermRow]:
    shipped_ids = {term.id for term in glossary.shipped().terms}
    found = []
    for term in combined.terms:
        origin = "shipped" if not term.workspace else ("override" if term.id in shipped_ids else "workspace")
        found.append(TermRow(term.id, term.kind, {c: term.names.get(c, "") for c in LANGUAGES}, origin))
    return sorted(found, key=lambda r: (r.kind, r.id))


def list_terms(path: Path) -> list[TermRow]:
    """Every term of the workspace's glossary (shipped, overridden and its own), by kind then id."""
    with opened(Path(path), read_only=True) as workspace:
        return rows(workspace_glossary(workspace))


def _key_for(current: glossary.Glossary, names: Mapping[str, str]) -> str:
    """The id of the term one of ``names`` already names, else one made from the English (or any) name."""
    for name in names.values():
        if name.strip():
            known = current.lookup(name)
            if known is not None:
                return known.id
    base = glossary.slug(names.get("en") or next((n for n in names.values() if n.strip()), ""))
    return base or f"term-{uuid.uuid4().hex[:12]}"


def set_term(
    workspace: Workspace, names: Mapping[str, str], *, key: str | None = None, kind: str | None = None
) -> tuple[str, list[str]]:
    """Add a term, or correct the names given of an existing one (shipped or the workspace's); nothing else changes.

    Returns the term's id and the fields changed. ValidationError (nothing stored) for a bad id, kind or name."""
    checked = glossary.check_names(dict(names))
    given = {code: checked[code] for code in names}
    with workspace.transaction() as session:
        current = glossary_store.workspace_glossary(session)
        term_key = glossary.check_key(key, "id") if key else _key_for(current, given)
        existing = current.by_id(term_key)
        if kind is None:
            if existing is None:
                raise ValidationError(
                    "kind", _("a new term needs its kind ({allowed})").format(allowed=", ".join(glossary.KINDS))
                )
            kind = existing.kind
        glossary.check_kind(kind)
        if existing is not None and not any(n for n in given.values()) and kind == existing.kind:
            return term_key, []
        record_names = dict(given)
        _record, changed = glossary_store.save(Recorder(session, workspace.office), term_key, kind, record_names)
        return term_key, changed


def add_term(
    path: Path, names: Mapping[str, str], *, key: str | None = None, kind: str | None = None
) -> tuple[str, list[str]]:
    """``set_term`` on the workspace at ``path``."""
    with opened(Path(path)) as workspace:
        return set_term(workspace, names, key=key, kind=kind)


def _entries(source: Path, data: object) -> list[tuple[str, str, dict[str, str]]]:
    if not isinstance(data, dict) or set(data) != {"terms"} or not isinstance(data["terms"], list):
        raise HabitatError(_("{file}: expected an object with a list of terms").format(file=source.name))
    if len(data["terms"]) > glossary.MAX_TERMS:
        raise HabitatError(
            ngettext("{file}: more than {count} term", "{file}: more than {count} terms", glossary.MAX_TERMS).format(
                file=source.name, count=glossary.MAX_TERMS
            )
        )
    found: list[tuple[str, str, dict[str, str]]] = []
    seen: set[str] = set()
    for number, entry in enumerate(data["terms"], start=1):
        try:
            if not isinstance(entry, dict):
                raise ValidationError("", _("expected an object"))
            unknown = sorted(str(k)[:20] for k in set(entry) - ENTRY_KEYS)
            if unknown:
                raise ValidationError(unknown[0], _("not a known value"))
            key = glossary.check_key(entry.get("id"), "id")
            kind = glossary.check_kind(entry.get("kind"), "kind")
            if key in seen:
                raise ValidationError("id", _("given twice in the file"))
            seen.add(key)
            names = glossary.check_names({c: entry[c] for c in LANGUAGES if c in entry})
        except ValidationError as error:
            raise HabitatError(
                _("{file}: term {number}, field {field}: {reason}").format(
                    file=source.name, number=number, field=error.field or "-", reason=error.reason
                )
            ) from None
        found.append((key, kind, {c: names[c] for c in LANGUAGES if c in entry}))
    return found


def read_file(source: Path) -> list[tuple[str, str, dict[str, str]]]:
    """The terms of a glossary JSON file (as exported, or as the shipped terms.json), checked; HabitatError else."""
    try:
        size = source.stat().st_size
        if size > MAX_FILE_BYTES:
            too_large = ngettext(
                "{file}: too large ({count} byte, at most {limit})",
                "{file}: too large ({count} bytes, at most {limit})",
                size,
            )
            raise HabitatError(too_large.format(file=source.name, count=size, limit=MAX_FILE_BYTES))
        data: Any = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        raise HabitatError(_("{file}: cannot be read ({reason})").format(file=source.name, reason=error)) from None
    return _entries(source, data)


def import_terms(workspace: Workspace, source: Path) -> GlossaryImport:
    """Add or correct the terms of a glossary file, all or nothing, after a backup."""
    entries = read_file(source)
    summary = GlossaryImport()
    if not entries:
        return summary
    summary.backup = backups.take_backup(workspace.path, "pre-glossary")
    with workspace.transaction() as session:
        recorder = Recorder(session, workspace.office)
        for key, kind, names in entries:
            known = {t.term_key for t in glossary_store.records(session)}
            _record, changed = glossary_store.save(recorder, key, kind, names)
            if key not in known:
                summary.added += 1
            elif changed:
                summary.updated += 1
            else:
                summary.unchanged += 1
    return summary


def import_file(path: Path, source: Path) -> GlossaryImport:
    """``import_terms`` into the workspace at ``path``."""
    with opened(Path(path)) as workspace:
        return import_terms(workspace, source)


def export_file(path: Path, output: Path, *, everything: bool = False) -> int:
    """Write the workspace's own terms (with ``everything``, the whole glossary) as JSON; how many terms."""
    with opened(Path(path), read_only=True) as workspace:
        terms = rows(workspace_glossary(workspace))
    chosen = [t for t in terms if everything or t.origin != "shipped"]
    body = {
        "terms": [{"id": t.id, "kind": t.kind, **{c: t.names[c] for c in LANGUAGES if t.names.get(c)}} for t in chosen]
    }
    try:
        output.write_text(json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as error:
        raise HabitatError(
            _("{file}: cannot be written ({reason})").format(file=output, reason=error.strerror)
        ) from error
    return len(chosen)
