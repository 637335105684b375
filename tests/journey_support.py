"""What journey tests use to act as a person: keys, clicks on visible widgets, menus' own actions, modal dialogs
answered by finding their buttons. Nothing here calls a window's private methods."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTableView,
    QTabWidget,
    QWidget,
)

from habitat_desktop.l10n import set_language

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
QT_LOCALES = {"ar": "ar_EG", "zh": "zh_CN", "en": "en_US", "fr": "fr_FR", "ru": "ru_RU", "es": "es_ES"}


def use_language(app: QApplication, language: str) -> None:
    """Switch the application's language as View ▸ Language does at start (layout direction included)."""
    from habitat_desktop.ui.main import apply_language

    set_language(language)
    apply_language(app, language)


def short_date(language: str, year: int, month: int, day: int) -> str:
    """A date written the way a person of that language types it in a form (its short format, four-digit year)."""
    locale = QLocale(QT_LOCALES[language])
    form = locale.dateFormat(QLocale.FormatType.ShortFormat).replace("yyyy", "yy").replace("yy", "yyyy")
    return locale.toString(QDate(year, month, day), form)


class Modals:
    """Answers the modal dialogs that open, one after another, with the handlers given in order."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.seen: list[QWidget] = []
        self.errors: list[BaseException] = []
        self._handlers: list[Callable[[QWidget], None]] = []

    def expect(self, *handlers: Callable[[QWidget], None]) -> Modals:
        self._handlers.extend(handlers)
        QTimer.singleShot(0, self._poll)
        return self

    def _poll(self) -> None:
        if not self._handlers:
            return
        modal = QApplication.activeModalWidget()
        if modal is None or modal in self.seen or not modal.isVisible():
            QTimer.singleShot(30, self._poll)
            return
        self.seen.append(modal)
        handler = self._handlers.pop(0)
        try:
            handler(modal)
        except BaseException as error:  # reported by done(); the dialog is closed so the test goes on
            self.errors.append(error)
            modal.close()
        if self._handlers:
            QTimer.singleShot(30, self._poll)

    def done(self, timeout: int = 15000) -> None:
        """Wait until every expected dialog was answered; re-raise what a handler raised."""
        self.qtbot.waitUntil(lambda: not self._handlers or bool(self.errors), timeout=timeout)
        if self.errors:
            raise self.errors[0]


def button(dialog: QWidget, standard) -> QAbstractButton:
    """A dialog's standard button (Yes, Save, Ok, Close…), found as a person finds it: among its buttons."""
    if isinstance(dialog, QMessageBox):
        found = dialog.button(standard)
    else:
        boxes = dialog.findChildren(QDialogButtonBox)
        found = next((b.button(standard) for b in boxes if b.button(standard) is not None), None)
    assert found is not None and found.isVisible() and found.isEnabled(), f"no usable {standard} in {dialog}"
    return found


def button_labelled(parent: QWidget, text: str) -> QAbstractButton:
    """The visible button whose label (without its mnemonic) is ``text``."""
    wanted = text.replace("&", "")
    for candidate in parent.findChildren(QAbstractButton):
        if candidate.isVisible() and candidate.text().replace("&", "") == wanted:
            return candidate
    raise AssertionError(f"no visible button {wanted!r}")


