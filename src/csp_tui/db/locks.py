"""Patience with another process's lock: wait for it, never mistake it for damage."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

#: How long a statement waits for another process's write lock before giving up.
BUSY_TIMEOUT_MS = 15_000

_T = TypeVar("_T")


def is_lock(exc: BaseException) -> bool:
    """SQLITE_BUSY/LOCKED: another process holds the lock — wait, never call that corrupt."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def patiently(action: Callable[[], _T], *, timeout: float = BUSY_TIMEOUT_MS / 1000) -> _T:
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
            if not is_lock(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(0.5, delay * 2)
