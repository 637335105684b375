"""Checks an .xlsx file passes before it is parsed: a real workbook, no zip bomb, macros, external links or entities.

Policy: macro-enabled workbooks (.xlsm, or any workbook holding a VBA project) are refused, not silently stripped,
so that nobody believes their macros ran; external links are refused because their values come from another file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.l10n import _, ngettext

MAX_UNPACKED_BYTES = 200 * 1024 * 1024
"""The most an .xlsx may unpack to, all parts together."""
MAX_PARTS = 10_000
MAX_RATIO = 150
"""A part that unpacks to more than this many times its packed size (and over 1 MiB) is taken for a zip bomb."""
_PROLOG_BYTES = 64 * 1024
_DECLARATIONS = tuple(
    word.encode(encoding) for word in ("<!DOCTYPE", "<!ENTITY") for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def check_workbook_file(path: Path) -> int:
    """Raise a ValidationError naming the file if it is not a safe .xlsx workbook; return the bytes its
    worksheets unpack to."""
    name = path.name
    if path.suffix.lower() in {".xlsm", ".xltm", ".xlam"}:
        raise ValidationError("file", _("a macro-enabled workbook is refused; save it as .xlsx"), source=name)
    if not zipfile.is_zipfile(path):
        raise ValidationError("file", _("not an Excel workbook (.xlsx)"), source=name)
    try:
        with zipfile.ZipFile(path) as archive:
            return _check_parts(archive, name)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
        raise ValidationError(
            "file", _("not a readable Excel workbook ({reason})").format(reason=error), source=name
        ) from None


def _check_parts(archive: zipfile.ZipFile, name: str) -> int:
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise ValidationError(
            "file",
            ngettext("more than {count} part", "more than {count} parts", MAX_PARTS).format(count=MAX_PARTS),
            source=name,
        )
    total = sum(part.file_size for part in parts)
    bomb = any(
        part.file_size > 1024 * 1024 and part.file_size > MAX_RATIO * max(part.compress_size, 1) for part in parts
    )
    if total > MAX_UNPACKED_BYTES or bomb:
        limit = MAX_UNPACKED_BYTES // (1024 * 1024)
        raise ValidationError(
            "file",
            ngettext(
                "unpacks to more than {count} MiB, or is compressed suspiciously well (a zip bomb?)",
                "unpacks to more than {count} MiB, or is compressed suspiciously well (a zip bomb?)",
                limit,
            ).format(count=limit),
            source=name,
        )
    names = {part.filename.lower() for part in parts}
    if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
        raise ValidationError("file", _("not an Excel workbook (.xlsx)"), source=name)
    if any(part.endswith("vbaproject.bin") for part in names):
        raise ValidationError("file", _("a macro-enabled workbook is refused; save it as .xlsx"), source=name)
    if any(part.startswith("xl/externallinks/") for part in names):
        raise ValidationError(
            "file", _("the workbook links to other files; break the links (keep the values) and try again"), source=name
        )
    for part in parts:
        if part.filename.lower().endswith((".xml", ".rels", ".vml")):
            with archive.open(part) as stream:
                prolog = stream.read(_PROLOG_BYTES)
            if any(declaration in prolog for declaration in _DECLARATIONS):
                raise ValidationError(
                    "file",
                    _("part {part} declares XML entities or a document type, which a workbook never needs").format(
                        part=part.filename
                    ),
                    source=name,
                )
    return sum(part.file_size for part in parts if part.filename.lower().startswith("xl/worksheets/"))
