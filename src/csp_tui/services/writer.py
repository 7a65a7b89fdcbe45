"""The console's writes, done on a thread of their own.

The console's event loop only reads: a write can wait for another process's lock (a CLI sync,
a second console) for as long as the busy timeout, and the screen must not freeze meanwhile.
Every write the console asks for — a draft saved while typing, an invitation cancelled or
noted, a change or an Education request queued, an export, the config file on ``:language`` —
is a function ``work(session)`` run here, one after another, with connections of this thread's
own (opened at its first write, so writing works before the sync worker is up). The console
awaits the returned future (``asyncio.wrap_future``) and updates the screen from the result.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import sqlite3
import threading
from collections.abc import Callable
from typing import TypeVar

from csp_tui.cache.db import open_cache
from csp_tui.config import Settings
from csp_tui.services.state_access import open_profile_state

T = TypeVar("T")

#: The writer thread's name: a test (and a traceback) can tell its statements apart.
THREAD_NAME = "csp-tui-writer"


class WriteSession:
    """What a write gets: the profile's settings and writable connections to both databases.

    The connections are opened on first use, on the writer thread: a write that touches only
    state.db (or only a file) never opens the cache. ``settings`` is the console's at the time
    the write was asked for (the language may have changed since the writer started)."""

    def __init__(self, writer: Writer, settings: Settings) -> None:
        self._writer = writer
        self.settings = settings

    @property
    def state(self) -> sqlite3.Connection:
        return self._writer._database("state", self.settings)

    @property
    def cache(self) -> sqlite3.Connection:
        return self._writer._database("cache", self.settings)


class Writer:
    """One thread that runs the console's writes in order (see the module's docstring)."""

    def __init__(self, settings: Callable[[], Settings]) -> None:
        self._settings = settings
        # Made with the first write, and its thread with it (loading concurrent.futures'
        # thread pool then, not while the console builds its back end before the first
        # frame); a console that never wrote closes without either.
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._databases: dict[str, sqlite3.Connection] = {}
        self._lock = threading.Lock()
        self._closed = False

    def write(self, work: Callable[[WriteSession], T]) -> concurrent.futures.Future[T]:
        """Run ``work(session)`` on the writer thread; its result (or exception) in the future."""
        settings = self._settings()  # read on the asking thread: the console's current ones
        with self._lock:
            if self._closed:
                raise RuntimeError("the writer is closed")
            if self._executor is None:
                self._executor = concurrent.futures.ThreadPoolExecutor(
                    max_workers=1, thread_name_prefix=THREAD_NAME)
            return self._executor.submit(self._run, work, settings)

    def _run(self, work: Callable[[WriteSession], T], settings: Settings) -> T:
        # A team's database errors (db.postgres): on the writer's thread, never at start.
        from csp_tui.db.postgres import StateUnavailableError

        try:
            return work(WriteSession(self, settings))
        except StateUnavailableError:
            # A team's PostgreSQL went away: the write is refused (nothing was queued locally
            # that could later be sent twice) and the next write connects afresh.
            broken = self._databases.pop("state", None)
            if broken is not None:
                with contextlib.suppress(Exception):
                    broken.close()
            raise

    def close(self) -> None:
        """Finish the writes already asked for, then close the connections (without waiting
        here: closing the console must not wait for a lock)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            executor = self._executor
            if executor is None:
                return  # never written: no thread, no connection
            executor.submit(self._close_databases)
        executor.shutdown(wait=False)

    def _database(self, name: str, settings: Settings) -> sqlite3.Connection:
        database = self._databases.get(name)
        if database is None:
            locations = settings.locations
            # The console opened (and, if need be, rebuilt) the cache before its first frame;
            # the writer never moves a file aside under it.
            database = (open_profile_state(settings) if name == "state"
                        else open_cache(locations.cache_db, rebuild_if_unusable=False))
            self._databases[name] = database
        return database

    def _close_databases(self) -> None:
        databases, self._databases = list(self._databases.values()), {}
        for database in databases:
            with contextlib.suppress(Exception):
                database.close()
