"""The Unicode bidirectional algorithm (UAX #9) for one line: its runs of one direction, in display order.

Lines of reports carry no embeddings or overrides (``text_block.clean`` removes them) but may carry isolates (FSI,
LRI, RLI … PDI) around embedded values. ``full_levels`` implements the algorithm for such text: isolates (X5a–X6a,
isolating run sequences, BD13), weak types (W1–W7), paired brackets (N0, BD16), neutrals (N1–N2), implicit levels
(I1–I2) and line rules (L1–L2, L4 mirroring). A line with no bracket and no isolate takes a shorter path: the same
rules as regular expressions over one letter per character's class. Property tests check both against python-bidi
(the Rust unicode-bidi crate, a conforming implementation) and each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from unicodedata import bidirectional, mirrored

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


ISOLATES = "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
FSI, PDI = "\u2068", "\u2069"


def isolate(value: str) -> str:
    """A value embedded in a sentence, isolated (FSI … PDI): its direction comes from its own first strong letter
    and it cannot reorder the words around it, e.g. an English title or a symbol inside Arabic text."""
    return f"{FSI}{value}{PDI}" if value else value


def display(line: str, rtl_base: bool) -> str:
    """A single line in display order (for chart labels and other one-line strings)."""
    return "".join(run.text for run in visual_runs(line, rtl_base))


def full_runs(line: str, rtl_base: bool) -> tuple[Run, ...]:
    """The runs by the complete algorithm (isolates and paired brackets included); isolate controls are left out."""
    levels = full_levels(line, rtl_base)
    order = sorted_by_display(levels)
    runs: list[Run] = []
    current: list[int] = []
    for index in order:
        if line[index] in ISOLATES:
            continue
        if current and (levels[index] != levels[current[-1]] or abs(index - current[-1]) != 1):
            runs.append(_run(line, current, levels))
            current = []
        current.append(index)
    if current:
        runs.append(_run(line, current, levels))
    return tuple(runs)


def _run(line: str, indices: list[int], levels: list[int]) -> Run:
    rtl = bool(levels[indices[0]] % 2)
    text = "".join(line[i] for i in indices)
    return Run(text.translate(_MIRRORS) if rtl else text, rtl, min(indices))


def sorted_by_display(levels: list[int]) -> list[int]:
    """Rule L2: the logical indices in display order."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((level for level in levels if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j + 1 < len(order) and levels[order[j + 1]] >= level:
                j += 1
            order[i : j + 1] = order[i : j + 1][::-1]
            i = j + 1
    return order


_STRONG = {"L": "L", "R": "R", "AL": "R"}
_BRACKETS = {
    "(": ")",
    "[": "]",
    "{": "}",
    "\u0f3a": "\u0f3b",
    "\u0f3c": "\u0f3d",
    "\u169b": "\u169c",
    "\u2045": "\u2046",
    "\u207d": "\u207e",
    "\u208d": "\u208e",
    "\u2329": "\u232a",
    "\u2768": "\u2769",
    "\u276a": "\u276b",
    "\u276c": "\u276d",
    "\u276e": "\u276f",
    "\u2770": "\u2771",
    "\u2772": "\u2773",
    "\u2774": "\u2775",
    "\u27c5": "\u27c6",
    "\u27e6": "\u27e7",
    "\u27e8": "\u27e9",
    "\u27ea": "\u27eb",
    "\u27ec": "\u27ed",
    "\u27ee": "\u27ef",
    "\u2983": "\u2984",
    "\u2985": "\u2986",
    "\u2987": "\u2988",
    "\u2989": "\u298a",
    "\u298b": "\u298c",
    "\u298d": "\u2990",
    "\u298f": "\u298e",
    "\u2991": "\u2992",
    "\u2993": "\u2994",
    "\u2995": "\u2996",
    "\u2997": "\u2998",
    "\u29d8": "\u29d9",
    "\u29da": "\u29db",
    "\u29fc": "\u29fd",
    "\u2e22": "\u2e23",
    "\u2e24": "\u2e25",
    "\u2e26": "\u2e27",
    "\u2e28": "\u2e29",
    "\u3008": "\u3009",
    "\u300a": "\u300b",
    "\u300c": "\u300d",
    "\u300e": "\u300f",
    "\u3010": "\u3011",
    "\u3014": "\u3015",
    "\u3016": "\u3017",
    "\u3018": "\u3019",
    "\u301a": "\u301b",
    "\ufe59": "\ufe5a",
    "\ufe5b": "\ufe5c",
    "\ufe5d": "\ufe5e",
    "\uff08": "\uff09",
    "\uff3b": "\uff3d",
    "\uff5b": "\uff5d",
    "\uff5f": "\uff60",
    "\uff62": "\uff63",
}  # BidiBrackets.txt: opening -> closing
_CLOSERS = {closing: opening for opening, closing in _BRACKETS.items()}
_HAS_BRACKET = re.compile("[" + re.escape("".join(_BRACKETS) + "".join(_CLOSERS)) + "]")
_CANONICAL = {"\u2329": "\u3008", "\u232a": "\u3009"}  # brackets with a canonical equivalent match it
MAX_DEPTH = 125


