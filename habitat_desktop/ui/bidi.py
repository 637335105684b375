"""Bidirectional text: keep a Latin title readable in an Arabic window and an Arabic name in an English one."""

from __future__ import annotations

FSI, PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """Text wrapped in a first-strong isolate, so its direction comes from its own letters, not the window's."""
    return f"{FSI}{text}{PDI}" if text else text


def plain(text: str) -> str:
    """Text without the isolate marks (for comparisons and copying)."""
    return text.replace(FSI, "").replace(PDI, "")
