"""A tenant created here appears in the customers list at once, marked as waiting for Partner
Center to list it; a listing inside the propagation window does not remove it; the first
listing that includes it clears the mark."""

from __future__ import annotations

from datetime import timedelta

import pytest
from rich.console import Console

from csp_tui.cache import db as dbmod
from csp_tui.cache import store, views
from csp_tui.config import load_settings
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.services.outbox_runner import KIND_CREATE_CUSTOMER, OutboxRunner
from csp_tui.services.session import open_session
from csp_tui.services.sync import SyncEngine
from csp_tui.state import outbox
from csp_tui.state.db import open_state
from csp_tui.timestamps import parse_timestamp
from csp_tui.tui.sources import CustomerSource
from csp_tui.tui.widgets.tenant import describe

from .conftest import FAST_PROFILE, frozen_world_file
from .fake_partner_center import BASE, CREATED, FakePartnerCenter, FakeTokens, no_sleep
from .test_outbox_restart import _payload

PROVIDER_PROFILE = FAST_PROFILE.replace("[profiles.sandbox]", "[profiles.distributor]") + \
    'role = "indirect-provider"\n'


def _shown(renderable) -> str:
    console = Console(width=200, color_system=None)
    with console.capture() as capture:
        console.print(renderable)
    return capture.get()


@pytest.fixture
def provider(isolated_home):
    (isolated_home / "config.toml").write_text(PROVIDER_PROFILE, encoding="utf-8")
    settings = load_settings("distributor")
    frozen_world_file(settings.locations.sandbox_state)
    return settings


async def test_created_tenant_waits_in_the_list_until_the_sandbox_lists_it(provider):
    transport = sandbox_transport(provider.locations.sandbox_state, rate_limit=100000)
    world = transport.world
    session = open_session(provider, transport=transport)
    try:
        engine = SyncEngine(session.client, session.cache, session.state, provider.profile)
        assert (await engine.full_sync()).ok
        published: list = []
        entry = outbox.enqueue(session.state, kind=KIND_CREATE_CUSTOMER,
                               payload=_payload("pekarnaulipy"), subject="Pekárna U Lípy s.r.o.")
        runner = OutboxRunner(session.client, session.state, cache=session.cache,
                              publish=published.append)
        assert await runner.run_once() == 1
        customer_id = outbox.get(session.state, entry.id).result["customer_id"]

        # At once: in the list, marked, and the console was told to redraw the customers.
        rows = views.customer_rows(session.cache, filter="pekarnaulipy")
        assert [(row.id, row.company_name, row.created_pending_at is not None)
                for row in rows] == [(customer_id, "Pekárna U Lípy s.r.o.", True)]
        assert any(getattr(event, "customer_ids", None) == frozenset({customer_id})
                   for event in published)
        mark = CustomerSource(session.cache).cells(rows[0])[0]
        assert getattr(mark, "text", mark) == "+"
        detail = views.customer_detail(session.cache, customer_id)
        assert detail.initial_domain == "pekarnaulipy.onmicrosoft.com"
        shown = _shown(describe(detail, now=world.now()))
        assert "waiting for Partner Center to list it (usually a few minutes)" in shown

        # A sync inside the propagation window (the sandbox lists it after 90 s): kept, and
        # still marked; nothing about it counts as a failure.
        result = await engine.full_sync()
        assert result.ok
        assert not [c for c in result.changes if c.customer_id == customer_id]
        assert store.created_pending_at(session.cache, customer_id) is not None
        assert views.customer_detail(session.cache, customer_id) is not None
        assert (await engine.sync_customer(customer_id)).ok  # not a "not found" either

        # Partner Center lists it now: the mark goes, its details are read.
        world.clock.advance(120)
        result = await engine.full_sync()
        assert result.ok, result.error
        assert store.created_pending_at(session.cache, customer_id) is None
        detail = views.customer_detail(session.cache, customer_id)
        assert detail.created_pending_at is None and detail.detail_synced_at is not None
        assert "waiting for Partner Center" not in _shown(describe(detail, now=world.now()))
    finally:
        await session.aclose()


async def test_a_listing_after_the_window_that_still_lacks_it_removes_it(settings, tmp_path):
    pc = FakePartnerCenter()
    cache = dbmod.open_cache(tmp_path / "cache.db")
    state = open_state(tmp_path / "state.db")
    client = PartnerCenterClient(BASE, FakeTokens(), transport=pc.transport(), sleep=no_sleep)
    try:
        engine = SyncEngine(client, cache, state, settings.profile)
        await engine.full_sync()
        outbox.enqueue(state, kind=KIND_CREATE_CUSTOMER, payload=_payload("xyz"), subject="x")
        assert await OutboxRunner(client, state, cache=cache).run_once() == 1
        created_at = parse_timestamp(store.created_pending_at(cache, CREATED))
        assert created_at is not None

        # The fake never lists it. Inside the window it stays; after it, it is removed.
        inside = created_at + store.CREATED_PENDING_WINDOW - timedelta(minutes=1)
        store.mark_missing_removed(cache, set(pc.listed), run_id=1,
                                   now=inside.strftime("%Y-%m-%dT%H:%M:%SZ"))
        assert views.customer_detail(cache, CREATED) is not None
        after = created_at + store.CREATED_PENDING_WINDOW + timedelta(minutes=1)
        removed = store.mark_missing_removed(cache, set(pc.listed), run_id=1,
                                             now=after.strftime("%Y-%m-%dT%H:%M:%SZ"))
        assert [c.customer_id for c in removed] == [CREATED]
        assert views.customer_detail(cache, CREATED) is None
    finally:
        await client.aclose()


def test_a_created_customer_already_listed_is_not_marked(tmp_path):
    cache = dbmod.open_cache(tmp_path / "cache.db")
    store.upsert_customer_page(cache, [store.CustomerRow(CREATED, "Listed", "x.onmicrosoft.com",
                                                         "reseller")], run_id=1)
    assert not store.add_created_customer(cache, CREATED, company_name="Listed",
                                          domain="x.onmicrosoft.com")
    assert store.created_pending_at(cache, CREATED) is None
