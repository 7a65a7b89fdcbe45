"""Opening the SQLite databases: pragmas, schema versions, migrations, corruption handling.

Both databases use WAL (readers never block the writer: the console reads while the sync worker
writes), a busy timeout (two consoles and a CLI sync on one profile wait for each other instead
of failing with "database is locked") and foreign keys.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from csp_tui.cache.schema import CACHE_APP_ID, CACHE_MIGRATIONS, STATE_APP_ID, STATE_MIGRATIONS
from csp_tui.i18n import t

BUSY_TIMEOUT_MS = 15_000


class DatabaseError(Exception):
    """A database could not be opened or used; the message says what the user can do."""


class ForeignDatabaseError(DatabaseError):
    """The file is SQLite but not ours (or from a newer csp-tui)."""


class CorruptDatabaseError(DatabaseError):
    """The file is not a readable SQLite database."""


def stamp(moment: datetime) -> str:
    """A moment as stored: ISO-8601 UTC text with microseconds, so text order is time order
    and the sqlite3 shell reads it. A naive moment is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def utcnow() -> str:
    """Now, as :func:`stamp` stores it."""
    return stamp(datetime.now(UTC))


def _is_lock(exc: BaseException) -> bool:
    """SQLITE_BUSY/LOCKED: another process holds the lock — wait, never call that corrupt."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _patiently(action, *, timeout: float = BUSY_TIMEOUT_MS / 1000):  # type: ignore[no-untyped-def]
    """Run ``action()`` again while the database is locked by another process.

    The busy timeout covers ordinary statements, but not every step of opening: switching a
    new file to WAL and reading the schema while another process creates it can answer "locked"
    at once. Two consoles and a CLI sync starting together must wait for each other, not fail
    (and never mistake a lock for a damaged file)."""
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        try:
            return action()
        except sqlite3.OperationalError as exc:
            if not _is_lock(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(0.5, delay * 2)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(
        str(path),
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,  # autocommit; transactions are explicit (BEGIN IMMEDIATE)
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    mode = _patiently(lambda: conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])
    if str(mode).lower() != "wal":  # e.g. a read-only directory: still usable, just slower
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def _restrict(path: Path) -> None:
    """state.db and its WAL hold business data: owner-only."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if candidate.exists():
            with contextlib.suppress(OSError):
                os.chmod(candidate, 0o600)


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
        version, tables = _patiently(lambda: conn.execute(
            "SELECT user_version, (SELECT count(*) FROM sqlite_master WHERE type = 'table') "
            "FROM pragma_user_version"
        ).fetchone())
        version = int(version)
    except sqlite3.DatabaseError as exc:
        if _is_lock(exc):
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
        _patiently(lambda: conn.execute("BEGIN IMMEDIATE"))
        try:
            # Re-check inside the write lock: another process may have migrated meanwhile.
            if _user_version(conn) >= number:
                conn.execute("COMMIT")
                continue
            for statement in _split(migrations[number - 1]):
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


def _split(script: str) -> list[str]:
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


def _open(path: Path, app_id: str, migrations: list[str]) -> sqlite_utils.Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        # A planted link would put the database (and what it holds) wherever it points.
        candidate = Path(str(path) + suffix)
        if candidate.is_symlink():
            raise DatabaseError(t("files.symlink_refused", path=candidate))
    try:
        conn = _connect(path)
    except sqlite3.DatabaseError as exc:
        if _is_lock(exc):
            raise DatabaseError(t("db.error.locked", path=path, error=exc)) from exc
        raise CorruptDatabaseError(t("db.error.unreadable", path=path, error=exc)) from exc
    except sqlite3.OperationalError as exc:  # pragma: no cover - depends on the OS
        raise DatabaseError(t("db.error.cannot_open", path=path, error=exc)) from exc
    try:
        migrate(conn, app_id, migrations, path)
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn)


def open_cache(path: Path, *, rebuild_if_unusable: bool = True) -> sqlite_utils.Database:
    """Open ``cache.db``. A corrupt or foreign file is moved aside and a fresh cache created:
    everything in it can be fetched again by a sync. The caller reports
    :func:`last_rebuild_notice` to the user."""
    global _last_rebuild
    try:
        db = _open(path, CACHE_APP_ID, CACHE_MIGRATIONS)
        _restrict(path)
        return db
    except (CorruptDatabaseError, ForeignDatabaseError) as exc:
        if not rebuild_if_unusable:
            raise
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = path.with_name(f"{path.name}.unusable-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(path) + suffix)
            if src.exists():
                src.replace(Path(str(aside) + suffix))
        _last_rebuild = t("cache.rebuilt", reason=str(exc), aside=str(aside))
        db = _open(path, CACHE_APP_ID, CACHE_MIGRATIONS)
        _restrict(path)
        return db


_last_rebuild: str | None = None


def last_rebuild_notice() -> str | None:
    """Why the cache was rebuilt at the last open, if it was (and forget it)."""
    global _last_rebuild
    notice, _last_rebuild = _last_rebuild, None
    return notice


def open_state(path: Path) -> sqlite_utils.Database:
    """Open ``state.db``. It is never dropped or replaced: a problem is raised to the user."""
    existed = path.exists()
    db = _open(path, STATE_APP_ID, STATE_MIGRATIONS)
    if not existed:
        _restrict(path)
    _restrict(path)
    return db


class Transaction:
    """``with Transaction(db):`` — one BEGIN IMMEDIATE … COMMIT, rolled back on any error.

    IMMEDIATE takes the write lock up front, so two writers queue on the busy timeout instead of
    failing halfway through with SQLITE_BUSY on lock upgrade.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.conn = db.conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:  # type: ignore[no-untyped-def]
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
