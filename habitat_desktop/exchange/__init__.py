"""Exchange: moving records between workspaces and files (activity files now; office exports and merging next)."""
