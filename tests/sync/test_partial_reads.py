"""Each part of a customer is read on its own: a part refused (403), not offered (404 on its
route) or still failing after retries (5xx, timeout, unreadable body) keeps its previous rows,
is recorded with the reason, and the other parts are written; the run ends ``partial``."""

from __future__ import annotations

import httpx
import pytest

from csp_tui.cache import db as dbmod
from csp_tui.cache import store, views
from csp_tui.cli.sync import EXIT_INCOMPLETE, _summary
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.services.part_words import part_line
from csp_tui.services.sync import SyncEngine
from csp_tui.state.db import open_state
from csp_tui.timestamps import parse_timestamp

from .fake_partner_center import (
    BASE,
    CUSTOMER_A,
    CUSTOMER_B,
    FAULT_BODIES,
    FakePartnerCenter,
    FakeTokens,
    no_sleep,
)

PART_TABLES = {
    "customer": "SELECT email FROM customers WHERE id = ?",
    "subscriptions": "SELECT id, quantity FROM subscriptions WHERE customer_id = ? ORDER BY id",
    "entitlements": "SELECT id, quantity FROM entitlements WHERE customer_id = ? ORDER BY id",
    "qualifications": "SELECT qualification, vetting_status FROM qualifications "
                      "WHERE customer_id = ?",
    "relationships": "SELECT partner_id, name FROM customer_relationships "
                     "WHERE customer_id = ? ORDER BY partner_id",
    "seats": "SELECT sku_id, consumed_units FROM subscribed_skus WHERE customer_id = ? "
             "ORDER BY sku_id",
}


class World:
    """The fake Partner Center, a cache and a state database, and a sync engine over them."""

    def __init__(self, settings, tmp_path) -> None:
        self.pc = FakePartnerCenter()
        self.settings = settings
        self.cache = dbmod.open_cache(tmp_path / "cache.db")
        self.state = open_state(tmp_path / "state.db")

    def client(self) -> PartnerCenterClient:
        # No waiting between retries: a 5xx or a timeout is retried, then given up, at once.
        return PartnerCenterClient(BASE, FakeTokens(), transport=self.pc.transport(),
                                   max_retries=2, sleep=no_sleep)

    async def sync(self):
        client = self.client()
        try:
            engine = SyncEngine(client, self.cache, self.state, self.settings.profile)
            return await engine.full_sync()
        finally:
            await client.aclose()

    def rows(self, part: str, customer_id: str) -> list[tuple]:
        return self.cache.execute(PART_TABLES[part], (customer_id,)).fetchall()

    def part_row(self, customer_id: str, part: str) -> dict | None:
        cursor = self.cache.execute(
            "SELECT * FROM customer_parts WHERE customer_id = ? AND part = ?",
            (customer_id, part))
        row = cursor.fetchone()
        return None if row is None else dict(zip([c[0] for c in cursor.description], row,
                                                 strict=True))

    def run_status(self, run_id: int) -> str:
        return self.cache.execute("SELECT status FROM sync_runs WHERE id = ?",
                                       (run_id,)).fetchone()[0]


@pytest.fixture
def world(settings, tmp_path):
    return World(settings, tmp_path)


async def test_first_sync_reads_every_part_and_says_what_it_added(world):
    result = await world.sync()

    assert result.ok and result.status == "ok", result.error
    assert world.run_status(result.run_id) == "ok"
    for customer_id in (CUSTOMER_A, CUSTOMER_B):
        for part in store.PARTS:
            assert world.part_row(customer_id, part)["state"] == "ok"
        assert world.rows("subscriptions", customer_id)
    assert result.added == {"customers": 2, "subscriptions": 2, "perpetual": 4}
    summary = "\n".join(_summary(result))
    assert "Added 2 customers, 2 subscriptions and 4 perpetual licences." in summary
    assert "No changes" not in summary

    again = await world.sync()
    assert again.ok and again.added is None
    assert "No changes." in "\n".join(_summary(again))


FAULTS = [
    *[(part, fault) for part in store.PARTS for fault in (403, 500, "timeout", "malformed")],
    # A 404 on a part's route (the customer itself is readable): not offered to this role.
    *[(part, 404) for part in store.PARTS if part != "customer"],
]
EXPECTED_STATE = {403: "refused", 404: "missing", 500: "failed", "timeout": "failed",
                  "malformed": "failed"}


@pytest.mark.parametrize(("part", "fault"), FAULTS,
                         ids=[f"{part}-{fault}" for part, fault in FAULTS])
