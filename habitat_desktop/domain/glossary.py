"""The glossary of names that recur in records (bodies, documents, partners, places) in the six languages.

The shipped glossary (``data/glossary/terms.json``: ``{"terms": [{"id", "kind", "en", "fr", …}]}``) gives each
name in every language; a name written in any of them is recognised (case and spacing aside), so a partner or
a city prints in the report's language, and a translator is shown the terms a source text contains.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import LANGUAGES, _
from habitat_desktop.resources import resource_path

KINDS = ("organization", "place", "body", "document")


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class Term:
    """One glossary entry: its id, kind and its name in each language it is known in."""

    id: str
    kind: str
    names: Mapping[str, str]


class Glossary:
    """Terms looked up by any of their names."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.terms = list(terms)
        self._by_name: dict[str, Term] = {}
        for term in self.terms:
            for name in term.names.values():
                self._by_name.setdefault(_key(name), term)

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
        return hits


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
