"""DocumentEditor: the progress report's document — particulars, meeting, titles, and each section's paragraphs
and footnotes — written, reordered and translated; italics and footnote references without any markup shown."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.domain.errors import HabitatError
from habitat_desktop.domain.report_document import DISTRIBUTIONS, SECTION_KEYS, runs
from habitat_desktop.l10n import LANGUAGES, _, current_language, language_name
from habitat_desktop.services import catalog, report_documents
from habitat_desktop.ui.document_text_edit import MarkupTextEdit
from habitat_desktop.ui.figure_dialog import FigureDialog, describe
from habitat_desktop.ui.locale_input import OptionalDateEdit
from habitat_desktop.ui.operations import Operations

_TEXT_FIELDS = (  # (path in the document, label)
    (("title",), "title"),
    (("subtitle",), "subtitle"),
    (("author",), "author"),
    (("meeting", "body"), "body"),
    (("meeting", "session"), "session"),
    (("meeting", "place"), "place"),
    (("agenda_item", "title"), "agenda_title"),
    (("agenda_item", "footnote"), "agenda_note"),
)


def empty_document() -> dict[str, Any]:
    """A progress document with its eight sections and nothing written yet."""
    return {
        "kind": "progress",
        "period": "",
        "symbol": "",
        "date": "",
        "distribution": "general",
        "original_language": current_language(),
        "meeting": {"body": {}, "session": {}, "start": None, "end": None, "place": {}},
        "agenda_item": {"number": "", "title": {}, "footnote": {}},
        "title": {},
        "subtitle": {},
        "author": {},
        "sections": [{"key": key, "heading": {}, "paragraphs": [], "footnotes": []} for key in SECTION_KEYS],
    }


def section_name(key: str) -> str:
    if key == "introduction":
        return _("Introduction")
    if key == "strategic_priority":
        return _("Strategic priority")
    if key == "conclusion":
        return _("Conclusion")
    return _("Outcome {number}").format(number=key.rpartition("_")[2])


class DocumentEditor(QDialog):
    """Edit the workspace's progress document (the newest, or a new one) and save it as one change."""

    def __init__(self, workspace_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operations = Operations(self)  # the document is saved on the workspace worker, not the GUI thread
        self.workspace_path = Path(workspace_path)
        self.setWindowTitle(_("Report document"))
        loaded = report_documents.load_document(self.workspace_path)
        self.data: dict[str, Any] = copy.deepcopy(loaded[0]) if loaded else empty_document()
        self.version: str | None = loaded[1] if loaded else None
        self.original_symbol = self.data["symbol"] or None
        self._ensure_sections()
        self._language = current_language()
        self._section = 0
        self._paragraph = -1
        self._footnote = -1
        self._build()
        self._show_all()

    # -- layout -------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.symbol = QLineEdit()
        self.date = OptionalDateEdit()
        self.distribution = QComboBox()
        for code, label in zip(
            DISTRIBUTIONS, (_("Distr.: General"), _("Distr.: Limited"), _("Distr.: Restricted")), strict=True
        ):
            self.distribution.addItem(label, code)
        self.original = QComboBox()
        self.meeting_start = OptionalDateEdit()
        self.meeting_end = OptionalDateEdit(fallback=lambda: self.meeting_start.date_value())
        self.agenda_number = QLineEdit()
        self.text_language = QComboBox()
        for code in LANGUAGES:
            self.original.addItem(language_name(code), code)
            self.text_language.addItem(language_name(code), code)
        self.text_language.setCurrentIndex(LANGUAGES.index(self._language))
        self.text_language.currentIndexChanged.connect(self._language_changed)
        particulars = QFormLayout()
        particulars.addRow(_("S&ymbol:"), self.symbol)
        particulars.addRow(_("Document &date:"), self.date)
        particulars.addRow(_("D&istribution:"), self.distribution)
        particulars.addRow(_("Original lan&guage:"), self.original)
        particulars.addRow(_("Meeting &from:"), self.meeting_start)
        particulars.addRow(_("Meeting &to:"), self.meeting_end)
        particulars.addRow(_("Agenda it&em:"), self.agenda_number)
        self.texts: dict[str, QLineEdit] = {name: QLineEdit() for _path, name in _TEXT_FIELDS}
        texts = QFormLayout()
        texts.addRow(_("Texts in &language:"), self.text_language)
        labels = {
            "title": _("Title:"),
            "subtitle": _("Subtitle:"),
            "author": _("Author line:"),
            "body": _("Meeting body:"),
            "session": _("Session:"),
            "place": _("Place:"),
            "agenda_title": _("Agenda item title:"),
            "agenda_note": _("Agenda item note:"),
        }
        for name, edit in self.texts.items():
            texts.addRow(labels[name], edit)
        top = QHBoxLayout()
        top.addLayout(particulars)
        top.addLayout(texts)

        self.section = QComboBox()
        for key in SECTION_KEYS:
            self.section.addItem(section_name(key), key)
        self.section.currentIndexChanged.connect(self._section_changed)
        self.heading = QLineEdit()
        self.paragraphs = QListWidget()
        self.paragraphs.currentRowChanged.connect(self._paragraph_changed)
        self.paragraph_text = MarkupTextEdit()
        self.subparagraph = QCheckBox(_("Su&bparagraph (a list item)"))
        self.footnotes = QListWidget()
        self.footnotes.currentRowChanged.connect(self._footnote_changed)
        self.footnote_text = MarkupTextEdit()
        self.add_paragraph = QPushButton(_("&Add paragraph"))
        self.move_up = QPushButton(_("Move &up"))
        self.move_down = QPushButton(_("Move do&wn"))
        self.delete_paragraph = QPushButton(_("Delete paragraph"))
        self.italic = QPushButton(_("Italic"))
        self.insert_reference = QPushButton(_("Insert footnote &reference"))
        self.insert_figure = QPushButton(_("I&nsert figure…"))
        self.add_footnote = QPushButton(_("Add f&ootnote"))
        self.delete_footnote = QPushButton(_("Delete footnote"))
        self.add_paragraph.clicked.connect(self._add_paragraph)
        self.move_up.clicked.connect(lambda: self._move(-1))
        self.move_down.clicked.connect(lambda: self._move(1))
        self.delete_paragraph.clicked.connect(self._delete_paragraph)
        self.italic.clicked.connect(self.paragraph_text.toggle_italic)
        self.insert_reference.clicked.connect(self._insert_reference)
        self.insert_figure.clicked.connect(self._insert_figure)
        self._figure_target = self.paragraph_text
        self.paragraph_text.used.connect(lambda: setattr(self, "_figure_target", self.paragraph_text))
        self.footnote_text.used.connect(lambda: setattr(self, "_figure_target", self.footnote_text))
        self.add_footnote.clicked.connect(self._add_footnote)
        self.delete_footnote.clicked.connect(self._delete_footnote)

        section_box = QGroupBox(_("Sections"))
        grid = QGridLayout(section_box)
        head = QFormLayout()
        head.addRow(_("Se&ction:"), self.section)
        head.addRow(_("&Heading:"), self.heading)
        grid.addLayout(head, 0, 0, 1, 2)
        grid.addWidget(QLabel(_("Paragraphs")), 1, 0)
        grid.addWidget(self.paragraphs, 2, 0)
        row = QHBoxLayout()
        for button in (self.add_paragraph, self.move_up, self.move_down, self.delete_paragraph):
            row.addWidget(button)
        grid.addLayout(row, 3, 0)
        grid.addWidget(self.paragraph_text, 4, 0)
        edit_row = QHBoxLayout()
        for widget in (self.italic, self.insert_reference, self.insert_figure, self.subparagraph):
            edit_row.addWidget(widget)
        grid.addLayout(edit_row, 5, 0)
        grid.addWidget(QLabel(_("Footnotes")), 1, 1)
        grid.addWidget(self.footnotes, 2, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(self.add_footnote)
        note_row.addWidget(self.delete_footnote)
        grid.addLayout(note_row, 3, 1)
        grid.addWidget(self.footnote_text, 4, 1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(section_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    # -- the document <-> the fields ----------------------------------------------------------------------------
    def _ensure_sections(self) -> None:
        present = {s["key"]: s for s in self.data["sections"]}
        self.data["sections"] = [
            present.get(key, {"key": key, "heading": {}, "paragraphs": [], "footnotes": []}) for key in SECTION_KEYS
        ]

    def _current(self) -> dict[str, Any]:
        return dict(self.data["sections"][self._section])

    def _show_all(self) -> None:
        data = self.data
        self.symbol.setText(data["symbol"])
        self.date.set_date(data.get("date") or None)
        self.distribution.setCurrentIndex(max(0, self.distribution.findData(data.get("distribution") or "general")))
        self.original.setCurrentIndex(max(0, self.original.findData(data.get("original_language") or "en")))
        self.meeting_start.set_date(data["meeting"].get("start"))
        self.meeting_end.set_date(data["meeting"].get("end"))
        self.agenda_number.setText(data["agenda_item"].get("number", ""))
        self._show_texts()
        self._show_section()

    def _show_texts(self) -> None:
        for path, name in _TEXT_FIELDS:
            holder: Any = self.data
            for key in path:
                holder = holder.setdefault(key, {})
            self.texts[name].setText(holder.get(self._language, ""))

    def _keep_texts(self) -> None:
        for path, name in _TEXT_FIELDS:
            holder: Any = self.data
            for key in path:
                holder = holder.setdefault(key, {})
            holder[self._language] = self.texts[name].text()

    def _show_section(self) -> None:
        section = self._current()
        self.heading.setText(section["heading"].get(self._language, ""))
        numbers = {note["id"]: index for index, note in enumerate(section["footnotes"], start=1)}
        self.paragraph_text.note_numbers = numbers
        self.footnote_text.note_numbers = numbers
        self.paragraphs.blockSignals(True)
        self.paragraphs.clear()
        for paragraph in section["paragraphs"]:
            self.paragraphs.addItem(self._summary(paragraph["text"]))
        self.paragraphs.blockSignals(False)
        self.footnotes.blockSignals(True)
        self.footnotes.clear()
        for index, note in enumerate(section["footnotes"], start=1):
            self.footnotes.addItem(f"{index}. {self._summary(note['text'])}")
        self.footnotes.blockSignals(False)
        self._paragraph = self._footnote = -1
        self.paragraph_text.clear()
        self.footnote_text.clear()
        if section["paragraphs"]:
            self.paragraphs.setCurrentRow(0)
        if section["footnotes"]:
            self.footnotes.setCurrentRow(0)

    def _summary(self, texts: dict[str, str]) -> str:
        markup = texts.get(self._language) or next((t for t in texts.values() if t), "")
        text = "".join(describe(run.field) if run.field is not None else run.text for run in runs(markup))
        return text if len(text) <= 90 else text[:89] + "…"

    def _keep_section(self) -> None:
        section = self.data["sections"][self._section]
        section["heading"][self._language] = self.heading.text()
        if 0 <= self._paragraph < len(section["paragraphs"]):
            paragraph = section["paragraphs"][self._paragraph]
            paragraph["text"][self._language] = self.paragraph_text.markup()
            if self.subparagraph.isChecked():
                paragraph["style"] = "subparagraph"
            else:
                paragraph.pop("style", None)
            self.paragraphs.item(self._paragraph).setText(self._summary(paragraph["text"]))
        if 0 <= self._footnote < len(section["footnotes"]):
            note = section["footnotes"][self._footnote]
            note["text"][self._language] = self.footnote_text.markup()
            self.footnotes.item(self._footnote).setText(f"{self._footnote + 1}. {self._summary(note['text'])}")

    def _keep_all(self) -> None:
        self._keep_texts()
        self._keep_section()
        data = self.data
        data["symbol"] = self.symbol.text().strip()
        data["date"] = self.date.iso() or ""
        data["distribution"] = self.distribution.currentData()
        data["original_language"] = self.original.currentData()
        data["meeting"]["start"] = self.meeting_start.iso()
        data["meeting"]["end"] = self.meeting_end.iso()
        data["agenda_item"]["number"] = self.agenda_number.text().strip()

    # -- reactions ----------------------------------------------------------------------------------------------
    def _language_changed(self) -> None:
        self._keep_texts()
        self._keep_section()
        self._language = self.text_language.currentData()
        self._show_texts()
        self._show_section()

    def _section_changed(self, index: int) -> None:
        self._keep_section()
        self._section = index
        self._show_section()

    def _paragraph_changed(self, row: int) -> None:
        self._keep_section()
        self._paragraph = row
        paragraphs = self._current()["paragraphs"]
        if 0 <= row < len(paragraphs):
            self.paragraph_text.set_markup(paragraphs[row]["text"].get(self._language, ""))
            self.subparagraph.setChecked(paragraphs[row].get("style") == "subparagraph")
        else:
            self.paragraph_text.clear()

    def _footnote_changed(self, row: int) -> None:
        self._keep_section()
        self._footnote = row
        notes = self._current()["footnotes"]
        if 0 <= row < len(notes):
            self.footnote_text.set_markup(notes[row]["text"].get(self._language, ""))
        else:
            self.footnote_text.clear()

    def _fresh_id(self, prefix: str, taken: set[str]) -> str:
        number = 1
        while f"{prefix}-{number}" in taken:
            number += 1
        return f"{prefix}-{number}"

    def _add_paragraph(self) -> None:
        self._keep_section()
        section = self.data["sections"][self._section]
        taken = {p["id"] for p in section["paragraphs"]}
        at = self._paragraph + 1 if self._paragraph >= 0 else len(section["paragraphs"])
        section["paragraphs"].insert(at, {"id": self._fresh_id(section["key"].replace("_", "-"), taken), "text": {}})
        self._show_section()
        self.paragraphs.setCurrentRow(at)
        self.paragraph_text.setFocus()

    def _move(self, step: int) -> None:
        self._keep_section()
        paragraphs = self.data["sections"][self._section]["paragraphs"]
        row, target = self._paragraph, self._paragraph + step
        if not (0 <= row < len(paragraphs) and 0 <= target < len(paragraphs)):
            return
        paragraphs[row], paragraphs[target] = paragraphs[target], paragraphs[row]
        self._show_section()
        self.paragraphs.setCurrentRow(target)

    def _delete_paragraph(self) -> None:
        paragraphs = self.data["sections"][self._section]["paragraphs"]
        if 0 <= self._paragraph < len(paragraphs):
            self._keep_section()
            del paragraphs[self._paragraph]
            self._show_section()

    def _add_footnote(self) -> None:
        self._keep_section()
        section = self.data["sections"][self._section]
        note_id = self._fresh_id("fn-" + section["key"].replace("_", "-"), {n["id"] for n in section["footnotes"]})
        section["footnotes"].append({"id": note_id, "text": {}})
        keep = self._paragraph
        self._show_section()
        if keep >= 0:
            self.paragraphs.setCurrentRow(keep)
        self.footnotes.setCurrentRow(len(section["footnotes"]) - 1)
        self.footnote_text.setFocus()

    def _delete_footnote(self) -> None:
        section = self.data["sections"][self._section]
        if not 0 <= self._footnote < len(section["footnotes"]):
            return
        self._keep_section()
        note_id = section["footnotes"][self._footnote]["id"]
        used = [p for p in section["paragraphs"] if any(f"[^{note_id}]" in t for t in p["text"].values())]
        if used:
            self.message.setText(_("A paragraph refers to this footnote; remove the reference first."))
            return
        del section["footnotes"][self._footnote]
        self._show_section()

    def _insert_reference(self) -> None:
        notes = self._current()["footnotes"]
        if not 0 <= self._footnote < len(notes) or self._paragraph < 0:
            self.message.setText(_("Choose a paragraph and a footnote first."))
            return
        self.paragraph_text.insert_reference(notes[self._footnote]["id"])
        self.paragraph_text.setFocus()

    def _insert_figure(self) -> None:
        """Choose a live figure from lists and insert it at the cursor of the paragraph or footnote last edited."""
        target = self._figure_target
        if (self._paragraph if target is self.paragraph_text else self._footnote) < 0:
            self.message.setText(_("Choose a paragraph first."))
            return
        symbols = [r.symbol for r in catalog.list_resolutions(self.workspace_path) if r.kind == "resolution"]
        dialog = FigureDialog(symbols, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            target.insert_figure(dialog.field())
        target.setFocus()

    def save(self) -> bool:
        """Save the whole document; a problem (or a change made elsewhere meanwhile) is shown, nothing saved."""
        self._keep_all()
        document = copy.deepcopy(self.data)
        for section in document["sections"]:  # texts left empty are not stored
            section["heading"] = {k: v for k, v in section["heading"].items() if v.strip()}
        try:
            self.version = self.operations.wait_for(
                lambda: report_documents.save_document(
                    self.workspace_path, document, self.version, self.original_symbol
                )
            )
        except HabitatError as error:
            self.message.setText(str(error))
            return False
        self.original_symbol = document["symbol"]
        self.message.setText(_("Saved the document {symbol}.").format(symbol=document["symbol"]))
        return True
