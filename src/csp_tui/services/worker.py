"""The console's backend: sync worker, outbox and periodic refresh on their own thread.

The worker thread runs its own asyncio loop with its own database connections, so neither the
network nor JSON parsing nor cache writes ever run on the console's event loop. The console's
own writes (drafts, the ledger, queued changes, files) go to a writer thread
(``services.writer``), so the UI thread only reads SQLite, through read-only connections that
give up quickly on a lock (``session.open_console_databases``). Events reach subscribers
through callbacks (the console turns them into Textual messages with the thread-safe
``post_message``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import logging
import threading
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from csp_tui.cache import freshness
from csp_tui.config import Settings
from csp_tui.i18n import t
from csp_tui.services.session import open_console_databases, open_session, seed_sandbox_demo
from csp_tui.services.state_access import profile_state_target, profile_state_url
from csp_tui.services.status import BackendStatus
from csp_tui.services.writer import Writer, WriteSession
from csp_tui.state.views import outbox_pending

if TYPE_CHECKING:
    # The REST client, the sync engine and the outbox runner (httpx, pydantic models) are
    # imported on the worker thread when it starts: the console paints from the cache first.
    # So are the events, the schedule, the outbox queue and the world clock: building the back
    # end (before the first frame) only opens the databases and reads the status line's
    # figures (tests/tui/test_start_imports.py holds it).
    import httpx

    from csp_tui.services import events
    from csp_tui.services.session import Session
    from csp_tui.services.sync import SyncEngine

log = logging.getLogger(__name__)

#: How soon the worker tries a team's PostgreSQL again when it was out of reach.
TEAM_RETRY_SECONDS = 5.0

T = TypeVar("T")


class WorkerBackend:
    """Implements the console's ``ConsoleBackend`` protocol."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        token_provider: Any = None,
        periodic: bool = True,
    ) -> None:
        self.settings = settings
        self.cache, self.state, self.notices = open_console_databases(settings)
        self._writer = Writer(lambda: self.settings)
        self._transport = transport
        self._token_provider = token_provider
        self._periodic = periodic and settings.profile.sync_interval_minutes > 0
        self._subscribers: list[Callable[[events.Event], None]] = []
        self._lock = threading.Lock()
        # The status line's first figures, read with what the console's lists load anyway
        # (state.views counts the outbox as the status bar does; the queue's module, with its
        # entries and claims, is the worker thread's).
        cycle, oldest_read = freshness.last_cycle(self.cache)
        self._status = BackendStatus(last_success_at=freshness.last_success(self.cache),
                                     outbox_pending=outbox_pending(self.state),
                                     incomplete=freshness.last_incomplete(self.cache),
                                     cycle=cycle, oldest_read=oldest_read)
        self._credentials: dict[str, dict[str, str]] = {}
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._want_full = False
        self._want_customers: list[str] = []
        self._engine: SyncEngine | None = None
        self._session: Session | None = None
        self._main_task: asyncio.Task[None] | None = None
        self._stopping = False
        self._ready = threading.Event()
        # A team's shared state: its watcher keeps the console's copy fresh (team_watch.py).
        self._watcher: Any = None
        self._waiting: list[tuple[Callable[[Session], Coroutine[Any, Any, Any]],
                                  concurrent.futures.Future[Any]]] = []

    # -- ConsoleBackend -----------------------------------------------------------------

    def subscribe(self, callback: Callable[[events.Event], None]) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    async def start(self) -> None:
        if self._thread is not None:
            return
        self._start_team_watch()
        self._thread = threading.Thread(target=self._thread_main, name="csp-tui-worker",
                                        daemon=True)
        self._thread.start()
        await asyncio.to_thread(self._ready.wait, 10)

    async def stop(self) -> None:
        """Stop at once, even in the middle of a sync: quitting must not wait for Partner
        Center. Every unit already written is complete (one transaction each); the run is
        recorded as interrupted and the next sync finishes the rest. An outbox entry caught
        mid-send stays "sending" and is checked before any resend at the next start."""
        self._stopping = True
        self._writer.close()
        if self._watcher is not None:
            await asyncio.to_thread(self._watcher.stop)
            self._watcher = None
        loop, task = self._loop, self._main_task
        if loop is not None and task is not None:
            loop.call_soon_threadsafe(task.cancel)
        if self._thread is not None:
            await asyncio.to_thread(self._thread.join, 10)
            self._thread = None

    def request_sync(self) -> None:
        self._want_full = True
        self._poke()

    def request_customer_refresh(self, customer_id: str) -> None:
        engine = self._engine
        if engine is not None and self._loop is not None:
            # A running full sync reads it next; otherwise a one-customer sync runs.
            future = asyncio.run_coroutine_threadsafe(self._jump(customer_id), self._loop)
            future.add_done_callback(lambda f: None)
            return
        self._want_customers.append(customer_id)
        self._poke()

    def kick_outbox(self) -> None:
        """A new outbox entry was queued: send it now rather than at the next tick."""
        self._poke()

    def status(self) -> BackendStatus:
        with self._lock:
            return self._status

    def submit(self, work: Callable[[Session], Coroutine[Any, Any, T]]
               ) -> concurrent.futures.Future[T]:
        """Run ``work(session)`` on the worker's loop (where the REST client lives) and return
        a future the console awaits with ``asyncio.wrap_future`` — the UI never does I/O."""
        with self._lock:
            loop, session = self._loop, self._session
            if loop is None or session is None or not self._ready.is_set():
                if self._stopping:
                    raise RuntimeError(t("backend.not_running"))
                # Still starting (the console opens before the worker is up, and a quick
                # hand can reach a screen that asks for data first): run it once ready.
                waiting: concurrent.futures.Future[T] = concurrent.futures.Future()
                self._waiting.append((work, waiting))
                return waiting
        return asyncio.run_coroutine_threadsafe(work(session), loop)

    def write(self, work: Callable[[WriteSession], T]) -> concurrent.futures.Future[T]:
        """Run ``work(session)`` — a write the console asks for — on the writer thread (not
        the worker's loop: a write must not wait behind a sync, nor for the worker to start)."""
        return self._writer.write(work)

    def _run_waiting(self, session: Session) -> None:
        """Start the work submitted before the worker was ready (on the worker's loop)."""
        with self._lock:
            waiting, self._waiting = self._waiting, []
        for work, future in waiting:
            if future.set_running_or_notify_cancel():
                task = asyncio.ensure_future(work(session))
                task.add_done_callback(functools.partial(_settle, future))

    def has_listeners(self) -> bool:
        """Whether anyone (the console) is subscribed to the back end's events now."""
        with self._lock:
            return bool(self._subscribers)

    def take_credentials(self, entry_id: str) -> dict[str, str] | None:
        """A created tenant's one-time credentials; returned once, then forgotten."""
        with self._lock:
            return self._credentials.pop(entry_id, None)

    # -- worker thread ------------------------------------------------------------------

    def _poke(self) -> None:
        if self._loop is not None and self._wake is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    async def _jump(self, customer_id: str) -> None:
        engine = self._engine
        if engine is None or not engine.jump_queue(customer_id):
            self._want_customers.append(customer_id)
            if self._wake is not None:
                self._wake.set()

    def _thread_main(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            self._main_task = loop.create_task(self._main())
            loop.run_until_complete(self._main_task)
        except asyncio.CancelledError:
            pass  # stop() cancelled the work: the normal way to end
        except Exception:
            log.exception("worker thread stopped")
        finally:
            loop.close()
            with self._lock:
                self._loop = None
                waiting, self._waiting = self._waiting, []
            for _, future in waiting:  # the worker never came up: say so, do not hang
                if future.set_running_or_notify_cancel():
                    future.set_exception(RuntimeError(t("backend.not_running")))

    async def _main(self) -> None:
        # The REST stack (and the sync's clock) is imported on the worker's thread, after the
        # first frame.
        from csp_tui.services.outbox_runner import OutboxRunner
        from csp_tui.services.sync import SyncEngine
        from csp_tui.world_clock import world_clock_for

        self._wake = asyncio.Event()
        session = await self._open_session()
        if session is None:
            return  # stopped while a team's database was out of reach
        with self._lock:
            self._session = session
            self._ready.set()
        self._run_waiting(session)
        engine = SyncEngine(session.client, session.cache, session.state, self.settings.profile,
                            clock=world_clock_for(self.settings).now,
                            publish=self._on_engine_event)
        runner = OutboxRunner(session.client, session.state, publish=self._publish,
                              secret_sink=_CredentialsSink(self),
                              read_only=self.settings.profile.read_only, cache=session.cache)
        try:
            if self.settings.profile.is_sandbox:
                await self._guarded(seed_sandbox_demo(session))
            await self._guarded(runner.recover())
            if self._periodic and self._sync_due(session):
                self._want_full = True
            while not self._stopping:
                await self._guarded(runner.run_once())
                self._refresh_outbox_count(session)
                if self._want_full:
                    self._want_full = False
                    self._engine = engine
                    try:
                        # A refresh cycle (what changed) once the cache was read in full.
                        result = await self._guarded(self._beside_outbox(engine.refresh(),
                                                                         runner, session))
                        if result is not None and result.cycle is not None:
                            self._set_status(cycle=result.cycle,
                                             oldest_read=result.oldest_read)
                    finally:
                        self._engine = None
                while self._want_customers and not self._stopping:
                    await self._guarded(self._beside_outbox(
                        engine.sync_customer(self._want_customers.pop(0)), runner, session))
                if self._stopping:
                    break
                self._wake.clear()
                timeout = self._seconds_to_next(session)
                try:
                    await asyncio.wait_for(self._wake.wait(), timeout)
                except TimeoutError:
                    if self._periodic and self._sync_due(session):
                        self._want_full = True
        finally:
            self._session = None
            await session.aclose()

    async def _open_session(self) -> Session | None:
        """The worker's session; a team's PostgreSQL out of reach is waited for (the console
        browses meanwhile and its watcher says so), not a reason for the worker to end."""
        # A team's database errors (db.postgres): on the worker's thread, after the first frame.
        from csp_tui.db.postgres import StateUnavailableError

        while True:
            try:
                return open_session(self.settings, transport=self._transport,
                                    token_provider=self._token_provider)
            except StateUnavailableError as exc:
                self._set_status(shared_state_error=str(exc))
                if self._stopping:
                    return None
                await asyncio.sleep(TEAM_RETRY_SECONDS)

    async def _beside_outbox(self, work: Awaitable[T], runner: Any, session: Session) -> T:
        """Run ``work`` (a sync) while the outbox keeps being served: a queued write never
        waits behind a long or stuck read."""
        task = asyncio.ensure_future(work)
        try:
            while not task.done() and not self._stopping:
                assert self._wake is not None
                self._wake.clear()
                woken = asyncio.ensure_future(self._wake.wait())
                try:
                    await asyncio.wait({task, woken}, timeout=self._seconds_to_next(session),
                                       return_when=asyncio.FIRST_COMPLETED)
                finally:
                    woken.cancel()
                if task.done() or self._stopping:
                    break
                await self._guarded(runner.run_once())
                self._refresh_outbox_count(session)
            return await task
        finally:
            if not task.done():
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)

    async def _guarded(self, coro: Any) -> Any:
        # Runs on the worker's thread, after the REST stack was loaded there.
        from csp_tui.partner_center import errors as pce
        from csp_tui.services import events

        try:
            return await coro
        except pce.AuthenticationError as exc:
            self._set_status(signed_in=False, sync_state="error", last_error=str(exc))
            self._publish(events.SignInRequired(str(exc)))
        except Exception as exc:  # SignInRequiredError from auth, disk errors, bugs
            if type(exc).__name__ == "SignInRequiredError":
                self._set_status(signed_in=False, sync_state="error", last_error=str(exc))
                self._publish(events.SignInRequired(str(exc)))
            else:
                log.exception("background work failed")
                self._set_status(sync_state="error", last_error=str(exc), progress=None)
        return None

    def _sync_due(self, session: Session) -> bool:
        # The schedule reads the outbox's queue (state.outbox): on the worker's thread only.
        from csp_tui.services import worker_schedule as schedule

        return schedule.sync_due(session.cache, self.settings.profile)

    def _seconds_to_next(self, session: Session) -> float:
        # As in _sync_due: the schedule and a team's errors load on the worker's thread.
        from csp_tui.db.postgres import StateUnavailableError
        from csp_tui.services import worker_schedule as schedule

        try:
            return schedule.seconds_to_next(session.cache, session.state,
                                            self.settings.profile, periodic=self._periodic)
        except StateUnavailableError:
            # A team's database is away: look again soon (its connection reopens itself).
            return TEAM_RETRY_SECONDS

    def _refresh_outbox_count(self, session: Session) -> None:
        # The queue's module and a team's errors: on the worker's thread, after the first frame.
        from csp_tui.db.postgres import StateUnavailableError
        from csp_tui.state import outbox

        # A team's database away: the count shown stays; the watcher says the state is away.
        with contextlib.suppress(StateUnavailableError):
            self._set_status(outbox_pending=outbox.pending_count(session.state))

    def _keep_credentials(self, entry_id: str, credentials: dict[str, str]) -> None:
        # Onboarding brings the REST stack: imported when a tenant's password arrives.
        from csp_tui.services import onboarding

        # A form (or CLI run) in this process waiting for exactly this tenant gets it directly.
        if onboarding.route_credentials(entry_id, credentials):
            return
        with self._lock:
            self._credentials[entry_id] = credentials

    def _on_engine_event(self, event: events.Event) -> None:
        # The sync engine's events: it runs on the worker's thread, which loaded them already.
        from csp_tui.services import events

        if isinstance(event, events.SyncStarted):
            self._set_status(sync_state="running", progress=(0, None))
        elif isinstance(event, events.SyncProgress):
            self._set_status(progress=(event.done, event.total))
        elif isinstance(event, events.SyncFinished):
            if event.ok or event.partial:
                self._set_status(sync_state="idle", progress=None, last_error=None,
                                 signed_in=True,
                                 incomplete=event.error if event.partial else None,
                                 last_success_at=datetime.now(UTC)
                                 if event.kind in ("full", "refresh")
                                 else self.status().last_success_at)
            else:
                self._set_status(sync_state="error", progress=None, last_error=event.error)
        self._publish(event)

    def _start_team_watch(self) -> None:
        if not profile_state_target(self.settings).team:
            return
        # The watcher (and psycopg) only for a team's profile: a single operator never loads it.
        from csp_tui.services import events
        from csp_tui.services.team_watch import TeamWatcher
        from csp_tui.state import outbox
        from csp_tui.state.mirror import mirror_path

        def changed(tables: frozenset[str]) -> None:
            self._set_status(outbox_pending=outbox.pending_count_of_file(
                mirror_path(self.settings.locations.state_db)))
            # The console re-reads the lists of these tables from its copy.
            self._publish(events.CacheChanged(tables=tables))

        def availability(reason: str | None) -> None:
            self._set_status(shared_state_error=reason)
            self._publish(events.CacheChanged(tables=frozenset()))

        self._watcher = TeamWatcher(profile_state_url(self.settings),
                                    mirror_path(self.settings.locations.state_db),
                                    on_change=changed, on_availability=availability)
        self._watcher.start()

    def _set_status(self, **changes: Any) -> None:
        with self._lock:
            self._status = replace(self._status, **changes)

    def _publish(self, event: events.Event) -> None:
        # Events are published from the worker's and the watcher's threads, never before the
        # first frame: their module loads with the first one.
        from csp_tui.services import events

        if isinstance(event, events.OutboxUpdated) and event.state == "done" and event.customer_id:
            # The change went through: re-read that customer so the next decision (another
            # quantity change, say) starts from what Partner Center now holds.
            self._want_customers.append(event.customer_id)
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(event)
            except Exception:
                log.exception("event subscriber failed")


def _settle(future: concurrent.futures.Future[Any], done: asyncio.Future[Any]) -> None:
    """Pass a finished task's outcome to the future handed out before the worker was ready."""
    if done.cancelled():  # a running future cannot be cancelled any more; report it instead
        future.set_exception(concurrent.futures.CancelledError())
    elif done.exception() is not None:
        future.set_exception(done.exception())
    else:
        future.set_result(done.result())


class _CredentialsSink:
    """The worker's secret sink. A new password of a reset is set only while someone can be
    shown it: a form of this process waiting for that entry, or the console listening (it
    shows every reset this worker sends, also one queued by ``csp-tui tenant
    reset-password``). Otherwise the reset waits; it is never recorded as delivered unseen."""

    def __init__(self, backend: WorkerBackend) -> None:
        self._backend = backend

    def __call__(self, entry_id: str, credentials: dict[str, str]) -> None:
        self._backend._keep_credentials(entry_id, credentials)

    def can_show(self, entry_id: str) -> bool:
        # As in _keep_credentials: onboarding stays off the console's start path.
        from csp_tui.services import onboarding

        return onboarding.has_route(entry_id) or self._backend.has_listeners()
