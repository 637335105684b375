"""AppSettings: what the application remembers between runs (QSettings): language, recent workspaces, layout."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


def _key(path: Path) -> str:
    return hashlib.sha1(str(Path(path).resolve()).encode("utf-8")).hexdigest()[:16]


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

    def sync(self) -> None:
        self._settings.sync()
