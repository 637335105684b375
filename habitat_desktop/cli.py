"""The ``habitat`` command line: a thin front over the services, for scripts and for people."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from habitat_desktop import __version__, cli_glossary, cli_offices, cli_periods, cli_undo, logging_setup
from habitat_desktop.cli_output import is_stdout, through_stdout
from habitat_desktop.domain.enums import OfficeKind
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import LANGUAGES, _, default_language, ngettext, set_language
from habitat_desktop.l10n.argparse_words import argparse_in_current_language
from habitat_desktop.services import activities, backups, catalog, demo, offices, workspaces
from habitat_desktop.services.activities import FileFormat

log = logging.getLogger("habitat_desktop.cli")  # not __name__: "python -m habitat_desktop.cli" runs it as __main__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="habitat",
        description=_("Track the implementation of UN-Habitat Assembly resolutions in an offline workspace."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"habitat {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.add_argument("--verbose", action="store_true", help=_("also write debugging detail to the terminal"))
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), required=True)

    init = commands.add_parser("init", help=_("create a workspace for an office"))
    init.add_argument("path", type=Path, help=_("the workspace file to create (*.habitat)"))
    init.add_argument("--office", required=True, help=_("the office code, e.g. KEN"))
    init.add_argument("--office-name", required=True, help=_("the office's name"))
    init.add_argument("--country", required=True, help=_("the office's country (ISO 3166-1 alpha-2, e.g. KE)"))
    init.add_argument(
        "--kind", default="country", choices=["country", "regional", "headquarters"], help=_("the kind of office")
    )
    init.set_defaults(run=_init)

    demo_cmd = commands.add_parser("demo", help=_("create the demo workspace"))
    demo_cmd.add_argument("path", type=Path, help=_("the workspace file to create (*.habitat)"))
    demo_cmd.set_defaults(run=_demo)

    res = commands.add_parser("resolutions", help=_("list the Assembly's resolutions and their alignment"))
    res.add_argument("--lang", choices=LANGUAGES, help=_("the language of the titles"))
    res.add_argument("--json", action="store_true", help=_("print JSON"))
    res.add_argument("--workspace", type=Path, help=_("read the catalog of this workspace"))
    res.set_defaults(run=_resolutions)

    act = commands.add_parser("activities", help=_("export or import activities"))
    act_commands = act.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    export = act_commands.add_parser("export", help=_("write activities as JSON lines or CSV"))
    export.add_argument("path", type=Path, help=_("the workspace"))
    export.add_argument(
        "--format", choices=[f.value for f in FileFormat], default=None, help=_("jsonl (default) or csv")
    )
    export.add_argument("-o", "--output", type=Path, help=_("the file to write; - or none for standard output"))
    export.add_argument("--lang", choices=LANGUAGES, help=_("the language of an Excel file's headers and labels"))
    export.set_defaults(run=_export)
    imp = act_commands.add_parser("import", help=_("add, update or delete activities from a file, all or nothing"))
    imp.add_argument("path", type=Path, help=_("the workspace"))
    imp.add_argument("file", type=Path, help=_("a .jsonl, .csv or .xlsx file"))
    imp.set_defaults(run=_import)
    tpl = act_commands.add_parser("template", help=_("write an empty Excel workbook to fill in and import"))
    tpl.add_argument("path", type=Path, help=_("the workspace"))
    tpl.add_argument("--lang", choices=LANGUAGES, help=_("the language of the headers and labels"))
    tpl.add_argument(
        "-o", "--output", type=Path, required=True, help=_("the workbook to write (*.xlsx); - for standard output")
    )
    tpl.set_defaults(run=_template)
    purge = act_commands.add_parser("purge", help=_("remove deleted activities for good (asks for --yes)"))
    purge.add_argument("path", type=Path, help=_("the workspace"))
    purge.add_argument("--yes", action="store_true", help=_("really purge; without it, only count"))
    purge.set_defaults(run=_purge)

    off = commands.add_parser("offices", help=_("list or add the offices a workspace knows"))
    off_commands = off.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    off_list = off_commands.add_parser("list", help=_("list the offices"))
    off_list.add_argument("path", type=Path, help=_("the workspace"))
    off_list.set_defaults(run=_offices_list)
    off_add = off_commands.add_parser("add", help=_("register another office"))
    off_add.add_argument("path", type=Path, help=_("the workspace"))
    off_add.add_argument("--office", required=True, help=_("the office code, e.g. KEN"))
    off_add.add_argument("--office-name", required=True, help=_("the office's name"))
    off_add.add_argument("--country", required=True, help=_("the office's country (ISO 3166-1 alpha-2, e.g. KE)"))
    off_add.add_argument(
        "--kind", default="country", choices=["country", "regional", "headquarters"], help=_("the kind of office")
    )
    off_add.set_defaults(run=_offices_add)
    cli_offices.register(off_commands)  # offices rename

    check = commands.add_parser("check", help=_("check a workspace's integrity and schema"))
    check.add_argument("path", type=Path, help=_("the workspace"))
    check.set_defaults(run=_check)

    bak = commands.add_parser("backups", help=_("list or restore automatic backups"))
    bak_commands = bak.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    listing = bak_commands.add_parser("list", help=_("list a workspace's backups, newest first"))
    listing.add_argument("path", type=Path, help=_("the workspace"))
    listing.set_defaults(run=_backups_list)
    restore = bak_commands.add_parser("restore", help=_("replace a workspace by one of its backups"))
    restore.add_argument("path", type=Path, help=_("the workspace"))
    restore.add_argument("backup", help=_("the backup's number in the list, or its file name"))
    restore.set_defaults(run=_backups_restore)
    _add_report_commands(commands)
    _add_translation_commands(commands)
    _add_document_commands(commands)
    _add_exchange_commands(commands)
    cli_undo.register(commands)
    cli_periods.add_commands(commands)  # reporting cycles: periods, submit, review, comment, proposals
    cli_glossary.register(commands)  # the workspace glossary
    return parser


def _add_exchange_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    exp = commands.add_parser("export", help=_("write a signed export (.habx) of a workspace for a coordinator"))
    exp.add_argument("path", type=Path, help=_("the workspace"))
    exp.add_argument(
        "-o", "--output", type=Path, required=True, help=_("the export file to write (*.habx); - for standard output")
    )
    exp.set_defaults(run=_export_workspace)

    mrg = commands.add_parser("merge", help=_("merge offices' exports into a workspace, all files or none"))
    mrg.add_argument("path", type=Path, help=_("the workspace"))
    mrg.add_argument("files", type=Path, nargs="+", metavar="FILE", help=_("exports (*.habx)"))
    mrg.add_argument("--dry-run", action="store_true", help=_("only show what would change"))
    mrg.add_argument("--json", action="store_true", help=_("print JSON"))
    mrg.add_argument("--trust", action="store_true", help=_("trust the offices that signed these exports"))
    mrg.add_argument(
        "--trust-coordinator",
        action="store_true",
        help=_("trust the signers as coordinators, who may pass on other offices' changes"),
    )
    mrg.set_defaults(run=_merge)

    hist = commands.add_parser("merges", help=_("list the exports merged into a workspace"))
    hist.add_argument("path", type=Path, help=_("the workspace"))
    hist.add_argument("--json", action="store_true", help=_("print JSON"))
    hist.set_defaults(run=_merges)

    con = commands.add_parser("conflicts", help=_("list or resolve conflicting edits left by merges"))
    con.add_argument("path", type=Path, help=_("the workspace"))
    con.add_argument("--json", action="store_true", help=_("print JSON"))
    con.add_argument("--merge", help=_("only the conflicts of this merge (its id in 'habitat merges')"))
    con.set_defaults(run=_conflicts)
    res = commands.add_parser(
        "conflicts-resolve",
        aliases=["resolve"],
        help=_("keep one value of each conflict (also: habitat conflicts resolve)"),
    )
    res.add_argument("path", type=Path, help=_("the workspace"))
    res.add_argument("keys", nargs="*", metavar="KEY", help=_("conflicts to resolve (default: all)"))
    res.add_argument(
        "--keep",
        required=True,
        help=_("newer, mine (this office's value), theirs (another office's), or a value's stamp"),
    )
    res.add_argument("--merge", help=_("only the conflicts of this merge (its id in 'habitat merges')"))
    res.set_defaults(run=_conflicts_resolve)

    tru = commands.add_parser("trust", help=_("list, add or remove the offices whose exports are trusted"))
    tru_commands = tru.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    tru_list = tru_commands.add_parser("list", help=_("list the trusted offices and their key fingerprints"))
    tru_list.add_argument("path", type=Path, help=_("the workspace"))
    tru_list.set_defaults(run=_trust_list)
    tru_add = tru_commands.add_parser("add", help=_("trust the office that signed an export"))
    tru_add.add_argument("path", type=Path, help=_("the workspace"))
    tru_add.add_argument("file", type=Path, help=_("an export (*.habx) signed by the office"))
    tru_add.add_argument(
        "--coordinator",
        action="store_true",
        help=_("trust it to pass on other offices' changes (a region, headquarters)"),
    )
    tru_add.set_defaults(run=_trust_add)
    tru_rm = tru_commands.add_parser("remove", help=_("stop trusting an office"))
    tru_rm.add_argument("path", type=Path, help=_("the workspace"))
    tru_rm.add_argument("office", help=_("the office code, e.g. KEN"))
    tru_rm.set_defaults(run=_trust_remove)


def _export_workspace(args: argparse.Namespace) -> int:
    from habitat_desktop.services import exports

    if is_stdout(args.output):
        with through_stdout("export.habx") as target:
            manifest = exports.export_workspace(args.path, target)
        print(
            ngettext(
                "Exported {count} activity of office {office} to standard output; key {fingerprint}",
                "Exported {count} activities of office {office} to standard output; key {fingerprint}",
                manifest.counts["activity"],
            ).format(count=manifest.counts["activity"], office=manifest.office, fingerprint=manifest.fingerprint),
            file=sys.stderr,
        )
        return 0
    manifest = exports.export_workspace(args.path, args.output)
    print(
        ngettext(
            "Exported {count} activity of office {office} to {path}; key {fingerprint}",
            "Exported {count} activities of office {office} to {path}; key {fingerprint}",
            manifest.counts["activity"],
        ).format(
            count=manifest.counts["activity"],
            office=manifest.office,
            path=args.output if args.output.suffix == ".habx" else args.output.with_suffix(".habx"),
            fingerprint=manifest.fingerprint,
        )
    )
    return 0


def _counts_line(counts: Mapping[str, object]) -> str:
    from habitat_desktop.services.change_counts import changes_summary

    return changes_summary(counts)


def _merge_line(tables: Mapping[str, Mapping[str, int]]) -> str:
    from habitat_desktop.services.change_counts import merge_changes

    return merge_changes(tables, unchanged=True) or _("no records")


def _merge(args: argparse.Namespace) -> int:
    from habitat_desktop.services import merges

    result = merges.merge_files(
        args.path,
        args.files,
        dry_run=args.dry_run,
        trust=args.trust or args.trust_coordinator,
        as_coordinator=args.trust_coordinator,
    )
    if args.json:
        _print_json(result.as_dict())
        return 0
    for item in result.files:
        print(f"{item.file.name} ({item.office}): {_merge_line(item.counts.per_table())}")
        for line in item.set_aside_lines():  # writes its signer may not make (storage/foreign_writes.py)
            print(line)
    total = _merge_line(result.totals.per_table())
    if result.dry_run:
        print(_("Dry run, nothing changed: {summary}").format(summary=total))
    elif result.backup is None:  # every file had been merged before
        print(_("Nothing new to merge: {summary}").format(summary=total))
    else:
        print(_("Merged: {summary}; backup in {backup}").format(summary=total, backup=result.backup))
    return 0


def _merges(args: argparse.Namespace) -> int:
    from habitat_desktop.services import merges

    events = merges.merge_history(args.path)
    if args.json:
        _print_json(
            [
                {
                    "id": e.merge_id,
                    "file": e.file_name,
                    "sha256": e.sha256,
                    "signer": e.signer,
                    "fingerprint": e.fingerprint,
                    "merged_at": e.merged_at.isoformat(),
                    **e.summary,
                }
                for e in events
            ]
        )
        return 0
    for e in events:
        line = _counts_line(dict(e.summary))
        print(f"{e.merged_at:%Y-%m-%d %H:%M} {e.signer:<6} {e.file_name}  {line}  {e.merge_id}")
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    from habitat_desktop.services import conflicts

    views = conflicts.list_conflicts(args.path, merge_id=args.merge)
    if args.json:
        _print_json(
            [
                {
                    "kind": "conflict",
                    "key": v.key,
                    "table": v.table,
                    "record": v.record_id,
                    "field": v.field,
                    "label": v.label,
                    "values": [
                        {"stamp": c.stamp, "office": c.office, "value": c.value, "current": c.current}
                        for c in v.candidates
                    ],
                }
                for v in views
            ]
            + ([] if args.merge else cli_periods.proposal_entries(args.path))
        )
        return 0
    if not views and not cli_periods.print_proposals(args.path):
        print(_("No conflicts."))
    for view in views:
        print(f"{view.key}  {view.label}")
        for candidate in view.candidates:
            mark = "*" if candidate.current else " "
            print(f"  {mark} {candidate.office:<6} {candidate.stamp}  {candidate.value!r}")
    return 0


def _conflicts_resolve(args: argparse.Namespace) -> int:
    from habitat_desktop.services import conflicts

    settled = conflicts.resolve_conflicts(args.path, args.keep, keys=args.keys, merge_id=args.merge)
    print(
        ngettext(
            "Resolved {count} conflict; the values set aside stay in the history.",
            "Resolved {count} conflicts; the values set aside stay in the history.",
            settled,
        ).format(count=settled)
    )
    return 0


def _trust_list(args: argparse.Namespace) -> int:
    from habitat_desktop.services import trust

    for office in trust.trusted_offices(args.path):
        role = _("coordinator") if office.coordinator else ""
        print(f"{office.office:<8} {office.fingerprint}  {office.trusted_at:%Y-%m-%d}  {role}".rstrip())
    return 0


def _trust_add(args: argparse.Namespace) -> int:
    from habitat_desktop.services import trust

    office = trust.trust_export_signer(args.path, args.file, as_coordinator=args.coordinator)
    print(
        _("Office {office} is trusted (key {fingerprint}).").format(
            office=office.office, fingerprint=office.fingerprint
        )
    )
    return 0


def _trust_remove(args: argparse.Namespace) -> int:
    from habitat_desktop.services import trust

    if not trust.untrust_office(args.path, args.office):
        raise HabitatError(_("Office {office} was not trusted").format(office=args.office))
    print(_("Office {office} is no longer trusted.").format(office=args.office))
    return 0


def _add_report_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from habitat_desktop.services.reports import ALL_LANGUAGES, ReportKind

    rep = commands.add_parser("report", help=_("write a PDF report in one or all six languages"))
    rep.add_argument("path", type=Path, help=_("the workspace"))
    rep.add_argument(
        "--kind",
        required=True,
        choices=[k.value for k in ReportKind],
        help=_("progress (on implementing the resolutions), resolution (a fact sheet) or office"),
    )
    rep.add_argument(
        "--lang",
        dest="report_language",
        required=True,
        choices=[*LANGUAGES, ALL_LANGUAGES],
        help=_("the report's language; with all, OUT is a folder receiving one PDF per language"),
    )
    rep.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help=_("the PDF to write (a folder with --lang all); - for standard output"),
    )
    rep.add_argument("--resolution", help=_("the resolution of a fact sheet, e.g. 2/7"))
    rep.add_argument("--office", help=_("the office of an office report, e.g. KEN"))
    rep.add_argument("--from", dest="since", help=_("the first day of the period (YYYY-MM-DD)"))
    rep.add_argument("--to", dest="until", help=_("the last day of the period (YYYY-MM-DD)"))
    rep.add_argument("--paper", choices=["a4", "letter"], default="a4", help=_("the paper size"))
    rep.add_argument(
        "--format", dest="output_format", choices=["pdf", "docx"], default="pdf", help=_("pdf (default) or docx")
    )
    rep.add_argument("--document", help=_("the report document to print (its symbol); the newest by default"))
    rep.set_defaults(run=_report)


def _add_translation_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    tr = commands.add_parser("translations", help=_("export texts to translate (XLIFF 2) or import translations"))
    tr_commands = tr.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    tr_export = tr_commands.add_parser("export", help=_("write the records' texts for a translator as XLIFF 2"))
    tr_export.add_argument("path", type=Path, help=_("the workspace"))
    tr_export.add_argument(
        "--lang", dest="target_language", required=True, choices=LANGUAGES, help=_("the language to translate into")
    )
    tr_export.add_argument(
        "--from", dest="source_language", default="en", choices=LANGUAGES, help=_("the language of the source texts")
    )
    tr_export.add_argument(
        "--state", help=_("only texts in these states, e.g. missing,outdated (missing, translated, reviewed, outdated)")
    )
    tr_export.add_argument(
        "-o", "--output", type=Path, required=True, help=_("the XLIFF file to write; - for standard output")
    )
    tr_export.set_defaults(run=_translations_export)
    tr_import = tr_commands.add_parser("import", help=_("apply the translations of an XLIFF file, all or nothing"))
    tr_import.add_argument("path", type=Path, help=_("the workspace"))
    tr_import.add_argument("file", type=Path, help=_("the XLIFF file"))
    tr_import.add_argument(
        "--lang", dest="target_language", choices=LANGUAGES, help=_("refuse the file unless it translates into this")
    )
    tr_import.set_defaults(run=_translations_import)


def _translations_export(args: argparse.Namespace) -> int:
    from habitat_desktop.services import translations

    states = translations.parse_states(args.state)
    if is_stdout(args.output):
        with through_stdout("texts.xlf") as target:
            count = translations.export_file(
                args.path, args.target_language, target, states, source_language=args.source_language
            )
        print(
            ngettext(
                "Wrote {count} text to translate into {language} to standard output",
                "Wrote {count} texts to translate into {language} to standard output",
                count,
            ).format(count=count, language=args.target_language),
            file=sys.stderr,
        )
        return 0
    count = translations.export_file(
        args.path, args.target_language, args.output, states, source_language=args.source_language
    )
    print(
        ngettext(
            "Wrote {count} text to translate into {language} to {path}",
            "Wrote {count} texts to translate into {language} to {path}",
            count,
        ).format(count=count, language=args.target_language, path=args.output)
    )
    return 0


def _translations_import(args: argparse.Namespace) -> int:
    from habitat_desktop.services import translations

    summary = translations.import_file(args.path, args.file, language=args.target_language)
    for line in summary.lines():
        print(line)
    if summary.backup is not None:
        print(_("Backup taken first: {path}").format(path=summary.backup))
    return 0


def _add_document_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    doc = commands.add_parser("documents", help=_("list, export or import the report documents of a workspace"))
    doc_commands = doc.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    doc_list = doc_commands.add_parser("list", help=_("list the report documents, newest first"))
    doc_list.add_argument("path", type=Path, help=_("the workspace"))
    doc_list.add_argument("--json", action="store_true", help=_("print JSON"))
    doc_list.set_defaults(run=_documents_list)
    doc_export = doc_commands.add_parser("export", help=_("write a report document as JSON"))
    doc_export.add_argument("path", type=Path, help=_("the workspace"))
    doc_export.add_argument("symbol", help=_("the document's symbol, e.g. HSP/OECPR.2025/4"))
    doc_export.add_argument(
        "-o", "--output", type=Path, required=True, help=_("the JSON file to write; - for standard output")
    )
    doc_export.set_defaults(run=_documents_export)
    doc_import = doc_commands.add_parser("import", help=_("add or replace a report document from JSON, all or nothing"))
    doc_import.add_argument("path", type=Path, help=_("the workspace"))
    doc_import.add_argument("file", type=Path, help=_("a document's .json file"))
    doc_import.set_defaults(run=_documents_import)


def _documents_list(args: argparse.Namespace) -> int:
    from habitat_desktop.services.report_documents import list_documents

    found = list_documents(args.path)
    if args.json:
        print(json.dumps([d.as_dict() for d in found], ensure_ascii=False, indent=2))
        return 0
    for document in found:
        print(f"{document.symbol:<24} {document.date or '-':<10}  {document.kind:<9} {document.period}")
    return 0


def _documents_export(args: argparse.Namespace) -> int:
    from habitat_desktop.services.report_documents import export_document

    if is_stdout(args.output):
        with through_stdout("document.json") as target:
            export_document(args.path, args.symbol, target)
        print(_("Wrote the document {symbol} to standard output").format(symbol=args.symbol), file=sys.stderr)
        return 0
    written = export_document(args.path, args.symbol, args.output)
    print(_("Wrote {path}").format(path=written))
    return 0


def _documents_import(args: argparse.Namespace) -> int:
    from habitat_desktop.services.report_documents import import_document

    symbol = import_document(args.path, args.file)
    print(_("Imported the document {symbol}").format(symbol=symbol))
    return 0


def _report(args: argparse.Namespace) -> int:
    from habitat_desktop.domain.rules import iso_date
    from habitat_desktop.services.reports import ALL_LANGUAGES, ReportOptions, generate_report

    options = ReportOptions(
        resolution=args.resolution,
        office=args.office,
        since=iso_date(args.since, "from"),
        until=iso_date(args.until, "to"),
        paper=args.paper,
        document=args.document,
        output_format=args.output_format,
    )
    if is_stdout(args.output):
        if args.report_language == ALL_LANGUAGES:
            raise HabitatError(
                _("With --lang all the reports are written into a folder; standard output (-o -) takes one report")
            )
        with through_stdout("report.pdf") as target:
            result = generate_report(args.path, args.kind, args.report_language, target, options)
        pages = result.pages[args.report_language]
        print(
            ngettext(
                "Wrote the report to standard output ({language}, {pages} page)",
                "Wrote the report to standard output ({language}, {pages} pages)",
                pages,
            ).format(language=args.report_language, pages=pages),
            file=sys.stderr,
        )
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        return 0
    result = generate_report(args.path, args.kind, args.report_language, args.output, options)
    for language, path in result.files.items():
        pages = result.pages[language]
        if args.output_format == "docx":
            print(_("Wrote {path} ({language})").format(path=path, language=language))
            continue
        print(
            ngettext(
                "Wrote {path} ({language}, {pages} page)", "Wrote {path} ({language}, {pages} pages)", pages
            ).format(path=path, language=language, pages=pages)
        )
    for warning in result.warnings:  # characters no bundled font has, printed as a visible replacement
        print(warning, file=sys.stderr)
    return 0


def _init(args: argparse.Namespace) -> int:
    workspace = workspaces.create_workspace(
        args.path, office=args.office, office_name=args.office_name, country=args.country, kind=args.kind
    )
    workspace.close()
    print(_("Created workspace {path} for office {office}").format(path=workspace.path, office=workspace.office))
    return 0


def _demo(args: argparse.Namespace) -> int:
    workspace = demo.create_demo(args.path)
    workspace.close()
    print(_("Created the demo workspace {path}").format(path=workspace.path))
    return 0


def _resolutions(args: argparse.Namespace) -> int:
    views = catalog.list_resolutions(args.workspace, args.lang)
    if args.json:
        _print_json([v.as_dict() for v in views])
        return 0
    for view in views:
        print(f"{view.symbol:>5}  {view.document_symbol:<16} {view.title}")
    return 0


def _export(args: argparse.Namespace) -> int:
    if args.output is not None and args.output.suffix.lower() == ".xlsx":
        from habitat_desktop.services import spreadsheets

        count = spreadsheets.export_spreadsheet(args.path, args.output, args.lang or default_language())
        print(
            ngettext("Exported {count} activity to {path}", "Exported {count} activities to {path}", count).format(
                count=count, path=args.output
            ),
            file=sys.stderr,
        )
        return 0
    file_format = (
        FileFormat(args.format)
        if args.format
        else (FileFormat.CSV if args.output and args.output.suffix.lower() == ".csv" else FileFormat.JSONL)
    )
    if args.output is None or is_stdout(args.output):
        _utf8_stdout()
        activities.export_activities(args.path, sys.stdout, file_format)
        return 0
    partial = args.output.with_name(args.output.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            count = activities.export_activities(args.path, out, file_format)
        partial.replace(args.output)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise HabitatError(
            _("Cannot write {path}: {reason}").format(path=args.output, reason=error.strerror)
        ) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    print(
        ngettext("Exported {count} activity to {path}", "Exported {count} activities to {path}", count).format(
            count=count, path=args.output
        ),
        file=sys.stderr,
    )
    return 0


def _template(args: argparse.Namespace) -> int:
    from habitat_desktop.services import spreadsheets

    if is_stdout(args.output):
        with through_stdout("template.xlsx") as target:
            spreadsheets.write_template(args.path, target, args.lang or default_language())
        print(_("Wrote an activity template to standard output"), file=sys.stderr)
        return 0
    spreadsheets.write_template(args.path, args.output, args.lang or default_language())
    print(_("Wrote an activity template to {path}").format(path=args.output), file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    summary = activities.import_activities(args.path, args.file)
    print(summary.line())
    return 0


def _purge(args: argparse.Namespace) -> int:
    from habitat_desktop.services import purging

    with workspaces.opened(args.path) as workspace:
        if not args.yes:
            count = len(purging.purgeable(workspace))
            print(
                ngettext(
                    "{count} deleted activity would be purged; this cannot be undone. Run again with --yes to "
                    "purge it.",
                    "{count} deleted activities would be purged; this cannot be undone. Run again with --yes to "
                    "purge them.",
                    count,
                ).format(count=count)
            )
            return 0
        count = purging.purge_deleted(workspace)
    print(
        ngettext(
            "Purged {count} deleted activity; a backup was taken first.",
            "Purged {count} deleted activities; a backup was taken first.",
            count,
        ).format(count=count)
    )
    return 0


def _offices_list(args: argparse.Namespace) -> int:
    for office in offices.list_offices(args.path):
        print(f"{office.code:<8} {office.country}  {OfficeKind(office.kind).label():<20} {office.name}")
    return 0


def _offices_add(args: argparse.Namespace) -> int:
    offices.add_office(args.path, code=args.office, name=args.office_name, country=args.country, kind=args.kind)
    print(_("Added office {office}").format(office=args.office.upper()))
    return 0


def _check(args: argparse.Namespace) -> int:
    report = workspaces.check_workspace(args.path)
    for line in report.lines():
        print(line)
    return 0 if report.healthy else 1


def _backups_list(args: argparse.Namespace) -> int:
    found = backups.list_backups(args.path)
    if not found:
        print(_("No backups of {path} yet").format(path=args.path))
    for number, backup in enumerate(found, start=1):
        print(f"{number:>3}  {backup.taken_at:%Y-%m-%d %H:%M:%S} UTC  {backup.reason:<12} {backup.path.name}")
    return 0


def _backups_restore(args: argparse.Namespace) -> int:
    safety = backups.restore_backup(args.path, args.backup)
    print(_("Restored {path}; its previous state is kept in {backup}").format(path=args.path, backup=safety))
    return 0


def _print_json(value: object) -> None:
    _utf8_stdout()
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _utf8_stdout() -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Messages, argparse's own included, are in the environment's language (LANGUAGE, LC_ALL,
    LC_MESSAGES, LANG) when it is one of the six, else English; ``resolutions --lang`` also sets its output's."""
    set_language(default_language())
    arguments = list(sys.argv[1:] if argv is None else argv)
    verbose = "--verbose" in arguments  # accepted after the command too: "habitat merge … --verbose"
    arguments = [argument for argument in arguments if argument != "--verbose"]
    logging_setup.configure(verbose=verbose)
    log.debug("habitat %s: %s", __version__, arguments)
    if arguments[:2] == ["conflicts", "resolve"]:  # "habitat conflicts resolve PATH …"
        arguments[:2] = ["conflicts-resolve"]
    with argparse_in_current_language():
        parser = build_parser()
        args = parser.parse_args(arguments)
    if getattr(args, "lang", None):
        set_language(args.lang)
    try:
        status = int(args.run(args))
        log.debug("habitat %s ended with status %d", args.command, status)
        return status
    except BrokenPipeError:  # the reader stopped early (habitat resolutions | head): not an error of ours
        _silence_stdout()
        return 141
    except HabitatError as error:
        log.info("habitat %s refused: %s", args.command, error)
        print(_("habitat: error: {message}").format(message=error), file=sys.stderr)
        return 1
    except OSError as error:  # a file or folder the system refuses (permissions, a full disk): nothing was changed
        message = f"{error.filename}: {error.strerror}" if error.filename else (error.strerror or str(error))
        log.info("habitat %s refused: %s", args.command, message)
        print(_("habitat: error: {message}").format(message=message), file=sys.stderr)
        return 1
    except Exception:
        log.exception("habitat %s failed", args.command)
        raise
    except KeyboardInterrupt:
        print(_("habitat: interrupted; nothing was changed"), file=sys.stderr)
        return 130


def _silence_stdout() -> None:
    """Point standard output at the null device so Python's flush at exit does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


if __name__ == "__main__":
    raise SystemExit(main())
