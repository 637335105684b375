"""MainWindow: navigation, filtered activity table and the activity form, with undo, history and pages.

The window shows first, with its menus and an "opening" note; ``attach`` then loads the workspace into it.
The data layer (SQLAlchemy and the services) is imported only there and in the handlers that need it, so a
large workspace's window appears as fast as a bare Qt window would.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop import APP_NAME
from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.l10n import _, current_language, ngettext
from habitat_desktop.l10n.formatting import format_number
from habitat_desktop.ui.app_settings import AppSettings
from habitat_desktop.ui.bidi import isolate
from habitat_desktop.ui.operations import Operations
from habitat_desktop.ui.view_stack import ViewStack
from habitat_desktop.ui.window_actions import WindowActions
from habitat_desktop.ui.window_layout import activity_table, restore_layout, save_layout
from habitat_desktop.ui.window_menus import connect_menus, show_undo_steps

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from PySide6.QtCore import QModelIndex
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from habitat_desktop.domain.activity_edits import Choice, EditConflictError
    from habitat_desktop.services.activity_editing import ActivityDraft
    from habitat_desktop.services.changes import Changes
    from habitat_desktop.services.workspaces import Workspace
    from habitat_desktop.ui.document_editor import DocumentEditor
    from habitat_desktop.ui.report_dialog import ReportDialog

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


class MainWindow(QMainWindow):
    _workspace: Workspace

    def __init__(
        self,
        workspace: Workspace | None = None,
        settings: AppSettings | None = None,
        app_shell: Any = None,
        opening: Path | None = None,
    ) -> None:
        """The window; with no workspace yet it shows that ``opening`` is being opened until ``attach``."""
        super().__init__()
        self._attached = False
        self._settings = settings
        self._shell = app_shell  # opens workspaces and switches languages (ui.main.Shell); None in tests
        self._closed = False
        self._language = current_language()
        self.setAcceptDrops(True)
        self.count_label = QLabel()
        self.operations = Operations(self)  # every service call that writes runs through it, off the GUI thread
        self.statusBar().addPermanentWidget(self.count_label)
        self.menu_actions = WindowActions(self)
        self.menu_actions.retranslate()
        self.ask_unsaved = self._ask_unsaved  # tests replace these two to answer and to read messages
        self.alert: Callable[[str], object] = lambda message: QMessageBox.warning(self, APP_NAME, message)
        self.resize(1280, 800)
        if self._settings is not None and (geometry := self._settings.blob("window/geometry")) is not None:
            self.restoreGeometry(geometry)
        if workspace is not None:
            self.attach(workspace)
        else:
            name = opening.name if opening is not None else ""
            self.menuBar().setEnabled(False)
            note = QLabel(_("Opening {path}").format(path=isolate(name)))
            note.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.setCentralWidget(note)
            self.setWindowTitle(f"{name} — {APP_NAME}" if name else APP_NAME)

    @property
    def attached(self) -> bool:
        """Whether a workspace is loaded (the window shows before it is)."""
        return self._attached

    def attach(self, workspace: Workspace) -> None:
        """Load a workspace into the window: panes, table, form and the menus' work."""
        from habitat_desktop.services import activity_editing as editing
        from habitat_desktop.ui.activity_commands import ActivityCommands
        from habitat_desktop.ui.activity_editor import ActivityEditor
        from habitat_desktop.ui.activity_table_model import ActivityTableModel
        from habitat_desktop.ui.cycles_menu import CyclesMenu
        from habitat_desktop.ui.dashboard_view import DashboardView
        from habitat_desktop.ui.draft_keeper import DraftKeeper
        from habitat_desktop.ui.exchange_menu import ExchangeMenu
        from habitat_desktop.ui.filter_bar import FilterBar
        from habitat_desktop.ui.navigation_pane import NavigationPane
        from habitat_desktop.ui.period_banner import PeriodBanner
        from habitat_desktop.ui.resolution_page_view import ResolutionPageView
        from habitat_desktop.ui.translation_menu import TranslationMenu

        self._workspace = workspace
        self._attached = True
        self.commands = ActivityCommands(self)
        self.menuBar().setEnabled(True)
        self.model = ActivityTableModel(workspace, self, operations=self.operations)
        self.filters = FilterBar(workspace)
        self.search = self.filters.search
        self.filters.changed.connect(self._apply_filter)
        self.table = activity_table(self.model, self.fontMetrics().height() + 8)
        self.model.total_known.connect(lambda _n: self.update_status())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.filters.show_empty_results_in(self.table)
        self.editor = ActivityEditor(workspace.office, editing.validation_context(workspace))
        self.editor.save_requested.connect(self.save_activity)
        self.editor.dirty_changed.connect(lambda _d: self._update_title())
        self.navigation = NavigationPane(workspace)
        self.resolution_page = ResolutionPageView(workspace, self)
        self.dashboard = DashboardView(workspace)
        self.heading = QLabel()
        activities = QWidget()
        box = QVBoxLayout(activities)
        box.setContentsMargins(4, 4, 4, 4)
        self.period_banner = PeriodBanner(workspace)
        box.addWidget(self.period_banner)
        box.addWidget(self.heading)
        box.addWidget(self.filters)
        self.work_splitter = QSplitter(Qt.Orientation.Vertical)
        self.work_splitter.addWidget(self.table)
        self.work_splitter.addWidget(self.editor)
        self.work_splitter.setStretchFactor(0, 3)
        self.work_splitter.setStretchFactor(1, 2)
        self.work_splitter.setSizes([450, 550])  # the form scrolls: its taller Arabic fields leave the table room
        box.addWidget(self.work_splitter)
        self.pages = ViewStack(activities, self.resolution_page, self.dashboard, self.navigation, self.filters)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(self.navigation)
        self.main_splitter.addWidget(self.pages)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([300, 1000])
        self.setCentralWidget(self.main_splitter)
        self.exchange = ExchangeMenu(self)
        self.translation_menu = TranslationMenu(self)
        from habitat_desktop.ui.import_wizard import ImportMenu

        self.importing = ImportMenu(self, self._settings)
        self.cycles = CyclesMenu(self)
        connect_menus(self, self._shell)
        restore_layout(self, self._settings)
        self.retranslate()
        self.navigation.select("all", "")
        self.select_row(0)
        self.drafts = DraftKeeper(self._settings, workspace.path, self.editor, self)
        self._recover_draft()

    def _load_catalog(self) -> None:
        from habitat_desktop.services.catalog import list_resolutions
        from habitat_desktop.services.navigation import navigation

        nav = navigation(self._workspace)
        paragraphs = {
            view.symbol: [
                (
                    f"{view.symbol}:{number}",
                    _("{symbol}, paragraph {number}: {text}").format(symbol=view.symbol, number=number, text=text),
                )
                for number, text in view.operative_paragraphs
            ]
            for view in list_resolutions(self._workspace, current_language())
        }
        self.editor.set_catalog(
            [(r.key, f"{r.key} {r.name}") for r in nav.resolutions if r.kind == "resolution"],
            [(o.key, _("Outcome {number}: {name}").format(number=o.key, name=o.name)) for o in nav.outcomes],
            [(o.key, o.name) for o in nav.offices],
            paragraphs,
        )

    @property
    def workspace(self) -> Workspace:
        return self._workspace

    def retranslate(self) -> None:
        """Every text again, in the language now current (no restart)."""
        self.menu_actions.retranslate()
        self.exchange.retranslate()
        show_undo_steps(self)
        self.translation_menu.retranslate()
        self.importing.retranslate()
        self.cycles.retranslate()
        self.period_banner.refresh()
        self.filters.retranslate()
        self.navigation.reload()
        self._load_catalog()
        self.editor.retranslate()
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        if self._language != current_language():  # titles are shown in the language where translated
            self._language = current_language()
            self.model.refresh()
        self.pages.reload_shown()
        sample = self.model.data_text_width("start_date")
        for column in (5, 6):
            self.table.setColumnWidth(column, max(self.table.columnWidth(column), sample))
        self.table.setToolTip(_("Click a column heading to sort; Delete removes the selected activity"))
        self._update_title()
        self.update_status()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self._workspace.path.name}[*] — {APP_NAME}")
        self.setWindowModified(self.editor.is_dirty())
        self.heading.setText(_("Activities — workspace of office {office}").format(office=self._workspace.office))

    def update_status(self, message: str = "") -> None:
        count = self.model.known_total()
        if count is None:
            self.count_label.setText(_("Counting…"))
        else:
            self.count_label.setText(
                ngettext("{count} activity", "{count} activities", count).format(count=format_number(count))
            )
        if message:
            self.statusBar().showMessage(message, 8000)

    # -- browsing ---------------------------------------------------------------------------------------------------
    def _apply_filter(self) -> None:
        if not self.confirm_leave():
            return
        self.model.set_filter(self.filters.current_filter(), count_later=True)
        self.update_status()
        if self.model.rowCount() > 0:  # none: the table says so, and the form keeps what it showed
            self.select_row(0)

    def show_dashboard(self) -> None:
        self.pages.show_dashboard()

    def focus_search(self) -> None:
        """Edit ▸ Find: the search field of the activities, its text selected."""
        self.pages.show_activities()
        self.search.setFocus()
        self.search.selectAll()

    def select_row(self, row: int) -> None:
        from habitat_desktop.services import activity_editing as editing

        if 0 <= row < self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        elif not self.editor.is_dirty():
            self.editor.load(editing.new_draft(self._workspace, current_language()))

    def _row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not current.isValid():
            return
        activity_id = self.model.activity_id(current.row())
        if activity_id == self.editor.activity_id():
            return
        if not self.confirm_leave():
            self.table.selectionModel().blockSignals(True)
            self.table.selectionModel().setCurrentIndex(
                previous, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.selectionModel().blockSignals(False)
            return
        self.open_activity(activity_id)

    def open_activity(self, activity_id: str) -> None:
        from habitat_desktop.services import activity_editing as editing

        try:
            self.editor.load(editing.load_activity(self._workspace, activity_id))
            self.cycles.apply_lock(activity_id)
        except HabitatError as error:
            self.show_error(str(error))

    # -- unsaved work -----------------------------------------------------------------------------------------------
    def _recover_draft(self) -> None:
        from habitat_desktop.services import activity_editing as editing

        found = self.drafts.recovered()
        if found is None:
            return
        activity_id, values, funding = found
        try:
            draft = (
                editing.load_activity(self._workspace, activity_id)
                if activity_id
                else editing.new_draft(self._workspace, current_language())
            )
        except HabitatError:
            self.drafts.forget()
            return
        self.editor.load(draft)
        self.editor.recover(values, funding)
        self.update_status(_("Recovered changes that were not saved last time; save or revert them"))

    def _ask_unsaved(self) -> str:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            APP_NAME,
            _("Save the changes to this activity?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(_("If you don't save, your changes will be lost."))
        answer = box.exec()
        return {QMessageBox.StandardButton.Save: SAVE, QMessageBox.StandardButton.Discard: DISCARD}.get(
            QMessageBox.StandardButton(answer), CANCEL
        )

    def confirm_leave(self) -> bool:
        """True when it is fine to leave the form: nothing unsaved, or saved, or discarded on request."""
        if not self.editor.is_dirty():
            return True
        answer = self.ask_unsaved()
        if answer == SAVE:
            return self.save_activity()
        if answer == DISCARD:
            self.editor.revert()
            return True
        return False

    # -- editing (ui.activity_commands) ------------------------------------------------------------------------------
    def new_activity(self) -> None:
        self.commands.new_activity()

    def save_activity(self) -> bool:
        """Save the form as one transaction; on a storage error the edit stays in the form."""
        return self.commands.save_activity()

    def delete_activity(self) -> None:
        self.commands.delete_activity()

    def restore_activity(self) -> None:
        self.commands.restore_activity()

    def duplicate_activity(self) -> None:
        self.commands.duplicate_activity()

    def purge_deleted(self) -> None:
        self.commands.purge_deleted()

    def show_history(self) -> None:
        self.commands.show_history()

    def choose_in_conflict(self, conflict: EditConflictError) -> dict[str, Choice] | None:
        """Ask which value to keep for each field changed both in the form and elsewhere; None when cancelled."""
        from habitat_desktop.ui.edit_conflict_dialog import EditConflictDialog

        dialog = EditConflictDialog(conflict.clashes, self.editor.field_label, self)
        return dialog.choices() if dialog.exec() == EditConflictDialog.DialogCode.Accepted else None

    def follow_outside_changes(self, message: str = "") -> None:
        """After a merge or a conflict resolution: any activity may have changed."""
        from habitat_desktop.services.changes import Changes

        self.apply_changes(Changes(all_activities=True, conflicts=True, offices=True), message=message)

    def apply_changes(self, changes: Changes, show: str | None = None, message: str = "") -> None:
        """Update what shows the workspace from what an operation changed (not everything): the table when
        activities changed, the form when its activity did (keeping unsaved edits, said to have changed), ``show``
        selected and opened; an activity removed from under the form gives way to the next row."""
        from habitat_desktop.services import activity_editing as editing

        row, shown = max(self.table.currentIndex().row(), 0), self.editor.activity_id()
        if changes.lists:
            self.model.refresh()
        if changes.all_activities or changes.offices or changes.catalog:
            self.navigation.reload()
            self.period_banner.refresh()
        if changes.offices or changes.catalog:  # offices a merge brought are known to the form's checks
            self.editor.set_context(editing.validation_context(self._workspace))
            self._load_catalog()
        if changes.lists:
            self.pages.refresh_counts()
        if changes.undo:
            show_undo_steps(self)
        if show is not None:
            self.show_activity(show)
        elif shown is not None and shown in changes.removed - changes.added:
            self.editor.revert()
            self.select_row(min(row, self.model.rowCount() - 1))
        elif changes.touches(shown):
            with contextlib.suppress(HabitatError):  # gone meanwhile: the form keeps what it shows
                self.editor.follow(editing.load_activity(self._workspace, shown))  # type: ignore[arg-type]
        if show is None and shown is not None and changes.lists:
            self._select_quietly(shown)  # the table was reloaded: its row stays selected beside the form
        if shown is not None:
            self.cycles.apply_lock(shown)
        self.update_status(message)

    def show_activity(self, activity_id: str) -> None:
        """Select an activity's row (when the filter shows it) and open it in the form."""
        self._select_quietly(activity_id)
        self.open_activity(activity_id)

    def _select_quietly(self, activity_id: str) -> None:
        """Select an activity's row among those shown, or none, without opening it again."""
        row = self.model.row_of(activity_id)
        self.table.selectionModel().blockSignals(True)
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
        self.table.selectionModel().blockSignals(False)

    def show_new_form(self, draft: ActivityDraft) -> None:
        """An empty form for a new activity, its title focused."""
        self.pages.show_activities()
        self.table.clearSelection()
        self.editor.load(draft)
        self.editor.tabs.setCurrentIndex(0)
        self.editor.title.setFocus()

    def dialog_parent(self) -> QWidget:
        return self

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message)
        QTimer.singleShot(0, lambda: self.alert(message))

    def edit_document(self) -> DocumentEditor:
        from habitat_desktop.ui.document_editor import DocumentEditor

        self.document_editor = DocumentEditor(self._workspace.path, self)
        self.document_editor.show()
        return self.document_editor

    def generate_report(self) -> ReportDialog:
        from habitat_desktop.ui.report_dialog import ReportDialog

        self.report_dialog = ReportDialog(self._workspace.path, self)
        self.report_dialog.show()
        return self.report_dialog

    def check_in_background(self) -> None:
        """Check the workspace's pages now that the window is up; a damaged workspace is reported and closed."""
        from habitat_desktop.services.workspaces import verify_workspace

        self.operations.run(
            "",
            lambda _progress: verify_workspace(self._workspace),
            show_progress=False,
            on_error=lambda error: self._workspace_damaged(str(error)),
        )

    def _workspace_damaged(self, message: str) -> None:
        self.alert(message)
        if self._shell is not None:
            self._shell.show_start()
        self.close()

    # -- files dropped on the window, closing -----------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].toLocalFile().endswith((".habitat", ".habx")):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        path = event.mimeData().urls()[0].toLocalFile()
        exports = [url.toLocalFile() for url in event.mimeData().urls() if url.toLocalFile().endswith(".habx")]
        if exports:  # exports dropped on the window: merge them, after a preview
            self.exchange.open_merge_wizard(exports)
        elif self._shell is not None:
            self._shell.open_path(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._attached:
            self._closed = True
            super().closeEvent(event)
            return
        if not self._closed and not self.confirm_leave():
            event.ignore()
            return
        self.operations.wait()  # queued work (counts, saves) uses the workspace
        save_layout(self, self._settings)
        if not self._closed:
            self._closed = True
            self._workspace.close()
        super().closeEvent(event)
