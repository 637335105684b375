"""Footnotes read back from PDFs: each note at the foot of the page that carries its marker, below the text and a
short rule, numbered through the document, mirrored in Arabic; the progress report's notes cite paragraphs."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from habitat_desktop.reports.document import BODY, MARGIN, SMALL, Metadata, Story, build_pdf, content_width
from habitat_desktop.reports.footnotes import RULE_LENGTH
from habitat_desktop.reports.line_setter import SUPERSCRIPT_SCALE, LineSetter, Piece
from habitat_desktop.services import demo, report_documents
from habitat_desktop.services.reports import ReportOptions, generate_report
from tests.pdf_inspection import Span, normalized, spans, squeezed

LANGUAGES = ("en", "ar", "zh", "fr")
PAGE_WIDTH, PAGE_HEIGHT = 595.2756, 841.8898  # A4 in points
PADDING = 6.0  # the frame's, inside the margins
LEFT, RIGHT = MARGIN + PADDING, PAGE_WIDTH - MARGIN - PADDING
LABEL_WIDTH = 0.7 * 72 / 2.54
ENDNOTES_HEADING = {"en": "Notes", "ar": "الحواشي", "zh": "注", "fr": "Notes"}  # the old "Notes" section


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo workspace's progress report made from its data (without the report document, whose narrative
    speaks for the activities it cites) in four languages, the scripts of every layout."""
    folder = tmp_path_factory.mktemp("footnotes")
    workspace = folder / "demo.habitat"
    demo.create_demo(workspace).close()
    for document in report_documents.list_documents(workspace):
        report_documents.delete_document(workspace, document.symbol)
    options = ReportOptions(issued=dt.date(2025, 3, 3))
    return {
        language: generate_report(workspace, "progress", language, folder / f"progress-{language}.pdf", options).files[
            language
        ]
        for language in LANGUAGES
    }


@dataclass
class Page:
    """What a page holds, sorted by role."""

    body: list[Span]
    markers: list[tuple[Label, Span]]  # (number or "*", superscript in the text)
    notes: dict[Label, list[Span]]  # number or "*" -> label then text, at the foot
    continued: list[Span]  # at the foot, before the first label: a note begun on an earlier page


Label = int | str  # a note's number, or AGENDA_MARK for the masthead's agenda-item note (not numbered)
AGENDA_MARK = "*"


def _number(text: str) -> Label | None:
    if text.strip() == AGENDA_MARK:
        return AGENDA_MARK
    return int(text) if text.strip().isdecimal() else None


def _joined_digits(found: list[Span]) -> list[Span]:
    """The spans, with digits drawn one by one joined: a justified Chinese line is drawn glyph by glyph, so a
    marker or a note's label 17 comes as "1" then "7" on the same baseline."""
    joined: list[Span] = []
    for span in found:
        last = joined[-1] if joined else None
        if (
            last is not None
            and (last.page, last.y, last.size) == (span.page, span.y, span.size)
            and last.text.isdecimal()
            and span.text.isdecimal()
        ):
            joined[-1] = Span(last.text + span.text, last.x, last.y, last.size, last.page)
        else:
            joined.append(span)
    return joined


def _pages(source: Path | bytes, rtl: bool) -> dict[int, Page]:
    pages: dict[int, Page] = {}
    current: Label | None = None
    for span in _joined_digits(spans(source)):
        page = pages.setdefault(span.page, Page([], [], {}, []))
        if not MARGIN - 1 < span.y < PAGE_HEIGHT - MARGIN:
            continue  # the running header and the page number
        if span.size == pytest.approx(BODY.size * SUPERSCRIPT_SCALE, abs=0.05):
            number = _number(span.text)
            assert number is not None, span
            page.markers.append((number, span))
        elif span.size == pytest.approx(SMALL.size, abs=0.05):
            in_label_column = span.x > RIGHT - LABEL_WIDTH if rtl else span.x < LEFT + 1
            number = _number(span.text)
            if in_label_column and number is not None:
                current = number
                page.notes[current] = []
            if current in page.notes:
                page.notes[current].append(span)
            else:
                assert not page.notes, f"note text without a label: {span}"
                page.continued.append(span)
        else:
            page.body.append(span)
    return pages


