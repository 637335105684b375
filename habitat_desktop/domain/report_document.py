"""A report document (the Secretariat's progress report): its particulars, sections, paragraphs and footnotes.

The JSON form is fixed by the shared format (progress_document.json): every human text is an object keyed by
language code; paragraph and footnote texts use ``*italic*``, ``[^id]`` (a footnote of the same section) and
``{{…}}`` live figure fields (``domain/figure_fields.py``).
``parse_document`` checks a whole document and returns the record's fields, or raises a ``ValidationError``
naming the field ("sections[2].paragraphs[0].text.zh") and the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from habitat_desktop.domain import rules
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.domain.figure_fields import FIELD, FigureError, figures_in
from habitat_desktop.l10n import LANGUAGES, _, quoted_value

SECTION_KEYS = (
    "introduction",
    "strategic_priority",
    "outcome_1",
    "outcome_2",
    "outcome_3",
    "outcome_4",
    "outcome_5",
    "conclusion",
)
DISTRIBUTIONS = ("general", "limited", "restricted")
KINDS = ("progress",)
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
REFERENCE = re.compile(r"\[\^([^\]\s]+)\]")
_TOP = {
    "kind",
    "period",
    "symbol",
    "date",
    "distribution",
    "original_language",
    "meeting",
    "agenda_item",
    "title",
    "subtitle",
    "author",
    "sections",
}


@dataclass(frozen=True)
class Run:
    """A stretch of paragraph text: plain or italic, a footnote reference (``note`` is the footnote id), or a live
    figure field (``field`` is the text between its braces, "funding:allocated resolution=2/6")."""

    text: str
    italic: bool = False
    note: str | None = None
    field: str | None = None


def runs(markup: str) -> list[Run]:
    """The runs of a text written with ``*italic*``, ``[^id]``, ``{{field}}``, ``\\*`` (a literal asterisk) ``\\[`` (a
    literal bracket, so the editor can write "[^" as text), ``\\{`` (a literal brace) and ``\\\\`` (a backslash)."""
    out: list[Run] = []
    buffer: list[str] = []
    italic = False
    index = 0

    def flush() -> None:
        if buffer:
            out.append(Run("".join(buffer), italic))
            buffer.clear()

    while index < len(markup):
        char = markup[index]
        if char == "\\" and markup[index + 1 : index + 2] in ("*", "[", "{", "\\"):
            buffer.append(markup[index + 1])
            index += 2
            continue
        if char == "*":
            flush()
            italic = not italic
            index += 1
            continue
        found = REFERENCE.match(markup, index)
        if found:
            flush()
            out.append(Run("", note=found.group(1)))
            index = found.end()
            continue
        figure = FIELD.match(markup, index) if char == "{" else None
        if figure:
            flush()
            out.append(Run("", italic, field=figure.group(1).strip()))
            index = figure.end()
            continue
        buffer.append(char)
        index += 1
    flush()
    return out


def markup_of(parts: list[Run], *, typed_fields: bool = False) -> str:
    """The markup of runs (the inverse of ``runs``). With ``typed_fields``, "{{…}}" in a text is kept as a field
    (the editor: a field typed by hand is read, and checked, as a field) rather than escaped."""
    text = []
    merged: list[Run] = []
    for run in parts:  # neighbouring runs of one style are one run (so "[" and "^" meet where escaping sees them)
        if merged and _joinable(merged[-1], run):
            merged[-1] = Run(merged[-1].text + run.text, run.italic)
        else:
            merged.append(run)
    for run in merged:
        if run.note is not None:
            text.append(f"[^{run.note}]")
            continue
        if run.field is not None:
            text.append(f"*{{{{{run.field}}}}}*" if run.italic else f"{{{{{run.field}}}}}")
            continue
        escaped = run.text.replace("\\", "\\\\").replace("*", "\\*").replace("[^", "\\[^")
        if not typed_fields:
            escaped = _DOUBLE_BRACE.sub(r"\\{", escaped)
        text.append(f"*{escaped}*" if run.italic and escaped else escaped)
    return "".join(text)


_DOUBLE_BRACE = re.compile(r"\{(?=\{)")


def _joinable(before: Run, after: Run) -> bool:
    return (
        before.note is None
        and after.note is None
        and before.field is None
        and after.field is None
        and before.italic == after.italic
    )


def plain(markup: str) -> str:
    """The text without markup or references (for lists and search)."""
    return "".join(run.text if run.field is None else "{{" + run.field + "}}" for run in runs(markup))


def _check_figures(texts: dict[str, str], field: str, owner: str) -> None:
    """Every live figure field of a text is a known one; the error names the paragraph or footnote."""
    for language, text in texts.items():
        try:
            figures_in(text)
        except FigureError as error:
            raise ValidationError(
                f"{field}.{language}",
                _("{owner}: unknown figure field: {reason}").format(owner=owner, reason=error),
            ) from None


def _object(value: Any, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValidationError(field, _("expected an object"))
    return value


def _texts(value: Any, field: str, *, required: bool = False, long: bool = False) -> dict[str, str]:
    """A text in each language (every key a known language; all six when required)."""
    if value is None and not required:
        return {}
    if not isinstance(value, dict):
        raise ValidationError(field, _("expected an object keyed by language"))
    texts: dict[str, str] = {}
    for language, text in value.items():
        if language not in LANGUAGES:
            rules.language(language, f"{field}.{language}")
            raise ValidationError(f"{field}.{language}", _("not a known value"))
        limit = rules.MAX_LONG_TEXT if long else rules.MAX_SHORT_TEXT
        texts[language] = rules.text(text, f"{field}.{language}", limit=limit)
    if required and not any(t.strip() for t in texts.values()):
        raise ValidationError(field, _("is required"))
    return {language: texts[language] for language in LANGUAGES if language in texts}


def _choice(value: Any, allowed: tuple[str, ...], field: str) -> str:
    if value not in allowed:
        raise ValidationError(
            field,
            _("unknown value {value}; expected one of: {allowed}").format(
                value=quoted_value(value), allowed=", ".join(allowed)
            ),
        )
    return str(value)


def _identifier(value: Any, field: str, seen: set[str]) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise ValidationError(field, _("not a known value"))
    if value in seen:
        raise ValidationError(field, _("{value} appears twice").format(value=quoted_value(value)))
    seen.add(value)
    return value


def _meeting(value: Any) -> dict[str, Any]:
    meeting = _object(value if value is not None else {}, "meeting")
    start = rules.iso_date(meeting.get("start"), "meeting.start")
    end = rules.iso_date(meeting.get("end"), "meeting.end")
    if start and end and end < start:
        raise ValidationError("meeting.end", _("the period starts after it ends"))
    return {
        "body": _texts(meeting.get("body"), "meeting.body"),
        "session": _texts(meeting.get("session"), "meeting.session"),
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "place": _texts(meeting.get("place"), "meeting.place"),
    }


def _agenda_item(value: Any) -> dict[str, Any]:
    item = _object(value if value is not None else {}, "agenda_item")
    number = rules.text(item.get("number"), "agenda_item.number", limit=16)
    return {
        "number": number,
        "title": _texts(item.get("title"), "agenda_item.title"),
        "footnote": _texts(item.get("footnote"), "agenda_item.footnote"),
    }


def _section(value: Any, field: str) -> dict[str, Any]:
    section = _object(value, field)
    footnotes = []
    note_ids: set[str] = set()
    for index, note in enumerate(section.get("footnotes") or []):
        where = f"{field}.footnotes[{index}]"
        note = _object(note, where)
        note_texts = _texts(note.get("text"), f"{where}.text", required=True, long=True)
        footnotes.append({"id": _identifier(note.get("id"), f"{where}.id", note_ids), "text": note_texts})
        _check_figures(note_texts, f"{where}.text", _("footnote {id}").format(id=quoted_value(footnotes[-1]["id"])))
    paragraphs = []
    paragraph_ids: set[str] = set()
    for index, paragraph in enumerate(section.get("paragraphs") or []):
        where = f"{field}.paragraphs[{index}]"
        paragraph = _object(paragraph, where)
        style = paragraph.get("style") or "paragraph"
        texts = _texts(paragraph.get("text"), f"{where}.text", required=True, long=True)
        item: dict[str, Any] = {"id": _identifier(paragraph.get("id"), f"{where}.id", paragraph_ids), "text": texts}
        _check_figures(texts, f"{where}.text", _("paragraph {id}").format(id=quoted_value(item["id"])))
        if _choice(style, ("paragraph", "subparagraph"), f"{where}.style") != "paragraph":
            item["style"] = style
        for language, text in texts.items():
            for reference in REFERENCE.findall(text):
                if reference not in note_ids:
                    raise ValidationError(
                        f"{where}.text.{language}",
                        _("refers to footnote {note}, which this section does not have").format(
                            note=quoted_value(reference)
                        ),
                    )
        paragraphs.append(item)
    if not isinstance(section.get("paragraphs") or [], list) or not isinstance(section.get("footnotes") or [], list):
        raise ValidationError(field, _("expected a list"))
    return {
        "key": _choice(section.get("key"), SECTION_KEYS, f"{field}.key"),
        "heading": _texts(section.get("heading"), f"{field}.heading"),
        "paragraphs": paragraphs,
        "footnotes": footnotes,
    }


def parse_document(data: Any) -> dict[str, Any]:
    """The record fields of a document in the shared JSON form; a ValidationError names the first bad field."""
    document = _object(data, "document")
    unknown = sorted(set(document) - _TOP)
    if unknown:
        raise ValidationError(unknown[0], _("not a known value"))
    symbol = rules.text(document.get("symbol"), "symbol", required=True, limit=48).strip()
    date = rules.iso_date(document.get("date"), "date")
    sections_value = document.get("sections") or []
    if not isinstance(sections_value, list):
        raise ValidationError("sections", _("expected a list"))
    sections = [_section(section, f"sections[{index}]") for index, section in enumerate(sections_value)]
    keys = [section["key"] for section in sections]
    for index, key in enumerate(keys):
        if key in keys[:index]:
            raise ValidationError(f"sections[{index}].key", _("{value} appears twice").format(value=quoted_value(key)))
    sections.sort(key=lambda section: SECTION_KEYS.index(section["key"]))
    return {
        "kind": _choice(document.get("kind", "progress"), KINDS, "kind"),
        "period": rules.text(document.get("period"), "period", limit=16).strip(),
        "symbol": symbol,
        "document_date": date,
        "distribution": _choice(document.get("distribution") or "general", DISTRIBUTIONS, "distribution"),
        "original_language": _choice(document.get("original_language") or "en", LANGUAGES, "original_language"),
        "meeting": _meeting(document.get("meeting")),
        "agenda_item": _agenda_item(document.get("agenda_item")),
        "title": _texts(document.get("title"), "title"),
        "subtitle": _texts(document.get("subtitle"), "subtitle"),
        "author": _texts(document.get("author"), "author"),
        "sections": sections,
    }


def document_json(fields: dict[str, Any]) -> dict[str, Any]:
    """The shared JSON form of a document's fields (the inverse of ``parse_document``)."""
    date = fields.get("document_date")
    return {
        "kind": fields["kind"],
        "period": fields["period"],
        "symbol": fields["symbol"],
        "date": date.isoformat() if isinstance(date, dt.date) else (date or ""),
        "distribution": fields["distribution"],
        "original_language": fields["original_language"],
        "meeting": fields["meeting"],
        "agenda_item": fields["agenda_item"],
        "title": fields["title"],
        "subtitle": fields["subtitle"],
        "author": fields["author"],
        "sections": fields["sections"],
    }


DOCUMENT_FIELDS = (
    "kind",
    "period",
    "symbol",
    "document_date",
    "distribution",
    "original_language",
    "meeting",
    "agenda_item",
    "title",
    "subtitle",
    "author",
    "sections",
)
