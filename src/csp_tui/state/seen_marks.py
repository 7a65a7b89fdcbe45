"""Where the person last looked (``seen_marks``): the start of Today's "since you last looked".

state.db belongs to one profile, so a marker is per profile; in a team's database each
operator has their own (``state/operator.operator_key``). Only writers call
:func:`mark_seen` (the console's writer thread, ``csp-tui today --mark-seen``); the console's
thread reads it.
"""

from __future__ import annotations

import sqlite3

from csp_tui.db import Transaction
from csp_tui.state.operator import operator_key
from csp_tui.timestamps import utcnow

TODAY = "today"


def last_seen(db: sqlite3.Connection, name: str = TODAY) -> str | None:
    """The stored moment the person last looked, or None: never."""
    row = db.execute("SELECT seen_at FROM seen_marks WHERE operator = ? AND name = ?",
                     (operator_key(db), name)).fetchone()
    return None if row is None else str(row[0])


def last_event(db: sqlite3.Connection, name: str = TODAY) -> int | None:
    """The last sync event (``sync_events.id`` of cache.db) the person saw, or None."""
    row = db.execute("SELECT event_id FROM seen_marks WHERE operator = ? AND name = ?",
                     (operator_key(db), name)).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def mark_seen(db: sqlite3.Connection, name: str = TODAY, *, now: str | None = None,
              event_id: int | None = None) -> str:
    """Move the marker to ``now`` (the wall clock by default) and the last sync event seen;
    returns the stored moment."""
    at = now if now is not None else utcnow()
    with Transaction(db) as conn:
        conn.execute("INSERT INTO seen_marks(operator, name, seen_at, event_id) "
                     "VALUES (?, ?, ?, ?) ON CONFLICT(operator, name) DO UPDATE SET "
                     "seen_at = excluded.seen_at, event_id = excluded.event_id",
                     (operator_key(db), name, at, event_id))
    return at
