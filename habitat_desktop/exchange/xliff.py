"""XLIFF 2.0 (OASIS) files for translators: writing units with notes and glossary entries, reading them safely.

One ``<unit>`` per translatable text, its id naming the record and field (``activity.<id>.title``); a
``<segment>`` holds the source, any existing target and the state (``initial`` with ``subState="habitat:missing"``
or ``habitat:outdated``, ``translated``, ``reviewed``); ``<notes>`` give the record, field, resolutions and
office; the Glossary module (``gls:``) carries the terms found in the source. Reading refuses what a hostile
file could use: a DOCTYPE or entity declaration (external entities, expansion bombs), a file over
``MAX_BYTES``, anything but UTF-8, a document that is not XLIFF 2; lxml parses with entity resolution and
network access off and its size limits on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import LANGUAGES, _, ngettext, quoted_value

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
GLOSSARY_NS = "urn:oasis:names:tc:xliff:glossary:2.0"
MAX_BYTES = 50 * 1024 * 1024
_NS = {"x": XLIFF_NS, "gls": GLOSSARY_NS}
_FORBIDDEN = re.compile(r"<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)", re.IGNORECASE)
_DECLARED_ENCODING = re.compile(r"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_STATES = {"missing": ("initial", "habitat:missing"), "outdated": ("initial", "habitat:outdated")}


class XliffError(HabitatError):
    """An XLIFF file that cannot be used, naming the file and why."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(_("{file}: {reason}").format(file=path.name, reason=reason))


@dataclass(frozen=True)
class Unit:
    """One text to translate: its id, source, target (may be empty), state, notes and glossary entries."""

    id: str
    source: str
    target: str = ""
    state: str = "missing"  # missing | translated | reviewed | outdated (translation_status.TranslationState)
    notes: tuple[tuple[str, str], ...] = ()  # (category, text)
    glossary: tuple[tuple[str, str], ...] = ()  # (term in the source language, its translation)


@dataclass(frozen=True)
class Document:
    """A read XLIFF document: its languages and units."""

    source_language: str
    target_language: str
    units: list[Unit] = field(default_factory=list)


def _q(name: str, namespace: str = XLIFF_NS) -> str:
    return f"{{{namespace}}}{name}"


def write(units: Iterable[Unit], source_language: str, target_language: str, original: str) -> bytes:
    """The XLIFF 2.0 document holding ``units`` (UTF-8 bytes)."""
    root = etree.Element(
        _q("xliff"), nsmap={None: XLIFF_NS, "gls": GLOSSARY_NS}, version="2.0", srcLang=source_language
    )
    root.set("trgLang", target_language)
    file = etree.SubElement(root, _q("file"), id="f1", original=original)
    for unit in units:
        element = etree.SubElement(file, _q("unit"), id=unit.id)
        if unit.glossary:
            glossary = etree.SubElement(element, _q("glossary", GLOSSARY_NS))
            for term, translation in unit.glossary:
                entry = etree.SubElement(glossary, _q("glossEntry", GLOSSARY_NS))
                etree.SubElement(entry, _q("term", GLOSSARY_NS), source="habitat-glossary").text = term
                if translation:
                    etree.SubElement(entry, _q("translation", GLOSSARY_NS)).text = translation
        if unit.notes:
            notes = etree.SubElement(element, _q("notes"))
            for category, text in unit.notes:
                etree.SubElement(notes, _q("note"), category=category).text = text
        segment = etree.SubElement(element, _q("segment"), id="s1")
        state, sub_state = _STATES.get(unit.state, (unit.state, ""))
        segment.set("state", state)
        if sub_state:
            segment.set("subState", sub_state)
        etree.SubElement(segment, _q("source")).text = unit.source
        if unit.target:
            etree.SubElement(segment, _q("target")).text = unit.target
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_pis=True,
    )


def read(path: Path, max_bytes: int = MAX_BYTES) -> Document:
    """The units of an XLIFF 2 file, or XliffError naming what makes it unusable (nothing is resolved or fetched)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            too_large = ngettext(
                "the file is too large: {count} byte, at most {limit}",
                "the file is too large: {count} bytes, at most {limit}",
                size,
            )
            raise XliffError(path, too_large.format(count=size, limit=max_bytes))
        data = path.read_bytes()
    except OSError as error:
        raise XliffError(path, _("the file cannot be read ({reason})").format(reason=error.strerror)) from error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise XliffError(path, _("the file is not UTF-8 text")) from None
    declared = _DECLARED_ENCODING.match(text.lstrip("\ufeff"))
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise XliffError(path, _("the file is not UTF-8 text"))
    if _FORBIDDEN.search(text):
        raise XliffError(path, _("the file declares a DOCTYPE or entities, which translation files never need"))
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise XliffError(path, _("the file is not well-formed XML ({reason})").format(reason=error.msg)) from None
    if root.getroottree().docinfo.doctype:
        raise XliffError(path, _("the file declares a DOCTYPE or entities, which translation files never need"))
    return _document(path, root)


def _document(path: Path, root: etree._Element) -> Document:
    if root.tag != _q("xliff") or not str(root.get("version", "")).startswith("2."):
        raise XliffError(path, _("the file is not an XLIFF 2 document"))
    source, target = root.get("srcLang", ""), root.get("trgLang", "")
    for language in (source, target):
        if language not in LANGUAGES:
            raise XliffError(
                path,
                _("the language {language} is not one of the six official languages").format(
                    language=quoted_value(language)
                ),
            )
    if source == target:
        raise XliffError(path, _("the source and target languages are the same"))
    units: list[Unit] = []
    for element in root.iterfind("x:file/x:unit", _NS):
        units.append(_unit(path, element))
    if root.find("x:file/x:group", _NS) is not None:
        raise XliffError(path, _("the file holds groups of units, which this application does not write"))
    return Document(source, target, units)


def _unit(path: Path, element: etree._Element) -> Unit:
    unit_id = element.get("id", "")
    segments = element.findall("x:segment", _NS)
    if len(segments) != 1:
        raise XliffError(
            path, _("unit {unit}: expected exactly one segment, as exported").format(unit=quoted_value(unit_id[:80]))
        )
    segment = segments[0]
    source = segment.find("x:source", _NS)
    target = segment.find("x:target", _NS)
    for part in (source, target):
        if part is not None and len(part):
            raise XliffError(
                path,
                _("unit {unit}: inline codes are not expected in these texts").format(unit=quoted_value(unit_id[:80])),
            )
    state = segment.get("state", "initial")
    return Unit(
        id=unit_id,
        source=source.text or "" if source is not None else "",
        target=target.text or "" if target is not None else "",
        state=state,
    )
