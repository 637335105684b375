"""The Arabic catalog reads as Arabic: one and two said in words, Latin file names and options kept whole."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from habitat_desktop.l10n import ngettext, use_language

CATALOG = Path(__file__).resolve().parent.parent / "i18n" / "ar" / "LC_MESSAGES" / "messages.po"


def _plurals() -> list[tuple[str, tuple[str, ...]]]:
    with CATALOG.open("rb") as fh:
        return [(m.id[0], tuple(m.string)) for m in read_po(fh) if isinstance(m.id, tuple)]


def test_no_form_puts_the_count_in_brackets() -> None:
    """Arabic says "ملف تصدير واحد", "ملفا تصدير": "ملفا تصدير (2)" reads as a mistake, and so does "(0)"."""
    bracketed = [
        f"{source!r} form {index}: {form!r}"
        for source, forms in _plurals()
        for index, form in enumerate(forms)
        if re.search(r"\(\{count\}\)|\([0-9٠-٩]\)", form)
    ]
    assert not bracketed, "\n".join(bracketed)


def test_merged_exports_are_counted_in_words_for_one_and_two() -> None:
    said = {}
    with use_language("ar"):
        for n in (0, 1, 2, 3, 11, 100):
            said[n] = ngettext("Merged {count} export.", "Merged {count} exports.", n).format(count=n)
    assert said == {
        0: "لم يُدمج أي ملف تصدير.",
        1: "دُمج ملف تصدير واحد.",
        2: "دُمج ملفا تصدير.",
        3: "دُمجت 3 ملفات تصدير.",
        11: "دُمج 11 ملف تصدير.",
        100: "دُمج 100 ملف تصدير.",
    }
