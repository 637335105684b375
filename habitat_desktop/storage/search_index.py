"""The full-text search index of activities: the one definition of what is indexed, and how text is folded.

An activity is indexed (SQLite FTS5, trigram tokenizer, so Latin, Arabic and Chinese text all match by substring)
as one text: its title, description, partners and the titles and descriptions of its translations, a line each.
The text is folded — lower case, and Arabic spelling variants folded — in the index and in the query alike, so a
search without hamza, with a haa for a taa marbuta or with diacritics finds what was typed otherwise ("الاحياء"
finds "الأحياء"), and "москва" finds "Москва". A word is found by an indexed ``GLOB`` of its folded form; the
index keeps which activities hold each trigram and not where (``detail=none``: about a third of the size and two
thirds of the time of positions), and SQLite checks each candidate's text. Saving an activity, merging exports and
the schema migration that rebuilds the index all write rows with ``insert_sql``; a bulk import computes the same
rows in Python with ``document`` (tests/test_import_fast_paths.py holds the two equal on Arabic and quoted text).
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

FOLD_FUNCTION = "habitat_search_fold"
SEARCH_DEFAULTS = {"automerge": 4, "hashsize": 1024 * 1024}  # FTS5's own defaults
SEARCH_IN_BULK = {"automerge": 0, "hashsize": 8 * 1024 * 1024}

log = logging.getLogger(__name__)

_ALEF = "\u0627"
_FOLDED: dict[int, str | None] = {
    ord("\u0623"): _ALEF,  # alef with hamza above
    ord("\u0625"): _ALEF,  # alef with hamza below
    ord("\u0622"): _ALEF,  # alef with madda above
    ord("\u0671"): _ALEF,  # alef wasla
    ord("\u0629"): "\u0647",  # taa marbuta → haa
    ord("\u0649"): "\u064a",  # alef maqsura → yaa
    ord("\u0640"): None,  # tatweel (kashida)
    ord("\u0670"): None,  # superscript (dagger) alef
    **{code: None for code in range(0x064B, 0x0660)},  # harakat: tanwin, fatha, damma, kasra, shadda, sukun…
}


def fold(text: str) -> str:
    """Text as the index holds it: lower case; Arabic hamza forms of alef, taa marbuta, alef maqsura and
    diacritics folded."""
    if text.isascii():
        return text.lower()
    return text.lower().translate(_FOLDED)


def _fold_sql(value: Any) -> Any:
    return fold(value) if isinstance(value, str) else value


def register(connection: sqlite3.Connection) -> None:
    """Make the folding available to SQL on a connection (the engine does it for every connection it opens)."""
    connection.create_function(FOLD_FUNCTION, 1, _fold_sql, deterministic=True)


def _document(title: str, description: str, partners: str, translations: str) -> str:
    """The indexed text, as SQL over four expressions: text columns and the JSON of partners and translations."""
    return (
        f"{FOLD_FUNCTION}({title} || char(10) || {description} || char(10) || "
        f"coalesce((SELECT group_concat(value, ' ') FROM json_each({partners})), '') || char(10) || "
        f"coalesce((SELECT group_concat(coalesce(json_extract(value, '$.title'), '') || ' ' || "
        f"coalesce(json_extract(value, '$.description'), ''), ' ') FROM json_each({translations})), ''))"
    )


_COLUMNS = "INSERT INTO activity_search (activity_id, body) "


def insert_sql(source: str) -> str:
    """The statement indexing activities: ``source`` is a FROM … WHERE clause naming the activity table ``a``."""
    return f"{_COLUMNS}SELECT a.id, {_document('a.title', 'a.description', 'a.partners', 'a.translations')} {source}"


INSERT_DOCUMENTS = f"{_COLUMNS}VALUES (?, ?)"
"""Activities' rows as ``document`` makes them (bulk writers that hold the values: one ``executemany``)."""


def document(
    activity_id: str,
    title: str,
    description: str,
    partners: Sequence[str],
    translations: Mapping[str, Mapping[str, str]],
) -> tuple[str, str]:
    """An activity's row of the index computed in Python, exactly as ``insert_sql``'s SQL computes it from the
    stored columns (a missing translated text is empty): a bulk writer that holds the values skips the SQL's JSON
    parsing and the call of the folding (tests hold the two equal)."""
    return activity_id, indexed_text(title, description, partners, translations)


