"""Hard limits on one answer: a total deadline, a body cap, and length caps on text fields."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import httpx
import pytest

from csp_tui.domain.caps import MAX_TEXT_CHARS, TRUNCATION_MARKER
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.client import PartnerCenterClient

from .fake_pc import FakePartnerCenter, StaticTokens, customer, subscription, sync_against


async def test_long_text_is_stored_truncated_with_a_marker(settings):
    name = "Á" * 50_000
    fake = FakePartnerCenter(
        customers=[customer("c1", name)],
        subscriptions={"c1": [subscription("s1", friendlyName="x" * 20_000)]})
    result, snap, _ = await sync_against(settings, fake)
    assert result.ok, result.error
    [row] = snap["customers"]
    assert len(row["company_name"]) == MAX_TEXT_CHARS
    assert row["company_name"].endswith(TRUNCATION_MARKER)
    assert row["company_name"].startswith("ÁÁÁ")
    raw = json.loads(row["raw_json"])  # still valid JSON, and bounded
    assert len(row["raw_json"]) < 10 * MAX_TEXT_CHARS
    assert raw["companyProfile"]["companyName"].endswith(TRUNCATION_MARKER)
    [sub] = snap["subscriptions"]
    assert sub["friendly_name"].endswith(TRUNCATION_MARKER)
    assert len(sub["friendly_name"]) == MAX_TEXT_CHARS
    conn = sqlite3.connect(settings.locations.cache_db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


async def test_an_id_longer_than_any_real_one_spoils_its_item(settings):
    fake = FakePartnerCenter(customers=[customer("c1"), customer("c" * 5_000)])
    result, snap, _ = await sync_against(settings, fake)
    assert [c["id"] for c in snap["customers"]] == ["c1"]
    assert "id longer than" in result.skipped_items[0]


def _client(handler, **kwargs) -> PartnerCenterClient:
    return PartnerCenterClient("https://pc.hostile.test", StaticTokens(),
                               transport=httpx.MockTransport(handler), max_retries=0, **kwargs)


async def test_a_body_over_the_cap_is_refused_without_reading_it_whole():
    chunks_sent = 0

    async def flood():
        nonlocal chunks_sent
        yield b'{"items": [{"id": "a", "companyProfile": {"companyName": "'
        while True:  # never ends: only the cap stops it
            chunks_sent += 1
            yield b"x" * 65_536

    client = _client(lambda request: httpx.Response(200, content=flood()),
                     max_body_bytes=1_000_000)
    with pytest.raises(pce.MalformedResponseError) as raised:
        await client.list_customers()
    assert "larger than" in str(raised.value)
    assert chunks_sent < 40  # ~1 MB read, then stopped
    await client.aclose()


async def test_a_declared_length_over_the_cap_is_refused_before_reading():
    client = _client(lambda request: httpx.Response(
        200, content=b"[]", headers={"content-length": str(10**12)}), max_body_bytes=1_000)
    with pytest.raises(pce.MalformedResponseError):
        await client.list_customers()
    await client.aclose()


async def test_a_server_that_drips_is_stopped_by_the_deadline():
    """Each byte arrives well inside the per-read timeout; only the total deadline ends it."""
    drips = 0

    async def drip():
        nonlocal drips
        yield b'{"items": ['
        while True:
            drips += 1
            await asyncio.sleep(0.05)
            yield b" "

    client = _client(lambda request: httpx.Response(200, content=drip()), timeout=5.0,
                     deadline=0.5)
    with pytest.raises(pce.TransportError) as raised:
        await client.list_customers()
    assert raised.value.message_key == "pc.transport.deadline"
    assert "0.5 s" in str(raised.value)
    assert drips < 100  # stopped long before the server would have finished (never)
    await client.aclose()


async def test_a_sync_against_a_dripping_server_ends_failed_with_words(settings):
    async def drip():
        yield b'{"items": ['
        while True:
            await asyncio.sleep(0.05)
            yield b" "

    fake = FakePartnerCenter(customers=[customer("c1")])
    fake.routes["/v1/customers"] = lambda request: httpx.Response(200, content=drip())
    result, _, run = await sync_against(settings, fake)  # profile: 0.5 s timeout, 2 s deadline
    assert not result.ok
    assert run["status"] == "failed"
    assert "did not finish its answer within 2 s" in run["error"]


async def test_one_customer_that_answers_just_in_time_forever_is_given_up(settings):
    """Each call is within its own deadline, but one customer's reads never end: that
    customer fails by the step deadline, the others are kept."""
    from csp_tui.services.session import open_session
    from csp_tui.services.sync import SyncEngine

    from .fake_pc import StaticTokens

    async def slow(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(0.3)  # inside the 2 s call deadline, every time
        return httpx.Response(500)  # and retried, again and again

    fake = FakePartnerCenter(customers=[customer("c1"), customer("c2")],
                             subscriptions={"c2": [subscription("s2")]})
    fake.routes["/v1/customers/c1/subscriptions"] = slow
    session = open_session(settings, transport=httpx.MockTransport(fake.handle),
                           token_provider=StaticTokens())
    try:
        engine = SyncEngine(session.client, session.cache, session.state, settings.profile)
        engine.step_deadline_s = 1.0
        result = await engine.full_sync()
        rows = session.cache.execute("SELECT customer_id, id FROM subscriptions").fetchall()
    finally:
        await session.aclose()
    assert rows == [("c2", "s2")]
    assert "not read within 1 s" in result.failed_customers["c1"]
