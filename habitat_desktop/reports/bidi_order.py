"""The Unicode bidirectional algorithm for one line: its runs of one direction, in the order they are displayed.

Lines of reports carry no explicit embeddings (``text_block.clean`` removes them), so the implicit rules run over a
string holding one letter per character's bidi class, as regular expressions; any other line goes to python-bidi's
complete algorithm, whose results the short one reproduces exactly (a property test compares them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from unicodedata import bidirectional, mirrored

from bidi import algorithm as bidi
from bidi.algorithm import MIRRORED

from habitat_desktop.reports.bidi_text import has_rtl


@dataclass(frozen=True)
class Run:
    """A piece of a line with one direction: its characters in display order (left to right) and logical start."""

    text: str
    rtl: bool
    start: int


@lru_cache(maxsize=4096)
def visual_runs(line: str, rtl_base: bool) -> tuple[Run, ...]:
    """A line's directional runs, ordered left to right as they are displayed (Unicode bidi, rules L1–L4)."""
    if not line:
        return ()
    if not rtl_base and not has_rtl(line):
        return (Run(line, False, 0),)
    return implicit_runs(line, rtl_base) or full_runs(line, rtl_base)


def display(line: str, rtl_base: bool) -> str:
    """A single line in display order (for chart labels and other one-line strings)."""
    return "".join(run.text for run in visual_runs(line, rtl_base))


def full_runs(line: str, rtl_base: bool) -> tuple[Run, ...]:
    """The runs by python-bidi's complete algorithm (explicit embeddings and overrides included)."""
    storage = bidi.get_empty_storage()
    storage["base_level"] = 1 if rtl_base else 0
    storage["base_dir"] = "R" if rtl_base else "L"
    bidi.get_embedding_levels(line, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    bidi.explicit_embed_and_overrides(storage, False)
    bidi.resolve_weak_types(storage, False)
    bidi.resolve_neutral_types(storage, False)
    bidi.resolve_implicit_levels(storage, False)
    bidi.reorder_resolved_levels(storage, False)
    bidi.apply_mirroring(storage, False)
    runs: list[Run] = []
    current: list[str] = []
    level = -1
    start = 0
    previous = -2
    for char in storage["chars"]:  # in display order: characters next to each other in the text make a run
        step = char["index"] - previous
        contiguous = char["level"] == level and step == (-1 if level % 2 else 1)
        if not contiguous and current:
            runs.append(Run("".join(current), bool(level % 2), start))
            current = []
        if not current:
            level = char["level"]
            start = char["index"]
        else:
            start = min(start, char["index"])
        current.append(char["ch"])
        previous = char["index"]
    if current:
        runs.append(Run("".join(current), bool(level % 2), start))
    return tuple(runs)


# Each bidi class as one letter. X: explicit embeddings and isolates, boundary neutrals and segment separators, left
# to the complete algorithm; unassigned characters are L, the Unicode default.
_CLASS_LETTERS = {
    "L": "L",
    "R": "R",
    "AL": "A",
    "EN": "E",
    "AN": "N",
    "ES": "s",
    "ET": "t",
    "CS": "c",
    "NSM": "m",
    "WS": "w",
    "ON": "o",
    "": "L",
}


class _ClassLetters(dict[int, str]):
    """A ``str.translate`` table from characters to their class letters, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        letter = self[code] = _CLASS_LETTERS.get(bidirectional(chr(code)), "X")
        return letter


class _Mirrors(dict[int, str]):
    """A ``str.translate`` table from characters to their mirrored glyphs (rule L4), filled as characters are met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        found = self[code] = MIRRORED.get(char, char) if mirrored(char) else char
        return found


_CLASSES = _ClassLetters()
_MIRRORS = _Mirrors()
_MARKS = re.compile(r"(.)(m+)")
_AFTER_AL = re.compile(r"A[^LR]*")  # from an AL up to the next L or R: the last strong type is AL
_SEPARATED = re.compile(r"(?<=E)[sc](?=E)|(?<=N)c(?=N)")
_TERMINATORS = re.compile(r"t+(?=E)|(?<=E)t+")
_AFTER_L = re.compile(r"L[^R]*")  # from an L up to the next R: the last strong type is L
_NEUTRALS = re.compile(r"(?<=(.))[wo]+(?=(.))")
_AS_STRONG = str.maketrans("EN", "RR")  # numbers act as R next to neutrals
_SAME_LEVEL = re.compile(r"0+|1+|2+")
_LEVELS = (str.maketrans("LRNE", "0122"), str.maketrans("LRNE", "2122"))  # I1 (base 0), I2 (base 1)


def implicit_runs(line: str, rtl_base: bool) -> tuple[Run, ...] | None:
    """The runs of a line without explicit embeddings, as python-bidi resolves them (rules W1–W7, N1–N2, I1–I2, L1,
    L2, L4); None for a line that has some (or no text)."""
    classes = line.translate(_CLASSES)
    if not classes or "X" in classes:
        return None
    edge = "R" if rtl_base else "L"  # sor and eor: the whole line is one level run at the base level
    types = classes
    if "m" in types:  # W1
        types = _MARKS.sub(lambda m: m.group(1) * (1 + len(m.group(2))), edge + types)[1:]
    if "E" in types:  # W2
        types = _AFTER_AL.sub(lambda m: m.group().replace("E", "N"), types)
    types = types.replace("A", "R")  # W3
    if ("E" in types or "N" in types) and ("s" in types or "c" in types):  # W4
        types = _SEPARATED.sub(lambda m: types[m.start() - 1], types)
    if "t" in types and "E" in types:  # W5
        types = _TERMINATORS.sub(lambda m: "E" * len(m.group()), types)
    types = types.replace("t", "o").replace("s", "o").replace("c", "o")  # W6
    if "E" in types:  # W7
        types = _AFTER_L.sub(lambda m: m.group().replace("E", "L"), edge + types)[1:]

    def neutral(m: re.Match[str]) -> str:  # N1: the direction on both sides, else (N2) the base direction
        before, after = m.group(1).translate(_AS_STRONG), m.group(2).translate(_AS_STRONG)
        return (before if before == after else edge) * len(m.group())

    types = _NEUTRALS.sub(neutral, edge + types + edge)[1:-1]
    levels = types.translate(_LEVELS[rtl_base])
    trailing = len(classes) - len(classes.rstrip("w"))  # L1: white space ending the line takes the base level
    if trailing:
        levels = levels[: len(levels) - trailing] + ("1" if rtl_base else "0") * trailing
    pieces = [(m.start(), m.end(), int(m.group()[0])) for m in _SAME_LEVEL.finditer(levels)]
    highest = max(level for _start, _end, level in pieces)
    lowest_odd = min((level for _start, _end, level in pieces if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):  # L2: reverse every stretch at this level or higher
        i = 0
        while i < len(pieces):
            if pieces[i][2] < level:
                i += 1
                continue
            j = i
            while j + 1 < len(pieces) and pieces[j + 1][2] >= level:
                j += 1
            pieces[i : j + 1] = pieces[i : j + 1][::-1]
            i = j + 1
    return tuple(
        Run(line[start:end][::-1].translate(_MIRRORS), True, start) if level % 2 else Run(line[start:end], False, start)
        for start, end, level in pieces
    )
