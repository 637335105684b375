"""Helpers for GUI tests: the Alt mnemonics a person can press in a window, a menu or a dialog, and their clashes."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QTabBar,
    QTabWidget,
    QWidget,
)


def mnemonic(text: str) -> str:
    """The key Alt is pressed with for a text ("&File" → "F"), as Qt reads it; "" when it has none."""
    key = QKeySequence.mnemonic(text).toString(QKeySequence.SequenceFormat.PortableText)
    return key.removeprefix("Alt+").upper()


def _visible_texts(window: QWidget) -> list[str]:
    """Texts carrying a mnemonic that are active in a window now: menu bar titles, buttons, buddied labels, tabs."""
    texts: list[str] = []
    if isinstance(window, QMainWindow) and window.menuBar().isVisibleTo(window):
        texts += [a.text() for a in window.menuBar().actions() if a.isVisible()]
    for child in window.findChildren(QWidget):
        if child.window() is not window or not child.isVisibleTo(window):
            continue
        if isinstance(child, QAbstractButton) or (isinstance(child, QLabel) and child.buddy() is not None):
            texts.append(child.text())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QTabBar):
            texts += [child.tabText(i) for i in range(child.count()) if child.isTabVisible(i)]
    return texts


def clashes(texts: list[str]) -> dict[str, list[str]]:
    """The mnemonics used by more than one text, with those texts."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for text in texts:
        if key := mnemonic(text):
            by_key[key].append(text)
    return {key: found for key, found in by_key.items() if len(found) > 1}


def window_clashes(window: QWidget) -> dict[str, list[str]]:
    """Clashes in a shown window or dialog, looked at on every tab of each of its tab widgets in turn."""
    found: dict[str, list[str]] = dict(clashes(_visible_texts(window)))
    for tabs in window.findChildren(QTabWidget):
        if tabs.window() is not window or not tabs.isVisibleTo(window):
            continue
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            for key, texts in clashes(_visible_texts(window)).items():
                found[f"{key} (tab {tabs.tabText(index)})"] = texts
        tabs.setCurrentIndex(current)
    return found


def menu_clashes(window: QMainWindow) -> dict[str, list[str]]:
    """Clashes inside each menu of a window's menu bar (submenus included), keyed by the menu's title."""
    found: dict[str, list[str]] = {}
    pending = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    while pending:
        menu = pending.pop()
        assert isinstance(menu, QMenu)
        texts = [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]
        for key, clashing in clashes(texts).items():
            found[f"{menu.title()}: {key}"] = clashing
        pending += [a.menu() for a in menu.actions() if isinstance(a.menu(), QMenu)]
    return found
