"""Generating PDF reports: read the workspace once, render each language, write each file whole or not at all."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from habitat_desktop.domain.errors import HabitatError, ValidationError
from habitat_desktop.l10n import LANGUAGES, N_, _, quoted_value, use_language
from habitat_desktop.reports import docx_report, office_report, progress_report, resolution_sheet, wording
from habitat_desktop.reports.document import Metadata, ReportCancelledError, build_pdf, content_width
from habitat_desktop.reports.line_setter import LineSetter
from habitat_desktop.reports.options import ReportOptions
from habitat_desktop.services.garbage_collection import fewer_collections
from habitat_desktop.storage import report_queries
from habitat_desktop.storage import workspace as storage
from habitat_desktop.storage.report_queries import ReportData

_log = logging.getLogger(__name__)

__all__ = [
    "ALL_LANGUAGES",
    "REPORT_KINDS",
    "ReportCancelledError",
    "ReportKind",
    "ReportOptions",
    "ReportResult",
    "generate_report",
    "report_file_name",
]

ALL_LANGUAGES = "all"


class ReportKind(StrEnum):
    PROGRESS = "progress"
    RESOLUTION = "resolution"
    OFFICE = "office"

    def label(self) -> str:
        return _(REPORT_KINDS[self.value])


REPORT_KINDS = {
    "progress": N_("Progress report on implementing Assembly resolutions"),
    "resolution": N_("Resolution fact sheet"),
    "office": N_("Office activity report"),
}

Progress = Callable[[int, int], None]
"""Called with (steps done, steps in all) while a report is laid out."""


@dataclass(frozen=True)
class ReportResult:
    """The files written, one per language, and their page counts."""

    files: dict[str, Path]
    pages: dict[str, int]
    warnings: tuple[str, ...] = ()  # e.g. characters no bundled font has, printed as U+FFFD


def report_file_name(kind: str, language: str, options: ReportOptions) -> str:
    """The file name of one language's PDF in a folder of reports, e.g. "progress-ar.pdf"."""
    subject = options.resolution if kind == ReportKind.RESOLUTION else options.office
    middle = f"-{subject.replace('/', '-')}" if subject and kind != ReportKind.PROGRESS else ""
    return f"{kind}{middle}-{language}.{options.output_format}"


def _check(kind: ReportKind, language: str, options: ReportOptions, data: ReportData) -> None:
    if language != ALL_LANGUAGES and language not in LANGUAGES:
        raise ValidationError(
            "lang",
            _("unknown language {value}; expected one of: {allowed}").format(
                value=quoted_value(language), allowed=", ".join((*LANGUAGES, ALL_LANGUAGES))
            ),
        )
    if options.output_format not in ("pdf", "docx"):
        raise ValidationError("format", _("expected pdf or docx"))
    if options.output_format == "docx" and kind != ReportKind.PROGRESS:
        raise ValidationError("format", _("only the progress report is written as a Word file"))
    if options.paper not in ("a4", "letter"):
        raise ValidationError("paper", _("expected a4 or letter"))
    if options.since and options.until and options.since > options.until:
        raise ValidationError("from", _("the period starts after it ends"))
    if kind == ReportKind.RESOLUTION:
        if not options.resolution:
            raise ValidationError("resolution", _("a fact sheet needs a resolution, e.g. 2/7"))
        if data.resolution(options.resolution) is None:
            raise ValidationError(
                "resolution", _("No resolution {symbol} in the catalog").format(symbol=options.resolution)
            )
    if kind == ReportKind.OFFICE:
        if not options.office:
            raise ValidationError("office", _("an office report needs an office, e.g. KEN"))
        if options.office not in data.offices:
            raise ValidationError("office", _("unknown office {value}").format(value=quoted_value(options.office)))


