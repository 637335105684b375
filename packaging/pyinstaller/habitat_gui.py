"""Frozen entry point of the desktop application (habitat-desktop)."""

from habitat_desktop.ui.main import main

raise SystemExit(main())
