"""What the console needs from the rest of the application, and a back end without a network.

The console renders from the SQLite files only. Everything that does I/O (the periodic sync,
the outbox) lives behind :class:`ConsoleBackend`; it reports through events
(``csp_tui.services.events``), which the app turns into Textual messages. Workers never touch
widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol, runtime_checkable

import sqlite_utils

from csp_tui.config import Settings
from csp_tui.services.events import Event

SyncState = Literal["idle", "running", "error"]


@dataclass(frozen=True)
class BackendStatus:
    """A snapshot for the status bar."""

    sync_state: SyncState = "idle"
    progress: tuple[int, int | None] | None = None  # (done, total or None while listing)
    last_success_at: datetime | None = None
    last_error: str | None = None
    outbox_pending: int = 0
    signed_in: bool = True


@runtime_checkable
class ConsoleBackend(Protocol):
    settings: Settings
    cache: sqlite_utils.Database
    state: sqlite_utils.Database

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        """Call ``callback`` for every event; returns the function that unsubscribes."""
        ...

    async def start(self) -> None:
        """Start background work (periodic sync, outbox) and return."""
        ...

    async def stop(self) -> None:
        """Stop background work; called once when the console closes."""
        ...

    def request_sync(self) -> None:
        """Ask for a full sync soon; never blocks."""
        ...

    def request_customer_refresh(self, customer_id: str) -> None:
        """Refresh one customer's details ahead of the queue (the one the user looks at)."""
        ...

    def status(self) -> BackendStatus: ...


class StaticBackend:
    """The cache as it is: no network, no background work, nothing ever changes by itself.

    Used for tests, snapshots and a "no sync" console; sync requests are remembered and
    otherwise ignored.
    """

    def __init__(
        self,
        settings: Settings,
        cache: sqlite_utils.Database,
        state: sqlite_utils.Database,
        *,
        last_success_at: datetime | None = None,
    ) -> None:
        self.settings = settings
        self.cache = cache
        self.state = state
        self._callbacks: list[Callable[[Event], None]] = []
        self._last_success_at = last_success_at
        self.sync_requests = 0
        self.refresh_requests: list[str] = []

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]:
        self._callbacks.append(callback)

        def unsubscribe() -> None:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

        return unsubscribe

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        self._callbacks.clear()

    def request_sync(self) -> None:
        self.sync_requests += 1

    def request_customer_refresh(self, customer_id: str) -> None:
        self.refresh_requests.append(customer_id)

    def status(self) -> BackendStatus:
        from csp_tui.cache.views import outbox_pending

        return BackendStatus(
            sync_state="idle",
            last_success_at=self._last_success_at,
            outbox_pending=outbox_pending(self.state),
        )
