"""File ▸ Import activities…: a workbook's or CSV file's columns mapped to fields, a preview marking every invalid
cell, then an import of all rows or none (JSON-lines files are imported at once, all or nothing, as before)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.l10n import _, ngettext
from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.services import activities, spreadsheets
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.bidi import isolate, isolate_quoted
from habitat_desktop.ui.operations import Operations

INVALID = QColor("#f8d7da")
"""The background of an invalid cell in the preview (with a mark and the reason as its tooltip)."""
MARK = "⚠ "


def _shown(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date().isoformat()
    if isinstance(cell, dt.date | dt.datetime):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


class ImportWizard(QDialog):
    """Map a workbook's columns to fields, check it, see every invalid cell, import it all or not at all."""

    imported = Signal(object)  # the ImportSummary

    def __init__(
        self,
        workspace: Path,
        source: Path,
        layout: spreadsheets.SheetLayout,
        settings: AppSettings | None,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.source = source
        self.settings = settings
        self.tasks = Operations(self)
        self.check: spreadsheets.SpreadsheetCheck | None = None
        self.layout_ = layout
        self.setWindowTitle(_("Import activities from {file}").format(file=source.name))
        self.resize(900, 600)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._preview_page())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.back_button = QPushButton(_("&Back"))
        self.check_button = QPushButton(_("&Check"))
        self.import_button = QPushButton(_("&Import"))
        for button in (self.back_button, self.check_button, self.import_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.back_button.clicked.connect(self._back)
        self.check_button.clicked.connect(self.run_check)
        self.import_button.clicked.connect(self.run_import)
        column = QVBoxLayout(self)
        column.addWidget(self.pages)
        column.addWidget(self.buttons)
        self._show_page(0)

    # -- mapping ----------------------------------------------------------------------------------------------------
    def _mapping_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(self._mapping_intro().format(file=isolate(self.source.name)))
        intro.setWordWrap(True)
        headers = self.layout_.headers
        remembered = self.settings.import_mapping(headers) if self.settings is not None else None
        chosen = remembered or list(self.layout_.fields)
        self.mapping = QTableWidget(len(headers), 3)
        self.mapping.setHorizontalHeaderLabels([_("Column"), _("Header"), _("Field")])
        self.mapping.verticalHeader().hide()
        self.mapping.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mapping.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.field_boxes: list[QComboBox] = []
        fields = spreadsheets.mappable_fields()
        for row, header in enumerate(headers):
            self.mapping.setItem(row, 0, QTableWidgetItem(spreadsheets.column_letter(row)))
            self.mapping.setItem(row, 1, QTableWidgetItem(isolate(header)))
            box = QComboBox()
            box.addItem(_("Ignore"), None)
            for name, label in fields:
                box.addItem(label, name)
            box.setCurrentIndex(max(box.findData(chosen[row]), 0))
            box.setAccessibleName(_("Field of column {column}").format(column=spreadsheets.column_letter(row)))
            self.mapping.setCellWidget(row, 2, box)
            self.field_boxes.append(box)
        self.mapping.resizeColumnsToContents()
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.mapping)
        return page

    def _mapping_intro(self) -> str:
        if self.layout_.csv:
            return _(
                "Choose the field each column of {file} holds; columns left on “Ignore” are not read. The choice is "
                "remembered for CSV files with the same headers."
            )
        return _(
            "Choose the field each column of {file} holds; columns left on “Ignore” are not read. The choice is "
            "remembered for workbooks with the same headers."
        )

    def fields(self) -> list[str | None]:
        """The field chosen for each column (None: ignored)."""
        return [box.currentData() for box in self.field_boxes]

    # -- preview ----------------------------------------------------------------------------------------------------
    def _preview_page(self) -> QWidget:
        page = QWidget()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.preview = QTableWidget()
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems = QListWidget()
        self.problems.setAccessibleName(_("Invalid cells"))
        self.problems.setWordWrap(True)
        self.problems.currentRowChanged.connect(self._go_to_problem)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.preview)
        split.addWidget(self.problems)
        split.setSizes([400, 160])
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(split)
        return page

    def run_check(self) -> None:
        fields = self.fields()
        if self.settings is not None:  # remembered for this layout as soon as it is chosen
            self.settings.set_import_mapping(self.layout_.headers, fields)
        self.check_button.setEnabled(False)
        self.tasks.failed.connect(self._check_failed)
        self.tasks.run(
            _("Checking {file}…").format(file=self.source.name),
            lambda _progress: spreadsheets.check_spreadsheet(self.workspace, self.source, fields),
            self._checked,
        )

    def _check_failed(self, _message: str) -> None:
        self.tasks.failed.disconnect(self._check_failed)
        self.check_button.setEnabled(True)

    def _checked(self, check: spreadsheets.SpreadsheetCheck) -> None:
        self.tasks.failed.disconnect(self._check_failed)
        self.check = check
        self._fill_preview(check)
        self._show_page(1)

    def _fill_preview(self, check: spreadsheets.SpreadsheetCheck) -> None:
        headers = check.layout.headers
        self.preview.clear()
        self.preview.setColumnCount(len(headers))
        self.preview.setRowCount(len(check.rows))
        self.preview.setHorizontalHeaderLabels(
            [f"{spreadsheets.column_letter(i)} · {isolate(header)}" for i, header in enumerate(headers)]
        )
        self.preview.setVerticalHeaderLabels([str(row.number) for row in check.rows])
        self.row_of_number = {row.number: index for index, row in enumerate(check.rows)}
        for index, row in enumerate(check.rows):
            for column in range(len(headers)):
                cell = row.cells[column] if column < len(row.cells) else None
                self.preview.setItem(index, column, QTableWidgetItem(isolate(_shown(cell))))
        self.problems.clear()
        for problem in check.problems:
            self.problems.addItem(isolate_quoted(problem.line()))
            self._mark(problem)
        hidden = check.total_problems - len(check.problems)
        if hidden:
            self.problems.addItem(ngettext("… and {count} more", "… and {count} more", hidden).format(count=hidden))
        self.summary.setText(self._summary(check))
        self.preview.resizeColumnsToContents()

    def _summary(self, check: spreadsheets.SpreadsheetCheck) -> str:
        """Whole sentences, one count each: the rows read, then the invalid cells and where to fix them."""
        rows, cells = check.row_count, check.total_problems
        if not cells:
            return ngettext(
                "{count} row read; every cell is valid. Import adds or updates it, after a backup.",
                "{count} rows read; every cell is valid. Import adds or updates them all, after a backup.",
                rows,
            ).format(count=format_number(rows))
        if check.layout.csv:
            fix = ngettext(
                "{count} invalid cell is marked below. Fix it in the CSV file and check again: nothing is imported "
                "while a cell is invalid.",
                "{count} invalid cells are marked below. Fix them in the CSV file and check again: nothing is "
                "imported while a cell is invalid.",
                cells,
            )
        else:
            fix = ngettext(
                "{count} invalid cell is marked below. Fix it in the workbook and check again: nothing is imported "
                "while a cell is invalid.",
                "{count} invalid cells are marked below. Fix them in the workbook and check again: nothing is "
                "imported while a cell is invalid.",
                cells,
            )
        read = ngettext("{count} row read.", "{count} rows read.", rows).format(count=format_number(rows))
        return read + "\n" + fix.format(count=format_number(cells))

    def _mark(self, problem: spreadsheets.CellProblem) -> None:
        index = self.row_of_number.get(problem.row)
        if index is None or not problem.column:
            return
        column = next(
            (i for i in range(self.preview.columnCount()) if spreadsheets.column_letter(i) == problem.column), None
        )
        if column is None:
            return
        item = self.preview.item(index, column)
        if item is None:
            return
        if not item.text().startswith(MARK):
            item.setText(MARK + item.text())
            item.setBackground(QBrush(INVALID))
            item.setToolTip(isolate_quoted(problem.reason))
        else:
            item.setToolTip(item.toolTip() + "\n" + problem.reason)

    def _go_to_problem(self, index: int) -> None:
        if self.check is None or not 0 <= index < len(self.check.problems):
            return
        problem = self.check.problems[index]
        row = self.row_of_number.get(problem.row)
        item = self.preview.item(row, 0) if row is not None else None
        if row is not None and item is not None:
            self.preview.scrollToItem(item)
            self.preview.selectRow(row)

    # -- pages and import -------------------------------------------------------------------------------------------
    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.back_button.setVisible(index == 1)
        self.check_button.setText(_("&Check") if index == 0 else _("Check &again"))
        self.check_button.setEnabled(True)
        valid = index == 1 and self.check is not None and self.check.total_problems == 0
        self.import_button.setVisible(index == 1)
        self.import_button.setEnabled(valid)
        (self.import_button if valid else self.check_button).setDefault(True)

    def _back(self) -> None:
        self._show_page(0)

    def run_import(self) -> None:
        fields = self.fields()
        if self.settings is not None:
            self.settings.set_import_mapping(self.layout_.headers, fields)
        self.import_button.setEnabled(False)
        self.tasks.run(
            _("Importing {file}…").format(file=self.source.name),
            lambda _progress: spreadsheets.import_spreadsheet(self.workspace, self.source, fields),
            self._imported,
        )

    def _imported(self, summary: activities.ImportSummary) -> None:
        self.imported.emit(summary)
        self.accept()