def _check_footnotes(pages: dict[int, Page], rtl: bool) -> int:
    """Every note on its marker's page, numbered 1, 2, 3… through the document, below all the page's text and
    labelled on the start side; return how many numbered notes there are. The agenda item's "*" note is
    not numbered: at most one, and on its marker's page like the others."""
    markers = [number for page in sorted(pages) for number, _span in pages[page].markers]
    notes = [number for page in sorted(pages) for number in pages[page].notes]
    numbered = [number for number in markers if number != AGENDA_MARK]
    assert numbered == list(range(1, len(numbered) + 1))
    assert markers.count(AGENDA_MARK) <= 1
    assert notes == markers
    for number, page in sorted(pages.items()):
        assert {n for n, _span in page.markers} == set(page.notes), f"page {number}: markers and notes differ"
        assert not page.continued, f"page {number}: a note runs on from the page before"
        if not page.notes:
            continue
        lowest_text = min(span.y for span in page.body)
        note_spans = [span for spans_ in page.notes.values() for span in spans_]
        # the notes' top line sits well below the lowest line of text (a rule and its space between them)
        assert max(span.y for span in note_spans) + SMALL.size < lowest_text, f"page {number}: notes overlap"
        assert min(span.y for span in note_spans) > MARGIN, f"page {number}: a note runs into the margin"
        for spans_ in page.notes.values():
            label, text = spans_[0], spans_[1:]
            assert text, f"page {number}: a note without text"
            line = [span for span in text if span.y == pytest.approx(label.y)]
            if rtl:
                assert all(span.x < label.x for span in line)
            else:
                assert label.x == pytest.approx(LEFT, abs=0.5) and all(span.x > label.x for span in line)
    return len(numbered)


def _rules(source: Path | bytes) -> dict[int, list[tuple[float, float, float]]]:
    """Short horizontal rules of each page: (left, right, y)."""
    found: dict[int, list[tuple[float, float, float]]] = {}
    reader = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source)
    for number, page in enumerate(reader.pages, start=1):
        stream = page.get_contents()
        data = stream.get_data().decode("latin-1") if stream is not None else ""
        for x1, y1, x2, y2 in re.findall(r"([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S", data):
            if float(y1) == float(y2) and float(x2) - float(x1) == pytest.approx(RULE_LENGTH, abs=0.5):
                found.setdefault(number, []).append((float(x1), float(x2), float(y1)))
    return found


def _check_rules(source: Path | bytes, pages: dict[int, Page], rtl: bool) -> None:
    """One short rule on each page with notes, on the start side, between the text and the notes."""
    rules = _rules(source)
    assert set(rules) == {number for number, page in pages.items() if page.notes}
    for number, [(left, right, y)] in rules.items():
        page = pages[number]
        assert right == pytest.approx(RIGHT, abs=0.5) if rtl else left == pytest.approx(LEFT, abs=0.5)
        top_note = max(span.y for spans_ in page.notes.values() for span in spans_)
        assert top_note + SMALL.size < y < min(span.y for span in page.body)


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_note_is_at_the_foot_of_its_markers_page(reports: dict[str, Path], language: str) -> None:
    rtl = language == "ar"
    pages = _pages(reports[language], rtl)
    assert _check_footnotes(pages, rtl) >= 30  # every summary paragraph and funding narrative has one
    _check_rules(reports[language], pages, rtl)
    assert len([page for page in pages.values() if page.notes]) >= 4


@pytest.mark.parametrize("language", LANGUAGES)
def test_there_is_no_endnote_section(reports: dict[str, Path], language: str) -> None:
    headings = [span.text.strip() for span in spans(reports[language]) if span.size >= 12]
    assert ENDNOTES_HEADING[language] not in headings
    titles = [item.title for item in PdfReader(reports[language]).outline if not isinstance(item, list)]
    assert not any(ENDNOTES_HEADING[language] in title for title in titles)


def _note_texts(path: Path, rtl: bool) -> dict[Label, str]:
    return {
        number: " ".join(span.text for span in note[1:])
        for page in _pages(path, rtl).values()
        for number, note in page.notes.items()
    }