async def test_a_part_not_read_keeps_its_rows_and_the_others_are_written(world, part, fault):
    first = await world.sync()
    assert first.ok, first.error
    before = {name: world.rows(name, CUSTOMER_A) for name in store.PARTS}
    first_read = world.part_row(CUSTOMER_A, part)["read_at"]

    # Partner Center moves on (every part changes), and one part of A cannot be read.
    world.pc.version = 2
    world.pc.faults[(CUSTOMER_A, part)] = fault
    result = await world.sync()

    assert not result.ok and result.partial and result.status == "partial"
    assert world.run_status(result.run_id) == "partial"
    # The part not read keeps exactly what the cache had ...
    assert world.rows(part, CUSTOMER_A) == before[part]
    # ... and says why, and since when.
    recorded = world.part_row(CUSTOMER_A, part)
    assert recorded["state"] == EXPECTED_STATE[fault]
    assert recorded["last_ok_at"] == first_read
    assert recorded["read_at"] > first_read
    if isinstance(fault, int):
        assert recorded["status"] == fault
        assert recorded["message"]
    # Every other part of A, and all of B, was written with the new data.
    for other in store.PARTS:
        if other != part:
            assert world.rows(other, CUSTOMER_A) != before[other], other
            assert world.part_row(CUSTOMER_A, other)["state"] == "ok"
        assert world.part_row(CUSTOMER_B, other)["state"] == "ok"
    assert [(p.customer_id, p.part, p.state) for p in result.incomplete] == [
        (CUSTOMER_A, part, EXPECTED_STATE[fault])]

    # The summary says which part of how many customers, and why; never "No changes".
    summary = "\n".join(_summary(result))
    assert "Incomplete: 1 part(s) of 1 customer(s) could not be read" in summary
    assert f"{t_part(part)} of 1 customer(s): " in summary
    assert "No changes" not in summary

    # The next clean read clears the mark.
    world.pc.faults.clear()
    again = await world.sync()
    assert again.ok
    assert world.part_row(CUSTOMER_A, part)["state"] == "ok"


def t_part(part: str) -> str:
    from csp_tui.services.part_words import part_name

    return part_name(part)


async def test_a_404_on_the_customer_record_means_not_visible_and_writes_nothing(world):
    await world.sync()
    before = {name: world.rows(name, CUSTOMER_A) for name in store.PARTS}
    world.pc.version = 2
    world.pc.faults[(CUSTOMER_A, "customer")] = 404

    result = await world.sync()

    assert result.ok and not result.incomplete  # gone or not visible yet: not a stale part
    assert {name: world.rows(name, CUSTOMER_A) for name in store.PARTS} == before
    assert world.part_row(CUSTOMER_A, "customer")["state"] == "ok"
    assert world.rows("subscriptions", CUSTOMER_B)[0][1] == 20  # B was read as usual


async def test_a_part_refused_on_the_first_read_is_not_available_to_this_role(world):
    world.pc.faults[(CUSTOMER_A, "subscriptions")] = 403
    world.pc.faults[(CUSTOMER_B, "subscriptions")] = 403
    world.pc.faults[(CUSTOMER_B, "entitlements")] = 404

    result = await world.sync()

    assert result.partial
    assert world.rows("subscriptions", CUSTOMER_A) == []
    assert world.rows("entitlements", CUSTOMER_A)  # the other parts arrived
    summary = _summary(result)
    text = "\n".join(summary)
    assert "Incomplete: 3 part(s) of 2 customer(s) could not be read" in text
    # Grouped: one line for the subscriptions of both customers.
    assert ("  subscriptions of 2 customer(s): not available to this role (Partner Center "
            "refused: Access is denied for this operation. (HTTP 403, code 2000))") in summary
    assert ("  perpetual licences (entitlements) of 1 customer(s): not available to this role "
            "(Partner Center does not offer this read: The resource was not found. "
            "(HTTP 404, code 2001))") in summary
    assert "Added 2 customers" in text

    detail = views.customer_detail(world.cache, CUSTOMER_A)
    assert [part.part for part in detail.stale_parts] == ["subscriptions"]
    assert part_line(detail.stale_parts[0]) == (
        "Subscriptions: not available to this role (Partner Center refused: Access is denied "
        "for this operation. (HTTP 403, code 2000))")


async def test_a_part_failing_after_an_earlier_read_says_when_it_was_last_read(world):
    from datetime import UTC

    from csp_tui.i18n import set_language

    await world.sync()
    world.pc.faults[(CUSTOMER_A, "entitlements")] = 500
    await world.sync()
    stale = views.customer_detail(world.cache, CUSTOMER_A).stale_parts
    assert [part.part for part in stale] == ["entitlements"]
    last_ok = parse_timestamp(stale[0].last_ok_at)
    set_language("cs")
    try:
        line = part_line(stale[0], UTC)
    finally:
        set_language("en")
    when = f"{last_ok.day}. {last_ok.month}. {last_ok.year} {last_ok:%H:%M}"
    assert line == (f"Trvalé licence: naposledy načteno {when}, nepodařilo se načíst: "
                    "Internal server error. (odpověď HTTP 500, kód 3000)")
    # Kept rows still count: the entitlements are there from the first read.
    assert views.customer_detail(world.cache, CUSTOMER_A).entitlement_count == 2


