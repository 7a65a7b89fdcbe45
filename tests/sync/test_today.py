"""Today, end to end: a sandbox world synced, looked at, then changed through the sandbox's
controls (an invitation accepted, the virtual clock moved), through Partner Center (seats
added there) and through this console (auto-renew switched via the outbox), synced again.

The expected entries are not read from the sync's events: they come from comparing the cache,
the ledger and the CLI's subscription listing before and after — so the test fails if the
events, Today's reading of them, or the console and the CLI disagree.
"""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from csp_tui import cli
from csp_tui import sandbox_identity as identity
from csp_tui.config import load_settings
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.services import commerce_rules as rules
from csp_tui.services import today as today_service
from csp_tui.services.invitations import world_timestamp
from csp_tui.services.outbox_runner import OutboxRunner
from csp_tui.services.qualifications import EXPECTED_WORKING_DAYS, working_days_between
from csp_tui.services.session import SANDBOX_BASE_URL, open_session
from csp_tui.services.subscriptions.plan import plan_action
from csp_tui.services.subscriptions.queue import queue_action
from csp_tui.services.sync import SyncEngine
from csp_tui.state import invitations as ledger
from csp_tui.state import seen_marks
from csp_tui.timestamps import parse_timestamp, stamp
from csp_tui.tui.app import CspApp
from csp_tui.tui.screens.today import TodayScreen
from csp_tui.world_clock import WorldClock, world_clock_for
from tui.conftest import FakeBackend, screen_text

from .conftest import FAST_PROFILE, frozen_world_file

ADVANCE_DAYS = 2
ADDED_SEATS = 3


def _customers(cache) -> set[str]:
    return {row[0] for row in cache.execute("SELECT id FROM customers WHERE removed_at IS NULL")}


def _subscriptions(cache) -> dict[str, tuple[str, Any, Any, Any]]:
    return {row[0]: row[1:] for row in cache.execute(
        "SELECT id, customer_id, quantity, status, auto_renew FROM subscriptions")}


def _qualifications(cache) -> dict[tuple[str, str], str | None]:
    return {(row[0], row[1]): row[2] for row in cache.execute(
        "SELECT customer_id, qualification, vetting_status FROM qualifications")}


def _expected_changes(before: dict[str, Any], after: dict[str, Any]) -> set[tuple]:
    """(kind, customer, subscription) of every change, from the two pictures of the cache."""
    expected: set[tuple] = set()
    for customer in after["customers"] - before["customers"]:
        expected.add(("customer_added", customer, None))
    for customer in before["customers"] - after["customers"]:
        expected.add(("customer_removed", customer, None))
    for sub_id, (customer, quantity, status, renew) in after["subs"].items():
        old = before["subs"].get(sub_id)
        if old is None:
            if customer in before["customers"]:
                expected.add(("subscription_added", customer, sub_id))
            continue
        if old[1] != quantity:
            expected.add(("quantity_changed", customer, sub_id))
        if old[2] != status:
            expected.add(("status_changed", customer, sub_id))
        if old[3] != renew:
            expected.add(("auto_renew_changed", customer, sub_id))
    for key, status in after["quals"].items():
        if key in before["quals"] and before["quals"][key] != status:
            expected.add(("education_decision", key[0], None))
    return expected


def _picture(session) -> dict[str, Any]:
    return {"customers": _customers(session.cache), "subs": _subscriptions(session.cache),
            "quals": _qualifications(session.cache)}


def _cli(capsys, *args: str) -> str:
    capsys.readouterr()
    assert cli.main(["today", *args, "--profile", "distributor"]) == 0
    return capsys.readouterr().out


# A distributor: it changes subscriptions itself (a reseller asks its distributor to).
PROVIDER = FAST_PROFILE.replace("[profiles.sandbox]", "[profiles.distributor]") + \
    'role = "indirect-provider"\n'


@pytest.fixture
async def world(isolated_home):
    (isolated_home / "config.toml").write_text(PROVIDER, encoding="utf-8")
    settings = load_settings("distributor")
    frozen_world_file(settings.locations.sandbox_state)
    transport = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)
    session = open_session(settings, transport=transport)
    emulator = httpx.AsyncClient(transport=transport, base_url=SANDBOX_BASE_URL)
    yield settings, session, emulator
    await emulator.aclose()
    await session.aclose()


