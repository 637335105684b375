"""Comments shown near the fields they are about: the form's field label is marked and its tooltip lists them."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from habitat_desktop.services.cycle_history import CycleEntry

MARKED_STYLE = "QLabel { background: #fff1c7; border-bottom: 2px solid #c98a00; }"


def commented_fields(activity_id: str, notes: list[CycleEntry]) -> dict[str, list[str]]:
    """The form's fields that comments are about, each with its comments (newest first); funding lines: "funding"."""
    found: dict[str, list[str]] = {}
    for note in notes:
        if note.kind != "comment":
            continue
        if note.table == "funding":
            found.setdefault("funding", []).append(note.sentence)
        elif note.record_id == activity_id and note.field:
            found.setdefault(note.field, []).append(note.sentence)
    return found


def mark_fields(labels: dict[str, QLabel], comments: dict[str, list[str]]) -> None:
    """Mark the labels of commented fields (a tint and the comments as tooltip); clear the others."""
    for name, label in labels.items():
        sentences = comments.get(name)
        label.setStyleSheet(MARKED_STYLE if sentences else "")
        label.setToolTip("\n".join(sentences) if sentences else "")
        label.setProperty("comments", len(sentences) if sentences else 0)
