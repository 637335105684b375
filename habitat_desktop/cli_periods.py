"""The reporting-cycle commands of ``habitat``: periods, submit, review, comment and proposals."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from habitat_desktop.domain import cycles, rules
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import _, ngettext
from habitat_desktop.l10n.formatting import format_date, format_datetime


def period_rule() -> str:
    """The rule saying which period a record belongs to (in the help of the commands that depend on it)."""
    return _(
        "A record belongs to a period by its dates: an activity to the period whose days hold its end date, else its "
        "start date (periods named by dates: 2025, 2026-Q1, 2026-H2, 2026-03); a funding line to the period that "
        "holds its date and to its activity's; a record without dates (a resolution status) to the period its "
        "period field names."
    )


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``periods``, ``submit``, ``review``, ``comment`` and ``proposals``."""
    per = commands.add_parser(
        "periods", help=_("open reporting periods, list them, follow who has reported"), description=period_rule()
    )
    per_commands = per.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    opening = per_commands.add_parser(
        "open", help=_("open a reporting period: the call for updates (coordinators)"), description=period_rule()
    )
    opening.add_argument("path", type=Path, help=_("the workspace"))
    opening.add_argument("period", help=_("the period, e.g. 2025 or 2026-Q1"))
    opening.add_argument("--due", required=True, help=_("the due date (YYYY-MM-DD)"))
    opening.add_argument("--offices", required=True, help=_("the offices expected to report, e.g. KEN,UGA"))
    opening.add_argument("--message", default="", help=_("a message to the offices"))
    opening.set_defaults(run=_open)
    listing = per_commands.add_parser("list", help=_("list the reporting periods"))
    listing.add_argument("path", type=Path, help=_("the workspace"))
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    listing.set_defaults(run=_list)
    status = per_commands.add_parser("status", help=_("each expected office's state in a period"))
    status.add_argument("path", type=Path, help=_("the workspace"))
    status.add_argument("period", help=_("the period, e.g. 2025 or 2026-Q1"))
    status.add_argument("--json", action="store_true", help=_("print JSON"))
    status.set_defaults(run=_status)
    reopening = per_commands.add_parser("reopen", help=_("reopen an office's approved period, with a comment"))
    reopening.add_argument("path", type=Path, help=_("the workspace"))
    reopening.add_argument("period", help=_("the period, e.g. 2025 or 2026-Q1"))
    reopening.add_argument("--office", required=True, help=_("the office code, e.g. KEN"))
    reopening.add_argument("--comment", required=True, help=_("why the period is reopened"))
    reopening.set_defaults(run=_reopen)
    history = per_commands.add_parser("history", help=_("every call, submission, decision and comment of a period"))
    history.add_argument("path", type=Path, help=_("the workspace"))
    history.add_argument("period", help=_("the period, e.g. 2025 or 2026-Q1"))
    history.set_defaults(run=_history)

    sub = commands.add_parser("submit", help=_("submit this office's records of a period"), description=period_rule())
    sub.add_argument("path", type=Path, help=_("the workspace"))
    sub.add_argument("period", help=_("the period, e.g. 2025 or 2026-Q1"))
    sub.add_argument("--withdraw", action="store_true", help=_("take the submission back (until it is reviewed)"))
    sub.set_defaults(run=_submit)

    rev = commands.add_parser("review", help=_("approve an office's submission, or return it with a comment"))
    rev.add_argument("path", type=Path, help=_("the workspace"))
    rev.add_argument("period", help=_("the period, e.g. 2025 or 2026-Q1"))
    rev.add_argument("--office", required=True, help=_("the office code, e.g. KEN"))
    decision = rev.add_mutually_exclusive_group(required=True)
    decision.add_argument("--approve", action="store_true", help=_("approve: the period's records become read-only"))
    decision.add_argument("--return", dest="return_", action="store_true", help=_("return it to the office"))
    rev.add_argument("--comment", default="", help=_("what to change (needed to return)"))
    rev.set_defaults(run=_review)

    com = commands.add_parser("comment", help=_("comment on a record or one of its fields"))
    com.add_argument("path", type=Path, help=_("the workspace"))
    com.add_argument("record", metavar="RECORD_ID", help=_("the record's id"))
    com.add_argument("text", help=_("the comment"))
    com.add_argument("--field", help=_("the field the comment is about, e.g. title"))
    com.set_defaults(run=_comment)

    pro = commands.add_parser("proposals", help=_("accept or reject changes proposed to approved records"))
    pro_commands = pro.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    for name, helptext in (
        ("accept", _("accept proposed changes: they replace the approved values")),
        ("reject", _("reject proposed changes: the approved values stay")),
    ):
        command = pro_commands.add_parser(name, help=helptext)
        command.add_argument("path", type=Path, help=_("the workspace"))
        command.add_argument("keys", nargs="+", metavar="KEY", help=_("proposals, as 'habitat conflicts' lists them"))
        command.set_defaults(run=_decide, accept=name == "accept")


