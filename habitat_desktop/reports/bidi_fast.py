"""The bidi algorithm's short path: a line resolved with string operations over one letter per character class.

A line's isolates (FSI, LRI, RLI … PDI) are resolved apart: each isolate's text as a sequence of its own (at its own
level, recursively) and the text around it with the isolate as one neutral character, which is how UAX #9 chains
isolating run sequences (BD13). Weak types (W1–W7), paired brackets (N0, BD16), neutrals (N1–N2) and implicit levels
(I1–I2) are regular expressions and string translations over a sequence's class letters; rules L1, L2 and L4 then
give the runs. ``bidi_order.full_levels`` (character by character, as the standard words it) is the reference the
property tests hold this to; lines with embeddings, overrides, segment separators or boundary neutrals go there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from unicodedata import bidirectional, mirrored

from bidi.algorithm import MIRRORED


@dataclass(frozen=True)
class Run:
    """A piece of a line with one direction: its characters in display order (left to right) and logical start."""

    text: str
    rtl: bool
    start: int


ISOLATES = "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
FSI, PDI = "\u2068", "\u2069"
MAX_DEPTH = 125

BRACKETS = {
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
CLOSERS = {closing: opening for opening, closing in BRACKETS.items()}
CANONICAL = {"\u2329": "\u3008", "\u232a": "\u3009"}  # brackets with a canonical equivalent match it


# Each bidi class as one letter; isolate controls as < (LRI), > (RLI), ^ (FSI) and | (PDI). X: explicit embeddings
# and overrides, boundary neutrals and separators, left to the complete algorithm; unassigned characters are L.
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
    "LRI": "<",
    "RLI": ">",
    "FSI": "^",
    "PDI": "|",
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


CLASSES = _ClassLetters()
MIRRORS = _Mirrors()
_PLACEHOLDER = "\ufffc"  # an isolate, as the text around it sees it: one neutral (class ON), not a bracket
_ISOLATE_CLASS = re.compile(r"[<>^|]")
_STRONG_OR_ISOLATE = re.compile(r"[LRA<>^|]")
_MARKS = re.compile(r"(.)(m+)")
_AFTER_AL = re.compile(r"A[^LR]*")  # from an AL up to the next L or R: the last strong type is AL
_SEPARATED = re.compile(r"(?<=E)[sc](?=E)|(?<=N)c(?=N)")
_TERMINATORS = re.compile(r"t+(?=E)|(?<=E)t+")
_AFTER_L = re.compile(r"L[^R]*")  # from an L up to the next R: the last strong type is L
_NEUTRALS = re.compile(r"(?<=(.))[wo]+(?=(.))")
_AS_STRONG = str.maketrans("EN", "RR")  # numbers act as R next to neutrals
_SAME_LEVEL = re.compile(r"(.)\1*", re.S)
_VISIBLE = re.compile(f"[^{ISOLATES}]+")
_LEVELS = (str.maketrans("LRNE", "0122"), str.maketrans("LRNE", "2122"))  # I1 (even level), I2 (odd level)
_BRACKET_CHARS = re.compile("[" + re.escape("".join(BRACKETS) + "".join(CLOSERS)) + "]")


def fast_runs(line: str, rtl_base: bool) -> tuple[Run, ...] | None:
    """A line's runs in display order, as ``bidi_order.full_runs`` gives them; None for a line this path leaves to
    the complete algorithm (embeddings, overrides, separators, isolates nested too deep, or no text)."""
    classes = line.translate(CLASSES)
    if not classes or "X" in classes:
        return None
    base = 1 if rtl_base else 0
    levels = _levels(line, classes, base, 0)
    if levels is None:
        return None
    stripped = len(classes.rstrip("w<>^|"))  # L1: white space and isolate controls ending the line: base level
    if stripped < len(levels):
        levels = levels[:stripped] + chr(48 + base) * (len(levels) - stripped)
    pieces = [(m.start(), m.end(), ord(m.group(1)) - 48) for m in _SAME_LEVEL.finditer(levels)]
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
    runs: list[Run] = []
    for start, end, level in pieces:
        if level % 2:
            spans = [(m.start(), m.end()) for m in _VISIBLE.finditer(line, start, end)]
            runs.extend(Run(line[s:e][::-1].translate(MIRRORS), True, s) for s, e in reversed(spans))
        else:
            runs.extend(Run(m.group(), False, m.start()) for m in _VISIBLE.finditer(line, start, end))
    return tuple(runs)


def _levels(text: str, classes: str, level: int, depth: int) -> str | None:
    """The resolved level of each character (as chr(48 + level)) of a text all at one explicit ``level``, its
    isolates resolved apart at theirs; None when isolates nest too deep."""
    if _ISOLATE_CLASS.search(classes) is None:
        return _resolved(text, classes, level)
    if depth > 60:
        return None
    outer_text: list[str] = []
    outer_classes: list[str] = []
    isolates: list[tuple[int, int, int, int, bool]] = []  # outer index, initiator, content end, new level, closed
    size = len(classes)
    position = 0
    outer_size = 0
    while True:
        found = _ISOLATE_CLASS.search(classes, position)
        if found is None:
            outer_text.append(text[position:])
            outer_classes.append(classes[position:])
            break
        start = found.start()
        outer_text.append(text[position:start])
        outer_classes.append(classes[position:start])
        outer_size += start - position
        if classes[start] == "|":  # a PDI closing nothing: a neutral
            outer_text.append(_PLACEHOLDER)
            outer_classes.append("o")
            outer_size += 1
            position = start + 1
            continue
        end, closed = _matching_pdi(classes, start)
        kind = classes[start]
        rtl = kind == ">" or (kind == "^" and _first_strong(classes, start + 1, end) == "R")
        new = (level + 1) | 1 if rtl else (level + 2) & ~1
        if new > MAX_DEPTH:
            return None
        isolates.append((outer_size, start, end, new, closed))
        outer_text.append(_PLACEHOLDER)
        outer_classes.append("o")
        outer_size += 1
        position = end + 1 if closed else size
        if position >= size:
            break
    outer = _resolved("".join(outer_text), "".join(outer_classes), level)
    result: list[str] = []
    done = 0  # characters of the outer sequence placed
    for at, start, end, new, closed in isolates:
        result.append(outer[done:at])
        done = at + 1
        result.append(outer[at])  # the initiator
        inner = _levels(text[start + 1 : end], classes[start + 1 : end], new, depth + 1)
        if inner is None:
            return None
        result.append(inner)
        if closed:
            result.append(outer[at])  # the PDI: resolved with its initiator, one neutral of the outer sequence
    result.append(outer[done:])
    return "".join(result)


def _matching_pdi(classes: str, start: int) -> tuple[int, bool]:
    """The index of the PDI closing the isolate opened at ``start`` and True, or the text's end and False."""
    depth = 1
    for found in _ISOLATE_CLASS.finditer(classes, start + 1):
        if found.group() == "|":
            depth -= 1
            if depth == 0:
                return found.start(), True
        else:
            depth += 1
    return len(classes), False


