"""Run the command line with ``python -m habitat_desktop``."""

from __future__ import annotations

from habitat_desktop.cli import main

raise SystemExit(main())
