"""A new activity's values as its row stores them, made from its validated fields: what an import writes.

Light to import (no ORM): a worker process that prepares an import's lines (exchange/prepared_lines.py) starts
with it and nothing more.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring_ascii
from typing import Any

from habitat_desktop.domain.activity import EDITABLE_FIELDS, ActivityFields
from habitat_desktop.storage import search_index

_encode = json.JSONEncoder().encode  # json.dumps with its defaults, as SQLAlchemy writes JSON columns
_quote = encode_basestring_ascii  # how json.dumps writes a text (ensure_ascii, its default)

_ROW_FIELDS = (
    *("office", "resolutions", "outcomes", "title", "description", "status", "start_date", "end_date", "country"),
    *("city", "partners", "language", "product_kind", "priority_domains", "operative_paragraphs", "translations"),
)
if EDITABLE_FIELDS != _ROW_FIELDS:  # ``activity_rows.prepared`` gives the columns by position
    raise TypeError("activity_rows.prepared no longer matches activity_fields.ACTIVITY_FIELDS")


Prepared = tuple[tuple[Any, ...], str, int, int]
"""A new activity ready to write but for its id, stamp and time: its stored values from ``office`` to
``translations`` (``_COLUMNS`` order), its indexed text, and how many resolutions and outcomes it has."""


def prepared(fields: ActivityFields) -> Prepared:
    """The values of a new activity as stored (lists and translations as ``json.dumps`` writes them, dates in ISO
    form), made straight from the validated values; its translation state is made when it is written (it holds the
    activity's stamp)."""
    start, end, translations = fields.start_date, fields.end_date, fields.translations
    values = (
        fields.office,
        _texts(fields.resolutions),
        _numbers(fields.outcomes),
        fields.title,
        fields.description,
        fields.status,
        None if start is None else start.isoformat(),
        None if end is None else end.isoformat(),
        fields.country,
        fields.city,
        _texts(fields.partners) if fields.partners else "[]",
        fields.language,
        fields.product_kind,
        _texts(fields.priority_domains) if fields.priority_domains else "[]",
        _texts(fields.operative_paragraphs) if fields.operative_paragraphs else "[]",
        _encode(translations) if translations else "{}",
    )
    text = search_index.indexed_text(fields.title, fields.description, fields.partners, translations)
    return values, text, len(fields.resolutions), len(fields.outcomes)


def _texts(values: list[str]) -> str:
    """``json.dumps`` of a list of texts, without building an encoder per call."""
    if not values:
        return "[]"
    try:
        if len(values) == 1:  # most lists of an activity
            return "[" + _quote(values[0]) + "]"
        return "[" + ", ".join(map(_quote, values)) + "]"
    except TypeError:  # not all texts
        return _encode(values)


def _numbers(values: list[int]) -> str:
    """``json.dumps`` of a list of integers."""
    if len(values) == 1 and type(values[0]) is int:
        return f"[{values[0]}]"
    if all(type(value) is int for value in values):
        return "[" + ", ".join(map(str, values)) + "]"
    return _encode(values)