def click(qtbot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), f"{widget} cannot be clicked"
    qtbot.mouseClick(widget, LEFT)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type text key by key; characters beyond ASCII arrive as a keyboard layout or input method sends them."""
    for char in text:
        if char.isascii() and char.isprintable():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def type_into(qtbot, widget: QWidget, text: str, *, replace: bool = True) -> None:
    """Click into a field, select what is there (Ctrl+A) and type."""
    widget.setFocus()
    if replace:
        qtbot.keyClick(widget, Qt.Key.Key_A, CTRL)
        if not text:
            qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)


def choose_file(qtbot, dialog: QWidget, path: Path | list[Path]) -> None:
    """Answer Qt's own file dialog: go to the folder, type the name(s) and press Enter."""
    assert isinstance(dialog, QFileDialog), f"expected a file dialog, got {dialog}"
    paths = path if isinstance(path, list) else [path]
    dialog.setDirectory(str(paths[0].parent))
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    typed = paths[0].name if len(paths) == 1 else " ".join(f'"{p.name}"' for p in paths)
    type_into(qtbot, name, typed)
    box = dialog.findChild(QDialogButtonBox)
    accept = next(b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
    click(qtbot, accept)  # Open or Save


def trigger(action: QAction) -> None:
    """Choose a menu item: the menu's own action, as a click on it does (refused when disabled or hidden)."""
    assert action.isEnabled() and action.isVisible(), f"{action.text()!r} is not available"
    action.trigger()


def menu_action(window, text: str) -> QAction:
    """The action of the window's menus whose text (without mnemonic) is ``text``."""
    wanted = text.replace("&", "")
    stack = list(window.menuBar().actions())
    while stack:
        action = stack.pop()
        if action.text().replace("&", "") == wanted and action.menu() is None:
            return action
        if action.menu() is not None:
            stack.extend(action.menu().actions())
    raise AssertionError(f"no menu item {wanted!r}")


def click_tab(qtbot, tabs: QTabWidget, index: int) -> None:
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(index).center())
    assert tabs.currentIndex() == index


def click_row(qtbot, table: QTableView, row: int) -> None:
    rect = table.visualRect(table.model().index(row, 0))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())


def check_item(qtbot, items: QListWidget, text_start: str) -> None:
    """Tick the item whose text starts with ``text_start``: move to it and press Space."""
    for row in range(items.count()):
        if items.item(row).text().startswith(text_start):
            items.setFocus()
            items.setCurrentRow(row)
            items.scrollToItem(items.item(row))
            qtbot.keyClick(items, Qt.Key.Key_Space)
            assert items.item(row).checkState() == Qt.CheckState.Checked
            return
    raise AssertionError(f"no item {text_start!r}")


def close_dialog(qtbot, dialog: QDialog) -> None:
    for standard in (QDialogButtonBox.StandardButton.Close, QDialogButtonBox.StandardButton.Cancel):
        try:
            click(qtbot, button(dialog, standard))
            return
        except AssertionError:
            continue
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def centre(widget: QWidget) -> QPoint:
    return widget.rect().center()


def click_tree_item(qtbot, tree, text: str) -> None:
    """Click the item of a tree (the navigation pane) whose text is ``text``."""
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    iterator = QTreeWidgetItemIterator(tree)
    while iterator.value() is not None:
        item = iterator.value()
        if item.text(0).replace("\u2068", "").replace("\u2069", "") == text:
            tree.scrollToItem(item)
            qtbot.mouseClick(tree.viewport(), LEFT, pos=tree.visualItemRect(item).center())
            assert tree.currentItem() is item
            return
        iterator += 1
    raise AssertionError(f"no item {text!r}")


def back_to(qtbot, app: QApplication, window: QWidget) -> None:
    """Click back into a window after a dialog closed, so keys go to it."""
    window.activateWindow()
    qtbot.waitUntil(lambda: app.activeWindow() is window)


def merge_wizard_with(qtbot, app: QApplication, window, file: Path):  # type: ignore[no-untyped-def]
    """File ▸ Merge exports… by its shortcut (Ctrl+Shift+M) in a window just shown, then Add files… and ``file``
    typed into Qt's file dialog: the wizard, holding the file."""
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: app.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier)
    wizard = window.exchange.wizard
    qtbot.waitExposed(wizard)
    modals = Modals(qtbot).expect(lambda dialog: choose_file(qtbot, dialog, file))
    click(qtbot, wizard.add_button)
    modals.done()
    return wizard


def threads_of(monkeypatch, module: object, names: tuple[str, ...]) -> dict[str, list[bool]]:
    """Spy on a service module's functions: for each call, whether it ran on the GUI thread (a window's reads and
    writes must run on the operations worker, so the window keeps painting)."""
    import threading

    seen: dict[str, list[bool]] = {}
    for name in names:
        original = getattr(module, name)

        def spy(*args, _name=name, _original=original, **kwargs):  # type: ignore[no-untyped-def]
            seen.setdefault(_name, []).append(threading.current_thread() is threading.main_thread())
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    return seen
