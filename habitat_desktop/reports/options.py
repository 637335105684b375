"""What a user chooses for a report besides its kind and language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReportOptions:
    """Choices for a report; every one optional except where a kind needs it (a resolution, an office)."""

    resolution: str | None = None  # the resolution of a fact sheet, e.g. "2/7"
    office: str | None = None  # the office of an office report, e.g. "KEN"; narrows the others
    since: dt.date | None = None
    until: dt.date | None = None
    paper: str = "a4"  # a4 | letter
    document_symbol: str | None = None  # printed in the masthead when the workspace holds no document
    document: str | None = None  # the report document to print (its symbol); the newest of the kind when None
    output_format: str = "pdf"  # pdf | docx
    original_language: str = "en"
    issued: dt.date = field(default_factory=dt.date.today)
