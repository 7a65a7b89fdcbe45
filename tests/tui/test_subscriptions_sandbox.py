"""The console's subscription changes against the embedded sandbox, through the real back end
(``WorkerBackend``: its own thread, the outbox runner, the sync after a change).

The sandbox clock is frozen, so what Partner Center accepts or refuses is decided by the test:
a decrease planned while the window is open but sent after it closed comes back refused, and
the console explains it in words.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.cache import views
from csp_tui.config import load_settings
from csp_tui.sandbox import rules as sandbox_rules
from csp_tui.sandbox.qualification_rules import looks_like_school
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.services import events as ev
from csp_tui.services.session import open_session
from csp_tui.services.sync import SyncEngine
from csp_tui.services.worker import WorkerBackend
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxState
from csp_tui.tui.app import CspApp
from csp_tui.tui.screens.qualification import EducationScreen, open_education
from csp_tui.tui.screens.subscription_detail import open_subscription_detail

from .conftest import WIDE
from .subscriptions_support import capture_notifications, flat_text, follow_workers_done

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
BAKERY = "Šumavská pekárna s.r.o."
# Short timeouts and no client-side pacing: tests are not paced like production. The
# distributor's profile: Partner Center refuses subscription changes and Education requests to
# an indirect reseller (its console prepares requests for the distributor instead).
FAST_PROFILE = """
[profiles.sandbox-provider]
kind = "sandbox"
role = "indirect-provider"
rate_limit_per_minute = 100000
request_timeout_seconds = 2
sync_concurrency = 4
"""
WAIT = 30  # seconds; only a broken back end ever gets near it


class Sandbox:
    def __init__(self, home: Any) -> None:
        (home / "config.toml").write_text(FAST_PROFILE, encoding="utf-8")
        self.settings = load_settings("sandbox-provider")
        self.settings.locations.ensure_profile_dir()
        self.transport = sandbox_transport(self.settings.locations.sandbox_state,
                                           frozen_at=NOW)

    @property
    def world(self) -> Any:
        return self.transport.world

    def customer_id(self, name: str) -> str:
        return next(c.id.lower() for c in self.world.customers if c.company_name == name)

    async def sync(self, *customer_ids: str) -> None:
        """Read customers into the cache, as the console's sync would have."""
        session = open_session(self.settings, transport=self.transport)
        try:
            engine = SyncEngine(session.client, session.cache, session.state,
                                self.settings.profile)
            for customer_id in customer_ids:
                result = await engine.sync_customer(customer_id)
                assert result.ok, result.error
        finally:
            await session.aclose()

    def advance_days(self, days: float) -> None:
        """Move the sandbox's clock (as ``POST /_emulator/clock/advance`` does)."""
        world = self.world
        with world.lock:
            world.clock.advance(days * 86_400)
            world.changed()
            sandbox_rules.advance(world, world.now())

    def console(self) -> tuple[CspApp, WorkerBackend]:
        backend = WorkerBackend(self.settings, transport=self.transport, periodic=False)
        app = CspApp(backend, clock=lambda: NOW, theme="textual-dark", animation_level="none",
                     cursor_blink=False, tick_seconds=None, language="en")
        return app, backend


def arrival(backend: WorkerBackend, wanted: Callable[[ev.Event], bool]) -> asyncio.Event:
    """An event set (on this loop) when the back end publishes one that ``wanted`` accepts."""
    loop = asyncio.get_running_loop()
    seen = asyncio.Event()

    def on_event(event: ev.Event) -> None:
        if wanted(event):
            loop.call_soon_threadsafe(seen.set)

    backend.subscribe(on_event)
    return seen


def subscription_id(cache: Any, customer_id: str, offer_name: str) -> str:
    row = cache.execute("SELECT id FROM subscriptions WHERE customer_id = ? AND "
                             "offer_name = ?", (customer_id, offer_name)).fetchone()
    assert row is not None, offer_name
    return row[0]


@pytest.fixture
async def sandbox(isolated_home) -> Sandbox:
    return Sandbox(isolated_home)


