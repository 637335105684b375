"""Translations (gettext catalogs) and locale-aware formatting for the six UN languages."""

from __future__ import annotations

from habitat_desktop.l10n.names import name_in
from habitat_desktop.l10n.translation import (
    LANGUAGES,
    N_,
    _,
    current_language,
    default_language,
    is_right_to_left,
    language_name,
    ngettext,
    npgettext,
    pgettext,
    quoted_value,
    set_language,
    use_language,
)

__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "current_language",
    "default_language",
    "is_right_to_left",
    "language_name",
    "name_in",
    "ngettext",
    "npgettext",
    "pgettext",
    "quoted_value",
    "set_language",
    "use_language",
]
