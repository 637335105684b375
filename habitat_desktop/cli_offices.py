"""``habitat offices rename PATH CODE --name TEXT [--lang CODE]``: correct this office's own name."""

from __future__ import annotations

import argparse
from pathlib import Path

from habitat_desktop.l10n import LANGUAGES, _
from habitat_desktop.services import offices

__all__ = ["register"]


def register(office_commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``offices rename`` to the ``offices`` actions."""
    rename = office_commands.add_parser("rename", help=_("change this office's own name"))
    rename.add_argument("path", type=Path, help=_("the workspace"))
    rename.add_argument("code", help=_("the office code, e.g. KEN"))
    rename.add_argument("--name", required=True, help=_("the office's new name"))
    rename.add_argument("--lang", dest="language", choices=LANGUAGES, help=_("the language the new name is written in"))
    rename.set_defaults(run=_rename)


def _rename(args: argparse.Namespace) -> int:
    changed = offices.rename_office(args.path, args.code, args.name, language=args.language)
    if changed:
        print(_("Renamed office {office}; its translations are now outdated").format(office=args.code.upper()))
    else:
        print(_("Office {office} already has this name; nothing changed").format(office=args.code.upper()))
    return 0
