"""A refresh cycle after the first full read: the listing, the audit log since the last cycle,
re-reads the cache foretells, a budgeted sweep — every change by another operator reaches the
cache for far fewer requests than a full read; a refused or failing audit log falls back to
the full read."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.cache import store
from csp_tui.cache.store import refresh_marks as marks
from csp_tui.config import load_settings
from csp_tui.domain import roles
from csp_tui.sandbox.transport import SandboxTransport, sandbox_transport
from csp_tui.sandbox.world import World
from csp_tui.services import refresh
from csp_tui.services.session import SANDBOX_BASE_URL, open_session
from csp_tui.services.sync import SyncEngine
from csp_tui.services.sync_run import SyncResult

from .conftest import frozen_world_file, write_config


@pytest.fixture
def settings(isolated_home):
    # A sweep of one customer a cycle (500/min x 1 min x 1 % / 5 requests), so what a cycle
    # reads is what changed.
    write_config(isolated_home, "sync_interval_minutes = 1\nrefresh_budget_percent = 1\n")
    settings = load_settings("sandbox")
    frozen_world_file(settings.locations.sandbox_state)
    return settings


OPERATOR = identity.sandbox_token(roles.INDIRECT_PROVIDER, identity.PROVIDER_TENANT_ID)


def _transport(settings: Any) -> SandboxTransport:
    return sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)


def _world(transport: SandboxTransport) -> World:
    world = transport.world
    assert isinstance(world, World)
    return world


async def _cycle(settings: Any, transport: SandboxTransport, *, full: bool = False
                 ) -> tuple[SyncResult, dict[str, Any]]:
    world = _world(transport)
    session = open_session(settings, transport=transport)
    try:
        # One clock for the cache and the world: the sandbox's virtual one.
        engine = SyncEngine(session.client, session.cache, session.state, settings.profile,
                            clock=world.now)
        result = await engine.refresh(full=full)
        return result, store.snapshot(session.cache)
    finally:
        await session.aclose()


def _changeable(world: World, count: int) -> list[tuple[str, str]]:
    """(customer, subscription) pairs of the reseller's customers an operator can change."""
    found = []
    for customer in world.customers:
        if customer.state != "customer" or customer.reseller_id != identity.RESELLER_TENANT_ID:
            continue
        sub = next((s for s in customer.subscriptions if s.status == "active"
                    and not s.is_trial and not s.is_software), None)
        if sub is not None:
            found.append((customer.id, sub.id))
        if len(found) == count:
            return found
    raise AssertionError("too few changeable subscriptions in the world")


