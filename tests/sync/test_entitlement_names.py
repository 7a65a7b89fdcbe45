"""Perpetual licences get their names from the catalog and their dates from their orders, read
once; seats inside their window come from the subscription read by id."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from csp_tui.cache import store
from csp_tui.i18n import set_language
from csp_tui.partner_center.models import Entitlement
from csp_tui.sandbox import demo_catalog
from csp_tui.sandbox.clock import to_iso
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.services import entitlement_names, mapping
from csp_tui.services.session import open_session
from csp_tui.services.sync import SyncEngine


class Recording(httpx.AsyncBaseTransport):
    """The sandbox, with every request path kept; ``refuse`` answers chosen paths itself."""

    def __init__(self, inner: Any, refuse: dict[str, httpx.Response] | None = None) -> None:
        self.inner = inner
        self.world = inner.world
        self.paths: list[str] = []
        self.refuse = refuse or {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(f"{request.method} {request.url.path}?{request.url.query.decode()}")
        for prefix, response in self.refuse.items():
            if request.url.path.startswith(prefix):
                return httpx.Response(response.status_code, content=response.content,
                                      headers=response.headers)
        return await self.inner.handle_async_request(request)

    def count(self, fragment: str) -> int:
        return sum(1 for path in self.paths if fragment in path)


async def _sync(settings: Any, transport: Recording) -> dict[str, Any]:
    session = open_session(settings, transport=transport)
    try:
        engine = SyncEngine(session.client, session.cache, session.state, settings.profile)
        result = await engine.full_sync()
        assert result.ok, result.error
        return store.snapshot(session.cache)
    finally:
        await session.aclose()


def _recording(settings: Any, **kwargs: Any) -> Recording:
    return Recording(sandbox_transport(settings.locations.sandbox_state, rate_limit=100000),
                     **kwargs)


def _licences(world: Any) -> dict[tuple[str, str, str], Any]:
    now = world.now()
    return {(c.id.lower(), e.product_id, e.order_id): e for c in world.customers
            if world.listed(world.default_caller, c, now) for e in c.entitlements}


async def test_names_and_purchase_dates_come_from_catalog_and_order(settings) -> None:
    transport = _recording(settings)
    snap = await _sync(settings, transport)
    licences = _licences(transport.world)
    assert snap["entitlements"] and len(snap["entitlements"]) == len(licences)
    for row in snap["entitlements"]:
        licence = licences[(row["customer_id"], row["product_id"], row["order_id"])]
        assert row["product_name"] == licence.product_name
        assert row["purchase_date"] == to_iso(licence.purchase_date)
    assert transport.count("/entitlements?showExpiry=true") == transport.count("/entitlements")
    products = {e.product_id for e in licences.values()}
    # One catalog read per product, however many customers own it, with the profile's market.
    assert transport.count("GET /v1/products/") == len(products)
    assert all("country=CZ" in p for p in transport.paths if "/v1/products/" in p)
    assert transport.count("/orders/") == len({(k[0], k[2]) for k in licences})


async def test_a_second_sync_reads_neither_catalog_nor_orders_again(settings) -> None:
    await _sync(settings, _recording(settings))
    again = _recording(settings)
    snap = await _sync(settings, again)
    assert again.count("/v1/products/") == 0
    assert again.count("/orders/") == 0
    assert all(not row["product_name"].startswith("name not available")
               for row in snap["entitlements"])


async def test_a_product_missing_from_the_catalog_is_said_in_words(settings, monkeypatch) -> None:
    retired = "DG7GMGF0PV3R"  # SQL Server 2022 in the demo world
    real = demo_catalog.catalog_product
    monkeypatch.setattr(demo_catalog, "catalog_product",
                        lambda pid: None if pid.upper() == retired else real(pid))
    transport = _recording(settings)
    snap = await _sync(settings, transport)
    rows = [row for row in snap["entitlements"] if row["product_id"] == retired]
    assert rows, "the demo world sells SQL Server 2022"
    for row in rows:
        assert row["product_name"] == (
            "name not available: Partner Center's product catalog does not list this product "
            f"({retired})")
    # Remembered: the next sync does not ask the catalog about it again (for a day).
    again = _recording(settings)
    await _sync(settings, again)
    assert again.count(f"/v1/products/{retired}") == 0


async def test_a_refused_catalog_keeps_the_licences_with_words(settings) -> None:
    refused = httpx.Response(403, json={"code": 1002, "description": "Authorization Failed",
                                        "data": [], "source": "PartnerFD"})
    transport = _recording(settings, refuse={"/v1/products/": refused})
    snap = await _sync(settings, transport)
    assert snap["entitlements"]
    assert all("refused" in row["product_name"] and row["product_id"] in row["product_name"]
               for row in snap["entitlements"])
    assert all(row["purchase_date"] for row in snap["entitlements"])


def test_the_words_follow_the_language() -> None:
    entitlement = Entitlement.model_validate({"productId": "DG7GMGF0DWTK", "skuId": "0002"})
    set_language("cs")
    try:
        row = mapping.entitlement_row("c1", entitlement, 0)
    finally:
        set_language("en")
    assert row["product_name"].startswith("název není k dispozici")
    assert "DG7GMGF0DWTK" in row["product_name"]
    named = entitlement_names.NamedEntitlement(entitlement, "Windows Server",
                                               "2025-01-02T03:04:05Z")
    assert mapping.entitlement_row("c1", named, 0)["product_name"] == "Windows Server"
    assert mapping.entitlement_row("c1", named, 0)["purchase_date"] == "2025-01-02T03:04:05Z"


@pytest.mark.parametrize("country, expected", [("", "CZ"), ("sk", "SK"), ("x", "CZ")])
def test_catalog_country(country: str, expected: str) -> None:
    class Profile:
        pass

    profile = Profile()
    if country:
        profile.country = country  # type: ignore[attr-defined]
    assert entitlement_names.catalog_country(profile) == expected


# -- refundable seats from the subscription by id ---------------------------------------------


async def test_seats_in_their_window_come_from_the_subscription_by_id(settings) -> None:
    transport = _recording(settings)
    snap = await _sync(settings, transport)
    world = transport.world
    now = world.now()
    by_id = {s.id.lower(): s for c in world.customers for s in c.subscriptions}
    # Online services only: software subscriptions change by cancel-and-rebuy, not seats.
    with_window = [row for row in snap["subscriptions"]
                   if by_id[row["id"]].refundable(now) and not by_id[row["id"]].is_software
                   and not by_id[row["id"]].is_trial]
    assert with_window, "the demo world has seats inside their 7-day window"
    for row in with_window:
        assert row["refundable_quantity"] == sum(b.quantity for b in
                                                 by_id[row["id"]].refundable(now))
    first_reads = sum(1 for p in transport.paths
                      if p.startswith("GET ") and "/subscriptions/" in p)
    assert 0 < first_reads <= len(snap["subscriptions"])

    again = _recording(settings)
    resnap = await _sync(settings, again)
    second_reads = sum(1 for p in again.paths if p.startswith("GET ") and "/subscriptions/" in p)
    assert second_reads < first_reads  # unchanged subscriptions are not read by id again
    assert {r["id"]: r["refundable_quantity"] for r in resnap["subscriptions"]} == {
        r["id"]: r["refundable_quantity"] for r in snap["subscriptions"]}
