"""Arabic counted nouns take the catalog's plural forms in the right cases.

The Arabic catalog's Plural-Forms header puts 100–102 in form 4 and 11–99 in form 5. After 11–99 the counted noun is
an accusative singular (tamyiz: "15 نشاطًا", "20 يومًا"); after 100–102 it is a genitive singular ("100 نشاط",
"100 يوم"). CLDR lists the categories in another order (many = 11–99 before other), which is how forms 4 and 5
came to be swapped in some messages: "11 سجل" and "100 سجلًا" are both wrong."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

CATALOG = Path(__file__).resolve().parent.parent / "i18n" / "ar" / "LC_MESSAGES" / "messages.po"
_MARKS = re.compile("[\u064b-\u0652]")  # harakat and tanween


def _letters(word: str) -> str:
    return _MARKS.sub("", word)


def _accusative(word: str, other: str) -> bool:
    """Whether ``word`` is the accusative of the noun ``other`` is the genitive of (tanween, or an added alef)."""
    return "\u064b" in word or (_letters(word).endswith("ا") and _letters(word) == _letters(other) + "ا")


def _counted_nouns(form_100: str, form_11: str) -> tuple[str, str] | None:
    """The first word where the two forms differ: the counted noun."""
    return next(((a, b) for a, b in zip(form_100.split(), form_11.split(), strict=False) if a != b), None)


def test_the_header_puts_100_to_102_in_form_4_and_11_to_99_in_form_5() -> None:
    catalog = read_po(CATALOG.open("rb"))
    assert catalog.num_plurals == 6
    assert "n%100>=3 && n%100<=10 ? 3 : n%100>=0 && n%100<=2 ? 4 : 5" in catalog.plural_forms


def test_no_counted_noun_is_accusative_after_100_and_genitive_after_11() -> None:
    catalog = read_po(CATALOG.open("rb"))
    swapped = []
    for message in catalog:
        if not isinstance(message.id, tuple) or len(message.string) != 6:
            continue
        nouns = _counted_nouns(message.string[4], message.string[5])
        if nouns and _accusative(nouns[0], nouns[1]) and not _accusative(nouns[1], nouns[0]):
            swapped.append(f"{message.id[0]!r}: form 4 {nouns[0]!r}, form 5 {nouns[1]!r}")
    assert not swapped, "Arabic plural forms 4 (100–102) and 5 (11–99) swapped:\n" + "\n".join(swapped)


def test_the_check_recognises_a_swap() -> None:
    assert _accusative("نشاطًا", "نشاط") and not _accusative("نشاط", "نشاطًا")
    assert _accusative("نشاطا", "نشاط") and _accusative("ترجمةً", "ترجمة") and not _accusative("ترجمة", "ترجمةً")