def test_notes_cite_the_operative_paragraphs_the_activities_cite(reports: dict[str, Path]) -> None:
    english = [normalized(text) for text in _note_texts(reports["en"], False).values()]
    # under 2/7: the expert working group citing 2/7:4; under 2/2 (each activity cited once per section, under the
    # first of its resolutions), the activities citing 2/2:6 and 2/2:7
    assert any(text.endswith("Sources: resolution 2/7, paragraph 4.") for text in english)
    assert any(text.endswith("Sources: resolution 2/2, paragraphs 6 and 7.") for text in english)
    # no activity cites a paragraph: no sources
    assert any(text == "Office: UN-Habitat Headquarters." for text in english)  # offices by name, not by code
    chinese = [squeezed(text) for text in _note_texts(reports["zh"], False).values()]
    assert any(text.endswith(squeezed("资料来源：第 2/2 号决议第 6 和 7 段。")) for text in chinese)
    french = [normalized(text) for text in _note_texts(reports["fr"], False).values()]
    assert any(text.endswith("Sources : résolution 2/2, paragraphes 6 et 7.") for text in french)


WORDS = ["urban", "housing", "land", "basic", "services", "resolution", "office", "partners", "planning"]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_notes_follow_their_markers_however_paragraphs_fall(language: str) -> None:
    """Paragraphs of every length, split across pages, with markers at their end and in their middle."""
    setter = LineSetter(language)
    story = Story(setter, content_width("a4"))
    chance = random.Random(7)
    for number in range(1, 90):
        pieces: list[Piece] = []
        for _sentence in range(chance.randint(1, 4)):
            pieces.append(Piece(" ".join(chance.choices(WORDS, k=chance.randint(4, 70))) + ". "))
            if chance.random() < 0.45:
                pieces.append(story.notes.mark(" ".join(chance.choices(WORDS, k=chance.randint(2, 90)))))
        story.numbered(number, pieces)
    output = io.BytesIO()
    pages = build_pdf(output, story.items, setter, Metadata("Notes", "Notes", "UN-Habitat", language, "TEST"))
    rtl = language == "ar"
    found = _pages(output.getvalue(), rtl)
    assert len(found) == pages > 10
    assert _check_footnotes(found, rtl) == story.notes.count > 60
    _check_rules(output.getvalue(), found, rtl)


def test_a_note_longer_than_a_page_runs_on_at_the_foot_of_the_next_pages_in_order() -> None:
    """A funding narrative may hold 20,000 characters: its note begins on its marker's page and continues below
    the text of the next pages; notes marked meanwhile follow it, still in order."""
    setter = LineSetter("en")
    story = Story(setter, content_width("a4"))
    long_note = " ".join(f"w{index}" for index in range(3000))
    for number in range(1, 12):
        if number == 3:
            story.numbered(number, [Piece("A paragraph with a long note. " * 3), story.notes.mark(long_note)])
        else:
            story.numbered(number, [Piece(f"Paragraph {number}. " * 30), story.notes.mark(f"Note {number}.")])
    output = io.BytesIO()
    count = build_pdf(output, story.items, setter, Metadata("Notes", "Notes", "UN-Habitat", "en", "TEST"))
    pages = _pages(output.getvalue(), False)
    assert count == len(pages) > 4
    markers = {number: page for page in pages for number, _span in pages[page].markers}
    labels = {number: page for page in pages for number in pages[page].notes}
    assert sorted(markers) == sorted(labels) == list(range(1, 12))
    assert [labels[n] for n in range(1, 12)] == sorted(labels.values())  # in order
    assert labels[3] == markers[3] and all(labels[n] >= markers[n] for n in markers)
    words = [
        span.text for page in sorted(pages) for span in [*pages[page].continued, *pages[page].notes.get(3, [])[1:]]
    ]
    assert " ".join(words).split() == long_note.split()  # all of it, in order
    for number, page in pages.items():  # text above every band: the note runs on below the text
        band = [*page.continued, *(span for spans_ in page.notes.values() for span in spans_)]
        if band and page.body:
            assert max(span.y for span in band) + SMALL.size < min(span.y for span in page.body), number
