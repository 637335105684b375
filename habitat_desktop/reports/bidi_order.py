"""The Unicode bidirectional algorithm (UAX #9) for one line: its runs of one direction, in display order.

Lines of reports carry no embeddings or overrides (``text_block.clean`` removes them) but may carry isolates (FSI,
LRI, RLI … PDI) around embedded values. ``full_levels`` implements the algorithm for such text: isolates (X5a–X6a,
isolating run sequences, BD13), weak types (W1–W7), paired brackets (N0, BD16), neutrals (N1–N2), implicit levels
(I1–I2) and line rules (L1–L2, L4 mirroring), character by character as the standard words it. Lines take a shorter
path (``bidi_fast``): the same rules as regular expressions over one letter per character's class, isolates resolved
apart. Property tests check both against python-bidi (the Rust unicode-bidi crate, a conforming implementation) and
each other.
"""

from __future__ import annotations

from functools import lru_cache
from unicodedata import bidirectional

from habitat_desktop.reports.arabic_shaping import has_rtl
from habitat_desktop.reports.bidi_fast import (
    BRACKETS,
    CANONICAL,
    CLOSERS,
    FSI,
    ISOLATES,
    MAX_DEPTH,
    MIRRORS,
    PDI,
    Run,
    fast_runs,
)


@lru_cache(maxsize=4096)
def visual_runs(line: str, rtl_base: bool) -> tuple[Run, ...]:
    """A line's directional runs, ordered left to right as they are displayed (Unicode bidi, rules L1–L4)."""
    if not line:
        return ()
    if not rtl_base and not has_rtl(line):
        return (Run(line, False, 0),)
    return fast_runs(line, rtl_base) or full_runs(line, rtl_base)


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
    return Run(text.translate(MIRRORS) if rtl else text, rtl, min(indices))


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
        char = CANONICAL.get(line[sequence[k]], line[sequence[k]])
        if char in BRACKETS:
            if len(openers) == 63:
                break
            openers.append((CANONICAL.get(BRACKETS[char], BRACKETS[char]), k))
        elif char in CLOSERS:
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
