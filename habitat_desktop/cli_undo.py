"""``habitat undo PATH`` and ``habitat redo PATH``: the workspace's own undo steps, the same the window takes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from habitat_desktop.l10n import _
from habitat_desktop.services import undo, workspaces
from habitat_desktop.services.changes import Changes
from habitat_desktop.services.workspaces import Workspace

__all__ = ["register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``undo`` and ``redo`` to the command line."""
    for name, helptext, run in (
        ("undo", _("undo the last change made in the window (the same step Edit ▸ Undo takes)"), _undo),
        ("redo", _("take again the last step undone"), _redo),
    ):
        command = commands.add_parser(name, help=helptext)
        command.add_argument("path", type=Path, help=_("the workspace"))
        command.add_argument("--json", action="store_true", help=_("print JSON"))
        command.set_defaults(run=run)


def _undo(args: argparse.Namespace) -> int:
    return _step(args, undo.undo, lambda step: _("Undone: {step}").format(step=step))


def _redo(args: argparse.Namespace) -> int:
    return _step(args, undo.redo, lambda step: _("Redone: {step}").format(step=step))


def _step(args: argparse.Namespace, take: Callable[[Workspace], Changes], said: Callable[[str], str]) -> int:
    with workspaces.opened(args.path) as workspace:
        before = undo.status(workspace)
        kind = before.undo if take is undo.undo else before.redo
        changes = take(workspace)
        after = undo.status(workspace)
    if args.json:
        json.dump(
            {
                "step": kind,
                "activities": sorted(changes.activities),
                "undo": after.undo,
                "redo": after.redo,
            },
            sys.stdout,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
    else:
        print(said(undo.UndoStatus(kind, None).undo_text() or ""))
    return 0
