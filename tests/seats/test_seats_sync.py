"""Seats in use, read by the sync: every customer's licence pools against the sandbox (some
customers keep unused seats), a refused read that degrades like any other part, and the
refresh cycle re-reading the pools of a customer whose subscriptions changed."""

from __future__ import annotations

import sqlite3
from typing import Any

import httpx
import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.cache import db as dbmod
from csp_tui.cache import views
from csp_tui.config import load_settings
from csp_tui.domain import roles, seats
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.sandbox.transport import SandboxTransport, sandbox_transport
from csp_tui.sandbox.world import World
from csp_tui.services import refresh
from csp_tui.services.part_words import part_line
from csp_tui.services.session import SANDBOX_BASE_URL, open_session
from csp_tui.services.sync import SyncEngine
from csp_tui.state.db import open_state
from sync.conftest import frozen_world_file, write_config
from sync.fake_partner_center import (
    BASE,
    CUSTOMER_A,
    FakePartnerCenter,
    FakeTokens,
    no_sleep,
)

OFFER = "CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM"


@pytest.fixture
def settings(isolated_home):
    write_config(isolated_home, "sync_interval_minutes = 1\nrefresh_budget_percent = 1\n")
    settings = load_settings("sandbox")
    frozen_world_file(settings.locations.sandbox_state)
    return settings


def _seat_rows(conn: sqlite3.Connection, customer_id: str | None = None) -> list[dict[str, Any]]:
    conn.row_factory = sqlite3.Row
    try:
        sql = ("SELECT id, customer_id, offer_id, kind, status, quantity, seats_bought, "
               "seats_assigned, seats_unused, seats_shared, seats_pool, seats_reason "
               "FROM subscriptions")
        args: tuple[Any, ...] = ()
        if customer_id is not None:
            sql, args = sql + " WHERE customer_id = ?", (customer_id,)
        return [dict(row) for row in conn.execute(sql, args)]
    finally:
        conn.row_factory = None


async def _sync(settings: Any, transport: SandboxTransport) -> tuple[Any, list[dict[str, Any]]]:
    world = transport.world
    assert isinstance(world, World)
    session = open_session(settings, transport=transport)
    try:
        engine = SyncEngine(session.client, session.cache, session.state, settings.profile,
                            clock=world.now)
        result = await engine.refresh()
        return result, _seat_rows(session.cache)
    finally:
        await session.aclose()


async def test_the_sync_reads_the_pools_and_each_subscription_says_its_seats(settings) -> None:
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)
    result, rows = await _sync(settings, transport)
    assert result.ok, result.error

    matched = [row for row in rows if row["seats_reason"] is None]
    assert matched, "no subscription matched a pool"
    for row in matched:
        assert row["kind"] == "online" and row["status"] in ("active", "suspended")
        assert row["seats_unused"] == max(0, row["seats_bought"] - row["seats_assigned"])
        assert row["seats_pool"] and row["offer_id"].upper().startswith(row["seats_pool"])
    # Some customers keep seats nobody uses, others use every seat.
    assert any(row["seats_unused"] > 0 for row in matched)
    assert any(row["seats_unused"] == 0 for row in matched)
    reasons = {row["seats_reason"] for row in rows}
    assert {seats.REASON_NOT_ASSIGNABLE, seats.REASON_INACTIVE, seats.REASON_NO_POOL} <= reasons
    for row in rows:
        if row["kind"] == "software":
            assert row["seats_reason"] == seats.REASON_NOT_ASSIGNABLE
        if row["offer_id"].startswith("CFQ7TTC0QW5P:"):  # Teams Essentials: a GUID-named pool
            assert row["seats_reason"] in (seats.REASON_NO_POOL, seats.REASON_INACTIVE)


