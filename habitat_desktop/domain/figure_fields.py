"""Live figure fields in report document texts: ``{{funding:allocated resolution=2/6}}``, their syntax and checks.

A paragraph or footnote text may hold a field where a figure comes from the workspace's data; the report fills it
in each language with the UN's money and number forms ("$24 million", "2 400 万美元", "24 مليون دولار"), so the
figure is written once, by the data, not six times by hand. The syntax::

    {{KIND[:WHAT] [key=value ...]}}

- ``funding:STAGE``: the money recorded at a funding stage (pledged, allocated, secured, received; ``funding:all``
  for every stage) in one currency (USD unless ``currency=EUR``…); filters resolution, outcome, office, period,
  currency. Funding given to a resolution counts for it; funding given to an activity counts for its resolutions.
- ``mobilized``: the resources mobilized that resolution statuses report (each office's newest report of each
  resolution); filters resolution, office, period, currency.
- ``count:activities``, ``count:countries``, ``count:offices``: how many activities, in how many countries, recorded
  by how many offices; filters resolution, outcome, status, office, period, kind, country.
- ``status``: a resolution's implementation status in lower case ("advanced"), the newest period's unless
  ``period=`` names one; needs resolution; filters office, period.

Filter values: ``resolution=2/6`` (a symbol), ``outcome=3`` (1 to 5), ``status=completed`` (an activity status),
``office=KEN``, ``period=2025`` (a reporting period: an activity belongs to it by its end date, else its start
date, as in reporting cycles), ``kind=publication`` (a product kind), ``country=KE`` (ISO code),
``currency=USD``. Several filters all apply. A field with an unknown kind, filter or value is refused with the
reason (``parse_figure`` raises ``FigureError``; the document check names the paragraph). A text that needs two
literal opening braces writes ``\\{{``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from habitat_desktop.domain.enums import ActivityStatus, FundingStage, ProductKind
from habitat_desktop.l10n import _, quoted_value

FIELD = re.compile(r"\{\{([^{}]*)\}\}")
_SYMBOL = re.compile(r"^[0-9]{1,2}/[0-9]{1,3}$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
_PERIOD = re.compile(r"^[A-Za-z0-9._-]{1,16}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_ACTIVITY_FILTERS = ("resolution", "outcome", "status", "office", "period", "kind", "country")
KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {  # kind -> (what may follow the colon, filters)
    "funding": (
        ("all", *(stage.value for stage in FundingStage)),
        ("resolution", "outcome", "office", "period", "currency"),
    ),
    "mobilized": ((), ("resolution", "office", "period", "currency")),
    "count": (("activities", "countries", "offices"), _ACTIVITY_FILTERS),
    "status": ((), ("resolution", "office", "period")),
}


class FigureError(ValueError):
    """A field that is not a known figure, with the reason (for the user)."""


@dataclass(frozen=True)
class Figure:
    """A parsed field: its kind, what it counts or sums, and its filters (in the order written)."""

    kind: str
    what: str = ""
    filters: tuple[tuple[str, str], ...] = ()

    def get(self, key: str) -> str | None:
        return next((value for name, value in self.filters if name == key), None)

    def markup(self) -> str:
        """The field as written in a document text."""
        head = f"{self.kind}:{self.what}" if self.what else self.kind
        return "{{" + " ".join([head, *(f"{name}={value}" for name, value in self.filters)]) + "}}"


def _value(key: str, value: str) -> str:
    """A filter's value, checked (a FigureError says why it is refused)."""
    valid = {
        "resolution": lambda v: bool(_SYMBOL.match(v)),
        "outcome": lambda v: v.isdigit() and 1 <= int(v) <= 5,
        "status": lambda v: v in {s.value for s in ActivityStatus},
        "kind": lambda v: v in {k.value for k in ProductKind},
        "office": lambda v: bool(_CODE.match(v)),
        "country": lambda v: len(v) == 2 and v.isalpha(),
        "period": lambda v: bool(_PERIOD.match(v)),
        "currency": lambda v: bool(_CURRENCY.match(v)),
    }[key]
    if not valid(value):
        raise FigureError(_("{value} is not a valid value for {key}").format(value=quoted_value(value), key=key))
    return value.upper() if key == "country" else value


def parse_figure(body: str) -> Figure:
    """A field's figure from the text between its braces ("count:activities outcome=3"), or a FigureError."""
    words = body.split()
    if not words:
        raise FigureError(_("the field is empty"))
    kind, _colon, what = words[0].partition(":")
    if kind not in KINDS:
        raise FigureError(
            _("{kind} is not a known figure; known figures: {known}").format(
                kind=quoted_value(kind), known=", ".join(KINDS)
            )
        )
    choices, allowed = KINDS[kind]
    if choices and what not in choices:
        raise FigureError(
            _("{kind} needs one of: {choices}").format(
                kind=quoted_value(kind), choices=", ".join(f"{kind}:{c}" for c in choices)
            )
        )
    if not choices and what:
        raise FigureError(_("{kind} takes nothing after a colon").format(kind=quoted_value(kind)))
    filters: list[tuple[str, str]] = []
    for word in words[1:]:
        key, equals, value = word.partition("=")
        if not equals or key not in allowed:
            raise FigureError(
                _("{word} is not a filter of {kind}; its filters: {allowed}").format(
                    word=quoted_value(word), kind=quoted_value(kind), allowed=", ".join(allowed)
                )
            )
        if any(name == key for name, _v in filters):
            raise FigureError(_("{key} appears twice").format(key=quoted_value(key)))
        filters.append((key, _value(key, value)))
    if kind == "status" and not any(name == "resolution" for name, _v in filters):
        raise FigureError(_("a status needs a resolution (resolution=2/6)"))
    return Figure(kind, what, tuple(filters))


def figures_in(text: str) -> list[Figure]:
    """The fields of a document text, in order (a FigureError for the first unknown one)."""
    return [parse_figure(found.group(1)) for found in FIELD.finditer(text) if not _escaped(text, found.start())]


def _escaped(text: str, index: int) -> bool:
    backslashes = len(text[:index]) - len(text[:index].rstrip("\\"))
    return backslashes % 2 == 1
