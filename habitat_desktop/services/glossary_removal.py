"""Removing a workspace term, or clearing a corrected name back to the shipped one (tombstones that merge)."""

from __future__ import annotations

from pathlib import Path

from habitat_desktop.domain import glossary
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import LANGUAGES, _, current_language, quoted_value
from habitat_desktop.l10n.punctuation import compact_list
from habitat_desktop.storage import glossary_store
from habitat_desktop.storage.recorder import Recorder
from habitat_desktop.storage.workspace import Workspace, opened

__all__ = ["remove_file_term", "remove_term"]


def remove_term(workspace: Workspace, key: str, *, language: str | None = None) -> int:
    """Delete this office's term ``key`` (a shipped term it corrected shows its shipped names again), or with
    ``language`` clear that one name. Returns the records changed; ValidationError (nothing stored) if this office
    has no such term or name."""
    glossary.check_key(key, "id")
    if language is not None and language not in LANGUAGES:
        raise ValidationError("lang", _("unknown language {value}").format(value=quoted_value(language)))
    with workspace.transaction() as session:
        changed = glossary_store.remove(Recorder(session, workspace.office), key, language)
        if changed:
            return changed
        others = glossary_store.other_offices(session, key, workspace.office)
        if others:
            raise ValidationError(
                "id",
                _(
                    "term {id} was written by office {offices}: only that office can remove it, in its own "
                    "workspace; add your own name instead"
                ).format(id=key, offices=compact_list(others, current_language())),
            )
        if glossary.shipped().by_id(key) is not None:
            raise ValidationError(
                "id",
                _("term {id} is shipped with Habitat and has no correction here to remove").format(id=key),
            )
        if language is not None:
            raise ValidationError(
                "lang", _("term {id} has no name in {language} to clear").format(id=key, language=language)
            )
        raise ValidationError("id", _("unknown term {id}").format(id=key))


def remove_file_term(path: Path, key: str, *, language: str | None = None) -> int:
    """``remove_term`` on the workspace at ``path``."""
    with opened(Path(path)) as workspace:
        return remove_term(workspace, key, language=language)
