"""FigureDialog: choose a live figure for a report document paragraph (an amount of funding, a count of activities,
a resolution's status) and its filters from lists; the field's syntax is never shown (``describe`` names it)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from habitat_desktop.domain.enums import ActivityStatus, FundingStage
from habitat_desktop.domain.figure_fields import Figure, FigureError, parse_figure
from habitat_desktop.l10n import _

_CHOICES = (  # (kind, what) in the order offered
    ("funding", ""),
    ("mobilized", ""),
    ("count", "activities"),
    ("count", "countries"),
    ("count", "offices"),
    ("status", ""),
)


def _figure_names() -> dict[tuple[str, str], str]:
    return {
        ("funding", ""): _("Amount of funding"),
        ("mobilized", ""): _("Resources mobilized (resolution statuses)"),
        ("count", "activities"): _("Number of activities"),
        ("count", "countries"): _("Number of countries of the activities"),
        ("count", "offices"): _("Number of offices with activities"),
        ("status", ""): _("Implementation status of a resolution"),
    }


def describe(body: str) -> str:
    """A field as the editor shows it: "[Amount of funding, allocated: resolution 2/6]"; the raw text when it is
    no known figure (saving then refuses it, naming the paragraph)."""
    try:
        figure = parse_figure(body)
    except FigureError:
        return "{{" + body + "}}"
    name = _figure_names()[(figure.kind, "" if figure.kind == "funding" else figure.what)]
    if figure.kind == "funding":
        stage = _("all stages") if figure.what == "all" else FundingStage(figure.what).label().lower()
        # Translators: a figure's name and its funding stage ("Amount of funding, allocated")
        name = _("{figure}, {stage}").format(figure=name, stage=stage)
    filters = []
    for key, value in figure.filters:
        if key == "resolution":
            filters.append(_("resolution {symbol}").format(symbol=value))
        elif key == "outcome":
            filters.append(_("outcome {number}").format(number=value))
        elif key == "status":
            filters.append(ActivityStatus(value).label().lower())
        elif key == "period":
            filters.append(_("period {period}").format(period=value))
        else:
            filters.append(f"{key} {value}")
    if not filters:
        return f"[{name}]"
    # Translators: how the document editor shows a live figure: its name, then its filters ("resolution 2/6, 2025")
    return _("[{figure}: {filters}]").format(figure=name, filters=", ".join(filters))


class FigureDialog(QDialog):
    """The figure to insert and what it covers; ``field()`` is the field's text when accepted."""

    def __init__(self, resolutions: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Insert figure"))
        names = _figure_names()
        self.figure = QComboBox()
        for choice in _CHOICES:
            self.figure.addItem(names[choice], choice)
        self.stage = QComboBox()
        for stage in FundingStage:
            self.stage.addItem(stage.label(), stage.value)
        self.stage.addItem(_("All stages"), "all")
        self.resolution = QComboBox()
        self.resolution.addItem(_("Any resolution"), "")
        for symbol in resolutions:
            self.resolution.addItem(symbol, symbol)
        self.outcome = QComboBox()
        self.outcome.addItem(_("Any outcome"), "")
        for number in range(1, 6):
            self.outcome.addItem(_("Outcome {number}").format(number=number), str(number))
        self.status = QComboBox()
        self.status.addItem(_("Any status"), "")
        for status in ActivityStatus:
            self.status.addItem(status.label(), status.value)
        self.period = QLineEdit()
        self.period.setPlaceholderText(_("Any period (e.g. 2025)"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(_("&Figure:"), self.figure)
        form.addRow(_("Funding &stage:"), self.stage)
        form.addRow(_("&Resolution:"), self.resolution)
        form.addRow(_("&Outcome:"), self.outcome)
        form.addRow(_("Activity s&tatus:"), self.status)
        form.addRow(_("&Period:"), self.period)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.figure.currentIndexChanged.connect(self._enable)
        self._enable()

    def _enable(self) -> None:
        kind = self.figure.currentData()[0]
        self.stage.setEnabled(kind == "funding")
        self.outcome.setEnabled(kind in ("funding", "count"))
        self.status.setEnabled(kind == "count")

    def chosen(self) -> Figure:
        """The figure chosen (a FigureError when the choices do not make one, e.g. a status without a resolution)."""
        kind, what = self.figure.currentData()
        if kind == "funding":
            what = self.stage.currentData()
        words = [f"{kind}:{what}" if what else kind]
        for key, combo in (("resolution", self.resolution), ("outcome", self.outcome), ("status", self.status)):
            if combo.isEnabled() and combo.currentData():
                words.append(f"{key}={combo.currentData()}")
        if self.period.text().strip():
            words.append(f"period={self.period.text().strip()}")
        return parse_figure(" ".join(words))

    def accept(self) -> None:
        try:
            self.chosen()
        except FigureError as error:
            self.problem.setText(str(error))
            return
        super().accept()

    def field(self) -> str:
        """The field's text (between its braces) for the figure chosen."""
        return self.chosen().markup()[2:-2]
