"""Habitat Desktop: track the implementation of UN-Habitat Assembly resolutions offline."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "Habitat Desktop"
