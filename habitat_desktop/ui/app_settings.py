"""AppSettings: what the application remembers between runs (QSettings): language, recent workspaces, layout."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


def _key(path: Path) -> str:
    return hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]


def _layout_key(headers: Sequence[str]) -> str:
    return hashlib.sha1(json.dumps(list(headers), ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


class AppSettings:
    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings()

    def language(self) -> str | None:
        value = self._settings.value("language")
        return str(value) if value else None

    def set_language(self, language: str) -> None:
        self._settings.setValue("language", language)

    def recent(self) -> list[Path]:
        value = self._settings.value("recent", [])
        items = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
        return [Path(p) for p in items if p]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        items = [path, *[p for p in self.recent() if p != path]][:MAX_RECENT]
        self._settings.setValue("recent", [str(p) for p in items])

    def last_workspace(self) -> Path | None:
        return next((p for p in self.recent() if p.exists()), None)

    def blob(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_blob(self, key: str, value: QByteArray) -> None:
        self._settings.setValue(key, value)

    def draft(self, workspace: Path) -> str | None:
        value = self._settings.value(f"drafts/{_key(workspace)}")
        return str(value) if value else None

    def set_draft(self, workspace: Path, text: str | None) -> None:
        """Keep (or forget, with None) the unsaved form of a workspace, written to disk at once."""
        if text is None:
            self._settings.remove(f"drafts/{_key(workspace)}")
        else:
            self._settings.setValue(f"drafts/{_key(workspace)}", text)
        self._settings.sync()

    def import_mapping(self, headers: Sequence[str]) -> list[str | None] | None:
        """The fields last chosen for a spreadsheet with these column headers (its layout), if any."""
        value = self._settings.value(f"import-mappings/{_layout_key(headers)}")
        try:
            fields = json.loads(str(value)) if value else None
        except ValueError:
            return None
        if not isinstance(fields, list) or len(fields) != len(headers):
            return None
        return [str(f) if isinstance(f, str) else None for f in fields]

    def set_import_mapping(self, headers: Sequence[str], fields: Sequence[str | None]) -> None:
        self._settings.setValue(f"import-mappings/{_layout_key(headers)}", json.dumps(list(fields)))

    def sync(self) -> None:
        self._settings.sync()
