"""The values offered side by side when a save meets a change made elsewhere are shown whole and literally:
"R&D" reads "R&D" (no mnemonic), a long value wraps inside the dialog, and a click on a value chooses it."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from habitat_desktop.domain.activity_edits import Clash
from habitat_desktop.ui.edit_conflict_dialog import EditConflictDialog

pytestmark = pytest.mark.gui

LONG = "Participatory slum upgrading with residents' associations, " * 8


def _displayed(widget: QWidget) -> str:
    """The text a person sees on a label or a button (a button's single "&" marks a mnemonic and is not shown)."""
    if isinstance(widget, QAbstractButton):
        return re.sub(r"&(.)", r"\1", widget.text())
    if isinstance(widget, QLabel):
        if widget.buddy() is not None and widget.textFormat() != Qt.TextFormat.PlainText:
            return re.sub(r"&(.)", r"\1", widget.text())
        return widget.text()
    return ""


def _showing(dialog: QWidget, text: str) -> QWidget:
    found = [w for w in dialog.findChildren(QWidget) if w.isVisible() and _displayed(w) == text]
    assert found, f"nothing shows {text!r}"
    return found[0]


@pytest.fixture
def dialog(qtbot):
    clashes = (
        Clash("partners", base="", theirs="R&D unit", mine="Research & Development"),
        Clash("description", base="", theirs=LONG, mine="Short."),
    )
    shown = EditConflictDialog(clashes, lambda field: field.capitalize())
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_an_ampersand_in_a_value_shows_literally(dialog) -> None:
    for value in ("R&D unit", "Research & Development"):
        _showing(dialog, value)
    for button in dialog.findChildren(QAbstractButton):  # no value made a mnemonic (Alt+D would pick it)
        assert "R&D" not in button.text() and _displayed(button) != "Research & Development"


def test_a_long_value_wraps_inside_the_dialog(dialog) -> None:
    shown = _showing(dialog, LONG)
    line = shown.fontMetrics().height()
    assert shown.height() >= 3 * line  # on several lines
    assert shown.mapTo(dialog, QPoint(shown.width(), 0)).x() <= dialog.width()  # inside the dialog
    assert dialog.width() <= 1000


def test_a_click_on_a_value_chooses_it(dialog, qtbot) -> None:
    assert dialog.choices() == {"partners": "mine", "description": "mine"}
    qtbot.mouseClick(_showing(dialog, "R&D unit"), Qt.MouseButton.LeftButton)
    assert dialog.choices() == {"partners": "theirs", "description": "mine"}
