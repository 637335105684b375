"""The Arabic catalog reads as Arabic: one and two said in words, Latin file names and options kept whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from habitat_desktop.l10n import _, ngettext, use_language

CATALOG = Path(__file__).resolve().parent.parent / "i18n" / "ar" / "LC_MESSAGES" / "messages.po"
LRI, PDI = "\u2066", "\u2069"
# A Latin run the bidi algorithm breaks up in a right-to-left sentence: an extension (".habx"), an option ("--yes"),
# a period code starting with digits ("2026-Q1"). A file dialog's filter ("(*.habx)") is left alone: Qt reads its
# patterns from between the brackets, and a direction mark there would stop it filtering.
_BROKEN_RUN = re.compile(r"(?<![\w*])\.[a-z]{3,5}\b|(?<![\w-])--?[a-z][\w-]*|\b\d{4}-(?:[QH]\d|\d\d)\b")
_ISOLATED = re.compile(f"{LRI}[^{PDI}]*{PDI}")


def _loose_runs(text: str) -> list[str]:
    """The Latin runs of a translation that are neither isolated nor a placeholder."""
    return _BROKEN_RUN.findall(_ISOLATED.sub("", re.sub(r"\{[^{}]*\}", "", text)))


def _catalog() -> list[tuple[str, tuple[str, ...]]]:
    with CATALOG.open("rb") as fh:
        return [
            (m.id if isinstance(m.id, str) else m.id[0], m.string if isinstance(m.string, tuple) else (m.string,))
            for m in read_po(fh)
            if m.id
        ]


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


def test_latin_runs_that_bidi_reorders_are_isolated() -> None:
    """ ".habx" in an Arabic sentence is drawn "habx." unless it sits in a left-to-right isolate."""
    loose = [f"{source!r}: {run!r}" for source, forms in _catalog() for form in forms for run in _loose_runs(form)]
    assert not loose, "\n".join(loose)


def test_isolates_are_closed_and_hold_no_placeholder() -> None:
    bad = []
    for source, forms in _catalog():
        for form in forms:
            opened = 0
            for char in form:
                opened += {LRI: 1, PDI: -1}.get(char, 0)
                if opened not in (0, 1):
                    bad.append(f"{source!r}: {form!r}")
                    break
            if opened or re.search(f"{LRI}[^{PDI}]*{{", form):
                bad.append(f"{source!r}: {form!r}")
    assert not bad, "\n".join(bad)


def test_the_check_finds_loose_runs() -> None:
    assert _loose_runs("أضف ملفات التصدير (.habx)، ثم أعد التشغيل مع --yes (مثل 2026-Q1)") == [
        ".habx",
        "--yes",
        "2026-Q1",
    ]
    assert not _loose_runs(f"({LRI}.habx{PDI}) مع {LRI}--yes{PDI} مثل {LRI}2026-Q1{PDI} (*.habx) SHA-256")


def _glyph_xs(text: str, char: str) -> list[float]:
    """Where Qt draws the glyphs of ``char`` when it lays ``text`` out as a right-to-left paragraph."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFont, QTextLayout, QTextOption

    layout = QTextLayout(text, QFont())
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    flags = QTextLayout.GlyphRunRetrievalFlag
    found = []
    for run in line.glyphRuns(0, len(text), flags.RetrieveGlyphPositions | flags.RetrieveGlyphIndexes):
        glyph = run.rawFont().glyphIndexesForString(char)[0]
        found += [point.x() for index, point in zip(run.glyphIndexes(), run.positions(), strict=True) if index == glyph]
    return found


@pytest.mark.parametrize(
    ("message", "mark", "letter"),
    [
        ("Add the exports (.habx) to merge, or drop them here, then preview.", ".", "h"),  # not "(habx.)"
        ("the period, e.g. 2025 or 2026-Q1", "-", "Q"),  # not "Q1-2026"
        ("{path} is a file; with --lang all the output is a folder", "-", "l"),  # not "lang all--"
        ("Activity files (*.xlsx *.csv *.jsonl)", "*", "x"),  # the file dialog's filter: not "(xlsx … *.jsonl.*)"
    ],
)
def test_qt_draws_the_latin_run_in_its_own_order(qapp, message: str, mark: str, letter: str) -> None:  # type: ignore[no-untyped-def]
    """The mark that opens the Latin run is drawn left of its first letter, as in a left-to-right text."""
    with use_language("ar"):
        text = _(message)
    assert text != message
    first = min(_glyph_xs(text, letter))
    nearest = min(_glyph_xs(text, mark), key=lambda x: abs(x - first))
    assert nearest < first, repr(text)
