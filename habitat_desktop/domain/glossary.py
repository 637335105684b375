"""The glossary of names that recur in records (bodies, documents, partners, places) in the six languages.

The shipped glossary (``data/glossary/terms.json``: ``{"terms": [{"id", "kind", "en", "fr", …}]}``) gives each
name in every language; a name written in any of them is recognised (case and spacing aside), so a partner or
a city prints in the report's language, and a translator is shown the terms a source text contains.

A workspace adds its own terms on top (``combined``): a workspace term whose id (``term_key``) is a shipped
term's overrides it language by language (the shipped names it replaces are still recognised). Several
workspace records of one id (two offices overriding the same term) give, per language, the name written last
(an empty name leaves the language to the other records, then to the shipped term).
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from habitat_desktop.domain import rules
from habitat_desktop.domain.errors import HabitatError, ValidationError
from habitat_desktop.l10n import LANGUAGES, _, quoted_value
from habitat_desktop.resources import resource_path

KINDS = ("organization", "place", "body", "document")
MAX_NAME = 300
MAX_TERMS = 10_000
_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class Term:
    """One glossary entry: its id, kind and its name in each language it is known in."""

    id: str
    kind: str
    names: Mapping[str, str]
    aliases: tuple[str, ...] = ()  # former names still recognised (shipped names a workspace term replaced)
    workspace: bool = False  # a workspace term (or a shipped one a workspace term overrides)


class Glossary:
    """Terms looked up by any of their names (earlier terms first, then aliases)."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = list(terms)
        self._by_name: dict[str, Term] = {}
        for term in self.terms:
            for name in term.names.values():
                self._by_name.setdefault(_key(name), term)
        for term in self.terms:
            for name in term.aliases:
                self._by_name.setdefault(_key(name), term)

    def by_id(self, term_id: str) -> Term | None:
        """The term with this id, if any."""
        return next((term for term in self.terms if term.id == term_id), None)

    def lookup(self, name: str) -> Term | None:
        """The term one of whose names (in any language) is ``name``, case and spacing aside."""
        return self._by_name.get(_key(name))

    def name_in(self, name: str, language: str) -> str:
        """``name`` as the glossary writes it in ``language``, or ``name`` itself when it is not a known term."""
        term = self._by_name.get(_key(name))
        if term is None:
            return name
        return term.names.get(language) or name

    def found(self, text: str, source_language: str, target_language: str) -> list[tuple[str, str]]:
        """The terms whose ``source_language`` name occurs in ``text``, with their ``target_language`` names."""
        folded = _key(text)
        hits = []
        for term in self.terms:
            name = term.names.get(source_language)
            if name and _key(name) in folded:
                hits.append((name, term.names.get(target_language, "")))
        # a name found only inside a longer one found ("Shanghai" in "Shanghai University") is not a term of the text
        kept = []
        for name, translation in hits:
            key, rest = _key(name), folded
            for other, _translation in hits:
                longer = _key(other)
                if len(longer) > len(key) and key in longer:
                    rest = rest.replace(longer, " ")
            if key in rest:
                kept.append((name, translation))
        return kept


@dataclass(frozen=True)
class WorkspaceEntry:
    """One workspace glossary record as the domain sees it: its term id, kind, names and each field's stamp."""

    key: str
    kind: str
    names: Mapping[str, str]
    stamps: Mapping[str, str] = field(default_factory=dict)


def combined(base: Glossary, entries: Iterable[WorkspaceEntry]) -> Glossary:
    """The workspace's terms over ``base``: per term id and language, the name written last wins; a language the
    workspace left empty keeps the base term's name."""
    groups: dict[str, list[WorkspaceEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.key, []).append(entry)
    terms: list[Term] = []
    for key in sorted(groups):
        group = groups[key]
        shipped_term = base.by_id(key)
        names = dict(shipped_term.names) if shipped_term else {}
        for code in LANGUAGES:
            named = [e for e in group if e.names.get(code, "").strip()]  # an empty name leaves the base term's
            if named:
                written = max(named, key=lambda e, c=code: (e.stamps.get(c, ""), e.names[c]))  # type: ignore[misc]
                names[code] = written.names[code]
        kind = max(group, key=lambda e: (e.stamps.get("kind", ""), e.kind)).kind
        aliases = tuple(n for n in (shipped_term.names.values() if shipped_term else ()) if n not in names.values())
        if names:
            terms.append(Term(key, kind, names, aliases, workspace=True))
    overridden = set(groups)
    terms.extend(term for term in base.terms if term.id not in overridden)
    return Glossary(terms)


def check_key(value: object, where: str = "id") -> str:
    """A term id as glossary files write them (lower-case letters, digits and hyphens), or ValidationError."""
    if not isinstance(value, str) or not _KEY.fullmatch(value):
        raise ValidationError(where, _("expected lower-case letters, digits and hyphens (at most 64)"))
    return value


def check_kind(value: object, where: str = "kind") -> str:
    """One of the glossary's kinds of term, or ValidationError naming them."""
    if value not in KINDS:
        raise ValidationError(
            where,
            _("unknown value {value}; expected one of: {allowed}").format(
                value=quoted_value(str(value)[:40]), allowed=", ".join(KINDS)
            ),
        )
    return str(value)


def check_names(names: Mapping[str, object], where: str = "") -> dict[str, str]:
    """A term's names: one line each, within ``MAX_NAME``, in the six languages, at least one; or ValidationError."""
    checked: dict[str, str] = {}
    for code, value in names.items():
        place = f"{where}{code}"
        if code not in LANGUAGES:
            raise ValidationError(
                place,
                _("the language {language} is not one of the six official languages").format(
                    language=quoted_value(str(code)[:8])
                ),
            )
        text = rules.text(value, place, limit=MAX_NAME)
        if "\n" in text or "\t" in text or "\r" in text:
            raise ValidationError(place, _("a name is one line of text"))
        checked[code] = " ".join(text.split())
    if not any(checked.values()):
        raise ValidationError(where.rstrip(".") or "names", _("a term needs its name in at least one language"))
    return {code: checked.get(code, "") for code in LANGUAGES}


def slug(text: str) -> str:
    """A term id made from a name ("Greater Bamako" -> "greater-bamako"); "" when nothing is left."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:64].strip("-")


def parse(data: object, source: str) -> Glossary:
    """A glossary from its JSON form, or HabitatError naming the file and entry."""
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise HabitatError(_("{file}: expected an object with a list of terms").format(file=source))
    terms = []
    for position, entry in enumerate(data["terms"], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or entry.get("kind") not in KINDS:
            raise HabitatError(
                _("{file}: term {number} has no id or an unknown kind").format(file=source, number=position)
            )
        names = {code: entry[code] for code in LANGUAGES if isinstance(entry.get(code), str) and entry[code].strip()}
        terms.append(Term(entry["id"], entry["kind"], names))
    return Glossary(terms)


def load(path: Path) -> Glossary:
    """The glossary in a JSON file (an empty one when the file does not exist)."""
    if not path.exists():
        return Glossary([])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise HabitatError(_("{file}: cannot be read ({reason})").format(file=path.name, reason=error)) from error
    return parse(data, path.name)


@functools.cache
def shipped() -> Glossary:
    """The glossary shipped with the application."""
    return load(resource_path("glossary", "terms.json"))