def indexed_text(
    title: str, description: str, partners: Sequence[str], translations: Mapping[str, Mapping[str, str]]
) -> str:
    """The text ``document`` indexes for an activity (its row without the id)."""
    translated = (
        " ".join(f"{_or_empty(t.get('title'))} {_or_empty(t.get('description'))}" for t in translations.values())
        if translations
        else ""
    )
    return fold(f"{title}\n{description}\n{' '.join(partners)}\n{translated}")


def _or_empty(value: str | None) -> str:
    return "" if value is None else value


# one activity from bound values (saving one needs no flush first): :id, :title, :description, :partners and
# :translations (the last two as JSON text)
INSERT_ONE = f"{_COLUMNS}SELECT :id, {_document(':title', ':description', ':partners', ':translations')}"


def one_activity(
    activity_id: str,
    title: str,
    description: str,
    partners: Sequence[str],
    translations: Mapping[str, Mapping[str, str]],
) -> dict[str, str]:
    """The parameters of ``INSERT_ONE`` for an activity."""
    return {
        "id": activity_id,
        "title": title,
        "description": description,
        "partners": json.dumps(list(partners), ensure_ascii=False),
        "translations": json.dumps(translations, ensure_ascii=False),
    }


def rebuild(connection: sqlite3.Connection) -> int:
    """Index every activity anew (after the definition of the index changed); return how many are indexed."""
    register(connection)
    connection.execute("DELETE FROM activity_search")
    connection.execute(insert_sql("FROM activity a WHERE NOT a.deleted"))
    row = connection.execute("SELECT count(*) FROM activity_search").fetchone()
    log.info("search index rebuilt: %d activities", row[0])
    return int(row[0])


@contextlib.contextmanager
def bulk_indexing(target: sqlite3.Connection) -> Iterator[None]:
    """Let the full-text index insert many activities in bulk while a merge or an import runs.

    FTS5 merges its index segments as rows go in (``automerge``) and writes a segment each time its pending
    terms pass ``hashsize`` (1 MiB); in bulk, segment merging is off and the pending terms may reach 8 MiB,
    so inserts run much faster and the number of segments stays bounded by FTS5's ``crisismerge``. The
    settings live in the index's config table, inside the caller's transaction: they are restored at the end
    (after a failure too, as far as the transaction still allows; a rollback undoes the change anyway).
    """
    before = _search_settings(target)
    _set_search_settings(target, SEARCH_IN_BULK)
    try:
        yield
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            _set_search_settings(target, before)
        raise
    _set_search_settings(target, before)


def _search_settings(target: sqlite3.Connection) -> dict[str, int]:
    """The full-text index's settings that bulk indexing changes, as stored (FTS5's defaults where never set)."""
    marks = ",".join("?" * len(SEARCH_DEFAULTS))
    stored = dict(
        target.execute(
            f"SELECT k, v FROM activity_search_config WHERE k IN ({marks})", tuple(SEARCH_DEFAULTS)
        ).fetchall()
    )
    return {key: int(stored.get(key, default)) for key, default in SEARCH_DEFAULTS.items()}


def _set_search_settings(target: sqlite3.Connection, settings: dict[str, int]) -> None:
    for key, value in settings.items():
        target.execute("INSERT INTO activity_search (activity_search, rank) VALUES (?, ?)", (key, value))


def query_words(query: str) -> list[str]:
    """The words of a search, folded as the index is."""
    return fold(query).split()


def word_pattern(word: str) -> str:
    """A ``GLOB`` pattern matching indexed text that holds a folded word (its wildcard characters taken literally)."""
    return "*" + "".join(f"[{c}]" if c in "*?[" else c for c in word) + "*"


INDEXED_LENGTH = 3
"""Words of at least this many characters are looked up in the trigram index; shorter ones are scanned for."""


__all__ = [
    "FOLD_FUNCTION",
    "INDEXED_LENGTH",
    "INSERT_DOCUMENTS",
    "INSERT_ONE",
    "bulk_indexing",
    "document",
    "fold",
    "insert_sql",
    "one_activity",
    "query_words",
    "rebuild",
    "register",
    "word_pattern",
]
