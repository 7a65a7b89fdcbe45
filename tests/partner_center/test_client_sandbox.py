"""The REST client against the embedded sandbox: the same code path production uses."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime

import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.auth import SandboxTokenProvider
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.partner_center.models import CustomerCreate, CustomerFilter
from csp_tui.partner_center.ratelimit import RateLimiter
from csp_tui.sandbox.app import create_sandbox
from csp_tui.sandbox.ratelimit import RateLimiter as SandboxLimiter
from csp_tui.sandbox.transport import SandboxTransport

FROZEN_AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
BASE = "https://sandbox.test"
RESELLER = SandboxTokenProvider("indirect-reseller", identity.RESELLER_TENANT_ID)
PROVIDER = SandboxTokenProvider("indirect-provider", identity.PROVIDER_TENANT_ID)


def _client(transport, tokens=RESELLER, **kwargs) -> PartnerCenterClient:
    calls: list = []
    client = PartnerCenterClient(BASE, tokens, transport=transport, rng=random.Random(1),
                                 on_call=calls.append, **kwargs)
    client.calls = calls  # type: ignore[attr-defined]
    return client


def _sandbox(customers: int = 67, **kwargs):
    app, world = create_sandbox(None, customers=customers, frozen_at=FROZEN_AT, **kwargs)
    return SandboxTransport(app), world


async def test_paging_across_pages_returns_every_customer_once():
    transport, world = _sandbox(customers=1150, rate_limit=100000)
    async with _client(transport) as client:
        pages = [page async for page in client.iter_customer_pages(size=500)]
    ids = [c.id.lower() for page in pages for c in page]
    visible = {c.id.lower() for c in world.customers
               if world.listed(world.default_caller, c, world.now())}
    assert len(pages) == 3 and [len(p) for p in pages[:2]] == [500, 500]
    assert len(ids) == len(set(ids)) and set(ids) == visible
    # pages 2 and 3 carried the continuation token from the previous page
    assert [c.path.count("seekOperation=Next") for c in client.calls] == [0, 1, 1]


async def test_filter_starts_with_is_applied_by_the_server():
    transport, world = _sandbox()
    target = world.customers[0]
    async with _client(transport, PROVIDER) as client:
        found = await client.list_customers(
            filter=CustomerFilter(field="Domain", value=target.domain[:6]))
    assert target.id.lower() in {c.id.lower() for c in found}
    assert all(c.company_profile.domain.startswith(target.domain[:6]) for c in found)


async def test_throttling_is_honoured_not_fought():
    """The server allows 10 requests a minute; the client must wait out every 429's
    Retry-After (on a fake clock the server's limiter shares) and still get every answer."""
    transport, world = _sandbox()
    now = [0.0]
    transport.context.limiter = SandboxLimiter(10, monotonic=lambda: now[0])
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    ids = [c.id for c in world.customers if world.listed(world.default_caller, c, world.now())]
    limiter = RateLimiter(100000, clock=lambda: now[0], sleep=fake_sleep)
    async with _client(transport, sleep=fake_sleep, rate_limiter=limiter) as client:
        results = [await client.get_customer(customer_id) for customer_id in ids[:20]]
    assert [r.id for r in results] == ids[:20]
    throttled = [c for c in client.calls if c.status == 429]
    assert len(throttled) >= 10 - 1
    assert client.stats.throttled == len(throttled)
    # 10 requests fit the first minute; the other 10 each waited about 6 s (60 s / 10).
    assert 50 <= sum(slept) <= 90


async def test_typed_errors_carry_the_partner_center_code():
    transport, _world = _sandbox()
    body = CustomerCreate(company_name="Nová firma s.r.o.", email="a@novafirma.cz",
                          first_name="Jan", last_name="Novák", address_line1="Husova 1",
                          city="Tábor", postal_code="39002", country="CZ",
                          phone_number="+420602123456", domain="novafirma.onmicrosoft.com")
    async with _client(transport) as client:
        with pytest.raises(pce.ForbiddenError) as refused:
            await client.create_customer(body, request_id=str(uuid.uuid4()))
        with pytest.raises(pce.NotFoundError):
            await client.get_customer(str(uuid.uuid4()))
    assert refused.value.status == 403 and refused.value.code == "1002"
    assert refused.value.description


async def test_create_is_idempotent_per_request_id():
    transport, world = _sandbox()
    body = CustomerCreate(company_name="Pila Hrádek s.r.o.", email="info@pilahradek.cz",
                          first_name="Petr", last_name="Svoboda", address_line1="Lesní 5",
                          city="Hrádek", postal_code="46334", country="CZ",
                          phone_number="+420602000111", domain="pilahradek.onmicrosoft.com",
                          associated_partner_id=identity.RESELLER_TENANT_ID)
    key = str(uuid.uuid4())
    async with _client(transport, PROVIDER) as client:
        first = await client.create_customer(body, request_id=key)
        again = await client.create_customer(body, request_id=key)
        with pytest.raises(pce.BadRequestError):  # a NEW request for the same domain
            await client.create_customer(body, request_id=str(uuid.uuid4()))
    assert first.id == again.id
    assert [c.id for c in world.customers if c.domain == "pilahradek.onmicrosoft.com"] == [first.id]
    assert first.user_credentials is not None
    assert "pilahradek" not in repr(first.user_credentials.password)


async def test_domain_availability_head_semantics():
    transport, world = _sandbox()
    async with _client(transport) as client:
        assert await client.domain_exists(world.customers[0].domain) is True
        assert await client.domain_exists("neexistujici12345.onmicrosoft.com") is False
