"""The sync worker against the embedded sandbox: complete, consistent, fault-tolerant."""

from __future__ import annotations

import httpx
import pytest

from csp_tui.cache import store
from csp_tui.sandbox.faults import FaultConfig
from csp_tui.sandbox.transport import SandboxTransport, sandbox_transport
from csp_tui.services import events
from csp_tui.services.session import SANDBOX_BASE_URL, open_session
from csp_tui.services.sync import SyncEngine
from csp_tui.services.sync_order import DetailQueue
from csp_tui.state import invitations


def _transport(settings, **kwargs) -> SandboxTransport:
    return sandbox_transport(settings.locations.sandbox_state, rate_limit=100000, **kwargs)


async def _sync(settings, transport, publish=None):
    session = open_session(settings, transport=transport)
    try:
        engine = SyncEngine(session.client, session.cache, session.state, settings.profile,
                            publish=publish)
        result = await engine.full_sync()
        return result, store.snapshot(session.cache), session
    finally:
        await session.aclose()


def _integrity(path) -> None:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("PRAGMA foreign_keys = ON")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


async def test_full_sync_mirrors_the_sandbox(settings):
    transport = _transport(settings)
    world = transport.world
    seen: list[events.Event] = []
    result, snap, _ = await _sync(settings, transport, seen.append)

    assert result.ok, result.error
    visible = [c for c in world.customers
               if world.listed(world.default_caller, c, world.now())]
    assert result.customers_listed == len(visible) >= 50
    cached_ids = {c["id"] for c in snap["customers"]}
    assert cached_ids == {c.id.lower() for c in visible}
    expected_subs = sum(len(c.subscriptions) for c in visible)
    assert len(snap["subscriptions"]) == expected_subs
    # every kind the seed promises reached the cache
    kinds = {s["kind"] for s in snap["subscriptions"]}
    assert kinds == {"online", "software"}
    assert snap["entitlements"], "perpetual licences come from entitlements"
    assert any(q["vetting_status"] == "inreview" for q in snap["qualifications"])
    assert any(d["is_initial"] for d in snap["domains"])
    # progress and the finish were announced
    assert any(isinstance(e, events.SyncProgress) and e.phase == "details" for e in seen)
    finished = [e for e in seen if isinstance(e, events.SyncFinished)]
    assert finished and finished[-1].ok
    _integrity(settings.locations.cache_db)


async def test_second_sync_reports_no_changes_then_sees_a_quantity_change(settings):
    transport = _transport(settings)
    first, _, _ = await _sync(settings, transport)
    second, _, _ = await _sync(settings, transport)
    assert first.ok and second.ok
    assert second.changes == []

    # Someone changes a subscription in Partner Center (here: directly in the emulator).
    world = transport.world
    customer = next(c for c in world.customers if c.subscriptions
                    and world.listed(world.default_caller, c, world.now()))
    subscription = next(s for s in customer.subscriptions if s.status == "active")
    subscription.quantity += 3
    world.changed()
    third, snap, _ = await _sync(settings, transport)
    changed = [c for c in third.changes if c.kind == "quantity_changed"]
    assert [(c.subscription_id, c.detail["new"] - c.detail["old"]) for c in changed] == [
        (subscription.id.lower(), 3)]
    row = next(s for s in snap["subscriptions"] if s["id"] == subscription.id.lower())
    assert row["quantity"] == subscription.quantity


@pytest.mark.parametrize("forced", [
    ["429", "429", "429"],
    ["500", "503", "500"],
    ["timeout", "timeout"],
    ["malformed", "malformed"],
    ["drop", "drop"],
])
async def test_sync_under_faults_ends_consistent_and_equal_to_a_clean_sync(settings, forced):
    clean, clean_snap, _ = await _sync(settings, _transport(settings))
    assert clean.ok

    # Start over from an empty cache and sync through a faulty sandbox.
    for suffix in ("", "-wal", "-shm"):
        settings.locations.cache_db.with_name("cache.db" + suffix).unlink(missing_ok=True)
    faults = FaultConfig(forced=forced * 3, error_rate=0.05, seed=3, hang_seconds=30,
                         retry_after_seconds=0)
    faulty_transport = _transport(settings, faults=faults)
    faulty, faulty_snap, _session = await _sync(settings, faulty_transport)
    _integrity(settings.locations.cache_db)
    counters = faulty_transport.context.faults.counters
    assert counters.faults_injected >= len(forced)  # the faults really happened

    # Whatever the faults cost, one more clean sync converges to the clean result.
    again, again_snap, _ = await _sync(settings, _transport(settings))
    assert again.ok
    assert again_snap == clean_snap
    if faulty.ok:
        assert faulty_snap == clean_snap


