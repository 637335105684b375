"""Kashida: where an Arabic word may be lengthened with tatweels (U+0640) when a justified line is filled.

The places follow the common rules of Arabic justification, best first: after a tatweel that was typed; after a
letter of the seen and sad family (س ش ص ض); before a final taa marbuta, haa or dal (ة ه د); before a final alef,
taa, zaa, lam or kaf; before another final letter; between two medial letters. A tatweel goes only between two
letters that join (never after a letter that joins no letter after it, never inside lam-alef), after the first
letter's vowel marks. A word is lengthened at one place, its last of the best priority.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

TATWEEL = "\u0640"
_DUAL = frozenset("بتثجحخسشصضطظعغفقكلمنهيىئـپچگکیڤ")  # letters that join the letters on both sides
_RIGHT = frozenset("اأإآٱدذرزوؤةژ")  # letters that join only the letter before them
_ALEFS = frozenset("اأإآٱ")
_PRIORITIES = (
    (frozenset("سشصض"), "after"),
    (frozenset("ةهد"), "final"),
    (frozenset("اأإآٱطظلكگک"), "final"),
)


@lru_cache(maxsize=20_000)
def best_place(word: str) -> tuple[int, int] | None:
    """Where a word is best lengthened: (index to insert the tatweels at, priority; 0 is best), or None."""
    letters = [(index, char) for index, char in enumerate(word) if unicodedata.category(char) != "Mn"]
    if len(letters) < 2:
        return None
    best: tuple[int, int] | None = None
    for (_before_index, before), (index, after), following in zip(
        letters[:-1], letters[1:], [*letters[2:], (len(word), "")], strict=True
    ):
        if before not in _DUAL or (after not in _DUAL and after not in _RIGHT):
            continue
        if before == "ل" and after in _ALEFS:
            continue  # lam-alef is one ligature
        final = after in _RIGHT or (following[1] not in _DUAL and following[1] not in _RIGHT)
        priority = _priority(before, after, final)
        if best is None or priority <= best[1]:
            best = (index, priority)
    return best


def _priority(before: str, after: str, final: bool) -> int:
    if before == TATWEEL:
        return 0
    if before in _PRIORITIES[0][0]:
        return 1
    if final:
        if after in _PRIORITIES[1][0]:
            return 2
        if after in _PRIORITIES[2][0]:
            return 3
        return 4
    return 5
