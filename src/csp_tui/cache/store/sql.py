"""Small SQL helpers shared by the store's writers."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from csp_tui.timestamps import utcnow

if TYPE_CHECKING:
    import sqlite_utils


def moment_or_now(now: str | None) -> str:
    """The moment a write records: the caller's (tests, one sync's single clock), else now."""
    return now if now is not None else utcnow()


def rows_as_dicts(conn: sqlite3.Connection, sql: str,
                  params: tuple[Any, ...]) -> list[dict[str, Any]]:
    """Rows as dicts, without changing the shared connection's row factory."""
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]


def insert_row(conn: sqlite3.Connection, table: str, values: dict[str, Any]) -> None:
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f"INSERT OR REPLACE INTO {table}({columns}) VALUES ({marks})",
                 list(values.values()))


def bulk(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """sqlite-utils over the worker's connection, to write a customer's rows many at a time.

    Its writes nest in the caller's transaction (a savepoint inside BEGIN IMMEDIATE; this
    needs sqlite-utils 4), no plugin is loaded and the connection's pragmas stay as they are.
    """
    # Imported here, on the sync worker's write path only: sqlite-utils brings click, dateutil
    # and pluggy, which the console's start and the CLI's listings never need.
    import sqlite_utils

    return sqlite_utils.Database(conn, execute_plugins=False, recursive_triggers=False)