async def test_listing_that_fails_midway_never_marks_customers_removed(settings):
    transport = _transport(settings)
    first, snap, _ = await _sync(settings, transport)
    assert first.ok and not any(c["removed"] for c in snap["customers"])

    # Every request fails: the listing cannot complete.
    broken = _transport(settings, faults=FaultConfig(error_rate=1.0, seed=1))
    result, after, _ = await _sync(settings, broken)
    assert not result.ok
    assert not any(c["removed"] for c in after["customers"])
    assert after == snap


def test_detail_queue_lets_an_urgent_customer_jump_ahead():
    queue = DetailQueue()
    for customer in ["a", "b", "c", "d"]:
        queue.put(customer)
    assert queue.pop() == "a"
    queue.put("d", urgent=True)
    assert [queue.pop(), queue.pop(), queue.pop(), queue.pop()] == ["d", "b", "c", None]


async def test_on_demand_refresh_jumps_the_queue_of_a_running_sync(settings):
    transport = _transport(settings)
    session = open_session(settings, transport=transport)
    order: list[str] = []
    jumped: list[str] = []

    def publish(event):
        if isinstance(event, events.CacheChanged) and len(event.customer_ids) == 1:
            order.extend(event.customer_ids)
        if isinstance(event, events.SyncProgress) and event.phase == "details" \
                and event.done == 1 and not jumped:
            last = session.cache.execute(
                "SELECT id FROM customers ORDER BY sort_key DESC LIMIT 1").fetchone()[0]
            jumped.append(last)
            assert engine.jump_queue(last)

    engine = SyncEngine(session.client, session.cache, session.state, settings.profile,
                        publish=publish, concurrency=1)
    try:
        result = await engine.full_sync()
    finally:
        await session.aclose()
    assert result.ok
    # With one worker, the customer asked for is the very next one read.
    assert order.index(jumped[0]) == 1
    assert not engine.jump_queue("x")  # no sync running any more


async def test_a_pending_invitation_is_accepted_when_the_customer_appears(settings):
    transport = _transport(settings)
    prospects = transport.world.prospects()
    assert prospects, "the sandbox has tenants waiting for an invitation"
    prospect = prospects[0]
    domain = prospect.all_domains[-1]

    session = open_session(settings, transport=transport)
    invitation = invitations.record(
        session.state, company_name=prospect.company_name, contact_name="Jana Nováková",
        contact_email="jana@example.cz", domain=domain, link="https://admin.microsoft.com/x")
    await session.aclose()

    first, _, _ = await _sync(settings, transport)
    assert not [c for c in first.changes if c.kind == "invitation_accepted"]

    async with httpx.AsyncClient(transport=transport, base_url=SANDBOX_BASE_URL) as client:
        response = await client.post("/_emulator/invitations/accept", json={"domain": domain})
        assert response.status_code == 200

    seen: list[events.Event] = []
    second, _, session = await _sync(settings, transport, seen.append)
    accepted = [c for c in second.changes if c.kind == "invitation_accepted"]
    assert [c.detail["invitation_id"] for c in accepted] == [invitation.id]
    assert any(isinstance(e, events.InvitationAccepted) and e.invitation_id == invitation.id
               for e in seen)
    session = open_session(settings, transport=transport)
    try:
        stored = invitations.get(session.state, invitation.id)
        assert stored.status == "accepted"
        assert stored.customer_id == prospect.id.lower()
    finally:
        await session.aclose()
