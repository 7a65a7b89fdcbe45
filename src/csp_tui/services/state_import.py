"""Moving one operator's ``state.db`` into the team's database (``csp-tui state import``).

The ledger, the outbox and the call log move with their ids and idempotency keys, so an entry
queued (or sent) from the operator's home keeps the ``MS-RequestId`` Partner Center knows it
by. Running it twice imports nothing twice: invitations and entries are kept by id, a log row
by its origin (the source file's own id and the row's). Drafts stay where they were: they are
half-typed forms of one person. An entry the source left ``sending`` arrives with its lease
already ended, so a team's runner looks its outcome up before anything is resent.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csp_tui.db import Transaction
from csp_tui.state import timestamp
from csp_tui.state.db import open_state
from csp_tui.state.operator import current_operator


@dataclass(frozen=True)
class ImportCounts:
    invitations: int
    outbox: int
    command_log: int


def _columns(db: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()]


def _source_id(source: sqlite3.Connection) -> str:
    """The source file's own id (kept in its meta table): names its log rows' origin."""
    row = source.execute("SELECT value FROM meta WHERE key = 'instance_id'").fetchone()
    if row:
        return str(row[0])
    instance = str(uuid.uuid4())
    with Transaction(source) as conn:
        conn.execute("INSERT INTO meta(key, value) VALUES ('instance_id', ?)", (instance,))
    return instance


def _count(team: sqlite3.Connection, table: str) -> int:
    return int(team.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def _copy(team: sqlite3.Connection, table: str, columns: list[str],
          rows: list[tuple[Any, ...]]) -> int:
    if not rows:
        return 0
    before = _count(team, table)
    marks = ", ".join("?" for _ in columns)
    # ON CONFLICT DO NOTHING: a row already there (by id, idempotency key or origin) stays
    # as the team has it.
    team.executemany(f"INSERT INTO {table}({', '.join(columns)}) VALUES ({marks}) "
                     "ON CONFLICT DO NOTHING", rows)
    return _count(team, table) - before


def import_state_file(path: Path, team: sqlite3.Connection) -> ImportCounts:
    """Import ``path`` (an operator's state.db, migrated to this version first) into ``team``
    in one transaction: all of it or, on any failure, nothing."""
    source = open_state(path)
    try:
        instance = _source_id(source)
        me = current_operator()
        now = timestamp()

        invitation_columns = _columns(source, "invitations")
        by_at = invitation_columns.index("operator")
        invitations = [tuple(me if i == by_at and not value else value
                             for i, value in enumerate(row))
                       for row in source.execute(
                           f"SELECT {', '.join(invitation_columns)} FROM invitations "
                           "ORDER BY created_at, rowid").fetchall()]

        outbox_columns = _columns(source, "outbox")
        entry_by = outbox_columns.index("operator")
        state_at = outbox_columns.index("state")
        lease_at = outbox_columns.index("lease_until")
        entries = []
        for row in source.execute(f"SELECT {', '.join(outbox_columns)} FROM outbox "
                                  "ORDER BY created_at, rowid").fetchall():
            values = list(row)
            values[entry_by] = values[entry_by] or me
            if values[state_at] == "sending":
                values[lease_at] = now  # ended: checked by the team's runner, then resent
            entries.append(tuple(values))

        log_columns = [c for c in _columns(source, "command_log") if c not in ("id", "origin")]
        log_rows = [(*row[1:-1], row[-1] or me, f"{instance}:{row[0]}")
                    for row in source.execute(
                        f"SELECT id, {', '.join(c for c in log_columns if c != 'operator')}, "
                        "operator FROM command_log ORDER BY id").fetchall()]
        log_insert = [c for c in log_columns if c != "operator"] + ["operator", "origin"]
    finally:
        source.close()
    with Transaction(team):
        counts = ImportCounts(
            invitations=_copy(team, "invitations", invitation_columns, invitations),
            outbox=_copy(team, "outbox", outbox_columns, entries),
            command_log=_copy(team, "command_log", log_insert, log_rows),
        )
    return counts