async def test_today_says_exactly_what_changed_and_what_is_due(world, capsys) -> None:
    settings, session, emulator = world
    # The world's clock, as the console's worker and ``csp-tui sync`` give it: a sandbox sync
    # stamps what it finds by the sandbox's time (here frozen weeks before the wall's).
    sync = SyncEngine(session.client, session.cache, session.state, settings.profile,
                      clock=world_clock_for(settings).now)
    assert (await sync.full_sync()).ok
    clock = WorldClock(settings.locations.sandbox_state)

    prospects = (await emulator.get("/_emulator/prospects")).json()["items"]
    waiting = [p for p in prospects if p["status"] == "waiting" and p["acceptsAfter"] is None]
    assert waiting, "the demo world has a prospect that waits for an invitation"
    prospect = waiting[0]
    accepted = ledger.record(session.state, company_name=prospect["companyName"],
                             contact_name="Jana Nováková", contact_email="jana@example.cz",
                             domain=prospect["domain"], link="https://admin.microsoft.com/x",
                             now=world_timestamp(settings))
    # Sent long before the world's now, to a domain nobody will accept: waiting too long.
    old = ledger.record(session.state, company_name="Kemp Pod Hradem s.r.o.",
                        contact_name="Petr Malý", contact_email="petr@kemp-nikdy.cz",
                        domain="kemp-nikdy.cz", link="https://admin.microsoft.com/y",
                        now=stamp(clock.now() - timedelta(
                            days=settings.profile.invitation_stale_days + 3)))

    # The person looks: from here on, everything is new.
    baseline = today_service.build_today(session.cache, session.state, now=clock.now(),
                                         since=None)
    seen_marks.mark_seen(session.state, event_id=baseline.last_event)
    looked = parse_timestamp(seen_marks.last_seen(session.state))
    looked_event = seen_marks.last_event(session.state)
    assert looked_event is not None
    first = today_service.build_today(session.cache, session.state, now=clock.now(),
                                      since=looked, since_event=looked_event)
    assert first.changed == ()
    before = _picture(session)

    # Someone at Partner Center adds seats to one active subscription ...
    active = session.cache.execute(
        "SELECT customer_id, id, quantity FROM subscriptions WHERE status = 'active' "
        "AND kind = 'online' AND auto_renew = 1 ORDER BY id").fetchall()
    pc_customer, pc_sub, pc_quantity = active[0]
    body = {**(await session.client.get_subscription(pc_customer, pc_sub)).raw,
            "quantity": pc_quantity + ADDED_SEATS}
    await session.client.patch_subscription(pc_customer, body, request_id="today-seats")
    # ... this console switches auto-renew off on another, through the outbox ...
    own_customer, own_sub, _ = next(row for row in active[1:] if row[0] != pc_customer)
    plan = plan_action(session.cache, own_sub, rules.TOGGLE_AUTO_RENEW, now=clock.now(),
                       profile=settings.profile, customer_id=own_customer)
    queue_action(session.state, plan, customer_id=own_customer, subscription_id=own_sub,
                 profile=settings.profile)
    assert await OutboxRunner(session.client, session.state).run_once() == 1
    # ... the prospect accepts the invitation, and the world's clock moves on.
    answer = await emulator.post("/_emulator/invitations/accept",
                                 json={"domain": prospect["domain"]})
    assert answer.status_code == 200
    answer = await emulator.post("/_emulator/clock/advance", json={"days": ADVANCE_DAYS})
    assert answer.status_code == 200
    # The next sync is a refresh cycle: it follows the audit log, which names who changed.
    cycle = await sync.refresh()
    assert cycle.ok and cycle.kind == "refresh"
    now = clock.now()
    after = _picture(session)

    report = today_service.build_today(session.cache, session.state, now=now, since=looked,
                                       since_event=looked_event)

    # Since you last looked: exactly the changes the two pictures differ by, plus the
    # invitation the sync matched and the outbox entry that finished.
    expected = _expected_changes(before, after)
    assert ("quantity_changed", pc_customer, pc_sub) in expected
    assert ("auto_renew_changed", own_customer, own_sub) in expected
    new_customer = prospect["tenantId"].lower()
    assert ("customer_added", new_customer, None) in expected
    expected |= {("invitation_accepted", new_customer, None),
                 ("outbox_done", own_customer, own_sub)}
    got = [(e.kind, e.customer_id, e.subscription_id) for e in report.changed]
    assert len(got) == len(set(got))
    assert set(got) == expected
    by_key = {(e.kind, e.subscription_id): e for e in report.changed}
    seats = by_key[("quantity_changed", pc_sub)]
    assert (seats.fields["old"], seats.fields["new"]) == (pc_quantity, pc_quantity + ADDED_SEATS)
    assert seats.fields["by"] == "partner_center"
    # The distributor's operator, as the audit log names them.
    assert seats.fields["user"] == f"operator@{identity.PROVIDER_TENANT_ID}"
    assert f"by operator@{identity.PROVIDER_TENANT_ID} in Partner Center" in seats.text
    renew = by_key[("auto_renew_changed", own_sub)]
    assert (renew.fields["old"], renew.fields["new"], renew.fields["by"]) == (
        True, False, "console")
    assert f"{pc_quantity} → {pc_quantity + ADDED_SEATS}" in seats.text

    # Due, against the CLI's own subscription listing (a different read of the same cache).
    capsys.readouterr()
    assert cli.main(["subscriptions", "--json", "--profile", "distributor"]) == 0
    listing = json.loads(capsys.readouterr().out)
    local = now.astimezone()
    end_of_tomorrow = datetime.combine(local.date() + timedelta(days=2), datetime.min.time(),
                                       tzinfo=local.tzinfo)
    windows = {row["id"] for row in listing if row["status"] == "active"
               and row["cancellation_allowed_until"]
               and now < parse_timestamp(row["cancellation_allowed_until"]) < end_of_tomorrow}
    renewals = {row["id"] for row in listing if row["status"] == "active"
                and row["commitment_end_date"]
                and now < parse_timestamp(row["commitment_end_date"]) + timedelta(days=1)
                <= now + timedelta(days=30)}
    due = [(e.kind, e.subscription_id or e.invitation_id or e.customer_id) for e in report.due]
    assert {sub for kind, sub in due if kind.startswith("window_closing")} == windows
    assert {sub for kind, sub in due if kind.startswith("renewal_")} == renewals
    assert {inv for kind, inv in due if kind == "invitation_waiting"} == {old.id}
    assert accepted.id not in {inv for _, inv in due}
    overdue = {row[0] for row in session.cache.execute(
        "SELECT customer_id, vetting_created_at FROM qualifications "
        "WHERE lower(vetting_status) = 'inreview'")
        if working_days_between(parse_timestamp(row[1]), now) > EXPECTED_WORKING_DAYS}
    assert {c for kind, c in due if kind == "education_overdue"} == overdue
    off = [e for e in report.due if e.kind.startswith("renewal_")
           and e.fields["auto_renew"] is False]
    assert all("OFF" in e.text for e in off)

    # The console shows the same entries, in the same order.
    backend = FakeBackend(settings, session.cache, session.state)
    app = CspApp(backend, clock=lambda: now, animation_level="none", cursor_blink=False,
                 tick_seconds=None)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("t")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, TodayScreen)
            assert [e.as_json() for e in screen.entries.values()] == [
                e.as_json() for e in (*report.changed, *report.due)]
            assert "Since you last looked" in screen_text(app)
    finally:
        backend.writer.close()

    # The CLI says the same, in JSON and in its plain text.
    document = json.loads(await asyncio.to_thread(_cli, capsys, "--output", "json"))
    assert document["changed"] == [e.as_json() for e in report.changed]
    assert [e["kind"] for e in document["due"]] == [e.kind for e in report.due]
    text = await asyncio.to_thread(_cli, capsys)
    assert "\x1b[" not in text  # never colour: a cron job mails it
    for entry in (*report.changed, *report.due):
        assert entry.text in text

    # --mark-seen moves the marker: the next report has nothing new.
    await asyncio.to_thread(_cli, capsys, "--mark-seen")
    assert parse_timestamp(seen_marks.last_seen(session.state)) > looked
    again = json.loads(await asyncio.to_thread(_cli, capsys, "--output", "json"))
    assert again["changed"] == []
    # --since goes back by the wall clock, whatever the marker says.
    window = json.loads(await asyncio.to_thread(_cli, capsys, "--since", "1h", "--output",
                                                "json"))
    # (The sandbox stamps what a sync finds by its own clock, here weeks behind the wall's: a
    # period of the wall clock holds what the outbox and the listing recorded.)
    kinds = {e["kind"] for e in window["changed"]}
    assert "outbox_done" in kinds and kinds <= {e.kind for e in report.changed}
    assert datetime.now(UTC) - datetime.fromisoformat(window["since"]) < timedelta(hours=2)
