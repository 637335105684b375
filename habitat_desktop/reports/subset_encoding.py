"""Text as the codes of a TrueType font's embedded subsets in one PDF document, escaped for a string operand.

ReportLab embeds a subset of each font per 256 characters used, assigning codes as characters first appear
(``TTFont.splitString``). Its per-character loop dominated drawing, so an encoder remembers each character's subset
and escaped code once they are assigned, and encodes a text with ``str.translate``.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.pdfbase import pdfmetrics

from habitat_desktop.reports import reportlab_adapter as rl

# a byte as it is written inside a PDF string: printable ASCII as itself, delimiters escaped, the rest in octal
_ESCAPED = {
    code: (f"\\{code:03o}" if code < 32 or code >= 127 else "\\" + chr(code) if chr(code) in "\\()" else chr(code))
    for code in range(256)
}
_SAME_SUBSET = re.compile(r"(.)\1*", re.S)


class SubsetEncoder:
    """One font in one document: which subset each character is in, and its escaped code there."""

    def __init__(self, name: str, document: Any) -> None:
        self.font = pdfmetrics.getFont(name)
        self.document = document
        self._known: set[str] = set()
        self._subset: dict[int, str] = {}  # character -> chr(subset number), for str.translate
        self._code: dict[int, str] = {}  # character -> its escaped code in that subset
        self._names: dict[int, str] = {}

    def runs(self, text: str) -> list[tuple[int, int, int]]:
        """(subset, start, end) for each stretch of a text whose characters share a subset."""
        if not text:
            return []
        if not self._known.issuperset(text):
            self._learn(text)
        subsets = text.translate(self._subset)
        if subsets.count(subsets[0]) == len(subsets):
            return [(ord(subsets[0]), 0, len(text))]
        return [(ord(match.group(1)), match.start(), match.end()) for match in _SAME_SUBSET.finditer(subsets)]

    def escaped(self, text: str) -> str:
        """A text of one subset as the escaped content of a PDF string (its characters must be known)."""
        return text.translate(self._code)

    def subset_name(self, subset: int) -> str:
        """The resource name of a subset (e.g. ``/F1+0``), the font's operand."""
        name = self._names.get(subset)
        if name is None:
            name = self._names[subset] = self.font.getSubsetInternalName(subset, self.document)
        return name

    def _learn(self, text: str) -> None:
        self.font.splitString(text, self.document)  # assigns codes to characters new to this document
        assignments = rl.assignments(self.font, self.document)
        for character in set(text) - self._known:
            code = ord(character)
            number = assignments.get(32 if code == 0xA0 else code, 0)  # no glyph: code 0 (.notdef)
            self._subset[code] = chr(number >> 8)
            self._code[code] = _ESCAPED[number & 0xFF]
            self._known.add(character)


def encoder(name: str, document: Any) -> SubsetEncoder:
    """The encoder of a font in a document, kept with the document (so it lives exactly as long)."""
    encoders: dict[str, SubsetEncoder] = document.__dict__.setdefault("_habitat_subset_encoders", {})
    found = encoders.get(name)
    if found is None:
        found = encoders[name] = SubsetEncoder(name, document)
    return found
