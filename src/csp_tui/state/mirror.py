"""The console's local copy of a team's shared state.

The console's thread never calls a database across the network: in team mode it reads a
SQLite file beside the cache (``team-state.db``, the state schema) exactly as it reads
``state.db``, and a watcher thread (``services/team_watch.py``) copies the shared rows into it
whenever PostgreSQL says something changed (LISTEN/NOTIFY) or a poll finds a difference. With
PostgreSQL down, the copy still shows the last shared state known.

Copied: the invitations ledger and the outbox (whole: hundreds of rows), the newest rows of the
call log (new rows only: log rows never change), and this operator's own drafts.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from csp_tui.db import Transaction
from csp_tui.state.operator import current_operator

#: How many of the newest call-log rows the copy keeps (the console's log view pages them).
LOG_ROWS = 5_000
#: The shared tables copied whole (their rowid keeps the order of insertion).
_WHOLE = ("invitations", "outbox")


def mirror_path(state_db: Path) -> Path:
    return state_db.with_name("team-state.db")


def _columns(mirror: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in mirror.execute(f"PRAGMA table_info({table})").fetchall()]


class Mirror:
    """Copies a team's shared rows into a local SQLite file (see the module's docstring)."""

    def __init__(self, mirror: sqlite3.Connection) -> None:
        self.db = mirror
        self._digests: dict[str, str] = {}

    def refresh(self, team: sqlite3.Connection) -> frozenset[str]:
        """Copy what changed; returns the names of the tables that did."""
        changed: set[str] = set()
        for table in _WHOLE:
            columns = _columns(self.db, table)
            rows = team.execute(
                f"SELECT rowid, {', '.join(columns)} FROM {table} ORDER BY rowid").fetchall()
            digest = hashlib.sha256(repr(rows).encode()).hexdigest()
            if self._digests.get(table) == digest:
                continue
            with Transaction(self.db) as conn:
                conn.execute(f"DELETE FROM {table}")
                marks = ", ".join("?" for _ in range(len(columns) + 1))
                conn.executemany(
                    f"INSERT INTO {table}(rowid, {', '.join(columns)}) VALUES ({marks})", rows)
            self._digests[table] = digest
            changed.add(table)
        if self._copy_new_log_rows(team):
            changed.add("command_log")
        if self._copy_drafts(team):
            changed.add("drafts")
        if self._copy_seen_marks(team):
            changed.add("seen_marks")
        return frozenset(changed)

    def _copy_new_log_rows(self, team: sqlite3.Connection) -> bool:
        columns = _columns(self.db, "command_log")
        newest = int(self.db.execute("SELECT IFNULL(max(id), 0) FROM command_log").fetchone()[0])
        rows = team.execute(
            f"SELECT {', '.join(columns)} FROM command_log WHERE id > ? ORDER BY id DESC "
            "LIMIT ?", (newest, LOG_ROWS)).fetchall()
        if not rows:
            return False
        marks = ", ".join("?" for _ in columns)
        with Transaction(self.db) as conn:
            conn.executemany(
                f"INSERT OR REPLACE INTO command_log({', '.join(columns)}) VALUES ({marks})",
                rows)
            conn.execute(
                "DELETE FROM command_log WHERE id <= "
                "(SELECT id FROM command_log ORDER BY id DESC LIMIT 1 OFFSET ?)", (LOG_ROWS,))
        return True

    def _copy_seen_marks(self, team: sqlite3.Connection) -> bool:
        # This operator's "last looked" markers (the Today screen's), as their drafts are.
        return self._copy_own_rows(team, "seen_marks", ("name", "seen_at", "event_id"))

    def _copy_drafts(self, team: sqlite3.Connection) -> bool:
        return self._copy_own_rows(team, "drafts", ("form", "updated_at", "data"))

    def _copy_own_rows(self, team: sqlite3.Connection, table: str,
                       columns: tuple[str, ...]) -> bool:
        """This operator's rows of a per-operator table (``columns``: all but the operator,
        the first one the key). The copy is one operator's: the rows keep state.db's empty
        operator key, so the state modules read them there as in a single operator's
        state.db."""
        listed = ", ".join(columns)
        rows = team.execute(f"SELECT {listed} FROM {table} WHERE operator = ? "
                            f"ORDER BY {columns[0]}", (current_operator(),)).fetchall()
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()
        if self._digests.get(table) == digest:
            return False
        marks = ", ".join("?" for _ in columns)
        with Transaction(self.db) as conn:
            conn.execute(f"DELETE FROM {table}")
            conn.executemany(f"INSERT INTO {table}(operator, {listed}) VALUES ('', {marks})",
                             rows)
        self._digests[table] = digest
        return True