def _first_strong(classes: list[str], start: int, end: int) -> str | None:
    """Rules P2–P3 over classes[start:end], skipping isolated stretches: L, R or None."""
    depth = 0
    for index in range(start, end):
        kind = classes[index]
        if kind in ("LRI", "RLI", "FSI"):
            depth += 1
        elif kind == "PDI":
            if depth == 0:
                return None
            depth -= 1
        elif depth == 0 and kind in _STRONG:
            return _STRONG[kind]
    return None


def _matching_pdi(classes: list[str], start: int) -> int:
    """The index of the PDI closing the isolate opened at ``start`` (len when none does)."""
    depth = 1
    for index in range(start + 1, len(classes)):
        if classes[index] in ("LRI", "RLI", "FSI"):
            depth += 1
        elif classes[index] == "PDI":
            depth -= 1
            if depth == 0:
                return index
    return len(classes)


def full_levels(line: str, rtl_base: bool) -> list[int]:
    """The embedding level of each character of a line (a paragraph of its own) with the given base direction."""
    classes = [bidirectional(c) or "L" for c in line]
    size = len(line)
    base = 1 if rtl_base else 0
    levels = [base] * size
    # X1–X8, isolates only (embeddings and overrides are removed before): a stack of isolate levels
    stack: list[int] = [base]
    overflow = 0
    valid_isolates = 0
    matching: dict[int, int] = {}
    for index, kind in enumerate(classes):
        level = stack[-1]
        if kind in ("LRI", "RLI", "FSI"):
            levels[index] = level
            pdi = _matching_pdi(classes, index)
            matching[index] = pdi
            if kind == "FSI":
                kind = "RLI" if _first_strong(classes, index + 1, pdi) == "R" else "LRI"
            new = (level + 1) | 1 if kind == "RLI" else (level + 2) & ~1
            if new <= MAX_DEPTH and not overflow:
                valid_isolates += 1
                stack.append(new)
            else:
                overflow += 1
        elif kind == "PDI":
            if overflow:
                overflow -= 1
            elif valid_isolates:
                valid_isolates -= 1
                stack.pop()
            levels[index] = stack[-1]
        else:
            levels[index] = level
    if size == 0:
        return levels
    # X10: level runs chained into isolating run sequences
    runs: list[list[int]] = []
    for index in range(size):
        if runs and levels[index] == levels[runs[-1][-1]] and index == runs[-1][-1] + 1:
            runs[-1].append(index)
        else:
            runs.append([index])
    starts_with = {run[0]: number for number, run in enumerate(runs)}
    sequences: list[list[int]] = []
    continued: set[int] = set()
    for number, run in enumerate(runs):
        if number in continued:
            continue
        sequence = list(run)
        while classes[sequence[-1]] in ("LRI", "RLI", "FSI") and matching.get(sequence[-1], size) < size:
            following = starts_with.get(matching[sequence[-1]])
            if following is None:
                break
            continued.add(following)
            sequence.extend(runs[following])
        sequences.append(sequence)
    explicit = list(levels)
    for sequence in sequences:
        _resolve_sequence(line, classes, explicit, levels, sequence, base)
    # L1: trailing white space and isolate controls, and those before segment separators, take the base level
    original = [bidirectional(c) or "L" for c in line]
    index = size - 1
    while index >= 0 and original[index] in ("WS", "FSI", "LRI", "RLI", "PDI", "BN"):
        levels[index] = base
        index -= 1
    for index, kind in enumerate(original):
        if kind in ("S", "B"):
            levels[index] = base
            back = index - 1
            while back >= 0 and original[back] in ("WS", "FSI", "LRI", "RLI", "PDI", "BN"):
                levels[back] = base
                back -= 1
    return levels


