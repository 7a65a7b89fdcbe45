"""The migration runner: bring a database to its owner's newest schema, refuse a foreign one.

A database is an owner's ordered list of migrations (append-only: migration N brings version
N-1 to N); ``PRAGMA user_version`` says how many ran, and the ``meta`` table's ``app_id`` says
whose file it is.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from csp_tui.db.errors import CorruptDatabaseError, DatabaseError, ForeignDatabaseError
from csp_tui.db.locks import is_lock, patiently
from csp_tui.i18n import t


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _app_id(conn: sqlite3.Connection) -> str | None:
    has_meta = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not has_meta:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'app_id'").fetchone()
    return row[0] if row else None


def migrate(conn: sqlite3.Connection, app_id: str, migrations: list[str], path: Path) -> int:
    """Bring the database to the newest schema version; refuse files that are not ours."""
    try:
        # One statement, one snapshot: read apart, another process's first migration could
        # commit in between (version 0, then its tables) and the file would look foreign.
        version, tables = patiently(lambda: conn.execute(
            "SELECT user_version, (SELECT count(*) FROM sqlite_master WHERE type = 'table') "
            "FROM pragma_user_version"
        ).fetchone())
        version = int(version)
    except sqlite3.DatabaseError as exc:
        if is_lock(exc):
            raise DatabaseError(t("db.error.locked", path=path, error=exc)) from exc
        raise CorruptDatabaseError(t("db.error.unreadable", path=path, error=exc)) from exc
    if version == 0 and tables:
        raise ForeignDatabaseError(t("db.error.foreign", path=path))
    if version > len(migrations):
        raise ForeignDatabaseError(
            t("db.error.newer", path=path, version=version, known=len(migrations)))
    if version and _app_id(conn) != app_id:
        raise ForeignDatabaseError(t("db.error.other_app", path=path))
    for number in range(version + 1, len(migrations) + 1):
        patiently(lambda: conn.execute("BEGIN IMMEDIATE"))
        try:
            # Re-check inside the write lock: another process may have migrated meanwhile.
            if _user_version(conn) >= number:
                conn.execute("COMMIT")
                continue
            for statement in split_statements(migrations[number - 1]):
                conn.execute(statement)
            conn.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('app_id', ?)", (app_id,)
            )
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return _user_version(conn)


def split_statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        stripped = line.split("--", 1)[0] if "--" in line else line
        buffer += stripped
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