async def test_a_refused_subscriptions_read_does_not_announce_them_as_new_later(world):
    world.pc.faults[(CUSTOMER_A, "subscriptions")] = 403
    await world.sync()
    world.pc.faults.clear()
    result = await world.sync()
    # Never read before: they are the first read of that part, not news.
    assert result.ok
    assert [c for c in result.changes if c.kind == "subscription_added"] == []
    assert world.rows("subscriptions", CUSTOMER_A)


def test_sync_exit_code_for_incomplete_is_distinct():
    from csp_tui.cli import sync as sync_command

    assert EXIT_INCOMPLETE == 3
    assert len({sync_command.EXIT_FAILURE, sync_command.EXIT_USAGE, EXIT_INCOMPLETE, 0}) == 4


def test_the_status_line_says_the_last_sync_was_incomplete(settings):
    from datetime import UTC, datetime

    from csp_tui.cache.db import open_cache
    from csp_tui.services import events
    from csp_tui.services.worker import WorkerBackend
    from csp_tui.tui.widgets.status_bar import sync_text

    # A partial run counts as a finished sync (no new sync every minute for a read the role
    # lacks), and a console started afterwards says it was incomplete.
    cache = open_cache(settings.locations.cache_db)
    run = store.start_run(cache, "full", now="2026-12-03T09:42:00Z")
    store.finish_run(cache, run, "partial", error="1 part(s) of 1 customer(s) could not be read",
                     now="2026-12-03T09:42:05Z")
    cache.close()
    backend = WorkerBackend(settings, periodic=False)
    status = backend.status()
    assert status.last_success_at == datetime(2026, 12, 3, 9, 42, 5, tzinfo=UTC)
    assert status.incomplete == "1 part(s) of 1 customer(s) could not be read"
    now = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    assert sync_text(status, now) == (
        "Synced 09:42, incomplete: 1 part(s) of 1 customer(s) could not be read", "error")

    # The next partial run says so too; a complete one clears it.
    backend._on_engine_event(events.SyncFinished(2, "full", False, "2 part(s) …", partial=True))
    assert backend.status().sync_state == "idle"
    assert backend.status().incomplete == "2 part(s) …"
    backend._on_engine_event(events.SyncFinished(3, "full", True, None))
    assert backend.status().incomplete is None
    assert sync_text(backend.status(), now)[1] == ""


class _RouteRefused(httpx.AsyncBaseTransport):
    """The sandbox, except one per-customer route, which answers as Partner Center does to a
    role that cannot use it (a 404 on the route, for every customer)."""

    def __init__(self, inner: httpx.AsyncBaseTransport, route: str, status: int) -> None:
        self.inner, self.route, self.status = inner, route, status

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.rstrip("/").endswith(f"/{self.route}"):
            return httpx.Response(self.status, json=FAULT_BODIES[self.status])
        return await self.inner.handle_async_request(request)


async def test_sandbox_a_route_the_role_cannot_use_still_lets_subscriptions_in(settings):
    """The issue's case: entitlements answer 404 for every customer; before, no customer's
    subscriptions reached the cache and the sync said all was well."""
    from csp_tui.sandbox.transport import sandbox_transport
    from csp_tui.services.session import open_session

    inner = sandbox_transport(settings.locations.sandbox_state, rate_limit=100000)
    session = open_session(settings, transport=_RouteRefused(inner, "entitlements", 404))
    try:
        engine = SyncEngine(session.client, session.cache, session.state, settings.profile)
        result = await engine.full_sync()
        snap = store.snapshot(session.cache)
    finally:
        await session.aclose()

    world = inner.world
    visible = [c for c in world.customers if world.listed(world.default_caller, c, world.now())]
    assert result.partial and result.customers_done == len(visible)
    assert len(snap["subscriptions"]) == sum(len(c.subscriptions) for c in visible) > 0
    assert snap["entitlements"] == []
    assert {(p.part, p.state) for p in result.incomplete} == {("entitlements", "missing")}
    assert len(result.incomplete) == len(visible)
    assert "No changes" not in "\n".join(_summary(result))


async def test_a_refused_sign_in_on_a_part_still_ends_the_run(world):
    from csp_tui.partner_center import errors as pce

    await world.sync()
    world.pc.faults[(CUSTOMER_B, "qualifications")] = 401
    with pytest.raises(pce.AuthenticationError):
        await world.sync()
    status = world.cache.execute(
        "SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert status == "failed"
    # Not recorded as a stale part: signing in again is the fix, not the role.
    assert world.part_row(CUSTOMER_B, "qualifications")["state"] == "ok"
