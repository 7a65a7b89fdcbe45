"""When the worker wakes: the next sync due, the next outbox entry due. (What the last sync
left, for the status line, is read in ``cache/freshness.py``.)

Read from the databases each time (another console or a CLI sync may have synced meanwhile),
never kept in the worker.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from csp_tui.cache.freshness import last_success
from csp_tui.config import Profile
from csp_tui.state import outbox
from csp_tui.timestamps import parse_timestamp

#: The longest the worker sleeps without looking again.
LONGEST_SLEEP_SECONDS = 60.0


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
