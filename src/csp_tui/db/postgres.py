"""PostgreSQL for a team's shared state, behind the same small interface as SQLite.

The state modules speak the subset of ``sqlite3.Connection`` they always used — ``execute``
with ``?`` placeholders, ``executemany``, ``fetchone``/``fetchall``/``rowcount``, explicit
``BEGIN IMMEDIATE``/``COMMIT``/``ROLLBACK`` — so one body of SQL serves both engines.
:class:`PgConnection` translates that subset for psycopg 3:

- ``?`` becomes ``%s`` (outside quoted text), a literal ``%`` is doubled;
- ``BEGIN IMMEDIATE`` becomes ``BEGIN`` (PostgreSQL locks rows, not the file: the outbox claim
  adds ``FOR UPDATE SKIP LOCKED``);
- an integrity error is raised as :class:`IntegrityError`, a subclass of
  ``sqlite3.IntegrityError``, so one ``except`` serves both engines;
- an unreachable or lost server is :class:`StateUnavailableError`, worded with the host and
  database only — never the password the URL may carry.

Every table of the PostgreSQL schema has a ``rowid`` column (``BIGSERIAL``) so ordering by
insertion (``ORDER BY created_at, rowid``) reads the same on both engines.

psycopg is optional (the ``team`` extra): it is imported when a PostgreSQL URL is opened, and
its absence is one line saying what to install.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from csp_tui.db.errors import DatabaseError
from csp_tui.i18n import t

__all__ = ["CONNECT_TIMEOUT_S", "STATEMENT_TIMEOUT_MS", "IntegrityError", "PgConnection",
           "StateUnavailableError", "TeamDriverMissingError", "connect_postgres",
           "describe_url", "is_postgres_url"]

#: A server that does not answer is reported within this many seconds (a CLI state command
#: exits, the console shows the shared state as unavailable).
CONNECT_TIMEOUT_S = 5
#: No statement waits longer than this for a lock or a slow server: the writer thread is never
#: stuck behind another operator's transaction.
STATEMENT_TIMEOUT_MS = 10_000
#: How long an idle session keeps a transaction open before the server ends it (a client that
#: froze mid-transaction must not hold the outbox's row locks).
IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000


class IntegrityError(sqlite3.IntegrityError):
    """A unique or foreign key refused a write on PostgreSQL (a subclass of sqlite3's, so the
    state modules catch one exception for both engines)."""


class StateUnavailableError(DatabaseError):
    """The team's PostgreSQL cannot be reached (or was lost mid-transaction: nothing of that
    transaction was kept). The message names the host and database, never the password."""


class TeamDriverMissingError(DatabaseError):
    """A PostgreSQL URL, but psycopg (the ``team`` extra) is not installed."""


def is_postgres_url(url: str) -> bool:
    return url.strip().lower().startswith(("postgresql://", "postgres://", "postgresql:",
                                          "postgres:"))


@dataclass(frozen=True)
class UrlParts:
    host: str
    port: str
    database: str
    user: str


def url_parts(url: str) -> UrlParts:
    """Host, port, database and user of a PostgreSQL URL — everything but the password. Parts
    the URL leaves out are libpq's to choose (service file, environment): shown as empty."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    host = parts.hostname or query.get("host", "")
    try:
        port = str(parts.port or query.get("port", ""))
    except ValueError:  # a port that is not a number: libpq will say so; we show none
        port = ""
    database = parts.path.lstrip("/") or query.get("dbname", "") or query.get("service", "")
    return UrlParts(host=host, port=port, database=database,
                    user=parts.username or query.get("user", ""))


def describe_url(url: str) -> str:
    """What may be shown of a state URL: ``host:port/database`` — never the password (it may be
    in the URL, in ``password=`` or ``PGPASSWORD``; none of it is ever echoed)."""
    parts = url_parts(url)
    # No host in the URL: libpq's default (a local socket, or a service file's host).
    host = parts.host or "local"
    where = f"{host}:{parts.port}" if parts.port else host
    return f"{where}/{parts.database}" if parts.database else where


_PASSWORD_IN_TEXT = re.compile(r"(?i)(password\s*=\s*)(\S+)|(://[^:/@\s]*:)([^@\s]+)(@)")


def scrub(text: str, url: str) -> str:
    """A driver's message with any password taken out (libpq does not echo it, but a URL in a
    message would carry it)."""
    cleaned = _PASSWORD_IN_TEXT.sub(
        lambda m: (m[1] + "***") if m[1] else (m[3] + "***" + m[5]), text)
    parts = urlsplit(url)
    if parts.password:
        cleaned = cleaned.replace(parts.password, "***")
    return cleaned


def _translate(sql: str) -> str:
    """``?`` to ``%s`` and ``%`` to ``%%``, leaving quoted text alone."""
    out: list[str] = []
    quote: str | None = None
    for char in sql:
        if quote:
            out.append("%%" if char == "%" else char)
            if char == quote:
                quote = None
            continue
        if char in ("'", '"'):
            quote = char
            out.append(char)
        elif char == "?":
            out.append("%s")
        elif char == "%":
            out.append("%%")
        else:
            out.append(char)
    return "".join(out)


