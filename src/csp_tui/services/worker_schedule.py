"""When the worker wakes: the next sync due, the next outbox entry due, what the last sync left.

Read from the databases each time (another console or a CLI sync may have synced meanwhile),
never kept in the worker.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from csp_tui.cache.store import refresh_marks
from csp_tui.config import Profile
from csp_tui.state import outbox
from csp_tui.timestamps import parse_timestamp

#: The longest the worker sleeps without looking again.
LONGEST_SLEEP_SECONDS = 60.0


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
        oldest = refresh_marks.oldest_read(cache)
    except sqlite3.OperationalError:  # not migrated yet: the first sync will say
        return None, None
    return (str(row[0]) if row else None), oldest


def sync_due(cache: sqlite3.Connection, profile: Profile) -> bool:
    """Whether a periodic full sync is due now."""
    last = last_success(cache)
    if last is None:
        return True
    age = (datetime.now(UTC) - last).total_seconds()
    return age >= profile.sync_interval_minutes * 60


def seconds_to_next(cache: sqlite3.Connection, state: sqlite3.Connection,
                    profile: Profile, *, periodic: bool) -> float:
    """How long the worker may sleep: until the next outbox entry is due, the next periodic
    sync (when ``periodic``), or a minute, whichever comes first."""
    due_at = outbox.next_due_at(state)
    candidates = [LONGEST_SLEEP_SECONDS]
    due = parse_timestamp(due_at)
    if due is not None:
        candidates.append(max(0.5, (due - datetime.now(UTC)).total_seconds()))
    if periodic:
        last = last_success(cache)
        interval = profile.sync_interval_minutes * 60
        if last is not None:
            remaining = interval - (datetime.now(UTC) - last).total_seconds()
            candidates.append(max(1.0, remaining))
    return min(candidates)
