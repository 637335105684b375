"""How counts of changed records read in one line ("3 added, 2 updated, 0 unchanged, 1 deleted"), each a plural."""

from __future__ import annotations

from collections.abc import Mapping

from habitat_desktop.l10n import npgettext, pgettext
from habitat_desktop.l10n.formatting import format_number


def _phrase(kind: str, n: int) -> str | None:
    count = format_number(n)
    if kind == "added":
        # Translators: records added by an import or merge, one item of "3 added, 2 updated, 1 deleted"
        return npgettext("records", "{count} added", "{count} added", n).format(count=count)
    if kind == "updated":
        # Translators: records updated by an import or merge, one item of "3 added, 2 updated, 1 deleted"
        return npgettext("records", "{count} updated", "{count} updated", n).format(count=count)
    if kind == "unchanged":
        # Translators: records left unchanged by an import or merge, one item of "3 added, 2 unchanged, …"
        return npgettext("records", "{count} unchanged", "{count} unchanged", n).format(count=count)
    if kind == "deleted":
        # Translators: records deleted by an import or merge, one item of "3 added, 2 updated, 1 deleted"
        return npgettext("records", "{count} deleted", "{count} deleted", n).format(count=count)
    if kind == "conflicts":
        # Translators: records left in conflict by a merge, one item of "3 added, 1 in conflict"
        return npgettext("records", "{count} in conflict", "{count} in conflict", n).format(count=count)
    return None


def changes_summary(counts: Mapping[str, object]) -> str:
    """The counts of an import or merge (keys added, updated, unchanged, deleted, conflicts) in one line, each
    phrase a plural of its own; keys that are not counts are ignored."""
    phrases = []
    for kind in ("added", "updated", "unchanged", "deleted", "conflicts"):
        value = counts.get(kind)
        if isinstance(value, int) and (phrase := _phrase(kind, value)):
            phrases.append(phrase)
    # Translators: between the counts of one line: "3 added, 2 updated, 0 unchanged, 1 deleted"
    return pgettext("between counts", ", ").join(phrases)
