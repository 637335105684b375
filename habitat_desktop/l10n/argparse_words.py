"""argparse's own words (usage, option headings, its error texts) in the six languages, through our catalogs."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from habitat_desktop.l10n.translation import N_, _, ngettext


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural message for extraction (``-k N_plural:1,2``) without translating it."""
    return singular, plural


# The messages argparse passes to its module-level ``_`` and ``ngettext`` that a user can see (Python 3.11–3.13),
# word for word: they are looked up in our catalogs by these English texts. Messages meant for programmers
# ("dest= is required for options like %r") are left in English.
MESSAGES: tuple[str, ...] = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
)
PLURAL_MESSAGES: tuple[tuple[str, str], ...] = (N_plural("expected %s argument", "expected %s arguments"),)


def _argparse_gettext(message: str) -> str:
    return _(message)


def _argparse_ngettext(singular: str, plural: str, count: int) -> str:
    return ngettext(singular, plural, count)


@contextmanager
def argparse_in_current_language() -> Iterator[None]:
    """Within the block, argparse builds parsers, help and errors in the current language (then it is restored).

    argparse looks its words up with ``gettext`` in the ``messages`` domain of the system, where no catalog of ours
    is; its module-level ``_`` and ``ngettext`` are routed to the application's catalogs instead.
    """
    saved = argparse.__dict__["_"], argparse.__dict__["ngettext"]
    argparse.__dict__["_"], argparse.__dict__["ngettext"] = _argparse_gettext, _argparse_ngettext
    try:
        yield
    finally:
        argparse.__dict__["_"], argparse.__dict__["ngettext"] = saved
