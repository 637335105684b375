"""Bidirectional text: keep a Latin title readable in an Arabic window and an Arabic name in an English one."""

from __future__ import annotations

from habitat_desktop.l10n import is_right_to_left

FSI, PDI = "\u2068", "\u2069"
LRM, RLM = "\u200e", "\u200f"


def isolate(text: str) -> str:
    """Text wrapped in a first-strong isolate, so its direction comes from its own letters, not the window's."""
    return f"{FSI}{text}{PDI}" if text else text


def in_reading_order(text: str) -> str:
    """Text whose paragraph runs in the current language's direction even when it starts with digits or Latin
    letters ("2025 (HQ): متقدم"): Qt takes a rich-text paragraph's direction from its first strong letter."""
    return (RLM if is_right_to_left() else LRM) + text
