"""Frozen entry point of the desktop application (habitat-desktop)."""

import multiprocessing

multiprocessing.freeze_support()  # a merge checks many records in a worker process: this program, started again

from habitat_desktop.ui.main import main

raise SystemExit(main())
