"""CoverageLine: in the report dialog, how much of the report will print in its language, and a button that exports
exactly the texts missing for a translator."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import LANGUAGES, _, current_language, ngettext
from habitat_desktop.l10n.formatting import babel_locale, format_number
from habitat_desktop.services import translations
from habitat_desktop.services.reports import ReportOptions
from habitat_desktop.services.translation_coverage import Coverage, report_coverage
from habitat_desktop.ui.translation_menu import XLIFF_FILTER


def language_name(code: str) -> str:
    """A language's name in the window's language, as a sentence starts with it ("French", "Французский")."""
    name = str(babel_locale(current_language()).languages.get(code, code))
    return name[:1].upper() + name[1:]


class CoverageLine(QWidget):
    """One line: "French: 61 of 74 texts; 13 will print in their original language" and an export button."""

    def __init__(self, workspace_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace_path = Path(workspace_path)
        self.coverage: Coverage | None = None
        self.label = QLabel()
        self.label.setObjectName("translationCoverage")
        self.label.setWordWrap(True)
        self.export_button = QPushButton(_("Export the missing te&xts…"))
        self.export_button.clicked.connect(lambda: self.export_missing())
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.label, 1)
        box.addWidget(self.export_button)

    def update_for(self, kind: str, language: str, options: ReportOptions) -> None:
        """Show the coverage of the report these choices print (hidden for all six languages at once)."""
        if language not in LANGUAGES:
            self.coverage = None
            self.hide()
            return
        try:
            self.coverage = report_coverage(self.workspace_path, kind, language, options)
        except HabitatError:
            self.coverage = None
            self.hide()
            return
        self.show()
        coverage = self.coverage
        if coverage.total == 0:
            self.label.setText(
                _("{language}: no text of this report needs translating.").format(language=language_name(language))
            )
        else:
            counted = ngettext(
                "{language}: {translated} of {total} text translated",
                "{language}: {translated} of {total} texts translated",
                coverage.total,
            ).format(
                language=language_name(language),
                translated=format_number(coverage.translated),
                total=format_number(coverage.total),
            )
            if coverage.untranslated:
                counted += "; " + ngettext(
                    "{count} will print in its original language",
                    "{count} will print in their original language",
                    coverage.untranslated,
                ).format(count=format_number(coverage.untranslated))
            self.label.setText(counted + ".")
        self.export_button.setEnabled(bool(coverage.missing_records))

    def export_missing(self, target: str | None = None) -> int:
        """Write the report's missing texts for a translator (one XLIFF file per source language: the file chosen
        for English, ``NAME-from-ar.xlf`` beside it for texts written in Arabic…); the number of texts written."""
        if self.coverage is None or not self.coverage.missing_records:
            return 0
        language = self.coverage.language
        if target is None:
            suggested = self.workspace_path.with_name(f"{self.workspace_path.stem}-missing-{language}.xlf")
            target, _filter = QFileDialog.getSaveFileName(
                self, _("Export for translation"), str(suggested), XLIFF_FILTER
            )
        if not target:
            return 0
        chosen = Path(target)
        count = 0
        try:
            for source, records in sorted(self.coverage.missing_by_source.items(), key=lambda i: i[0] != "en"):
                output = chosen if source == "en" else chosen.with_name(f"{chosen.stem}-from-{source}{chosen.suffix}")
                count += translations.export_file(
                    self.workspace_path,
                    language,
                    output,
                    frozenset({translations.TranslationState.MISSING}),
                    source_language=source,
                    records=records,
                )
        except HabitatError as error:
            QMessageBox.warning(self, _("Export for translation"), str(error))
            return count
        self.label.setText(
            ngettext("Exported {count} text for translation", "Exported {count} texts for translation", count).format(
                count=format_number(count)
            )
        )
        return count
