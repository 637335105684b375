"""The check an export's report document must pass: what the app itself could have written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from habitat_desktop.domain.activity import Context
from habitat_desktop.domain.errors import ValidationError
from habitat_desktop.domain.report_document import document_json, parse_document
from habitat_desktop.l10n import _, quoted_value


def check_document(values: dict[str, Any], context: Context) -> None:
    """Refuse (ValidationError naming the field) a stored document ``parse_document`` would not give."""
    if values["office"] not in context.offices:
        raise ValidationError("office", _("unknown office {value}").format(value=quoted_value(values["office"])))
    date = values["document_date"]
    if isinstance(date, str):
        try:
            values = {**values, "document_date": dt.date.fromisoformat(date)}
        except ValueError:
            raise ValidationError("document_date", _("not a known value")) from None
    parsed = parse_document(document_json(values))
    for name, value in parsed.items():
        if value != values[name]:
            raise ValidationError(name, _("not a known value"))