_BEGIN = re.compile(r"^\s*BEGIN(\s+(IMMEDIATE|DEFERRED|EXCLUSIVE))?\s*;?\s*$", re.IGNORECASE)


class PgCursor:
    """The part of ``sqlite3.Cursor`` the state modules use."""

    def __init__(self, rows: list[tuple[Any, ...]] | None, rowcount: int) -> None:
        self._rows = rows or []
        self._position = 0
        self.rowcount = rowcount
        self.lastrowid: int | None = None

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._position >= len(self._rows):
            return None
        row = self._rows[self._position]
        self._position += 1
        return row

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows, self._position = self._rows[self._position:], len(self._rows)
        return rows

    def __iter__(self) -> Any:
        return iter(self.fetchall())


class PgConnection:
    """A psycopg 3 connection wearing the sqlite3 interface of the state modules (see the
    module's docstring). ``engine`` tells the few places that differ which one they have.

    A lost connection is re-opened by the next statement that starts afresh (a ``BEGIN`` or a
    statement outside a transaction): the writer, the worker and the watcher carry on by
    themselves once the server is back. A connection lost inside a transaction raises
    :class:`StateUnavailableError`; the server rolled the transaction back, so nothing of it
    was kept, and the ``ROLLBACK`` that follows is a no-op."""

    engine = "postgres"

    def __init__(self, raw: Any, url: str, application_name: str = "csp-tui") -> None:
        self.raw = raw
        self.url = url
        self.where = describe_url(url)
        self.application_name = application_name
        self._in_transaction = False

    def _psycopg(self) -> Any:
        import psycopg

        return psycopg

    def _lost(self) -> bool:
        return bool(self.raw.closed or self.raw.broken)

    def _reconnect(self) -> None:
        with contextlib.suppress(Exception):
            self.raw.close()
        self.raw = _raw_connect(self.url, self.application_name)

    def execute(self, sql: str, params: Sequence[Any] | Iterable[Any] = ()) -> PgCursor:
        psycopg = self._psycopg()
        verb = sql.strip().split(None, 1)[0].upper() if sql.strip() else ""
        if _BEGIN.match(sql):
            sql, verb = "BEGIN", "BEGIN"
        if verb in ("COMMIT", "ROLLBACK", "END"):
            was_in = self._in_transaction
            self._in_transaction = False
            if verb == "ROLLBACK" and (self._lost() or not was_in):
                return PgCursor(None, 0)  # the server ended it with the connection
        elif self._lost():
            if self._in_transaction:
                raise StateUnavailableError(t("state.team.lost", where=self.where, error="-"))
            self._reconnect()
        try:
            cursor = self.raw.execute(_translate(sql), tuple(params))
            rows = cursor.fetchall() if cursor.description is not None else None
        except psycopg.errors.IntegrityError as exc:
            raise IntegrityError(scrub(str(exc), self.url)) from None
        except psycopg.OperationalError as exc:
            raise StateUnavailableError(t("state.team.lost", where=self.where,
                                          error=scrub(str(exc), self.url))) from None
        if verb == "BEGIN":
            self._in_transaction = True
        return PgCursor(rows, cursor.rowcount)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> PgCursor:
        psycopg = self._psycopg()
        if self._lost():
            raise StateUnavailableError(t("state.team.lost", where=self.where, error="-"))
        try:
            with self.raw.cursor() as cursor:
                cursor.executemany(_translate(sql), [tuple(row) for row in rows])
                return PgCursor(None, cursor.rowcount)
        except psycopg.errors.IntegrityError as exc:
            raise IntegrityError(scrub(str(exc), self.url)) from None
        except psycopg.OperationalError as exc:
            raise StateUnavailableError(t("state.team.lost", where=self.where,
                                          error=scrub(str(exc), self.url))) from None

    def execute_script(self, sql: str) -> None:
        """Run several statements as written (no placeholders): a migration."""
        psycopg = self._psycopg()
        try:
            self.raw.execute(sql)
        except psycopg.OperationalError as exc:
            raise StateUnavailableError(t("state.team.lost", where=self.where,
                                          error=scrub(str(exc), self.url))) from None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.raw.close()


def _raw_connect(url: str, application_name: str) -> Any:
    try:
        import psycopg
    except ImportError:
        raise TeamDriverMissingError(t("state.team.driver_missing")) from None
    options = (f"-c statement_timeout={STATEMENT_TIMEOUT_MS} "
               f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_TIMEOUT_MS}")
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S,
                               application_name=application_name, options=options)
    except psycopg.Error as exc:
        raise StateUnavailableError(t("state.team.unreachable", where=describe_url(url),
                                      error=scrub(str(exc), url))) from None


def connect_postgres(url: str, *, application_name: str = "csp-tui") -> PgConnection:
    """Connect to a team's PostgreSQL (autocommit; transactions are explicit, as on SQLite),
    with connect, statement and idle-in-transaction timeouts. libpq's conventions apply
    (service file, ``~/.pgpass``, ``PGPASSWORD``, ``sslmode`` in the URL)."""
    return PgConnection(_raw_connect(url, application_name), url, application_name)
