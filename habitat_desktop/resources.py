"""Where the files shipped with the application live (source tree, installed package or frozen bundle)."""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """The path of a shipped resource, e.g. ``resource_path("catalog", "resolutions.json")``."""
    return _root().joinpath("resources", *parts)


def locale_dir() -> Path:
    """The folder holding compiled gettext catalogs (``<lang>/LC_MESSAGES/messages.mo``)."""
    return Path(__file__).resolve().parent / "locale"


def source_catalog_dir() -> Path:
    """The folder of translators' ``.po`` files, present in a source checkout."""
    return _root() / "i18n"
