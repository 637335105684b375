"""Each language's punctuation as UN documents set it: Arabic comma, semicolon, question mark and lists, « » in Arabic,
French, Spanish and Russian, French narrow no-break spaces and apostrophe, in catalogs, demo texts and tables."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from habitat_desktop.l10n import _, ngettext, npgettext, pgettext, use_language
from habitat_desktop.l10n.punctuation import NESTED_QUOTES, QUOTES
from habitat_desktop.reports import wording as w
from habitat_desktop.reports.bidi_order import display
from habitat_desktop.reports.footnotes import Footnotes
from habitat_desktop.reports.line_setter import LineSetter
from habitat_desktop.reports.text_block import TextStyle
from habitat_desktop.resources import resource_path
from habitat_desktop.services.activities import activity_rows
from habitat_desktop.services.workspaces import opened
from habitat_desktop.storage.activity_store import ActivityFilter

CATALOGS = Path(__file__).resolve().parents[1] / "i18n"
_QUOTE_MARKS = set('“”«»„"')


def _messages(language: str) -> Iterator[tuple[object, list[str]]]:
    with (CATALOGS / language / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh, locale=language)
    for message in catalog:
        if message.id:
            strings = message.string if isinstance(message.string, tuple | list) else [message.string]
            yield message, [s for s in strings if s]


def test_arabic_messages_use_the_arabic_comma_semicolon_and_question_mark() -> None:
    # an ASCII comma stays only inside a command-line example ("KEN,UGA")
    latin = re.compile(r"[;?]|,(?![A-Za-z0-9])|(?<![A-Za-z0-9]),")
    found = [s for _m, strings in _messages("ar") for s in strings if latin.search(s)]
    assert not found, found


@pytest.mark.parametrize("language", ["ar", "fr", "es", "ru", "zh"])
def test_each_catalog_quotes_with_its_own_marks(language: str) -> None:
    allowed = set("".join(QUOTES[language]).strip("\u202f"))
    found = [s for _m, strings in _messages(language) for s in strings if (set(s) & _QUOTE_MARKS) - allowed]
    assert not found, found


_FRENCH_WRONG = re.compile(
    r"[ \u00a0](?=[;:!?»])|(?<=«)[ \u00a0]|(?<=[^\W\d_])'(?=[^\W\d_]|&)|(?<=[^\W\d_])[;!?](?=\s|$)"
)


def _french(message: object) -> list[str]:
    """A catalog message as the program shows it in French (every plural form)."""
    context = getattr(message, "context", None)
    ids = getattr(message, "id")  # noqa: B009
    if isinstance(ids, tuple | list):
        shown = [
            npgettext(context, ids[0], ids[1], n) if context else ngettext(ids[0], ids[1], n) for n in (1, 2, 5, 21)
        ]
    else:
        shown = [pgettext(context, ids) if context else _(ids)]
    return shown


def test_french_messages_have_narrow_no_break_spaces_and_the_typographic_apostrophe() -> None:
    with use_language("fr"):
        shown = [text for message, _strings in _messages("fr") for text in _french(message)]
    found = [text for text in shown if _FRENCH_WRONG.search(text)]
    assert not found, found[:10]
    assert any("\u202f:" in text for text in shown) and any("«\u202f" in text for text in shown)
    assert any("’" in text for text in shown)


def _demo_texts() -> Iterator[tuple[str, str]]:
    def walk(value: object, language: str | None) -> Iterator[tuple[str, str]]:
        if isinstance(value, dict):
            for key, inner in value.items():
                yield from walk(inner, key if key in ("ar", "zh", "en", "fr", "ru", "es") else language)
        elif isinstance(value, list):
            for inner in value:
                yield from walk(inner, language)
        elif isinstance(value, str) and language:
            yield language, value

    for name in ("demo.json", "progress_document.json"):
        yield from walk(json.loads(resource_path("demo", name).read_text(encoding="utf-8")), None)


def _marks(language: str) -> tuple[str, ...]:
    return (*QUOTES[language], *NESTED_QUOTES.get(language, ()))


def test_the_demo_texts_are_punctuated_as_their_language_is() -> None:
    texts = list(_demo_texts())
    french = [text for language, text in texts if language == "fr" and _FRENCH_WRONG.search(text)]
    assert not french, french[:5]
    quotes = [
        text
        for language, text in texts
        if language in ("ar", "es", "ru") and (set(text) & _QUOTE_MARKS) - set("".join(_marks(language)))
    ]
    assert not quotes, quotes[:5]


def test_arabic_lists_take_the_arabic_comma_and_wa() -> None:
    with use_language("ar"):
        assert w.joined(["القاهرة", "نيروبي", "بانكوك"]) == "القاهرة، ونيروبي، وبانكوك"
        assert w.joined(["القاهرة", "نيروبي"]) == "القاهرة ونيروبي"
        assert w.joined(["4", "5"]) == "4 و 5"
        assert w.joined(["HQ", "ROAF"]) == "HQ و ROAF"
        assert w.listed(["4", "5"]) == "4، 5"
    with use_language("zh"):
        assert w.listed(["4", "5"]) == "4、5"
    with use_language("en"):
        assert w.joined(["a", "b", "c"]) == "a, b and c"
        assert w.listed(["4", "5"]) == "4, 5"


def test_the_activity_table_lists_outcomes_with_the_language_comma(demo_path: Path) -> None:
    with opened(demo_path) as workspace:
        arabic = activity_rows(workspace, ActivityFilter(), 0, 100, "ar")
        english = activity_rows(workspace, ActivityFilter(), 0, 100, "en")
    assert any("، " in row.outcomes for row in arabic) and not any("," in row.outcomes for row in arabic)
    assert any(", " in row.outcomes for row in english)


def test_a_note_marker_after_a_latin_title_in_quotes_leaves_the_arabic_quotes_paired() -> None:
    # «Our City Plans»⁴ in an Arabic line: a bare digit after the Latin would join its run (UAX #9, W7) and pull the
    # closing quote into it, shown as "»…»"; the marker is isolated, so the quotes stay a mirrored pair
    marker = Footnotes(LineSetter("ar"), TextStyle()).mark("note")
    line = "منصة «Our City Plans»" + marker.text + "، وساعد"
    assert display(line, True) == "دعاسو ،1«Our City Plans» ةصنم"


def test_spanish_questions_open_with_the_inverted_mark_and_chinese_takes_full_width_punctuation() -> None:
    spanish = [s for _m, strings in _messages("es") for s in strings if "?" in s and "¿" not in s]
    assert not spanish, spanish
    half_width = re.compile(r"[\u4e00-\u9fff](?:[,;:?!)]|\((?!&))")  # a menu accelerator "(&A)" stays half-width
    chinese = [s for _m, strings in _messages("zh") for s in strings if half_width.search(s)]
    assert not chinese, chinese
