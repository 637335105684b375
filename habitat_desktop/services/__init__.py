"""Use cases: each opens the workspace, owns one transaction and returns plain results to the GUI or the CLI."""