class ImportMenu:
    """File ▸ Import activities… of a main window (which has ``workspace``, ``operations``, ``menu_actions``)."""

    def __init__(self, window: QMainWindow, settings: AppSettings | None) -> None:
        self.window = window
        self.settings = settings
        self.action = QAction(window)
        window.menu_actions.file_menu.insertAction(window.menu_actions.import_slot, self.action)  # type: ignore[attr-defined]
        self.action.triggered.connect(lambda: self.choose())
        self.wizard: ImportWizard | None = None

    def retranslate(self) -> None:
        self.action.setText(_("&Import activities…"))
        self.action.setStatusTip(_("Add or update activities from an Excel workbook, a CSV or a JSON-lines file"))

    def _path(self) -> Path:
        return Path(self.window.workspace.path)  # type: ignore[attr-defined]

    def choose(self, file: str | None = None) -> None:
        if file is None:
            file, _filter = QFileDialog.getOpenFileName(
                self.window,
                _("Import activities"),
                str(self._path().parent),
                _("Activity files (*.xlsx *.csv *.jsonl)"),
            )
        if not file:
            return
        path = Path(file)
        if spreadsheets.is_spreadsheet(path):
            self.window.operations.run(  # type: ignore[attr-defined]
                _("Reading {file}…").format(file=path.name),
                lambda _progress: spreadsheets.spreadsheet_layout(path),
                lambda layout: self._open_wizard(path, layout),
            )
            return
        self.window.operations.run(  # type: ignore[attr-defined]
            _("Importing {file}…").format(file=path.name),
            lambda _progress: activities.import_activities(self._path(), path),
            lambda summary: self._imported(path, summary),
        )

    def _open_wizard(self, path: Path, layout: spreadsheets.SheetLayout) -> None:
        self.wizard = ImportWizard(self._path(), path, layout, self.settings, self.window)
        self.wizard.imported.connect(lambda summary: self._imported(path, summary))
        self.wizard.show()

    def _imported(self, path: Path, summary: activities.ImportSummary) -> None:
        self.window.follow_outside_changes(  # type: ignore[attr-defined]
            _("Imported {file}: {changes}").format(file=path.name, changes=summary.line())
        )
