"""What the console needs from the rest of the application, and a back end without a network.

The console renders from the SQLite files only, through read-only connections. Everything
that does I/O (the periodic sync, the outbox, and every write the console asks for) lives
behind :class:`ConsoleBackend`; it reports through events (``csp_tui.services.events``), which
the app turns into Textual messages, and through the futures of ``submit`` and ``write``.
Workers never touch widgets.
"""

from __future__ import annotations

import concurrent.futures
import sqlite3
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

from csp_tui.services.status import BackendStatus, SyncState

if TYPE_CHECKING:
    # Names for the protocol's signatures only: the console imports this module before its
    # first frame, which needs none of them (tests/tui/test_start_imports.py).
    from csp_tui.config import Settings
    from csp_tui.services.events import Event
    from csp_tui.services.writer import WriteSession

__all__ = ["BackendStatus", "ConsoleBackend", "StaticBackend", "SyncState"]

T = TypeVar("T")


@runtime_checkable
class ConsoleBackend(Protocol):
    settings: Settings
    cache: sqlite3.Connection
    state: sqlite3.Connection

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

    def submit(self, work: Callable[[Any], Coroutine[Any, Any, Any]]
               ) -> concurrent.futures.Future[Any]:
        """Run ``work(session)`` where the REST client lives (the worker's loop); the console
        awaits the future with ``asyncio.wrap_future``. Raises RuntimeError when offline."""
        ...

    def write(self, work: Callable[[WriteSession], T]) -> concurrent.futures.Future[T]:
        """Run ``work(session)`` — a write to state.db, cache.db or a file — off the console's
        thread; the console awaits the future with ``asyncio.wrap_future``. Works from the
        start, before the sync worker is up."""
        ...

    def kick_outbox(self) -> None:
        """A write was queued: send it now rather than at the next tick."""
        ...

    def take_credentials(self, entry_id: str) -> dict[str, str] | None:
        """A created tenant's one-time credentials, once."""
        ...


class StaticBackend:
    """The cache as it is: no network, no background work, nothing ever changes by itself.

    Used for tests, snapshots and a "no sync" console; sync requests are remembered and
    otherwise ignored. Writes the console asks for run on a writer thread, as with the real
    back end.
    """

    def __init__(
        self,
        settings: Settings,
        cache: sqlite3.Connection,
        state: sqlite3.Connection,
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
        from csp_tui.services.writer import Writer  # a test's back end: off the start path

        self._writer = Writer(lambda: self.settings)

    @classmethod
    def open(cls, settings: Settings) -> StaticBackend:
        """Over connections of its own, read-only and impatient like the worker back end's
        (the given ones are left as they are: tests write their data through them)."""
        from csp_tui.services.session import open_console_databases  # as Writer above

        cache, state, _ = open_console_databases(settings)
        return cls(settings, cache, state)

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
        self._writer.close()

    def request_sync(self) -> None:
        self.sync_requests += 1

    def request_customer_refresh(self, customer_id: str) -> None:
        self.refresh_requests.append(customer_id)

    def status(self) -> BackendStatus:
        from csp_tui.state.views import outbox_pending  # as Writer above

        return BackendStatus(
            sync_state="idle",
            last_success_at=self._last_success_at,
            outbox_pending=outbox_pending(self.state),
        )

    def submit(self, work: Callable[[Any], Coroutine[Any, Any, Any]]
               ) -> concurrent.futures.Future[Any]:
        raise RuntimeError("no background worker: this console only reads the cache")

    def write(self, work: Callable[[WriteSession], T]) -> concurrent.futures.Future[T]:
        return self._writer.write(work)

    def kick_outbox(self) -> None:
        return None

    def take_credentials(self, entry_id: str) -> dict[str, str] | None:
        return None
