"""Every message that says a number is a plural (ngettext), and report messages carry context and translator notes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from habitat_desktop.l10n import ngettext, npgettext, pgettext, use_language
from habitat_desktop.l10n.translation import placeholders

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "habitat_desktop"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}

# Placeholder names that hold a count of something: the noun beside them must agree, so the message is a plural.
COUNTS = {
    "count", "n", "total", "done", "added", "updated", "unchanged", "deleted", "conflicts", "activities", "pages",
    "page", "length", "limit", "completed", "ongoing", "planned", "stalled", "cancelled",
}  # fmt: skip
# Messages where such a placeholder is no count of a noun (documented, kept small).
NOT_A_COUNT = {
    ("Page {page} of {pages}", "{page}"): "a page's number, not a count",
    ("Page {page} of {pages}", "{pages}"): "'of 6' takes no noun in any of the six languages",
    ("Merging records: {done} of {total}", "{done}"): "a progress ratio; no noun agrees with the numbers",
    ("Merging records: {done} of {total}", "{total}"): "a progress ratio; no noun agrees with the numbers",
    ("too many items (at most {limit})", "{limit}"): "a bare number in brackets",
    ("too long: {count} character, at most {limit}", "{limit}"): "a bare number; the plural follows {count}",
}
# Placeholders that hold a number which labels something rather than counting it.
LABELS = {"number": "an outcome's or a change's number", "session": "a session's number", "year": "a year"}
# Calls that turn a number into text for a message.
NUMBER_FORMATTERS = {"count", "format_number", "len"}
# The modules that build the reports' sentences.
SENTENCE_MODULES = (
    "wording",
    "progress_report",
    "progress_sentences",
    "progress_funding",
    "progress_digest",
    "narrative",
    "resolution_sheet",
    "office_report",
    "title_block",
)


def _template() -> list:  # type: ignore[type-arg]
    with (ROOT / "i18n" / "messages.pot").open("rb") as fh:
        return [m for m in read_po(fh) if m.id]


def test_no_message_with_a_count_is_a_singular_message() -> None:
    offenders = []
    for message in _template():
        if message.pluralizable:
            continue
        for name in placeholders(message.id):
            if name.strip("{}").split("!")[0] in COUNTS and (message.id, name) not in NOT_A_COUNT:
                offenders.append(f"{message.id!r} has {name}")
    assert not offenders, "use ngettext: " + "; ".join(offenders)


def _calls(tree: ast.AST) -> list[tuple[ast.Call, ast.Call]]:
    """(message call, formatting call) pairs: ``_("…").format(…)`` and ``fill(_("…"), …)``."""
    pairs = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "format" and isinstance(func.value, ast.Call):
            pairs.append((func.value, node))
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name == "fill" and node.args and isinstance(node.args[0], ast.Call):
            pairs.append((node.args[0], node))
    return pairs


def _called(node: ast.AST) -> str:
    if isinstance(node, ast.Call):
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return ""


def _formats_a_number(value: ast.AST) -> bool:
    return any(_called(inner) in NUMBER_FORMATTERS for inner in ast.walk(value))


def offenders_in(source: str) -> list[str]:
    """Messages given a formatted number through ``_``/``pgettext`` rather than a plural."""
    found = []
    for message, formatting in _calls(ast.parse(source)):
        if _called(message) not in {"_", "pgettext"} or not message.args:
            continue
        text = message.args[-1]
        if not isinstance(text, ast.Constant) or not isinstance(text.value, str):
            continue
        for keyword in formatting.keywords:
            name = keyword.arg
            if (
                name
                and name not in LABELS
                and _formats_a_number(keyword.value)
                and (text.value, f"{{{name}}}") not in NOT_A_COUNT
            ):
                found.append(f"{text.value!r}: {name}")
    return found


def test_no_number_is_formatted_into_a_singular_message() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {offence}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for offence in offenders_in(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "use ngettext: " + "; ".join(offenders)


def test_the_source_scan_finds_a_count_in_a_singular_message() -> None:
    # the scan itself must see the mistakes it guards against
    assert offenders_in('x = _("{n} activities").format(n=w.count(len(items)))') == ["'{n} activities': n"]
    assert offenders_in('x = w.fill(_("{n} offices"), n=format_number(3))') == ["'{n} offices': n"]
    assert offenders_in('x = w.fill(ngettext("{n} office", "{n} offices", k), n=w.count(k))') == []
    assert offenders_in('x = _("Outcome {number}").format(number=w.count(outcome))') == []


def test_every_report_message_with_a_placeholder_has_a_translator_comment() -> None:
    missing = [
        message
        for module in SENTENCE_MODULES
        for _line, message, comments, _context in extract_from_file(
            "python", str(PACKAGE / "reports" / f"{module}.py"), keywords=KEYWORDS, comment_tags=("Translators:",)
        )
        if placeholders(message if isinstance(message, str) else message[0]) and not comments
    ]
    assert not missing, f"add a '# Translators:' comment above: {missing}"


def test_the_template_carries_contexts_and_translator_comments() -> None:
    """``make update-catalogs`` extracts pgettext/npgettext with their context and the translator comments."""
    template = _template()
    contexts = {m.context for m in template if m.context}
    assert {"after the word resolutions", "activities, in brackets", "recorded by"} <= contexts
    commented = [m for m in template if any(c.startswith("Translators:") for c in m.auto_comments)]
    assert len(commented) > 30
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"pybabel extract .*-k pgettext:1c,2 -k npgettext:1c,2,3 -c Translators:", makefile)


def test_a_context_picks_its_own_translation() -> None:
    with use_language("zh"):
        for_outcome = ngettext(
            "It is further supported by resolution {resolutions}.",
            "It is further supported by resolutions {resolutions}.",
            2,
        )
        for_priority = npgettext(
            "the strategic priority",
            "It is further supported by resolution {resolutions}.",
            "It is further supported by resolutions {resolutions}.",
            2,
        )
        assert "成果" in for_outcome and "战略重点" in for_priority
    with use_language("fr"):
        assert pgettext("list item", "resolution {symbol}") == "résolution {symbol}"
        assert pgettext("no such context", "Activities") == "Activities"  # falls back to the source


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "نشاط واحد"), (2, "نشاطان"), (3, "3 أنشطة"), (11, "11 نشاطا"), (100, "100 نشاط")],
)
def test_arabic_counts_take_their_six_forms(n: int, expected: str) -> None:
    with use_language("ar"):
        text = ngettext("{count} activity recorded.", "{count} activities recorded.", n).format(count=n)
    assert expected in text


@pytest.mark.parametrize(("n", "expected"), [(1, "1 мероприятие"), (3, "3 мероприятия"), (5, "5 мероприятий")])
def test_russian_counts_take_their_three_forms(n: int, expected: str) -> None:
    with use_language("ru"):
        text = ngettext("{count} activity recorded.", "{count} activities recorded.", n).format(count=n)
    assert expected in text