async def test_the_refresh_cycle_rereads_the_seats_of_a_changed_customer(settings) -> None:
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)
    first, before = await _sync(settings, transport)
    assert first.ok, first.error
    row = next(r for r in before if r["seats_reason"] is None and r["seats_shared"] == 0
               and r["status"] == "active")
    operator = identity.sandbox_token(roles.INDIRECT_PROVIDER, identity.PROVIDER_TENANT_ID)
    async with httpx.AsyncClient(transport=transport, base_url=SANDBOX_BASE_URL,
                                 headers={"Authorization": f"Bearer {operator}"}) as http:
        path = f"/v1/customers/{row['customer_id']}/subscriptions/{row['id']}"
        body = (await http.get(path)).json()
        body["quantity"] = int(body["quantity"]) + 3
        answer = await http.patch(path, json=body)
        assert answer.status_code in (200, 202), answer.text

    cycle, after = await _sync(settings, transport)

    assert cycle.cycle == refresh.REFRESH and cycle.reread["audit"] == 1, cycle.reread
    now = next(r for r in after if r["id"] == row["id"])
    # Seats just bought are not assigned yet: three more bought, three more unused.
    assert now["seats_bought"] == row["seats_bought"] + 3
    assert now["seats_assigned"] == row["seats_assigned"]
    assert now["seats_unused"] == row["seats_unused"] + 3


class _SeatsFake(FakePartnerCenter):
    """The sync tests' Partner Center with a subscription and a pool of one SKU."""

    def subscriptions(self, customer_id: str) -> Any:
        body = super().subscriptions(customer_id)
        for item in body["items"]:
            item["offerId"] = OFFER
        return body

    def seats(self, customer_id: str) -> Any:
        body = super().seats(customer_id)
        body["items"][0]["productSku"]["id"] = "CFQ7TTC0LDPB:0001"
        return body


async def _fake_sync(pc: FakePartnerCenter, cache: sqlite3.Connection,
                     state: sqlite3.Connection, settings: Any) -> Any:
    client = PartnerCenterClient(BASE, FakeTokens(), transport=pc.transport(), max_retries=2,
                                 sleep=no_sleep)
    try:
        return await SyncEngine(client, cache, state, settings.profile).full_sync()
    finally:
        await client.aclose()


async def test_a_refused_seats_read_degrades_like_the_other_parts(settings, tmp_path) -> None:
    pc = _SeatsFake()
    cache = dbmod.open_cache(tmp_path / "cache.db")
    state = open_state(tmp_path / "state.db")
    pc.faults[(CUSTOMER_A, "seats")] = 403

    first = await _fake_sync(pc, cache, state, settings)

    # Refused on the first read: the run is partial, the subscriptions say the pools were
    # never read, the rest of the customer is there.
    assert first.partial and [(p.part, p.state) for p in first.incomplete] == [
        ("seats", "refused")]
    rows = _seat_rows(cache, CUSTOMER_A)
    assert rows and all(r["seats_reason"] == seats.REASON_NOT_READ for r in rows)
    assert all(r["seats_bought"] is None for r in rows)
    stale = views.stale_parts(cache, CUSTOMER_A)
    assert [p.part for p in stale] == ["seats"]
    assert part_line(stale[0]).startswith("Seats in use: not available to this role")

    # Read once, then refused again: the subscriptions keep the last pools' figures.
    pc.faults.clear()
    ok = await _fake_sync(pc, cache, state, settings)
    assert ok.ok, ok.error
    read = _seat_rows(cache, CUSTOMER_A)
    assert all((r["seats_bought"], r["seats_assigned"]) == (10, 1) for r in read)
    pc.version = 2
    pc.faults[(CUSTOMER_A, "seats")] = 500
    again = await _fake_sync(pc, cache, state, settings)
    assert again.partial
    kept = _seat_rows(cache, CUSTOMER_A)
    # The subscriptions are new (20 seats each), the pool is the one read before (1 assigned).
    assert all((r["quantity"], r["seats_bought"], r["seats_assigned"]) == (20, 20, 1)
               for r in kept)
    assert part_line(views.stale_parts(cache, CUSTOMER_A)[0]).startswith(
        "Seats in use: last read")
