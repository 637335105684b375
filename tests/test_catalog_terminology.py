"""One term per concept in each catalog: a reader who meets two words for one thing thinks they are two things."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

CATALOGS = Path(__file__).resolve().parent.parent / "i18n"

# (language, the term the catalog uses, a pattern for the variant it must not use)
_ONE_TERM = [
    ("ru", "рабочее пространство (workspace)", r"рабоч\w* област\w*"),
]


@pytest.mark.parametrize(("language", "term", "variant"), _ONE_TERM)
def test_the_catalog_keeps_one_term(language: str, term: str, variant: str) -> None:
    catalog = read_po((CATALOGS / language / "LC_MESSAGES" / "messages.po").open("rb"))
    found = [
        message.id[0] if isinstance(message.id, tuple) else message.id
        for message in catalog
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        if re.search(variant, text or "", re.IGNORECASE)
    ]
    assert not found, f"{language}: use {term} in: {found}"
