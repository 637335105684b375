"""ActivityEditor: the form for one activity, checked as it is typed; problems show beside each field, on its tab
and as links at the top (see FormProblems)."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from habitat_desktop.domain.activity_fields import ACTIVITY_FIELDS, FormGroup, form_groups
from habitat_desktop.l10n import LANGUAGES, _, current_language
from habitat_desktop.l10n.formatting import format_datetime
from habitat_desktop.services.activity_editing import ActivityDraft, FundingEntry, check_activity, empty_values
from habitat_desktop.ui.editor_widgets import CheckList, CountryCombo, FundingTable, TranslationTable
from habitat_desktop.ui.field_widgets import FieldWidget, make_field_widget
from habitat_desktop.ui.form_problems import FormProblems
from habitat_desktop.ui.locale_input import OptionalDateEdit

_NOTE_STYLE = "background: #fff4ce; color: #3d2c00; padding: 4px;"


class ActivityEditor(QWidget):
    """Shows a draft; ``values()`` is what is typed; Save is enabled once something changed, and refuses an invalid
    form by showing every problem."""

    save_requested = Signal()
    dirty_changed = Signal(bool)
    edited = Signal()

    def __init__(self, workspace_office: str, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._office = workspace_office
        self._context = context
        self._draft = ActivityDraft(None, empty_values(workspace_office, current_language()))
        self._loading = False
        self._dirty = False
        self.problems: dict[str, str] = {}
        self._shown: dict[str, list[str]] = {}
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.provenance = QLabel()  # which office created it, and the last export it came through
        self.provenance.setWordWrap(True)
        self.elsewhere = QLabel()  # the activity changed elsewhere while this form holds unsaved edits
        self.elsewhere.setWordWrap(True)
        self.elsewhere.setStyleSheet(_NOTE_STYLE)
        self.elsewhere.hide()
        self.locked = QLabel()  # why the activity is read-only (its period approved), and the comments on it
        self.locked.setObjectName("lockNote")
        self.locked.setWordWrap(True)
        self.locked.setStyleSheet(_NOTE_STYLE)
        self.locked.hide()
        self.fields: dict[str, FieldWidget] = {}
        earlier_date: OptionalDateEdit | None = None
        for spec in ACTIVITY_FIELDS:  # one widget per described field, made by its kind
            made = make_field_widget(
                spec,
                own_office=workspace_office,
                original_language=lambda: self.language.currentData() or "en",
                earlier_date=earlier_date.date_value if earlier_date is not None else None,
            )
            self.fields[spec.key] = made
            if isinstance(made.widget, OptionalDateEdit):
                earlier_date = made.widget
        self.title = cast(QLineEdit, self.fields["title"].widget)
        self.description = cast(QPlainTextEdit, self.fields["description"].widget)
        self.status = cast(QComboBox, self.fields["status"].widget)
        self.office = cast(QComboBox, self.fields["office"].widget)
        self.language = cast(QComboBox, self.fields["language"].widget)
        self.product_kind = cast(QComboBox, self.fields["product_kind"].widget)
        self.start_date = cast(OptionalDateEdit, self.fields["start_date"].widget)
        self.end_date = cast(OptionalDateEdit, self.fields["end_date"].widget)
        self.country = cast(CountryCombo, self.fields["country"].widget)
        self.city = cast(QLineEdit, self.fields["city"].widget)
        self.partners = cast(QPlainTextEdit, self.fields["partners"].widget)
        self.resolutions = cast(CheckList, self.fields["resolutions"].widget)
        self.outcomes = cast(CheckList, self.fields["outcomes"].widget)
        self.domains = cast(CheckList, self.fields["priority_domains"].widget)
        self.paragraphs = cast(CheckList, self.fields["operative_paragraphs"].widget)  # of the resolutions checked
        self.translations = cast(TranslationTable, self.fields["translations"].widget)
        self._paragraph_texts: dict[str, list[tuple[str, str]]] = {}
        self.funding = FundingTable()
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_requested)
        self.revert_button = QPushButton()
        self.revert_button.clicked.connect(self.revert)
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self.tabs = QTabWidget()
        self.summary = QLabel()  # the problems as links to their fields
        self.shown_problems = FormProblems(self.tabs, self.summary, self)
        groups = form_groups()
        for group in FormGroup:
            rows = [(spec.key, self.fields[spec.key].widget) for spec in groups.get(group, ())]
            if group is FormGroup.FUNDING:
                rows.append(("funding", self.funding))
            self.tabs.addTab(self._form(group, rows), "")
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.provenance)
        layout.addWidget(self.elsewhere)
        layout.addWidget(self.locked)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)
        self.resolutions.changed.connect(self._offer_paragraphs)  # first, so validation sees the paragraphs kept
        watched = [(key, made.changed) for key, made in self.fields.items()] + [("funding", self.funding.changed)]
        for name, signal in watched:
            signal.connect(lambda *_args, field=name: self._edited(field))
        self.language.currentIndexChanged.connect(self._hide_original_language)
        self.retranslate()
        self.load(self._draft)

    def _form(self, tab: int, rows: list[tuple[str, QWidget]]) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, widget in rows:
            holder, error = self.shown_problems.add(name, widget, tab)
            label = QLabel()
            label.setBuddy(getattr(widget, "focus_target", widget))
            self.errors[name], self.labels[name] = error, label
            self._widgets[name] = widget
            form.addRow(label, holder)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def set_catalog(
        self,
        resolutions: list[tuple[str, str]],
        outcomes: list[tuple[str, str]],
        offices: list[tuple[str, str]],
        paragraphs: dict[str, list[tuple[str, str]]] | None = None,
    ) -> None:
        """The choices the pickers offer (in the current language); ``paragraphs``: (id, text) per resolution."""
        self._loading = True
        self._paragraph_texts = paragraphs or {}
        self.resolutions.set_items(resolutions)
        self._offer_paragraphs()
        self.outcomes.set_items(outcomes)
        current = self.office.currentData()
        self.office.clear()
        for code, name in offices:
            self.office.addItem(f"{code} — {name}", code)
        self.office.setCurrentIndex(max(self.office.findData(current or self._office), 0))
        self._loading = False

    def set_context(self, context: Any) -> None:
        self._context = context

    def retranslate(self) -> None:
        names = {spec.key: spec.label() for spec in ACTIVITY_FIELDS}
        names["funding"] = _("F&unding")
        for name, text in names.items():
            self.labels[name].setText(text)
        self.shown_problems.set_names(names)
        for n, text in enumerate((_("Activity"), _("Alignment"), _("Funding"), _("Translations"))):
            self.tabs.setTabText(n, text)
        self.partners.setPlaceholderText(_("One partner per line"))
        self.title.setPlaceholderText(_("What is done, in a short sentence"))
        self.save_button.setText(_("&Save"))
        self.save_button.setToolTip(
            _("Save this activity ({shortcut})").format(
                shortcut=QKeySequence(QKeySequence.StandardKey.Save).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        self.revert_button.setText(_("&Revert"))
        self.revert_button.setToolTip(_("Forget the changes not saved yet"))
        self._loading = True
        for spec in ACTIVITY_FIELDS:  # the choices of enumerated fields, in the current language
            if spec.choices is None:
                continue
            items = [(member.value, member.label()) for member in spec.choices]
            widget = self.fields[spec.key].widget
            if isinstance(widget, QComboBox):
                self._fill_combo(widget, items if spec.required else [("", "—"), *items])
            elif isinstance(widget, CheckList):
                widget.set_items(items)
        self.country.relocalize()
        self.start_date.relocalize()
        self.end_date.relocalize()
        self.funding.retranslate()
        self.translations.retranslate()
        self._loading = False
        self._update_heading()
        self._validate()

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.clear()
        for key, text in items:
            combo.addItem(text, key)
        combo.setCurrentIndex(max(combo.findData(current), 0))

    @property
    def draft(self) -> ActivityDraft:
        return self._draft

    def activity_id(self) -> str | None:
        return self._draft.id

    def load(self, draft: ActivityDraft) -> None:
        """Show a draft (a new one when its id is None); the form is then clean."""
        self._draft = draft
        self._fill(draft.values, draft.funding)
        self.translations.set_states(draft.translation_states)
        self.elsewhere.hide()
        self.shown_problems.reset(show_all=draft.id is not None)
        self._set_editable(not draft.deleted)
        self.office.setEnabled(draft.id is None and not draft.deleted)  # ownership never changes by editing
        self._set_dirty(False)
        self._update_heading()
        self._validate()

    def follow(self, fresh: ActivityDraft) -> None:
        """The activity as saved now (after a merge, a conflict resolution, a restore): shown at once when nothing is
        being edited; otherwise the edits stay and a note says so (saving keeps both, asking where they meet)."""
        if fresh.id != self._draft.id or fresh.version == self._draft.version:
            return
        if not self._dirty:
            tab = self.tabs.currentIndex()
            self.load(fresh)
            self.tabs.setCurrentIndex(tab)
            return
        self.elsewhere.setText(
            _(
                "This activity was changed elsewhere (a merge, a conflict resolution or another program) while you "
                "were editing it. Your changes are kept; saving keeps the other changes too and asks you about any "
                "field changed on both sides."
            )
        )
        self.elsewhere.show()

    def show_lock(self, reason: str | None, notes: list[str]) -> None:
        """Show the activity read-only with the reason (its period approved), and the comments and decisions on it."""
        lines = ([reason] if reason else []) + notes
        self.locked.setText("\n".join(lines))
        self.locked.setVisible(bool(lines))
        self._set_editable(not reason and not self._draft.deleted)

    def field_label(self, name: str) -> str:
        """A field's name as the form shows it, without its mnemonic."""
        label = self.labels.get(name)
        return label.text().replace("&", "") if label is not None else name

    def _set_editable(self, editable: bool) -> None:
        """A deleted activity is shown read-only: Edit ▸ Restore brings it back first."""
        for widget in self._widgets.values():
            widget.setEnabled(editable)
        self.save_button.setVisible(editable)
        self.revert_button.setVisible(editable)

    def recover(self, values: dict[str, Any], funding: tuple[FundingEntry, ...]) -> None:
        """Show values typed earlier and never saved (after a crash) over the loaded draft; the form is dirty."""
        self._fill(values, funding)
        self._set_dirty(True)
        self._validate()

    def _fill(self, v: dict[str, Any], funding: tuple[FundingEntry, ...]) -> None:
        self._loading = True
        for key, made in self.fields.items():
            made.set(v.get(key))
            if key == "resolutions":
                self._offer_paragraphs()  # before the paragraphs are checked
        self.funding.set_entries(funding)
        self._loading = False
        self._hide_original_language()

    def values(self) -> dict[str, Any]:
        """The activity as typed, in the form services check and save."""
        return {key: made.get() for key, made in self.fields.items()}

    def is_dirty(self) -> bool:
        return self._dirty

    def is_valid(self) -> bool:
        return not self.problems

    def revert(self) -> None:
        self.load(self._draft)

    def _edited(self, field: str) -> None:
        if self._loading:
            return
        self.shown_problems.touched(field)
        self._set_dirty(True)
        self._validate()
        self.edited.emit()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
        self.revert_button.setEnabled(dirty)
        self._update_save()

    def _update_save(self) -> None:
        self.save_button.setEnabled(self._dirty)  # a refused save shows every problem and where it is

    def _validate(self) -> None:
        if self._loading:
            return
        self.problems = check_activity(self._context, self.values(), self.funding.lines())
        for name, field in (("start_date", self.start_date), ("end_date", self.end_date)):
            if (problem := field.problem()) is not None:
                self.problems[name] = problem
        shown: dict[str, list[str]] = {}
        for key, reason in self.problems.items():
            if key.startswith("funding."):
                _word, number, _field = key.split(".")
                shown.setdefault("funding", []).append(
                    _("line {number}: {reason}").format(number=int(number) + 1, reason=reason)
                )
            else:
                shown.setdefault(key if key in self.errors else "title", []).append(reason)
        self._shown = shown
        self.shown_problems.show(shown)
        self._update_save()

    def reveal_problems(self) -> None:
        """After a save was refused: every problem shows, and the first field with one has the focus."""
        self.shown_problems.reveal()
        self.shown_problems.show(self._shown)
        first = self.shown_problems.first(self._shown)
        if first is not None:
            self.shown_problems.go_to(first)

    def _hide_original_language(self) -> None:
        original = self.language.currentData()
        for row, code in enumerate(LANGUAGES):
            self.translations.setRowHidden(row, code == original)

    def _update_heading(self) -> None:
        if self._draft.id is None:
            self.heading.setText(_("New activity"))
        elif self._draft.deleted:
            self.heading.setText(_("Deleted activity: {title}").format(title=self._draft.values.get("title", "")))
        else:
            self.heading.setText(self._draft.values.get("title", ""))
        self.heading.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        self.provenance.setText(self._provenance_text())
        self.provenance.setVisible(bool(self.provenance.text()))

    def _offer_paragraphs(self) -> None:
        """Offer the operative paragraphs of the resolutions now checked (paragraphs already checked stay)."""
        items = [item for symbol in self.resolutions.checked_keys() for item in self._paragraph_texts.get(symbol, [])]
        self.paragraphs.set_items(items)
        self.paragraphs.setEnabled(bool(items))

    def _provenance_text(self) -> str:
        draft = self._draft
        if draft.id is None or not draft.created_by:
            return ""
        text = _("Created by office {office}").format(office=draft.created_by)
        if draft.came_through:
            file, signer, when = draft.came_through
            text += " · " + _("last came through {file}, signed by {office}, merged {date}").format(
                file=file, office=signer, date=format_datetime(when)
            )
        return text
