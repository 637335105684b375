"""How counts of changed records read in one line ("3 added, 2 updated, 0 unchanged, 1 deleted"), each a plural."""

from __future__ import annotations

from collections.abc import Mapping

from habitat_desktop.l10n import ngettext, npgettext, pgettext
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


def _merge_phrase(table: str, kind: str, n: int) -> str | None:
    """One kind of change to one table's records, naming them: "3 activities added", "1 funding record changed"."""
    # Translators: one item of a merge's changes: "3 activities added, 1 activity changed; 2 funding records added"
    phrases = {
        ("activity", "added"): lambda: ngettext("{count} activity added", "{count} activities added", n),
        ("activity", "updated"): lambda: ngettext("{count} activity changed", "{count} activities changed", n),
        ("activity", "deleted"): lambda: ngettext("{count} activity deleted", "{count} activities deleted", n),
        ("activity", "conflicts"): lambda: ngettext(
            "{count} activity in conflict", "{count} activities in conflict", n
        ),
        ("activity", "unchanged"): lambda: ngettext("{count} activity unchanged", "{count} activities unchanged", n),
        ("funding", "added"): lambda: ngettext("{count} funding record added", "{count} funding records added", n),
        ("funding", "updated"): lambda: ngettext(
            "{count} funding record changed", "{count} funding records changed", n
        ),
        ("funding", "deleted"): lambda: ngettext(
            "{count} funding record deleted", "{count} funding records deleted", n
        ),
        ("funding", "conflicts"): lambda: ngettext(
            "{count} funding record in conflict", "{count} funding records in conflict", n
        ),
        ("funding", "unchanged"): lambda: ngettext(
            "{count} funding record unchanged", "{count} funding records unchanged", n
        ),
        ("resolution_status", "added"): lambda: ngettext(
            "{count} resolution status added", "{count} resolution statuses added", n
        ),
        ("resolution_status", "updated"): lambda: ngettext(
            "{count} resolution status changed", "{count} resolution statuses changed", n
        ),
        ("resolution_status", "deleted"): lambda: ngettext(
            "{count} resolution status deleted", "{count} resolution statuses deleted", n
        ),
        ("resolution_status", "conflicts"): lambda: ngettext(
            "{count} resolution status in conflict", "{count} resolution statuses in conflict", n
        ),
        ("resolution_status", "unchanged"): lambda: ngettext(
            "{count} resolution status unchanged", "{count} resolution statuses unchanged", n
        ),
        ("office", "added"): lambda: ngettext("{count} office record added", "{count} office records added", n),
        ("office", "updated"): lambda: ngettext("{count} office record changed", "{count} office records changed", n),
        ("office", "deleted"): lambda: ngettext("{count} office record deleted", "{count} office records deleted", n),
        ("office", "conflicts"): lambda: ngettext(
            "{count} office record in conflict", "{count} office records in conflict", n
        ),
        ("office", "unchanged"): lambda: ngettext(
            "{count} office record unchanged", "{count} office records unchanged", n
        ),
    }
    phrase = phrases.get((table, kind))
    return phrase().format(count=format_number(n)) if phrase else None


MERGE_TABLES = ("activity", "funding", "resolution_status", "office")


def merge_changes(tables: Mapping[str, Mapping[str, int]], *, unchanged: bool = False) -> str:
    """What a merge changes, table by table, each count a plural naming its records: "3 activities added, 1 activity
    changed; 2 funding records added". Unchanged records only when asked; "" when nothing is to be said."""
    kinds = ("added", "updated", "deleted", "conflicts") + (("unchanged",) if unchanged else ())
    groups = []
    for table in MERGE_TABLES:
        counts = tables.get(table, {})
        phrases = [p for kind in kinds if counts.get(kind) and (p := _merge_phrase(table, kind, counts[kind]))]
        if phrases:
            # Translators: between the changes to one kind of record: "3 activities added, 1 activity changed"
            groups.append(pgettext("between counts", ", ").join(phrases))
    # Translators: between kinds of records: "3 activities added, 1 activity changed; 2 funding records added"
    return pgettext("between kinds of records", "; ").join(groups)
