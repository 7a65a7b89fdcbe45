"""Opening one database file: refuse planted links, connect with our pragmas, migrate."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from csp_tui.db.errors import CorruptDatabaseError, DatabaseError
from csp_tui.db.locks import BUSY_TIMEOUT_MS, is_lock, patiently
from csp_tui.db.migrations import MigrationEntry, migrate
from csp_tui.i18n import t

__all__ = ["BUSY_TIMEOUT_MS", "connect", "open_database", "restrict_to_owner"]


def connect(path: Path) -> sqlite3.Connection:
    """A connection with csp-tui's pragmas: WAL, busy timeout, foreign keys, autocommit."""
    conn = sqlite3.connect(
        str(path),
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,  # autocommit; transactions are explicit (BEGIN IMMEDIATE)
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    mode = patiently(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
    if str(mode).lower() != "wal":  # e.g. a read-only directory: still usable, just slower
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def restrict_to_owner(path: Path) -> None:
    """The databases and their WAL hold business data: owner-only."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if candidate.exists():
            with contextlib.suppress(OSError):
                os.chmod(candidate, 0o600)


def open_database(path: Path, app_id: str,
                  migrations: Sequence[MigrationEntry]) -> sqlite3.Connection:
    """Open (creating it if need be) and migrate one database; raise :class:`DatabaseError`
    (or a subclass) worded for the person when it cannot be used."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        # A planted link would put the database (and what it holds) wherever it points.
        candidate = Path(str(path) + suffix)
        if candidate.is_symlink():
            raise DatabaseError(t("files.symlink_refused", path=candidate))
    try:
        conn = connect(path)
    except sqlite3.DatabaseError as exc:
        if is_lock(exc):
            raise DatabaseError(t("db.error.locked", path=path, error=exc)) from exc
        raise CorruptDatabaseError(t("db.error.unreadable", path=path, error=exc)) from exc
    except sqlite3.OperationalError as exc:  # pragma: no cover - depends on the OS
        raise DatabaseError(t("db.error.cannot_open", path=path, error=exc)) from exc
    try:
        migrate(conn, app_id, migrations, path)
    except BaseException:
        conn.close()
        raise
    return conn
