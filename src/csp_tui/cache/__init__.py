"""The local SQLite databases: ``cache.db`` (rebuildable) and ``state.db`` (precious)."""
