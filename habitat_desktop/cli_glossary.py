"""``habitat glossary list|add|import|export|remove PATH``: the workspace glossary over the shipped one."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from habitat_desktop.cli_output import is_stdout, through_stdout
from habitat_desktop.domain.glossary import KINDS
from habitat_desktop.l10n import LANGUAGES, _, ngettext
from habitat_desktop.services import glossary, glossary_removal

__all__ = ["register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``glossary`` and its actions to the command line."""
    command = commands.add_parser("glossary", help=_("list, add, import or export the terms of the glossary"))
    actions = command.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    listing = actions.add_parser("list", help=_("list every term: shipped, corrected here and the workspace's own"))
    listing.add_argument("path", type=Path, help=_("the workspace"))
    listing.add_argument("--lang", dest="language", choices=LANGUAGES, help=_("show the names in this language only"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(run=_list)
    add = actions.add_parser("add", help=_("add a term, or correct names of a term (matched by id or by a name)"))
    add.add_argument("path", type=Path, help=_("the workspace"))
    add.add_argument(
        "--id", dest="key", help=_("the term's id (e.g. greater-bamako); found from the names if left out")
    )
    add.add_argument("--kind", choices=KINDS, help=_("what the term names (needed for a new term)"))
    for code in LANGUAGES:
        add.add_argument(f"--{code}", dest=f"name_{code}", help=_("the name in {language}").format(language=code))
    add.set_defaults(run=_add)
    imp = actions.add_parser("import", help=_("add or correct the terms of a JSON file, all or nothing"))
    imp.add_argument("path", type=Path, help=_("the workspace"))
    imp.add_argument("file", type=Path, help=_("the glossary file (JSON, as exported)"))
    imp.set_defaults(run=_import)
    exp = actions.add_parser("export", help=_("write the workspace's terms as JSON"))
    exp.add_argument("path", type=Path, help=_("the workspace"))
    exp.add_argument("-o", "--output", type=Path, required=True, help=_("the JSON file to write"))
    exp.add_argument("--all", dest="everything", action="store_true", help=_("also the shipped terms"))
    exp.set_defaults(run=_export)
    rm = actions.add_parser(
        "remove", help=_("remove a workspace term, or clear a corrected name back to the shipped one")
    )
    rm.add_argument("path", type=Path, help=_("the workspace"))
    rm.add_argument("term_id", help=_("the term's id (e.g. greater-bamako)"))
    rm.add_argument("--lang", dest="language", choices=LANGUAGES, help=_("clear the name in this language only"))
    rm.set_defaults(run=_remove)


def _list(args: argparse.Namespace) -> int:
    rows = glossary.list_terms(args.path)
    if args.json:
        body = [{"id": r.id, "kind": r.kind, "origin": r.origin, **dict(r.names)} for r in rows]
        json.dump(body, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for row in rows:
        names = [row.names[args.language]] if args.language else [n for n in row.names.values() if n]
        print(f"{row.id}\t{row.kind}\t{row.origin}\t" + " | ".join(names))
    return 0


def _add(args: argparse.Namespace) -> int:
    names = {code: getattr(args, f"name_{code}") for code in LANGUAGES if getattr(args, f"name_{code}") is not None}
    key, changed = glossary.add_term(args.path, names, key=args.key, kind=args.kind)
    if changed:
        print(_("Term {id} saved.").format(id=key))
    else:
        print(_("Term {id} unchanged.").format(id=key))
    return 0


def _remove(args: argparse.Namespace) -> int:
    glossary_removal.remove_file_term(args.path, args.term_id, language=args.language)
    if args.language:
        print(_("Name in {language} of term {id} cleared.").format(language=args.language, id=args.term_id))
    else:
        print(_("Term {id} removed.").format(id=args.term_id))
    return 0


def _import(args: argparse.Namespace) -> int:
    summary = glossary.import_file(args.path, args.file)
    for line in summary.lines():
        print(line)
    if summary.backup is not None:
        print(_("Backup taken first: {path}").format(path=summary.backup))
    return 0


def _export(args: argparse.Namespace) -> int:
    if is_stdout(args.output):
        with through_stdout("glossary.json") as target:
            count = glossary.export_file(args.path, target, everything=args.everything)
        print(
            ngettext("Wrote {count} term to standard output", "Wrote {count} terms to standard output", count).format(
                count=count
            ),
            file=sys.stderr,
        )
        return 0
    count = glossary.export_file(args.path, args.output, everything=args.everything)
    print(
        ngettext("Wrote {count} term to {path}", "Wrote {count} terms to {path}", count).format(
            count=count, path=args.output
        )
    )
    return 0
