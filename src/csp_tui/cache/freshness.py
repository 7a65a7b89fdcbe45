"""How fresh ``cache.db`` is: the last sync of the whole cache (when it ended, what kind it
was, what it could not read) and the oldest full read of a listed customer.

Read by the worker's schedule (``services/worker_schedule.py``), by the refresh cycle after it
ran (``services/refresh.py``), and by the back end for the status line before the console's
first frame — which is why these reads live apart from the store's writes (``cache/store``,
with sqlite-utils and the rows' dataclasses behind it): building the back end loads only this.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from csp_tui.timestamps import parse_timestamp

__all__ = ["last_cycle", "last_incomplete", "last_success", "oldest_read"]


def last_success(cache: sqlite3.Connection) -> datetime | None:
    """When the last full sync that finished (completely or partly) ended."""
    row = cache.execute(
        # A partial run finished too (what could be read is current): counting it only
        # as a failure would start a new sync every minute for a read the role lacks.
        "SELECT max(finished_at) FROM sync_runs WHERE status IN ('ok', 'partial') "
        "AND kind IN ('full', 'refresh')"
    ).fetchone()
    if not row or not row[0]:
        return None
    return parse_timestamp(row[0])


def last_incomplete(cache: sqlite3.Connection) -> str | None:
    """What the last finished full sync could not read, if it was partial (the status
    line says so from the start, not only after the next sync)."""
    row = cache.execute(
        "SELECT status, error FROM sync_runs WHERE kind IN ('full', 'refresh') "
        "AND status IN ('ok', 'partial', 'failed') ORDER BY id DESC LIMIT 1").fetchone()
    return row[1] if row and row[0] == "partial" else None


def last_cycle(cache: sqlite3.Connection) -> tuple[str | None, str | None]:
    """(the kind of the last finished sync of the whole cache, the oldest full read of a
    customer) for the status line at start; (None, None) for a cache never synced (or one
    from before the refresh cycle's bookkeeping)."""
    try:
        row = cache.execute(
            "SELECT kind FROM sync_runs WHERE kind IN ('full', 'refresh') "
            "AND status IN ('ok', 'partial') ORDER BY id DESC LIMIT 1").fetchone()
        oldest = oldest_read(cache)
    except sqlite3.OperationalError:  # not migrated yet: the first sync will say
        return None, None
    return (str(row[0]) if row else None), oldest


def oldest_read(db: sqlite3.Connection) -> str | None:
    """The oldest full read of a customer still listed (None: nothing read, or some customer
    never read — then there is no known maximum age)."""
    # Two seeks of customers_read_age (cache migration 13), not one walk of every customer.
    never_read = db.execute("SELECT EXISTS (SELECT 1 FROM customers WHERE removed_at IS NULL "
                            "AND detail_synced_at IS NULL)").fetchone()
    if never_read is None or never_read[0]:
        return None
    row = db.execute("SELECT min(detail_synced_at) FROM customers "
                     "WHERE removed_at IS NULL").fetchone()
    return None if row is None or row[0] is None else str(row[0])
