"""Merging the translations of one record entry by entry (``domain.translation_status.joined``), not as one field."""

from __future__ import annotations

import json
from typing import Any

from habitat_desktop.domain import clock, translation_status
from habitat_desktop.domain.field_merge import joined as joined_vectors

FIELDS = ("translations", "translation_state")


def _value(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = json.loads(value or "{}")
    if not isinstance(value, dict):
        raise ValueError(f"not a JSON object: {value!r}")
    return value


def merge(
    table: str,
    mine: dict[str, Any],
    theirs: dict[str, Any],
    stamps: dict[str, Any],
    clocks: dict[str, Any],
    their_stamps: dict[str, Any],
    their_clocks: dict[str, Any],
) -> tuple[dict[str, Any], set[str]]:
    """The updates (translations and states) merging ``theirs`` into ``mine`` needs, and the offices they bring.

    ``mine``/``theirs`` map the two fields to their stored values; ``stamps`` and ``clocks`` (this record's
    version data) are updated in place for the fields that change."""
    mine_pair = (_value(mine["translations"]), _value(mine["translation_state"]))
    their_pair = (_value(theirs["translations"]), _value(theirs["translation_state"]))
    texts, state = translation_status.joined(mine_pair, their_pair, translation_status.SOURCE_FIELDS[table])
    updates: dict[str, Any] = {}
    brought = translation_status.writers(state) - translation_status.writers(mine_pair[1])
    for name, value, old in (("translations", texts, mine_pair[0]), ("translation_state", state, mine_pair[1])):
        if value == old:
            continue
        updates[name] = json.dumps(value, ensure_ascii=False)
        candidates = [s for s in (stamps.get(name, ""), their_stamps.get(name, "")) if s]
        if candidates:
            stamps[name] = max(candidates)
        clocks[name] = joined_vectors([c for c in (clocks.get(name), their_clocks.get(name)) if isinstance(c, dict)])
    return updates, {clock.Stamp.parse(s).office for s in brought}
