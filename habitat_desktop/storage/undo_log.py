"""The undo steps of a workspace, kept in it (workspace_setting "undo_steps") so every front shares them."""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session

from habitat_desktop.domain.models import WorkspaceSetting

KEY = "undo_steps"
LIMIT = 100
"""The oldest steps beyond this many are forgotten."""


def load(session: Session) -> tuple[list[dict[str, Any]], int]:
    """The steps, oldest first, and how many of them are done (the rest were undone and can be redone)."""
    setting = session.get(WorkspaceSetting, KEY)
    if setting is None:
        return [], 0
    stored = json.loads(setting.value)
    return list(stored["steps"]), int(stored["done"])


def store(session: Session, steps: list[dict[str, Any]], done: int) -> None:
    """Keep the steps (the newest ``LIMIT``) and how many are done."""
    dropped = max(len(steps) - LIMIT, 0)
    value = json.dumps({"steps": steps[dropped:], "done": max(done - dropped, 0)}, ensure_ascii=False)
    setting = session.get(WorkspaceSetting, KEY)
    if setting is None:
        session.add(WorkspaceSetting(key=KEY, value=value))
    else:
        setting.value = value
        session.add(setting)
