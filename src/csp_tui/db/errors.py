"""What opening or using a database can fail with; each message says what the user can do."""

from __future__ import annotations


class DatabaseError(Exception):
    """A database could not be opened or used; the message says what the user can do."""


class ForeignDatabaseError(DatabaseError):
    """The file is SQLite but not ours (or from a newer csp-tui)."""


class CorruptDatabaseError(DatabaseError):
    """The file is not a readable SQLite database."""
