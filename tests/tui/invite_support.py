"""Helpers for the invitation screens' tests.

- :class:`LoopBackend`: the console's fake back end whose ``submit`` runs the work on the
  console's own loop against a stub Partner Center client — the real ``invitations.invite``
  and ``resend`` code with a fixed link, no worker thread, no network.
- :func:`sandbox_settings`: a sandbox profile on a frozen emulator world, for the real
  ``WorkerBackend``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx

from csp_tui import sandbox_identity as identity
from csp_tui.config import Settings, load_settings
from csp_tui.db import Transaction
from csp_tui.sandbox.entities import Customer
from csp_tui.sandbox.world import World
from csp_tui.services.sandbox_demo import DEMO_SEEDED_KEY
from csp_tui.state.db import open_state
from csp_tui.tui.app import CspApp

from .conftest import Console, FakeBackend, frozen_clock

#: The link Partner Center gives an indirect reseller (with its distributor), as documented.
LINK = ("https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship"
        f"&partnerId={identity.RESELLER_TENANT_ID}&msppId=0"
        f"&indirectCSPId={identity.PROVIDER_TENANT_ID}#/BillingAccounts/partner-invitation")

FROZEN_WORLD_AT = "2026-11-24T09:00:00+00:00"

# Short timeouts and no client-side pacing: the emulator answers in-process.
FAST_PROFILE = """
[profiles.sandbox]
kind = "sandbox"
rate_limit_per_minute = 100000
request_timeout_seconds = 2
sync_concurrency = 4
"""


class StubClient:
    """The two calls an invitation makes, answered without a network."""

    base_url = httpx.URL("https://sandbox.csp-tui.invalid")

    def __init__(self) -> None:
        self.link_requests: list[dict[str, Any]] = []
        #: What ``partner_relationships`` answers: ``(tenant id, name)`` pairs.
        self.partners: list[tuple[str, str]] = []

    async def relationship_request_link(self, **kwargs: Any) -> str:
        self.link_requests.append(kwargs)
        return LINK

    async def partner_relationships(self, relationship_type: str) -> list[Any]:
        return [SimpleNamespace(id=tenant, name=name) for tenant, name in self.partners]


class LoopBackend(FakeBackend):
    """A fake back end that can do the console's Partner Center work (against a stub)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client = StubClient()
        self.submitted = 0

    def submit(self, work: Callable[[Any], Awaitable[Any]]) -> concurrent.futures.Future[Any]:
        self.submitted += 1
        session = SimpleNamespace(settings=self.settings, state=self.state, cache=self.cache,
                                  client=self.client, transport=None)
        return asyncio.run_coroutine_threadsafe(work(session), asyncio.get_running_loop())


def with_loop_backend(console: Console) -> Console:
    """The same databases and settings, with a back end that can send invitations."""
    old = console.backend
    backend = LoopBackend(old.settings, console.cache, console.state, status=old.current)
    app = CspApp(backend, clock=frozen_clock, theme="textual-dark", animation_level="none",
                 cursor_blink=False, tick_seconds=None)
    return Console(app, backend, console.cache, console.state)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ sandbox


def sandbox_settings(home: Path, *, customers: int = 6, demo_seeded: bool = True) -> Settings:
    """The ``sandbox`` profile on a frozen world of ``customers`` (plus its prospects).

    ``demo_seeded=True`` marks the demo invitations as already recorded, so the ledger holds
    only what the test creates.
    """
    (home / "config.toml").write_text(FAST_PROFILE, encoding="utf-8")
    settings = load_settings("sandbox")
    settings = dataclasses.replace(
        settings, profile=settings.profile.model_copy(update={"language": "en"}))
    path = settings.locations.sandbox_state
    path.parent.mkdir(parents=True, exist_ok=True)
    from datetime import datetime

    World.generate(7, customers, now=datetime.fromisoformat(FROZEN_WORLD_AT),
                   frozen=True).save(path)
    if demo_seeded:
        settings.locations.ensure_profile_dir()
        state = open_state(settings.locations.state_db)
        try:
            with Transaction(state) as conn:
                conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                             (DEMO_SEEDED_KEY, FROZEN_WORLD_AT))
        finally:
            state.close()
    return settings


def prospects(settings: Settings) -> list[Customer]:
    """The world's tenants waiting for an invitation, soonest to accept first."""
    world = World.load(settings.locations.sandbox_state)
    waiting = [c for c in world.prospects() if c.state == "prospect"]
    return sorted(waiting, key=lambda c: (c.accepts_after is None, c.accepts_after or 0.0))


async def wait_for(pilot: Any, condition: Callable[[], bool], what: str,
                   attempts: int = 500) -> None:
    """Let the console run until ``condition`` holds (the worker thread does real work)."""
    for _ in range(attempts):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"gave up waiting for {what}")


async def type_text(pilot: Any, text: str) -> None:
    """Type like a person, one key event per character."""
    await pilot.press(*text)
