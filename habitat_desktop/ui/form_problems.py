"""FormProblems: where a form's problems show — beside each field (outlined), on its tab, and as a list of links at
the top that move to the field; shown for a field once the person has typed in it, or for all after a save attempt."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QLabel, QStyle, QTabWidget, QVBoxLayout, QWidget

from habitat_desktop.l10n import _

_ERROR_STYLE = "color: #b00020;"
_OUTLINE = "QFrame#fieldHolder { border: 2px solid #b00020; border-radius: 3px; }"


@dataclass
class _Field:
    holder: QFrame
    error: QLabel
    widget: QWidget
    tab: int


def sentence(reason: str) -> str:
    """A rule's reason as the form shows it: a sentence that starts with a capital."""
    if reason == _("is required"):
        return _("This field is required.")
    return reason[:1].upper() + reason[1:]


class FormProblems(QObject):
    """The fields of a tabbed form and the summary above it."""

    def __init__(self, tabs: QTabWidget, summary: QLabel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tabs = tabs
        self._summary = summary
        self._fields: dict[str, _Field] = {}
        self._names: dict[str, str] = {}
        self._touched: set[str] = set()
        self._all = False
        summary.setStyleSheet(_ERROR_STYLE)
        summary.setWordWrap(True)
        summary.linkActivated.connect(self.go_to)
        summary.hide()

    def add(self, name: str, widget: QWidget, tab: int) -> tuple[QFrame, QLabel]:
        """A holder for a field's widget with its error line (above it for tables, so it shows without scrolling)."""
        holder = QFrame()
        holder.setObjectName("fieldHolder")
        error = QLabel()
        error.setStyleSheet(_ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box = QVBoxLayout(holder)
        box.setContentsMargins(2, 2, 2, 2)
        box.setSpacing(2)
        above = name in ("funding", "translations")
        if above:
            box.addWidget(error)
        box.addWidget(widget)
        if not above:
            box.addWidget(error)
        self._fields[name] = _Field(holder, error, widget, tab)
        return holder, error

    def set_names(self, names: dict[str, str]) -> None:
        """The fields' names as the form's labels show them (without mnemonics)."""
        self._names = {key: text.replace("&", "") for key, text in names.items()}

    def touched(self, name: str) -> None:
        self._touched.add(name)

    def reset(self, show_all: bool) -> None:
        """A new form: problems show for fields typed in from now on (or at once for all)."""
        self._touched.clear()
        self._all = show_all

    def reveal(self) -> None:
        """After a save attempt: every problem shows."""
        self._all = True

    def show(self, problems: dict[str, list[str]]) -> None:
        """Show the problems (reasons per field) of the fields the person has reached."""
        shown = {name: reasons for name, reasons in problems.items() if self._all or name in self._touched}
        order = {name: number for number, name in enumerate(self._fields)}  # listed in the form's order
        shown = dict(sorted(shown.items(), key=lambda item: order.get(item[0], len(order))))
        for name, field in self._fields.items():
            reasons = shown.get(name)
            field.error.setText("\n".join(sentence(r) for r in reasons or []))
            field.error.setVisible(bool(reasons))
            field.holder.setStyleSheet(_OUTLINE if reasons else "")
        warning = self._tabs.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        marked = {self._fields[name].tab for name in shown if name in self._fields}
        for tab in range(self._tabs.count()):
            self._tabs.setTabIcon(tab, warning if tab in marked else QIcon())
        if not shown:
            self._summary.hide()
            self._summary.setText("")
            return
        items = "".join(
            f'<li><a href="{name}">{html.escape(self._names.get(name, name))}</a>: {html.escape(sentence(reason))}</li>'
            for name, reasons in shown.items()
            for reason in reasons
        )
        heading = html.escape(_("Correct these fields before saving:"))
        self._summary.setText(f"{heading}<ul>{items}</ul>")
        self._summary.show()

    def go_to(self, name: str) -> None:
        """Move to a field: its tab, then the field itself."""
        field = self._fields.get(name)
        if field is None:
            return
        self._tabs.setCurrentIndex(field.tab)
        getattr(field.widget, "focus_target", field.widget).setFocus()

    def first(self, problems: dict[str, list[str]]) -> str | None:
        """The first field, in the form's order, that has a problem."""
        return next((name for name in self._fields if name in problems), None)
