"""Frozen entry point of the command line (habitat)."""

import multiprocessing

multiprocessing.freeze_support()  # a merge checks many records in a worker process: this program, started again

from habitat_desktop.cli import main

raise SystemExit(main())
