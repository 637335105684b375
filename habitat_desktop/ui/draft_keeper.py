"""DraftKeeper: writes the unsaved form to the settings as it is typed, so a crash loses at most the last field."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QObject, QTimer

from habitat_desktop.services.activity_editing import FundingEntry
from habitat_desktop.ui.locale_input import parse_amount

DELAY_MS = 400


class DraftKeeper(QObject):
    def __init__(self, settings: Any, workspace_path: Any, editor: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings, self._path, self._editor = settings, workspace_path, editor
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.keep_now)
        editor.edited.connect(lambda: self._timer.start(DELAY_MS))
        editor.dirty_changed.connect(lambda dirty: None if dirty else self.forget())

    def keep_now(self) -> None:
        if self._settings is None or not self._editor.is_dirty():
            return
        funding = [
            {
                "amount": line.amount.text(),
                "currency": line.currency.text(),
                "source": line.source.currentData(),
                "contributor": line.contributor.text(),
                "stage": line.stage.currentData(),
                "id": line.id,
            }
            for line in self._editor.funding._lines
        ]
        record = {"id": self._editor.activity_id(), "values": self._editor.values(), "funding": funding}
        self._settings.set_draft(self._path, json.dumps(record, ensure_ascii=False))

    def forget(self) -> None:
        self._timer.stop()
        if self._settings is not None and self._settings.draft(self._path):
            self._settings.set_draft(self._path, None)

    def recovered(self) -> tuple[str | None, dict[str, Any], tuple[FundingEntry, ...]] | None:
        """The form left unsaved last time (activity id, values, funding lines), if any."""
        text = self._settings.draft(self._path) if self._settings is not None else None
        if not text:
            return None
        try:
            record = json.loads(text)
            funding = tuple(
                FundingEntry(
                    parse_amount(str(f["amount"])) or Decimal(0),
                    f["currency"],
                    f["source"],
                    f["stage"],
                    f["contributor"],
                    None,
                    f["id"],
                )
                for f in record["funding"]
            )
            return record["id"], dict(record["values"]), funding
        except (ValueError, KeyError, TypeError):
            return None
