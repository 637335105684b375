"""Storage: the SQLite workspace file, its schema migrations, backups, catalog loading and queries."""