def _render(
    kind: ReportKind,
    data: ReportData,
    language: str,
    options: ReportOptions,
    target: Path,
    step: Callable[[], None],
    warnings: list[str] | None = None,
) -> int:
    with use_language(language), wording.glossary_in_use(data.glossary), fewer_collections():
        setter = LineSetter(language)
        width = content_width(options.paper)
        module = {
            ReportKind.PROGRESS: progress_report,
            ReportKind.RESOLUTION: resolution_sheet,
            ReportKind.OFFICE: office_report,
        }[kind]
        metadata: Metadata = module.metadata(data, options, language)
        if options.output_format == "docx":
            return docx_report.write_docx(target, data, options, language)
        story = module.build(data, setter, width, options)
        pages = build_pdf(target, story, setter, metadata, options.paper, step)
        if setter.missing and warnings is not None:
            characters = " ".join(sorted(f"U+{ord(c):04X}" for c in setter.missing))
            message = _(
                "The {language} report has characters that no bundled font can print ({characters}); "
                "they are printed as \ufffd."
            ).format(language=language, characters=characters)
            _log.warning(message)
            warnings.append(message)
        return pages


def generate_report(
    path: Path,
    kind: str,
    language: str,
    output: Path,
    options: ReportOptions | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ReportResult:
    """Write a report of a workspace as PDF in one language, or with language "all" one PDF per language into the
    folder ``output``. Files appear complete or not at all; ``cancelled`` returning True stops the work."""
    options = options or ReportOptions()
    try:
        report_kind = ReportKind(kind)
    except ValueError:
        raise ValidationError(
            "kind",
            _("unknown report {value}; expected one of: {allowed}").format(
                value=quoted_value(kind), allowed=", ".join(k.value for k in ReportKind)
            ),
        ) from None
    if options.office:
        options = _with_office(options)
    with storage.opened(Path(path), read_only=True) as workspace, workspace.reading() as session:
        narrowed = options.office if report_kind != ReportKind.PROGRESS or options.office else None
        data = report_queries.gather(
            session, workspace.office, office=narrowed, since=options.since, until=options.until
        )
        if report_kind == ReportKind.PROGRESS:
            data.document = report_queries.read_document(session, options.document)
            if options.document and data.document is None:
                raise ValidationError(
                    "document", _("No document {symbol} in the workspace").format(symbol=options.document)
                )
    _check(report_kind, language, options, data)
    languages = list(LANGUAGES) if language == ALL_LANGUAGES else [language]
    output = Path(output)
    if language == ALL_LANGUAGES:
        if output.exists() and not output.is_dir():
            raise HabitatError(_("{path} is a file; with --lang all the output is a folder").format(path=output))
        output.mkdir(parents=True, exist_ok=True)
        targets = {lang: output / report_file_name(report_kind, lang, options) for lang in languages}
    else:
        if output.is_dir():
            output = output / report_file_name(report_kind, language, options)
        if not output.parent.is_dir():
            raise HabitatError(_("The folder {path} does not exist").format(path=output.parent))
        targets = {language: output}
    return _write_all(report_kind, data, options, targets, progress, cancelled)


def _with_office(options: ReportOptions) -> ReportOptions:
    from dataclasses import replace

    return replace(options, office=options.office.strip().upper() if options.office else None)


def _write_all(
    kind: ReportKind,
    data: ReportData,
    options: ReportOptions,
    targets: dict[str, Path],
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> ReportResult:
    per_language = max(1, len(data.activities) // 20 + 60)  # an estimate of flowables; progress is approximate
    total = per_language * len(targets)
    done = 0

    def step() -> None:
        nonlocal done
        done = min(done + 1, total - 1)
        if cancelled is not None and cancelled():
            raise ReportCancelledError(_("The report was cancelled; no file was written."))
        if progress is not None:
            progress(done, total)

    written: dict[str, Path] = {}
    pages: dict[str, int] = {}
    warnings: list[str] = []
    partials: list[Path] = []
    try:
        for number, (language, target) in enumerate(targets.items(), start=1):
            partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
            partials.append(partial)
            try:
                pages[language] = _render(kind, data, language, options, partial, step, warnings)
            except OSError as error:
                raise HabitatError(
                    _("Cannot write {path}: {reason}").format(path=target, reason=error.strerror)
                ) from error
            done = per_language * number
            if progress is not None:
                progress(done, total)
        for language, target in targets.items():  # all languages succeeded: put them in place together
            os.replace(partials.pop(0), target)
            written[language] = target
    finally:
        for partial in partials:
            partial.unlink(missing_ok=True)
    return ReportResult(written, pages, tuple(warnings))
