"""What a form changed against the version it loaded, set on the version saved since: a save never undoes a change
it did not see.

Three versions of an activity's values meet: ``base`` (what the form loaded), ``current`` (what the workspace holds
now, after any merge, conflict resolution, restore or other program) and ``mine`` (what the person typed). Only the
fields the person changed are written, over ``current``; a field changed on both sides to different values is a
clash the person settles ("mine" or "theirs"). Translations count per language. Ownership (the office) is never
changed by editing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from habitat_desktop.domain import activity_fields
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import ngettext

__all__ = ["OWNERSHIP", "Choice", "Clash", "EditConflictError", "Rebased", "clash_field_name", "rebase", "same_value"]

Choice = Literal["mine", "theirs"]
OWNERSHIP = frozenset({"office", "created_by"})  # who an activity belongs to: never changed by editing it
_UNORDERED = activity_fields.LIST_FIELDS - {  # lists whose order means nothing (a person orders partners)
    spec.key for spec in activity_fields.ACTIVITY_FIELDS if spec.kind is activity_fields.FieldKind.LINES
}
_TRANSLATION = "translations."


@dataclass(frozen=True)
class Clash:
    """One field (or ``translations.fr``) changed both in the form and in the workspace, to different values."""

    field: str
    base: Any
    theirs: Any
    mine: Any


class EditConflictError(HabitatError):
    """A save that would overwrite changes saved since the form was loaded; nothing was written."""

    def __init__(self, clashes: tuple[Clash, ...]) -> None:
        self.clashes = clashes
        super().__init__(
            ngettext(
                "{count} field was changed elsewhere since this activity was opened; choose which value to keep.",
                "{count} fields were changed elsewhere since this activity was opened; choose which values to keep.",
                len(clashes),
            ).format(count=len(clashes))
        )


@dataclass(frozen=True)
class Rebased:
    """The values to write, and which fields the form changed."""

    values: dict[str, Any]
    changed: tuple[str, ...]


def _comparable(field: str, value: Any) -> Any:
    if field in _UNORDERED:
        return tuple(sorted(str(item) for item in value or ()))
    if field in activity_fields.LIST_FIELDS:
        return tuple(value or ())
    if field.startswith(_TRANSLATION):
        value = value or {}
        return (str(value.get("title") or "").strip(), str(value.get("description") or "").strip())
    if field == "funding":
        return tuple(_funding_line(line) for line in value or ())
    if isinstance(value, str):
        return value.strip()
    return "" if value is None else value


def _funding_line(line: Any) -> tuple[Any, ...]:
    date = getattr(line, "date", None)
    return (
        getattr(line, "id", None),
        getattr(line, "amount", None),
        str(getattr(line, "currency", "")).upper(),
        getattr(line, "source", None),
        getattr(line, "stage", None),
        str(getattr(line, "contributor", "") or "").strip(),
        date.isoformat() if date is not None else None,
    )


def same_value(field: str, left: Any, right: Any) -> bool:
    """Whether two values of a field mean the same (order of a set of symbols, "" and None, spaces at the ends)."""
    return bool(_comparable(field, left) == _comparable(field, right))


def _flat(values: Mapping[str, Any]) -> dict[str, Any]:
    flat = {key: value for key, value in values.items() if key != "translations"}
    for language, texts in (values.get("translations") or {}).items():
        flat[_TRANSLATION + language] = texts
    return flat


def _unflat(flat: Mapping[str, Any]) -> dict[str, Any]:
    values = {key: value for key, value in flat.items() if not key.startswith(_TRANSLATION)}
    values["translations"] = {
        key[len(_TRANSLATION) :]: dict(texts)
        for key, texts in flat.items()
        if key.startswith(_TRANSLATION) and texts and any(str(t or "").strip() for t in texts.values())
    }
    return values


def rebase(
    base: Mapping[str, Any],
    current: Mapping[str, Any],
    mine: Mapping[str, Any],
    choices: Mapping[str, Choice] | None = None,
) -> Rebased:
    """The form's changes (``mine`` against ``base``) set on ``current``; EditConflictError for clashes left open."""
    choices = choices or {}
    flat_base, flat_current, flat_mine = _flat(base), _flat(current), _flat(mine)
    result = dict(flat_current)
    changed: list[str] = []
    clashes: list[Clash] = []
    for field in sorted(flat_mine.keys() | flat_base.keys()):
        if field in OWNERSHIP:
            continue
        typed, loaded, saved = flat_mine.get(field), flat_base.get(field), flat_current.get(field)
        if same_value(field, typed, loaded):
            continue  # not changed in the form: whatever is saved now stays
        changed.append(field)
        if same_value(field, saved, loaded) or same_value(field, saved, typed) or choices.get(field) == "mine":
            result[field] = typed
        elif choices.get(field) != "theirs":
            clashes.append(Clash(field, loaded, saved, typed))
    if clashes:
        raise EditConflictError(tuple(clashes))
    return Rebased(_unflat(result), tuple(changed))


def clash_field_name(field: str) -> str:
    """The field a clash is about, without its language ("translations" for "translations.fr")."""
    return field.split(".", 1)[0]
