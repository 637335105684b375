"""Frozen entry point of the command line (habitat)."""

from habitat_desktop.cli import main

raise SystemExit(main())