def _first_strong(classes: str, start: int, end: int) -> str | None:
    """Rules P2–P3 over classes[start:end], skipping nested isolates: L, R or None."""
    depth = 0
    for found in _STRONG_OR_ISOLATE.finditer(classes, start, end):
        kind = found.group()
        if kind in "<>^":
            depth += 1
        elif kind == "|":
            if depth == 0:
                return None
            depth -= 1
        elif depth == 0:
            return "L" if kind == "L" else "R"
    return None


def _resolved(text: str, classes: str, level: int) -> str:
    """One isolating run sequence at ``level`` (sos and eos its direction): rules W1–W7, N0–N2 and I1–I2."""
    edge = "R" if level % 2 else "L"
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
    if "L" not in types if edge == "R" else "R" not in types and "E" not in types and "N" not in types:
        # one direction only (an Arabic title in a right-to-left isolate, a Latin one in a left-to-right one):
        # every bracket and neutral takes it (N0 c.2, N1, N2)
        types = types.replace("w", edge).replace("o", edge)
    elif _BRACKET_CHARS.search(text):
        types = _paired_brackets(text, classes, types, edge)

    def neutral(m: re.Match[str]) -> str:  # N1: the direction on both sides, else (N2) the embedding's
        before, after = m.group(1).translate(_AS_STRONG), m.group(2).translate(_AS_STRONG)
        return (before if before == after else edge) * len(m.group())

    types = _NEUTRALS.sub(neutral, edge + types + edge)[1:-1]
    levels = types.translate(_LEVELS[level % 2])
    return levels.translate(_raised(level - level % 2)) if level > 1 else levels


@cache
def _raised(offset: int) -> dict[int, str]:
    """A translation adding ``offset`` to levels written as chr(48 + level)."""
    return {48 + level: chr(48 + level + offset) for level in range(3)}


def _paired_brackets(text: str, classes: str, types: str, edge: str) -> str:
    """Rule N0: each pair of brackets (BD16) takes the direction of what it holds, or of what comes before it."""
    openers: list[tuple[str, int]] = []
    pairs: list[tuple[int, int]] = []
    for found in _BRACKET_CHARS.finditer(text):
        k = found.start()
        if types[k] != "o":
            continue
        char = CANONICAL.get(found.group(), found.group())
        if char in BRACKETS:
            if len(openers) == 63:
                break
            openers.append((CANONICAL.get(BRACKETS[char], BRACKETS[char]), k))
        else:
            for depth in range(len(openers) - 1, -1, -1):
                if openers[depth][0] == char:
                    pairs.append((openers[depth][1], k))
                    del openers[depth:]
                    break
    if not pairs:
        return types
    pairs.sort()
    resolved = list(types)
    for opening, closing in pairs:
        inside = "".join(resolved[opening + 1 : closing]).translate(_AS_STRONG)
        has_l, has_r = "L" in inside, "R" in inside
        if not has_l and not has_r:
            continue
        if (has_l and edge == "L") or (has_r and edge == "R"):
            chosen = edge
        else:
            before = "".join(resolved[:opening]).translate(_AS_STRONG)
            last = max(before.rfind("L"), before.rfind("R"))
            chosen = before[last] if last >= 0 else edge  # sos is the embedding direction here
        for m in (opening, closing):
            resolved[m] = chosen
            n = m + 1
            while n < len(resolved) and classes[n] == "m":  # marks after a bracket take its new type
                resolved[n] = chosen
                n += 1
    return "".join(resolved)