def _print_json(value: object) -> None:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _open(args: argparse.Namespace) -> int:
    from habitat_desktop.services import reporting_periods

    due = rules.iso_date(args.due, "due")
    if due is None:
        raise ValidationError("due", _("a due date is needed"))
    view = reporting_periods.open_period(
        args.path, args.period, due=due, offices=args.offices.split(","), message=args.message
    )
    print(
        _("Opened period {period}, due {due}, for {offices}").format(
            period=view.period, due=format_date(view.due), offices=", ".join(view.offices)
        )
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    from habitat_desktop.services import reporting_periods

    views = reporting_periods.list_periods(args.path)
    if args.json:
        _print_json(
            [
                {
                    "period": v.period,
                    "due": v.due.isoformat() if v.due else None,
                    "offices": list(v.offices),
                    "message": v.message,
                    "opened_by": v.opened_by,
                }
                for v in views
            ]
        )
        return 0
    if not views:
        print(_("No reporting periods."))
    for view in views:
        print(
            _("{period}: due {due}, offices {offices}").format(
                period=view.period, due=format_date(view.due), offices=", ".join(view.offices)
            )
        )
        if view.message:
            print(f"  {view.message}")
    return 0


def _status(args: argparse.Namespace) -> int:
    from habitat_desktop.services import reporting_periods

    rows = reporting_periods.period_status(args.path, args.period)
    if args.json:
        _print_json([row.as_dict() for row in rows])
        return 0
    for row in rows:
        merged = format_datetime(row.last_merged) if row.last_merged else "—"
        records = ngettext("{count} record", "{count} records", row.records).format(count=row.records)
        late = ngettext("{count} day late", "{count} days late", row.days_late).format(count=row.days_late)
        state = _(cycles.STATE_LABELS[row.state])
        print(f"{row.office:<6} {state:<14} {records:<12} {merged}  {late if row.days_late else ''}".rstrip())
    return 0


def _reopen(args: argparse.Namespace) -> int:
    from habitat_desktop.services import reporting_periods

    reporting_periods.reopen(args.path, args.period, args.office, comment=args.comment)
    print(
        _("Reopened period {period} of office {office}; it unlocks everywhere after the next exchange").format(
            period=args.period, office=args.office.upper()
        )
    )
    return 0


def _history(args: argparse.Namespace) -> int:
    from habitat_desktop.services import cycle_history

    entries = cycle_history.period_history(args.path, args.period)
    if not entries:
        print(_("Nothing has happened in period {period} yet.").format(period=args.period))
    for entry in entries:
        print(f"{format_datetime(entry.written_at)}  {entry.sentence}")
    return 0


def _submit(args: argparse.Namespace) -> int:
    from habitat_desktop.services import reporting_periods

    reporting_periods.submit(args.path, args.period, withdraw=args.withdraw)
    if args.withdraw:
        print(_("Withdrew the submission of period {period}").format(period=args.period))
    else:
        print(_("Submitted period {period}; the next export carries the submission").format(period=args.period))
    return 0


def _review(args: argparse.Namespace) -> int:
    from habitat_desktop.services import reporting_periods

    reporting_periods.review(args.path, args.period, args.office, approve=args.approve, comment=args.comment)
    office = args.office.upper()
    if args.approve:
        print(_("Approved period {period} of office {office}").format(period=args.period, office=office))
    else:
        print(_("Returned period {period} to office {office}").format(period=args.period, office=office))
    return 0


def _comment(args: argparse.Namespace) -> int:
    from habitat_desktop.services import reporting_periods

    reporting_periods.comment(args.path, args.record, args.text, field=args.field)
    print(_("Comment added; the next export carries it"))
    return 0


def _decide(args: argparse.Namespace) -> int:
    from habitat_desktop.services import proposals

    count = proposals.decide(args.path, args.keys, accept=args.accept)
    if args.accept:
        print(
            ngettext("Accepted {count} proposed change", "Accepted {count} proposed changes", count).format(count=count)
        )
    else:
        print(
            ngettext("Rejected {count} proposed change", "Rejected {count} proposed changes", count).format(count=count)
        )
    return 0


def proposal_entries(path: Path) -> list[dict[str, object]]:
    """The proposals ``habitat conflicts --json`` lists beside the conflicts (``"kind": "proposal"``)."""
    from habitat_desktop.services import proposals

    return [view.as_dict() for view in proposals.list_proposals(path)]


def print_proposals(path: Path) -> int:
    """Print the proposals as ``habitat conflicts`` does; return how many there are."""
    from habitat_desktop.services import proposals

    views = proposals.list_proposals(path)
    for view in views:
        if view.new_record:
            line = _("{key}  {label} (a new record proposed by office {office}; period {period} is approved)")
        elif view.period:
            line = _("{key}  {label} (proposed by office {office}; period {period} is approved)")
        else:  # a write its office may not make, set aside by a merge (storage/foreign_writes.py)
            line = _("{key}  {label} (proposed by office {office}, which may change only its own records)")
        print(line.format(key=view.key, label=view.label, office=view.office, period=view.period))
        print(f"  * {view.approved_value!r}")
        print(f"    {view.office:<6} {view.stamp}  {view.value!r}")
    return len(views)
