"""The migration runner: bring a database to its owner's newest schema, refuse a foreign one.

A database is an owner's ordered list of migrations (append-only: migration N brings version
N-1 to N); ``PRAGMA user_version`` says how many ran, and the ``meta`` table's ``app_id`` says
whose file it is.

One list can serve two engines (state.db on SQLite, a team's PostgreSQL): an entry is either
SQL both accept, or a :class:`Migration` with one variant per engine — still one entry per
version, so the version numbers mean the same on both. PostgreSQL keeps its version in the
``meta`` table (it has no ``user_version``) and migrates under an advisory lock, so two
operators starting at once migrate once (:func:`migrate_postgres`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csp_tui.db.errors import CorruptDatabaseError, DatabaseError, ForeignDatabaseError
from csp_tui.db.locks import is_lock, patiently
from csp_tui.i18n import t


@dataclass(frozen=True)
class Migration:
    """One version's SQL when the engines need different spellings of it."""

    sqlite: str
    postgres: str


#: A migration list's entry: SQL both engines accept, or one variant per engine.
MigrationEntry = str | Migration


def sql_for(entry: MigrationEntry, engine: str) -> str:
    if isinstance(entry, Migration):
        return entry.postgres if engine == "postgres" else entry.sqlite
    return entry


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


def migrate(conn: sqlite3.Connection, app_id: str, migrations: Sequence[MigrationEntry],
            path: Path) -> int:
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
            for statement in split_statements(sql_for(migrations[number - 1], "sqlite")):
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


#: The advisory lock two operators' first starts take, so the schema is migrated once.
_PG_MIGRATION_LOCK = 0x63737074  # "cspt"


def postgres_version(conn: Any) -> int:
    """The schema version of a team database (0: nothing of ours there yet)."""
    has_meta = conn.execute("SELECT to_regclass('meta') IS NOT NULL").fetchone()[0]
    if not has_meta:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate_postgres(conn: Any, app_id: str, migrations: Sequence[MigrationEntry], where: str,
                     *, upgrade: bool = True) -> int:
    """Bring a team's PostgreSQL to the newest schema (or, with ``upgrade=False``, only check
    it). A schema newer than this client knows raises :class:`ForeignDatabaseError` asking to
    upgrade: an older client never writes into a schema it does not understand.

    All versions run in one transaction under an advisory lock: two clients starting at once
    migrate once, and a failure leaves the database as it was."""
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT pg_advisory_xact_lock(?)", (_PG_MIGRATION_LOCK,))
        version = postgres_version(conn)
        if version > len(migrations):
            raise ForeignDatabaseError(
                t("db.error.newer", path=where, version=version, known=len(migrations)))
        if version:
            row = conn.execute("SELECT value FROM meta WHERE key = 'app_id'").fetchone()
            if not row or row[0] != app_id:
                raise ForeignDatabaseError(t("db.error.other_app", path=where))
        if upgrade:
            for number in range(version + 1, len(migrations) + 1):
                # One script, as written (a function body holds semicolons of its own).
                conn.execute_script(sql_for(migrations[number - 1], "postgres"))
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('app_id', ?), ('schema_version', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (app_id, str(number)))
                version = number
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return version
