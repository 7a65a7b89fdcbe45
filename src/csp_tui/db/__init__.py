"""The SQLite layer shared by ``cache`` and ``state``: opening, transactions, window reads.

Both databases use WAL (readers never block the writer: the console reads while the sync worker
writes), a busy timeout (two consoles and a CLI sync on one profile wait for each other instead
of failing with "database is locked") and foreign keys. Each owner keeps its own schema (its
migration list) and decides what to do with a file that is not usable: the cache rebuilds
itself (``cache/db.py``), the state never does (``state/db.py``).

- :mod:`~csp_tui.db.errors` — what opening can fail with, worded for the person;
- :mod:`~csp_tui.db.connection` — connect, pragmas, owner-only files, opening;
- :mod:`~csp_tui.db.locks` — patience with another process's lock;
- :mod:`~csp_tui.db.migrations` — the migration runner (schema version, foreign files);
- :mod:`~csp_tui.db.transaction` — one write transaction;
- :mod:`~csp_tui.db.reads` — the window query behind every list, the filter's pattern.

Stored moments are written and read by :mod:`csp_tui.timestamps`.
"""

from __future__ import annotations

from csp_tui.db.connection import BUSY_TIMEOUT_MS, open_database, restrict_to_owner
from csp_tui.db.errors import CorruptDatabaseError, DatabaseError, ForeignDatabaseError
from csp_tui.db.transaction import Transaction

__all__ = ["BUSY_TIMEOUT_MS", "CorruptDatabaseError", "DatabaseError", "ForeignDatabaseError",
           "Transaction", "open_database", "restrict_to_owner"]
