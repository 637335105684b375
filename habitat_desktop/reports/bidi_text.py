"""Arabic for drawing: letters shaped into their joined forms, word by word."""

from __future__ import annotations

import re
from functools import lru_cache

import arabic_reshaper
from arabic_reshaper.arabic_reshaper import HARAKAT_RE

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
