"""ReportDialog: File ▸ Generate report — choose a report, preview it, save it; the work runs off the GUI thread."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QImage
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.l10n import LANGUAGES, _, current_language, language_name, ngettext
from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.services import catalog, offices, report_documents
from habitat_desktop.services.reports import (
    ALL_LANGUAGES,
    ReportCancelledError,
    ReportKind,
    ReportOptions,
    ReportResult,
    generate_report,
    report_file_name,
)
from habitat_desktop.ui.document_editor import DocumentEditor
from habitat_desktop.ui.locale_input import OptionalDateEdit
from habitat_desktop.ui.operations import CancelledError, Operations, Progress
from habitat_desktop.ui.pdf_pages import render_pages, system_viewer_available
from habitat_desktop.ui.report_coverage import CoverageLine
from habitat_desktop.ui.report_preview import PAGE_WIDTH, ReportPreview

if TYPE_CHECKING:
    from typing import Any


class ReportDialog(QDialog):
    """Choose kind, language, subject, period and paper; preview, then save one PDF or one per language."""

    def __init__(self, workspace_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace_path = Path(workspace_path)
        self.tasks = Operations(self)
        self.saved: ReportResult | None = None
        self.previewed: Path | None = None
        self.preview_window: ReportPreview | None = None
        self.open_preview: Callable[[Path], object] | None = (  # "Open in the system viewer", where there is one
            (lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
            if system_viewer_available()
            else None
        )
        self._scratch = Path(tempfile.mkdtemp(prefix="habitat-preview-"))
        self.setWindowTitle(_("Generate report"))
        self.kind = QComboBox()
        for kind in ReportKind:
            self.kind.addItem(kind.label(), kind.value)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.addItem(_("All six languages (one PDF each)"), ALL_LANGUAGES)
        self.language.setCurrentIndex(LANGUAGES.index(current_language()))
        self.resolution = QComboBox()
        for view in catalog.list_resolutions(self.workspace_path, current_language()):
            self.resolution.addItem(f"{view.symbol} — {view.title}", view.symbol)
        self.office = QComboBox()
        for office in offices.list_offices(self.workspace_path):
            self.office.addItem(f"{office.code} — {office.name}", office.code)
        self.since = OptionalDateEdit()
        self.until = OptionalDateEdit(fallback=lambda: self.since.date_value())
        self.paper = QComboBox()
        self.paper.addItem(_("A4"), "a4")
        self.paper.addItem(_("US Letter"), "letter")
        self.output_format = QComboBox()
        self.output_format.addItem(_("PDF"), "pdf")
        self.output_format.addItem(_("Word document (.docx)"), "docx")
        self.document = QComboBox()
        self.document_button = QPushButton(_("&Edit document…"))
        self.document_button.clicked.connect(self.edit_document)
        self._fill_documents()
        self.message = QLabel(_("Preview the report, then save it."))
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Report:"), self.kind)
        form.addRow(_("&Language:"), self.language)
        form.addRow(_("Resol&ution:"), self.resolution)
        form.addRow(_("&Office:"), self.office)
        form.addRow(_("&From:"), self.since)
        form.addRow(_("&To:"), self.until)
        form.addRow(_("&Paper:"), self.paper)
        form.addRow(_("For&mat:"), self.output_format)
        document_row = QHBoxLayout()
        document_row.addWidget(self.document, 1)
        document_row.addWidget(self.document_button)
        self.document_row = QWidget()
        self.document_row.setLayout(document_row)
        document_row.setContentsMargins(0, 0, 0, 0)
        form.addRow(_("&Document:"), self.document_row)
        self.form = form
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.preview_button = buttons.addButton(_("Pre&view"), QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = buttons.addButton(_("&Save…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(lambda: self.save())
        buttons.rejected.connect(self.reject)
        self.coverage = CoverageLine(self.workspace_path, self)
        for combo in (self.kind, self.language, self.resolution, self.office):
            combo.currentIndexChanged.connect(lambda _i: self._show_coverage())
        for edit in (self.since, self.until):
            edit.date_changed.connect(self._show_coverage)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.coverage)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.form.setRowVisible(self.resolution, kind == ReportKind.RESOLUTION)
        self.form.setRowVisible(self.office, kind == ReportKind.OFFICE)
        self.form.setRowVisible(self.output_format, kind == ReportKind.PROGRESS)
        self.form.setRowVisible(self.document_row, kind == ReportKind.PROGRESS)
        if kind != ReportKind.PROGRESS:
            self.output_format.setCurrentIndex(0)
        if hasattr(self, "coverage"):
            self._show_coverage()

    def _show_coverage(self) -> None:
        self.coverage.update_for(self.kind.currentData(), self.language.currentData(), self.options())

    def _fill_documents(self) -> None:
        """The workspace's documents, newest first; or none (the report is then made from the data alone)."""
        chosen = self.document.currentData()
        self.document.clear()
        for document in report_documents.list_documents(self.workspace_path):
            self.document.addItem(document.symbol, document.symbol)
        if not self.document.count():
            self.document.addItem(_("No document: the report is made from the data"), None)
        found = self.document.findData(chosen)
        self.document.setCurrentIndex(max(found, 0))

    def edit_document(self) -> DocumentEditor:
        """Open the document editor (particulars, meeting, paragraphs, footnotes); the list follows its saves."""
        editor = DocumentEditor(self.workspace_path, self)
        editor.finished.connect(lambda _result: self._fill_documents())
        editor.show()
        self.document_editor = editor
        return editor

    def options(self) -> ReportOptions:
        kind = self.kind.currentData()
        return ReportOptions(
            resolution=self.resolution.currentData() if kind == ReportKind.RESOLUTION else None,
            office=self.office.currentData() if kind == ReportKind.OFFICE else None,
            since=self.since.date_value(),
            until=self.until.date_value(),
            paper=self.paper.currentData(),
            document=self.document.currentData() if kind == ReportKind.PROGRESS else None,
            output_format=self.output_format.currentData() if kind == ReportKind.PROGRESS else "pdf",
        )

    def _run(self, title: str, output: Path, language: str, done: Callable[[Any], object]) -> None:
        kind, options = self.kind.currentData(), self.options()

        def work(progress: Progress) -> ReportResult:
            try:
                return generate_report(
                    self.workspace_path,
                    kind,
                    language,
                    output,
                    options,
                    progress=lambda step, total: progress.report(step, total),
                    cancelled=lambda: progress.cancelled,
                )
            except ReportCancelledError:
                raise CancelledError() from None

        self.tasks.alert = self._show_error
        self.tasks.run(title, work, done)

    def preview(self) -> None:
        """Lay the report out into a private file and show its pages (one language: the first chosen)."""
        language = self.language.currentData()
        shown = current_language() if language == ALL_LANGUAGES else language
        kind, options = self.kind.currentData(), replace(self.options(), output_format="pdf")  # pages are shown
        target = self._scratch / report_file_name(kind, shown, options)

        def work(progress: Progress) -> tuple[Path, list[QImage]]:
            try:
                result = generate_report(
                    self.workspace_path,
                    kind,
                    shown,
                    target,
                    options,
                    progress=lambda step, total: progress.report(step, total),
                    cancelled=lambda: progress.cancelled,
                )
            except ReportCancelledError:
                raise CancelledError() from None
            path = next(iter(result.files.values()))
            return path, render_pages(path, PAGE_WIDTH)  # drawn here too: a long report stays off the GUI thread

        self.message.setText(_("Preparing the preview…"))
        self.tasks.alert = self._show_error
        self.tasks.run(_("Preparing the preview…"), work, self._show_preview)

    def _show_preview(self, rendered: tuple[Path, list[QImage]]) -> None:
        path, pages = rendered
        if self.preview_window is not None:
            self.preview_window.close()
        self.preview_window = ReportPreview(path, pages, self.open_preview, self)
        self.preview_window.show()
        self.previewed = path
        self.message.setText(
            ngettext(
                "The preview shows the report's {count} page. Save it when it reads right.",
                "The preview shows the report's {count} pages. Save it when it reads right.",
                len(pages),
            ).format(count=format_number(len(pages)))
        )

    def save(self, target: str | None = None) -> None:
        """Ask where, then write the report there (a folder when every language is asked for)."""
        language = self.language.currentData()
        if target is None:
            target = self._ask_target(language)
        if not target:
            return
        self._run(_("Writing the report…"), Path(target), language, self._saved)

    def _ask_target(self, language: str) -> str:
        if language == ALL_LANGUAGES:
            return QFileDialog.getExistingDirectory(self, _("Folder for the reports"), str(self.workspace_path.parent))
        suggested = self.workspace_path.parent / report_file_name(self.kind.currentData(), language, self.options())
        word = self.options().output_format == "docx"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save the report"),
            str(suggested),
            _("Word documents (*.docx)") if word else _("PDF documents (*.pdf)"),
        )
        return path

    def _saved(self, result: ReportResult) -> None:
        self.saved = result
        names = ", ".join(str(path) for path in result.files.values())
        self.message.setText("\n".join([_("Saved {files}").format(files=names), *result.warnings]))

    def _show_error(self, message: str) -> None:
        self.message.setText(message)

    def done(self, result: int) -> None:
        self.tasks.wait()
        if self.preview_window is not None:  # its file is in the scratch folder, removed now
            self.preview_window.close()
        shutil.rmtree(self._scratch, ignore_errors=True)
        super().done(result)