async def test_a_decrease_sent_after_the_window_comes_back_explained(sandbox) -> None:
    bakery = sandbox.customer_id(BAKERY)
    await sandbox.sync(bakery)
    # The console's data (and clock) still say the window is open; Partner Center's clock
    # has moved on 8 days: the change is allowed here and refused there.
    sandbox.advance_days(8)
    app, backend = sandbox.console()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        sub_id = subscription_id(backend.cache, bakery, "Microsoft 365 Business Standard")
        quantity = views.subscription_record(backend.cache, sub_id)["quantity"]
        seen = capture_notifications(app)
        open_subscription_detail(app, sub_id)
        await pilot.pause()
        await pilot.press("m", "q", *str(quantity - 1), "enter")
        await pilot.pause()
        assert f"{quantity} → {quantity - 1} seats, allowed until" in flat_text(app)
        await pilot.press("y")
        await pilot.pause()
        await asyncio.wait_for(follow_workers_done(app), WAIT)
        await pilot.pause()
        (entry,) = outbox.list_entries(backend.state)
        assert entry.state is OutboxState.FAILED and entry.error_code == "800090"
        explained = [message for message, options in seen
                     if options.get("title", "").startswith("Partner Center refused")]
        assert len(explained) == 1
        assert explained[0].startswith("Seats can be removed only within 7 days after they "
                                       "were added. This subscription's window closed on ")
        assert "Reduce at renewal instead" in explained[0]
        # Nothing changed at Partner Center.
        await sandbox.sync(bakery)
        assert views.subscription_record(backend.cache, sub_id)["quantity"] == quantity


async def test_suspending_turns_auto_renew_off(sandbox) -> None:
    bakery = sandbox.customer_id(BAKERY)
    await sandbox.sync(bakery)
    app, backend = sandbox.console()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        sub_id = subscription_id(backend.cache, bakery, "Exchange Online (Plan 1)")
        record = views.subscription_record(backend.cache, sub_id)
        assert (record["status"], record["auto_renew"]) == ("active", 1)
        resynced = arrival(backend, lambda e: isinstance(e, ev.SyncFinished) and e.ok
                           and e.kind == "customer")
        open_subscription_detail(app, sub_id)
        await pilot.pause()
        assert "Auto-renew yes" in flat_text(app)
        await pilot.press("m", "s")
        await pilot.pause()
        assert "auto-renew turns off" in flat_text(app)
        await pilot.press("y")
        await pilot.pause()
        await asyncio.wait_for(follow_workers_done(app), WAIT)
        (entry,) = outbox.list_entries(backend.state)
        assert entry.state is OutboxState.DONE
        assert entry.result["status"] == "suspended" and entry.result["auto_renew"] is False
        # The back end re-reads the customer after a change; the detail follows the cache.
        await asyncio.wait_for(resynced.wait(), WAIT)
        await pilot.pause()
        record = views.subscription_record(backend.cache, sub_id)
        assert (record["status"], record["auto_renew"]) == ("suspended", 0)
        text = flat_text(app)
        assert "Status suspended — users have no access; you are still billed" in text
        assert "Auto-renew no" in text


async def test_an_education_request_goes_into_review(sandbox) -> None:
    school = next(c for c in sandbox.world.customers
                  if c.state == "customer" and c.reseller_id == identity.RESELLER_TENANT_ID
                  and not c.qualifications and looks_like_school(c))
    customer_id = school.id.lower()
    await sandbox.sync(customer_id)
    app, backend = sandbox.console()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        resynced = arrival(backend, lambda e: isinstance(e, ev.SyncFinished) and e.ok
                           and e.kind == "customer")
        assert open_education(app, customer_id)
        await pilot.pause()
        assert isinstance(app.screen, EducationScreen)
        await pilot.press("enter")  # K12 (the first choice)
        app.screen.query_one("#edu-website").focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await asyncio.wait_for(follow_workers_done(app), WAIT)
        (entry,) = outbox.list_entries(backend.state)
        assert entry.state is OutboxState.DONE
        assert entry.result == {"qualification": "Education", "vetting_status": "InReview"}
        await asyncio.wait_for(resynced.wait(), WAIT)
        await pilot.pause()
        open_education(app, customer_id)
        await pilot.pause()
        text = flat_text(app)
        assert "Education: in review for 0 days (usually up to 3 working days)" in text
        assert not app.screen.query("#edu-send")  # no second request while in review
