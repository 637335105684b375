"""Bidirectional text: keep a Latin title readable in an Arabic window and an Arabic name in an English one."""

from __future__ import annotations

import re

from habitat_desktop.l10n import is_right_to_left

FSI, PDI = "\u2068", "\u2069"
LRM, RLM = "\u200e", "\u200f"
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
# digit groups of a number written with spaces ("900 000", as UN Arabic documents group them)
_SPACED_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d])")


def isolate(text: str) -> str:
    """Text wrapped in a first-strong isolate, so its direction comes from its own letters, not the window's.

    In right-to-left text, a number whose digit groups are separated by plain spaces ("900 000") is shown with
    no-break spaces: by the bidi algorithm a space between two numbers after Arabic letters is neutral and the
    groups would be shown in reverse ("000 900"); a no-break space is a number separator (class CS) and keeps
    them in order, as Qt shows it (a test lays it out and finds the groups in order)."""
    if not text:
        return text
    if " " in text and _RTL.search(text):
        text = _SPACED_NUMBER.sub(lambda number: number.group().replace(" ", "\u00a0"), text)
    return f"{FSI}{text}{PDI}"


_QUOTED = re.compile(r"""(?<!\w)(?:'[^'\n]+'|"[^"\n]+"|“[^”\n]+”|«[^»\n]+»)""")
"""A value quoted in a message ('2026-13-01', “bogus”, «مخطط»): what ``isolate_quoted`` isolates."""


def isolate_quoted(text: str) -> str:
    """A message with each quoted value isolated inside its quotation marks, so a date or symbol it quotes reads
    in its own order in an Arabic line ("'2026-13-01'" was shown as 01-13-2026 after Arabic words)."""
    return _QUOTED.sub(lambda quoted: f"{quoted[0][0]}{FSI}{quoted[0][1:-1]}{PDI}{quoted[0][-1]}", text)


def in_reading_order(text: str) -> str:
    """Text whose paragraph runs in the current language's direction even when it starts with digits or Latin
    letters ("2025 (HQ): متقدم"): Qt takes a rich-text paragraph's direction from its first strong letter."""
    return (RLM if is_right_to_left() else LRM) + text
