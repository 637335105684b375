"""Where the files shipped with the application live (source tree, installed wheel or frozen bundle)."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return _PACKAGE.parent


def resource_path(*parts: str) -> Path:
    """The path of a shipped resource, e.g. ``resource_path("catalog", "resolutions.json")``.

    Resources (catalog, fonts and their licence, demo data, icons) are package data in ``habitat_desktop/data``,
    so a wheel and the PyInstaller bundle carry them like the source tree does.
    """
    return _PACKAGE.joinpath("data", *parts)


def locale_dir() -> Path:
    """The folder holding compiled gettext catalogs (``<lang>/LC_MESSAGES/messages.mo``)."""
    return _PACKAGE / "locale"


def source_catalog_dir() -> Path:
    """The folder of translators' ``.po`` files, present in a source checkout."""
    return _root() / "i18n"
