"""Console fixtures: a controllable back end, a frozen clock, seeded caches, app factories.

Snapshots must not depend on the machine: the clock is frozen, the theme explicit, animations
and cursor blink off, no periodic timers, data from ``synthetic.populate`` with a fixed seed,
and every path under the per-test ``CSP_TUI_HOME`` (see the root conftest).
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from csp_tui.cache.db import open_cache
from csp_tui.config import Settings, load_settings
from csp_tui.sandbox import synthetic_cache as synthetic
from csp_tui.services import events as ev
from csp_tui.services.writer import Writer
from csp_tui.state.db import open_state
from csp_tui.tui.backend import BackendStatus

#: The synthetic data is written "as of" DATA_NOW; the console's clock stands a bit later.
DATA_NOW = "2026-11-24T09:00:00Z"
CLOCK_NOW = datetime(2026, 11, 24, 9, 45, tzinfo=UTC)
LAST_SYNC = datetime(2026, 11, 24, 9, 41, tzinfo=UTC)
SEED = 7

NARROW = (80, 24)
WIDE = (120, 40)


def frozen_clock() -> datetime:
    return CLOCK_NOW


class FakeBackend:
    """A test double of ``ConsoleBackend``: tests emit events and set the status by hand."""

    def __init__(self, settings: Settings, cache: sqlite3.Connection,
                 state: sqlite3.Connection, *, status: BackendStatus | None = None) -> None:
        self.settings = settings
        self.cache = cache
        self.state = state
        self.callbacks: list[Callable[[ev.Event], None]] = []
        self.current = status or BackendStatus(last_success_at=LAST_SYNC)
        self.started = False
        self.stopped = False
        self.sync_requests = 0
        self.refresh_requests: list[str] = []
        # The console's writes run off its thread here too, as with the real back ends.
        self.writer = Writer(lambda: self.settings)

    def subscribe(self, callback: Callable[[ev.Event], None]) -> Callable[[], None]:
        self.callbacks.append(callback)

        def unsubscribe() -> None:
            if callback in self.callbacks:
                self.callbacks.remove(callback)

        return unsubscribe

    async def start(self) -> None:
        self.started = True

    def submit(self, work):  # type: ignore[no-untyped-def]
        raise RuntimeError("the fake backend has no worker")

    def write(self, work):  # type: ignore[no-untyped-def]
        return self.writer.write(work)

    def kick_outbox(self) -> None:
        self.outbox_kicks = getattr(self, "outbox_kicks", 0) + 1

    def take_credentials(self, entry_id: str) -> dict[str, str] | None:
        return None

    async def stop(self) -> None:
        self.stopped = True
        self.writer.close()

    def request_sync(self) -> None:
        self.sync_requests += 1

    def request_customer_refresh(self, customer_id: str) -> None:
        self.refresh_requests.append(customer_id)

    def status(self) -> BackendStatus:
        return self.current

    def set_status(self, **changes: Any) -> None:
        self.current = dataclasses.replace(self.current, **changes)

    def emit(self, event: ev.Event) -> None:
        """Publish like the real workers do: status first, then every subscriber."""
        if isinstance(event, ev.SyncStarted):
            self.set_status(sync_state="running", progress=None)
        elif isinstance(event, ev.SyncProgress):
            self.set_status(sync_state="running", progress=(event.done, event.total))
        elif isinstance(event, ev.SyncFinished):
            if event.ok:
                self.set_status(sync_state="idle", progress=None, last_error=None,
                                last_success_at=event.finished_at or CLOCK_NOW)
            else:
                self.set_status(sync_state="error", progress=None, last_error=event.error)
        for callback in list(self.callbacks):
            callback(event)


def make_settings(*, read_only: bool = False, language: str = "en",
                  keymap: dict[str, str] | None = None, profile: str | None = None) -> Settings:
    settings = load_settings(profile)
    profile = settings.profile.model_copy(update={"read_only": read_only,
                                                  "language": language})
    return dataclasses.replace(settings, profile=profile, keymap=dict(keymap or {}))


@dataclasses.dataclass
class Console:
    """What a test needs: the app, its back end, and the databases behind it."""

    app: Any
    backend: FakeBackend
    cache: sqlite3.Connection
    state: sqlite3.Connection


ConsoleFactory = Callable[..., Console]


@pytest.fixture
def make_console() -> ConsoleFactory:
    """``make_console(customers=60, read_only=False, ...)`` -> a new, not yet running app
    (``profile="sandbox-provider"``: the distributor's built-in profile; default the
    reseller's)."""
    opened: list[sqlite3.Connection] = []
    backends: list[FakeBackend] = []

    def factory(
        *,
        customers: int = 60,
        subscriptions_per_customer: int = 5,
        subscriptions: int | None = None,
        invitations: int = 8,
        command_log: int = 40,
        hostile: bool = False,
        removed: int = 2,
        read_only: bool = False,
        language: str = "en",
        keymap: dict[str, str] | None = None,
        status: BackendStatus | None = None,
        theme: str = "textual-dark",
        profile: str | None = None,
    ) -> Console:
        from csp_tui.tui.app import CspApp

        settings = make_settings(read_only=read_only, language=language, keymap=keymap,
                                 profile=profile)
        settings.locations.ensure_profile_dir()
        cache = open_cache(settings.locations.cache_db)
        state = open_state(settings.locations.state_db)
        opened.extend([cache, state])
        if customers:
            synthetic.populate(cache, state, customers=customers,
                               subscriptions_per_customer=subscriptions_per_customer,
                               subscriptions=subscriptions, seed=SEED, now=DATA_NOW,
                               invitations=invitations, command_log=command_log,
                               hostile=hostile, removed=removed)
        backend = FakeBackend(settings, cache, state, status=status)
        backends.append(backend)
        app = CspApp(backend, clock=frozen_clock, theme=theme, animation_level="none",
                     cursor_blink=False, tick_seconds=None)
        return Console(app, backend, cache, state)

    yield factory
    for backend in backends:
        backend.writer.close()
    for database in opened:
        database.close()


def screen_text(app: Any) -> str:
    """The characters on screen, line by line (what a person reads)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def footer_keys(app: Any) -> set[str]:
    """Keys the footer offers right now (enabled, shown bindings of the focus chain)."""
    return {
        key for key, active in app.screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


def binding_actions(app: Any) -> set[str]:
    return {active.binding.action for active in app.screen.active_bindings.values()}