async def _another_operator(transport: SandboxTransport,
                            changes: list[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    """The distributor's operator changes subscriptions through Partner Center's REST API
    (seats, auto-renew, suspension in turn); returns what each subscription is now."""
    expected: dict[str, dict[str, Any]] = {}
    async with httpx.AsyncClient(transport=transport, base_url=SANDBOX_BASE_URL,
                                 headers={"Authorization": f"Bearer {OPERATOR}"}) as http:
        for index, (customer_id, sub_id) in enumerate(changes):
            path = f"/v1/customers/{customer_id}/subscriptions/{sub_id}"
            body = (await http.get(path)).json()
            if index % 3 == 0:
                body["quantity"] = int(body["quantity"]) + 2
            elif index % 3 == 1:
                body["autoRenewEnabled"] = not body.get("autoRenewEnabled", False)
            else:
                body["status"] = "suspended"
            answer = await http.patch(path, json=body)
            assert answer.status_code in (200, 202), answer.text
            now = (await http.get(path)).json()
            expected[sub_id.lower()] = {"quantity": now["quantity"], "status": now["status"],
                                        "auto_renew": bool(now.get("autoRenewEnabled"))}
    return expected


def _cached(snapshot: dict[str, Any], sub_id: str) -> dict[str, Any]:
    row = next(s for s in snapshot["subscriptions"] if s["id"].lower() == sub_id)
    return {"quantity": row["quantity"], "status": row["status"],
            "auto_renew": bool(row["auto_renew"])}


async def test_a_cycle_shows_every_change_by_another_operator_for_few_requests(settings) -> None:
    transport = _transport(settings)
    first, _ = await _cycle(settings, transport)
    assert first.ok, first.error
    assert (first.cycle, first.cycle_reason) == (refresh.FULL, "first")

    expected = await _another_operator(transport, _changeable(_world(transport), 6))
    cycle, snapshot = await _cycle(settings, transport)

    assert cycle.ok, cycle.error
    assert cycle.cycle == refresh.REFRESH
    assert cycle.reread == {"new": 0, "audit": 6, "dates": 0, "sweep": 1}
    for sub_id, wanted in expected.items():
        assert _cached(snapshot, sub_id) == wanted
    # The listing, one audit page, 6 customers and a small sweep — against every customer.
    assert cycle.requests * 4 < first.requests, (cycle.requests, first.requests)
    assert cycle.oldest_read is not None


async def test_the_next_cycle_does_not_reread_what_was_handled(settings) -> None:
    transport = _transport(settings)
    await _cycle(settings, transport)
    await _another_operator(transport, _changeable(_world(transport), 2))
    await _cycle(settings, transport)
    again, _ = await _cycle(settings, transport)
    assert again.reread["audit"] == 0


async def test_a_refused_audit_log_falls_back_to_the_full_read(settings) -> None:
    transport = _transport(settings)
    first, _ = await _cycle(settings, transport)
    expected = await _another_operator(transport, _changeable(_world(transport), 3))
    _world(transport).audit_refused_roles.add(roles.INDIRECT_RESELLER)

    cycle, snapshot = await _cycle(settings, transport)

    assert cycle.cycle == refresh.FALLBACK
    assert "1002" in (cycle.cycle_reason or "") or "403" in (cycle.cycle_reason or "")
    assert cycle.ok, cycle.error
    assert cycle.customers_done == first.customers_done
    for sub_id, wanted in expected.items():
        assert _cached(snapshot, sub_id) == wanted


async def test_full_forces_the_full_read(settings) -> None:
    transport = _transport(settings)
    first, _ = await _cycle(settings, transport)
    forced, _ = await _cycle(settings, transport, full=True)
    assert (forced.cycle, forced.cycle_reason) == (refresh.FULL, "forced")
    assert forced.customers_done == first.customers_done


async def test_a_position_older_than_the_log_keeps_means_a_full_read(settings) -> None:
    transport = _transport(settings)
    await _cycle(settings, transport)
    world = _world(transport)
    world.clock.advance((refresh.AUDIT_KEPT + timedelta(days=1)).total_seconds())
    cycle, _ = await _cycle(settings, transport)
    assert (cycle.cycle, cycle.cycle_reason) == (refresh.FULL, "too_old")


async def test_a_passed_cancellation_window_is_reread_without_the_log(settings) -> None:
    transport = _transport(settings)
    await _cycle(settings, transport)
    session = open_session(settings, transport=transport)
    try:
        world = _world(transport)
        due = marks.due_by_dates(session.cache, "9999-12-31T00:00:00Z")
        now_due = marks.due_by_dates(session.cache, world.now().strftime("%Y-%m-%dT%H:%M:%SZ"))
    finally:
        await session.aclose()
    # Something in the cache falls due later (a window closing, a term ending) ...
    assert due - now_due
    later = min(moment for moment in _due_moments(settings, due - now_due)
                if moment > world.now())
    world.clock.advance((later - world.now()).total_seconds() + 60)
    cycle, _ = await _cycle(settings, transport)
    # ... and when it has, the customer is re-read though nobody changed anything.
    assert cycle.cycle == refresh.REFRESH
    assert cycle.reread["dates"] >= 1


def _due_moments(settings: Any, customers: set[str]) -> list[Any]:
    import sqlite3

    from csp_tui.timestamps import parse_timestamp

    conn = sqlite3.connect(settings.locations.cache_db)
    try:
        marks_ = ",".join("?" for _ in customers)
        rows = conn.execute(
            f"SELECT commitment_end_date, cancellation_allowed_until FROM subscriptions "
            f"WHERE customer_id IN ({marks_})", sorted(customers)).fetchall()
    finally:
        conn.close()
    detail = [parse_timestamp(value) for row in rows for value in row if value]
    return [value for value in detail if value is not None]


async def test_what_the_cache_foretells_is_due(settings) -> None:
    import sqlite3

    transport = _transport(settings)
    await _cycle(settings, transport)
    conn = sqlite3.connect(settings.locations.cache_db)
    try:
        ids = [row[0] for row in conn.execute(
            "SELECT c.id FROM customers c WHERE EXISTS (SELECT 1 FROM subscriptions s "
            "WHERE s.customer_id = c.id) ORDER BY c.id LIMIT 4")]
        read_at = "2026-11-24T09:00:00.000000Z"
        now = "2026-11-25T09:00:00.000000Z"
        conn.execute("UPDATE customers SET detail_synced_at = ?", (read_at,))
        conn.execute("UPDATE subscriptions SET commitment_end_date = '2027-06-01T00:00:00Z', "
                     "cancellation_allowed_until = NULL")
        # a cancellation window that closed after the last read
        conn.execute("UPDATE subscriptions SET cancellation_allowed_until = "
                     "'2026-11-24T20:00:00Z' WHERE customer_id = ?", (ids[0],))
        # an Education qualification under review
        conn.execute("INSERT OR REPLACE INTO qualifications(customer_id, qualification, "
                     "vetting_status, synced_at) VALUES (?, 'Education', 'InReview', ?)",
                     (ids[1], read_at))
        # a tenant created here, not listed yet
        conn.execute("UPDATE customers SET created_pending_at = ? WHERE id = ?",
                     (read_at, ids[2]))
        # a term that ended before the last read is not news
        conn.execute("UPDATE subscriptions SET commitment_end_date = '2026-11-01T00:00:00Z' "
                     "WHERE customer_id = ?", (ids[3],))
        conn.execute("DELETE FROM qualifications WHERE customer_id != ?", (ids[1],))
        conn.commit()
        assert marks.due_by_dates(conn, now) == {ids[0], ids[1], ids[2]}
    finally:
        conn.close()
