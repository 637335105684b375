"""TranslationMenu: File ▸ Export for translation… and Import translations…, View ▸ Translations and Glossary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from habitat_desktop.l10n import LANGUAGES, _, current_language, language_name, ngettext
from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.services import translations
from habitat_desktop.ui.glossary_dialog import GlossaryDialog
from habitat_desktop.ui.translations_view import TranslationsView

XLIFF_FILTER = "XLIFF (*.xlf *.xliff)"


class ExportChoices(QDialog):
    """Which texts to export for a translator: into which language, from which, only those missing or outdated."""

    def __init__(self, parent: QWidget | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export for translation"))
        self.target = QComboBox()
        self.source = QComboBox()
        for code in LANGUAGES:
            self.target.addItem(language_name(code), code)
            self.source.addItem(language_name(code), code)
        wanted = language or ("fr" if current_language() == "en" else current_language())
        self.target.setCurrentIndex(LANGUAGES.index(wanted))
        self.source.setCurrentIndex(LANGUAGES.index("en"))
        self.only_missing = QCheckBox(_("Only texts &missing or outdated"))
        self.only_missing.setChecked(True)
        form = QFormLayout(self)
        form.addRow(_("&Translate into:"), self.target)
        form.addRow(_("&From texts written in:"), self.source)
        form.addRow(self.only_missing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class TranslationMenu:
    """The translation commands of a main window (which has ``workspace``, ``operations``, ``menu_actions``)."""

    def __init__(self, window: QMainWindow) -> None:
        self.window = window
        actions = window.menu_actions  # type: ignore[attr-defined]
        self.export = QAction(window)
        self.import_ = QAction(window)
        for item in (self.export, self.import_):
            actions.file_menu.insertAction(actions.import_slot, item)
        self.show_view = QAction(window)
        self.show_view.setShortcut(QKeySequence("Ctrl+4"))
        actions.view_menu.insertAction(actions.language_menu.menuAction(), self.show_view)
        self.show_glossary = QAction(window)
        self.show_glossary.setObjectName("showGlossary")
        self.show_glossary.setShortcut(QKeySequence("Ctrl+5"))
        actions.view_menu.insertAction(actions.language_menu.menuAction(), self.show_glossary)
        self.export.triggered.connect(lambda: self.export_texts())
        self.import_.triggered.connect(lambda: self.import_file())
        self.show_view.triggered.connect(lambda: self.open_view())
        self.show_glossary.triggered.connect(lambda: self.open_glossary())
        self.view: TranslationsView | None = None
        self.glossary: GlossaryDialog | None = None

    def _path(self) -> Path:
        return Path(self.window.workspace.path)  # type: ignore[attr-defined]

    def retranslate(self) -> None:
        self.export.setText(_("Export for tr&anslation…"))
        self.export.setStatusTip(_("Write the records' texts for a translator (XLIFF 2)"))
        self.import_.setText(_("Import trans&lations…"))
        self.import_.setStatusTip(_("Apply a translator's XLIFF file to the records, all or nothing"))
        self.show_view.setText(_("&Translations"))
        self.show_glossary.setText(_("&Glossary"))
        self.show_glossary.setStatusTip(
            _("The names that recur in records, in the six languages; correct or add terms")
        )

    def open_view(self) -> TranslationsView:
        if self.view is None:
            self.view = TranslationsView(self.window.workspace, self.window)  # type: ignore[attr-defined]
            self.view.model.saved.connect(lambda: self.window.follow_outside_changes())  # type: ignore[attr-defined]
            self.view.open_glossary.connect(lambda: self.open_glossary())
        else:
            self.view.retranslate()
            self.view.reload()
        self.view.show()
        self.view.raise_()
        return self.view

    def open_glossary(self) -> GlossaryDialog:
        if self.glossary is None:
            self.glossary = GlossaryDialog(self.window.workspace, self.window)  # type: ignore[attr-defined]
            self.glossary.saved.connect(self._glossary_saved)
        else:
            self.glossary.retranslate()
            self.glossary.reload()
        self.glossary.show()
        self.glossary.raise_()
        return self.glossary

    def _glossary_saved(self) -> None:
        if self.view is not None and self.view.isVisible():
            self.view.reload_terms()

    def export_texts(
        self, language: str | None = None, records: list[str] | None = None, target: str | None = None
    ) -> None:
        """Ask what to export (or take the missing texts of ``records``), then where; export in the background."""
        source = "en"
        states = frozenset({translations.TranslationState.MISSING, translations.TranslationState.OUTDATED})
        if records is None:
            choices = ExportChoices(self.window, language)
            if choices.exec() != QDialog.DialogCode.Accepted:
                return
            language = str(choices.target.currentData())
            source = str(choices.source.currentData())
            if not choices.only_missing.isChecked():
                states = frozenset()
        wanted = language or "fr"
        if target is None:
            suggested = self._path().with_name(f"{self._path().stem}-{wanted}.xlf")
            target, _filter = QFileDialog.getSaveFileName(
                self.window, _("Export for translation"), str(suggested), XLIFF_FILTER
            )
        if not target:
            return
        path, output = self._path(), Path(target)

        def work(_progress: object) -> int:
            return translations.export_file(
                path, wanted, output, states or None, source_language=source, records=records
            )

        self.window.operations.run(_("Exporting…"), work, self._exported)  # type: ignore[attr-defined]

    def _exported(self, count: int) -> None:
        self.window.statusBar().showMessage(
            ngettext("Exported {count} text for translation", "Exported {count} texts for translation", count).format(
                count=format_number(count)
            ),
            15000,
        )

    def import_file(self, file: str | None = None) -> None:
        if file is None:
            file, _filter = QFileDialog.getOpenFileName(
                self.window, _("Import translations"), str(self._path().parent), XLIFF_FILTER
            )
        if not file:
            return
        path, chosen = self._path(), Path(file)
        self.window.operations.run(  # type: ignore[attr-defined]
            _("Importing translations…"), lambda _progress: translations.import_file(path, chosen), self._imported
        )

    def _imported(self, summary: translations.ImportSummary) -> None:
        QMessageBox.information(self.window, _("Import translations"), "\n".join(summary.lines()))
        if self.view is not None and self.view.isVisible():
            self.view.reload()
        self.window.follow_outside_changes()  # type: ignore[attr-defined]
