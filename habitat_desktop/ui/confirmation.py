"""A yes/no question about a risky step whose default answer is the safe one (Enter and Escape say No)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget


def confirm(
    parent: QWidget | None, title: str, question: str, informative: str = "", option: QCheckBox | None = None
) -> bool:
    """Ask before a step that is hard to take back; only a deliberate Yes goes ahead. ``option``: a check box
    shown under the question (unchecked unless the caller checked it), read by the caller afterwards."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    if informative:
        box.setInformativeText(informative)
    if option is not None:
        box.setCheckBox(option)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