def _resolve_sequence(
    line: str,
    classes: list[str],
    explicit: list[int],
    levels: list[int],
    sequence: list[int],
    base: int,
) -> None:
    """Rules W1–W7, N0–N2 and I1–I2 over one isolating run sequence (sets its ``levels``)."""
    level = explicit[sequence[0]]
    first, last = sequence[0], sequence[-1]
    before = explicit[first - 1] if first > 0 else base
    open_end = last == len(explicit) - 1 or classes[last] in ("LRI", "RLI", "FSI")
    after_level = base if open_end else explicit[last + 1]
    sos = "R" if max(level, before) % 2 else "L"
    eos = "R" if max(level, after_level) % 2 else "L"
    types = [classes[i] for i in sequence]
    count = len(types)
    isolate_control = {"LRI", "RLI", "FSI", "PDI"}
    # W1: NSM takes the type of the character before it (ON after an isolate control), sos at the start
    for k in range(count):
        if types[k] == "NSM":
            types[k] = sos if k == 0 else ("ON" if types[k - 1] in isolate_control else types[k - 1])
    # W2: EN after AL becomes AN
    strong = sos
    for k in range(count):
        if types[k] in ("L", "R", "AL"):
            strong = types[k]
        elif types[k] == "EN" and strong == "AL":
            types[k] = "AN"
    # W3
    types = ["R" if t == "AL" else t for t in types]
    # W4: a single separator between two numbers of the same kind
    for k in range(1, count - 1):
        if types[k] == "ES" and types[k - 1] == "EN" and types[k + 1] == "EN":
            types[k] = "EN"
        elif types[k] == "CS" and types[k - 1] == types[k + 1] and types[k - 1] in ("EN", "AN"):
            types[k] = types[k - 1]
    # W5: terminators next to European numbers
    k = 0
    while k < count:
        if types[k] == "ET":
            end = k
            while end < count and types[end] == "ET":
                end += 1
            if (k > 0 and types[k - 1] == "EN") or (end < count and types[end] == "EN"):
                for m in range(k, end):
                    types[m] = "EN"
            k = end
        else:
            k += 1
    # W6
    types = ["ON" if t in ("ES", "ET", "CS") else t for t in types]
    # W7: EN after L (or sos L) becomes L
    strong = sos
    for k in range(count):
        if types[k] in ("L", "R"):
            strong = types[k]
        elif types[k] == "EN" and strong == "L":
            types[k] = "L"
    embedding = "R" if level % 2 else "L"
    # N0: paired brackets (BD16), each pair resolved by what it holds and what comes before it
    pairs: list[tuple[int, int]] = []
    openers: list[tuple[str, int]] = []
    for k in range(count):
        if types[k] != "ON":
            continue
        char = _CANONICAL.get(line[sequence[k]], line[sequence[k]])
        if char in _BRACKETS:
            if len(openers) == 63:
                break
            openers.append((_CANONICAL.get(_BRACKETS[char], _BRACKETS[char]), k))
        elif char in _CLOSERS:
            for depth in range(len(openers) - 1, -1, -1):
                if openers[depth][0] == char:
                    pairs.append((openers[depth][1], k))
                    del openers[depth:]
                    break
    pairs.sort()

    def strong_of(t: str) -> str | None:
        return "L" if t == "L" else "R" if t in ("R", "EN", "AN") else None

    for opening, closing in pairs:
        inside = {strong_of(types[m]) for m in range(opening + 1, closing)} - {None}
        if not inside:
            continue
        if embedding in inside:
            chosen = embedding
        else:
            context = sos
            for m in range(opening - 1, -1, -1):
                found = strong_of(types[m])
                if found:
                    context = found
                    break
            chosen = context  # c.1: the opposite direction when the context has it too; else (c.2) the embedding's
        types[opening] = types[closing] = chosen
        for m in (opening, closing):  # NSMs after a bracket that changed take its type
            n = m + 1
            while n < count and classes[sequence[n]] == "NSM":
                types[n] = chosen
                n += 1
    # N1–N2: neutrals (and isolate controls) between two strong types of one direction take it, else the embedding's
    k = 0
    neutral = {"B", "S", "WS", "ON", "BN", "LRI", "RLI", "FSI", "PDI"}
    while k < count:
        if types[k] not in neutral:
            k += 1
            continue
        end = k
        while end < count and types[end] in neutral:
            end += 1
        left = sos if k == 0 else strong_of(types[k - 1])
        right = eos if end == count else strong_of(types[end])
        chosen = left if left == right and left is not None else embedding
        for m in range(k, end):
            types[m] = chosen
        k = end
    # I1–I2
    for k, index in enumerate(sequence):
        kind = types[k]
        if level % 2 == 0:
            levels[index] = level + (1 if kind == "R" else 2 if kind in ("AN", "EN") else 0)
        else:
            levels[index] = level + (1 if kind in ("L", "EN", "AN") else 0)


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
    L2, L4); None for a line that has some, or brackets, (or no text)."""
    classes = line.translate(_CLASSES)
    if not classes or "X" in classes or _HAS_BRACKET.search(line):
        return None  # isolates and paired brackets (rule N0) take the complete algorithm
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
