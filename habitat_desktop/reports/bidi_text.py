"""Arabic for drawing: letters shaped into joined forms, and each wrapped line split into runs in display order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import arabic_reshaper
from arabic_reshaper.arabic_reshaper import HARAKAT_RE
from bidi import algorithm as bidi

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_MARK_AFTER_SPACE = re.compile("(?:^| )" + HARAKAT_RE.pattern)  # a vowel mark (haraka) beginning a word
_RESHAPER = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})


def has_rtl(text: str) -> bool:
    """Whether a text holds right-to-left letters (Arabic, Hebrew…)."""
    return _RTL.search(text) is not None


def shape(text: str) -> str:
    """Arabic letters replaced by their joined presentation forms (logical order kept); other text unchanged."""
    if _ARABIC.search(text) is None:
        return text
    text = text.replace("\u200d", "")  # a joiner before a lam-alef ligature makes arabic_reshaper fail
    if _MARK_AFTER_SPACE.search(text):  # a vowel mark on a space belongs to the word before it: shape as a whole
        return str(_RESHAPER.reshape(text))
    return " ".join(_shape_word(word) for word in text.split(" "))


@lru_cache(maxsize=50_000)
def _shape_word(word: str) -> str:
    """Letters join only within a word (a space stops joining), so words are shaped one by one, each once."""
    return str(_RESHAPER.reshape(word)) if word else word


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
    for char in storage["chars"]:
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


def display(line: str, rtl_base: bool) -> str:
    """A single line in display order (for chart labels and other one-line strings)."""
    return "".join(run.text for run in visual_runs(line, rtl_base))
