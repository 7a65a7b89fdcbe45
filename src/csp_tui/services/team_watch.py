"""Keeps an open console's copy of a team's shared state fresh, on a thread of its own.

The watcher holds its own PostgreSQL connection, LISTENs on the channel the shared tables
notify (``state/schema.py``, version 4) and copies what changed into the console's mirror
(``state/mirror.py``); a poll every few seconds stands in for notifications that cannot
arrive (a pooler that drops them, a server restarted meanwhile). It never touches widgets: it
calls back, and the backend publishes events. With PostgreSQL unreachable it says so (the
console shows the shared state as unavailable and keeps its last copy) and tries again until
the server is back.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from csp_tui.db.errors import DatabaseError
from csp_tui.db.postgres import describe_url, scrub
from csp_tui.i18n import t
from csp_tui.state.db import open_state
from csp_tui.state.mirror import Mirror
from csp_tui.state.store import open_team_state

log = logging.getLogger(__name__)

#: The channel the shared tables notify on.
CHANNEL = "csp_tui_state"
#: How often the shared state is read when no notification came (the fallback).
POLL_SECONDS = 3.0
#: How long to wait before trying an unreachable server again.
RETRY_SECONDS = 3.0
#: Notifications that arrive together are copied once (a sync logs many calls a second).
SETTLE_SECONDS = 0.3

#: Called with the tables whose rows changed.
OnChange = Callable[[frozenset[str]], None]
#: Called with None when the shared state is reachable, else the reason (host, never a
#: password).
OnAvailability = Callable[[str | None], None]


class TeamWatcher:
    def __init__(self, url: str, mirror_file: Path, *, on_change: OnChange,
                 on_availability: OnAvailability, poll_seconds: float = POLL_SECONDS) -> None:
        self._url = url
        self._mirror_file = mirror_file
        self._on_change = on_change
        self._on_availability = on_availability
        self._poll = poll_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.available: bool | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._main, name="csp-tui-team-watch",
                                            daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _set_available(self, reason: str | None) -> None:
        now_available = reason is None
        if self.available is now_available and now_available:
            return
        self.available = now_available
        try:
            self._on_availability(reason)
        except Exception:  # a subscriber's fault must not stop the watching
            log.exception("team state availability subscriber failed")

    def _main(self) -> None:
        mirror_db = open_state(self._mirror_file)
        mirror = Mirror(mirror_db)
        try:
            while not self._stop.is_set():
                try:
                    self._watch(mirror)
                except (DatabaseError, sqlite3.Error, OSError) as exc:
                    self._set_available(str(exc))
                except Exception as exc:  # psycopg's own (the listener's): worded like ours
                    self._set_available(t("state.team.lost", where=describe_url(self._url),
                                          error=scrub(str(exc), self._url)))
                self._stop.wait(RETRY_SECONDS)
        finally:
            mirror_db.close()

    def _watch(self, mirror: Mirror) -> None:
        team = open_team_state(self._url, upgrade=False)
        listener = team.raw  # type: ignore[attr-defined]
        try:
            listener.execute(f"LISTEN {CHANNEL}")
            self._set_available(None)
            self._copy(mirror, team)
            while not self._stop.is_set():
                notified = False
                for _ in listener.notifies(timeout=self._poll, stop_after=1):
                    notified = True
                if self._stop.is_set():
                    return
                if notified:
                    time.sleep(SETTLE_SECONDS)
                    # Drain what arrived meanwhile: one copy for the lot.
                    for _ in listener.notifies(timeout=0.01):
                        pass
                self._copy(mirror, team)
        finally:
            team.close()

    def _copy(self, mirror: Mirror, team: sqlite3.Connection) -> None:
        changed = mirror.refresh(team)
        if changed:
            try:
                self._on_change(changed)
            except Exception:
                log.exception("team state change subscriber failed")
