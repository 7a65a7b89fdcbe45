"""The sandbox's catalog, carts, checkout and orders: the documented shapes and Partner
Center's refusals (country required, quantity over the maximum, an Education availability for a
customer without the approved qualification, the MCA not confirmed, a cart being checked out, a
cart checked out already), orders hidden from the list for a while but readable by id, and
subscriptions listed once provisioned."""

from __future__ import annotations

from typing import Any

import httpx

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox.app import create_sandbox
from csp_tui.sandbox.entities import Qualification
from csp_tui.sandbox.transport import SandboxTransport

from .shop import A3_FACULTY, BUSINESS_STANDARD, FROZEN_AT, LTSC, a_customer

BASE = "https://sandbox.test"


def _http(app: Any, role: str = "indirect-provider",
          tenant: str = identity.PROVIDER_TENANT_ID) -> httpx.AsyncClient:
    token = identity.sandbox_token(role, tenant)
    return httpx.AsyncClient(transport=SandboxTransport(app), base_url=BASE,
                             headers={"Authorization": f"Bearer {token}"})


def _line(item: str = BUSINESS_STANDARD, quantity: int = 10, term: str = "P1Y",
          billing: str = "monthly") -> dict[str, Any]:
    return {"lineItems": [{"catalogItemId": item, "quantity": quantity, "termDuration": term,
                           "billingCycle": billing}]}


async def test_the_catalog_for_a_country_products_skus_availabilities() -> None:
    app, _ = create_sandbox(None, frozen_at=FROZEN_AT)
    async with _http(app) as http:
        missing = await http.get("/v1/products", params={"targetView": "OnlineServices"})
        online = (await http.get("/v1/products", params={
            "country": "CZ", "targetView": "OnlineServices"})).json()
        perpetual = (await http.get("/v1/products", params={
            "country": "cz", "targetView": "SoftwarePerpetual"})).json()
        skus = (await http.get("/v1/products/CFQ7TTC0LDPB/skus",
                               params={"country": "CZ"})).json()
        availabilities = (await http.get("/v1/products/CFQ7TTC0LDPB/skus/0001/availabilities",
                                         params={"country": "CZ"})).json()
        nowhere = (await http.get("/v1/products", params={
            "country": "US", "targetView": "OnlineServices"})).json()
    assert missing.status_code == 400 and missing.json()["code"] == 3000
    titles = {p["title"] for p in online["items"]}
    assert {"Microsoft 365 Business Basic", "Microsoft 365 Business Standard",
            "Microsoft 365 Business Premium"} <= titles
    assert {p["title"] for p in perpetual["items"]} >= {"Office LTSC Professional Plus 2024",
                                                         "Windows Server 2025 Standard - 16 "
                                                         "Core License Pack"}
    assert skus["items"][0]["maximumQuantity"] == 300
    assert set(skus["items"][0]["supportedBillingCycles"]) == {"monthly", "annual"}
    availability = availabilities["items"][0]
    assert availability["catalogItemId"] == BUSINESS_STANDARD
    assert {t["duration"] for t in availability["terms"]} == {"P1M", "P1Y"}
    assert nowhere["items"] == []


async def test_education_is_offered_only_with_the_approved_qualification() -> None:
    app, world = create_sandbox(None, frozen_at=FROZEN_AT)
    customer = a_customer(world)
    path = f"/v1/customers/{customer.id}/products/CFQ7TTC0LFLX/skus/0003/availabilities"
    async with _http(app) as http:
        before = (await http.get(path)).json()["items"]
        refused = await http.post(f"/v1/customers/{customer.id}/carts",
                                  json=_line(A3_FACULTY, 5, "P1Y", "annual"))
        customer.qualifications = [Qualification("Education", vetting_status="Approved")]
        after = (await http.get(path)).json()["items"]
        accepted = await http.post(f"/v1/customers/{customer.id}/carts",
                                   json=_line(A3_FACULTY, 5, "P1Y", "annual"))
    assert before == []
    assert refused.status_code == 403 and refused.json()["code"] == 400036
    assert [a["catalogItemId"] for a in after] == [A3_FACULTY]
    assert after[0]["segment"] == "Education"
    assert accepted.status_code == 201


async def test_a_cart_refuses_what_the_availability_does_not_sell() -> None:
    app, world = create_sandbox(None, frozen_at=FROZEN_AT)
    customer = a_customer(world)
    carts = f"/v1/customers/{customer.id}/carts"
    async with _http(app) as http:
        too_many = await http.post(carts, json=_line(quantity=301))
        none = await http.post(carts, json=_line(quantity=0))
        triennial = await http.post(carts, json=_line(term="P3Y", billing="triennial"))
        unknown = await http.post(carts, json=_line(item="CFQ7TTC0LDPB:0001:NOPE"))
        empty = await http.post(carts, json={"lineItems": []})
    assert too_many.status_code == 400 and too_many.json()["code"] == 900275
    assert none.status_code == 400 and none.json()["code"] == 900275
    assert triennial.status_code == 400
    assert unknown.status_code == 404 and unknown.json()["code"] == 400019
    assert empty.status_code == 400
    assert customer.carts == []


async def test_checkout_refusals_and_its_idempotency() -> None:
    app, world = create_sandbox(None, frozen_at=FROZEN_AT)
    customer = a_customer(world)
    carts = f"/v1/customers/{customer.id}/carts"
    async with _http(app) as http:
        cart = (await http.post(carts, json=_line())).json()
        checkout = f"{carts}/{cart['id']}/checkout"
        customer.mca_accepted = False
        no_mca = await http.post(checkout, headers={"MS-RequestId": "k-0"})
        customer.mca_accepted = True
        customer.carts[0].status = "Processing"  # another checkout of it is under way
        busy = await http.post(checkout, headers={"MS-RequestId": "k-1"})
        customer.carts[0].status = "Active"
        first = await http.post(checkout, headers={"MS-RequestId": "k-2"})
        replay = await http.post(checkout, headers={"MS-RequestId": "k-2"})
        again = await http.post(checkout, headers={"MS-RequestId": "k-3"})
        reseller_view = (await http.get(f"{carts}/{cart['id']}")).json()
    assert no_mca.status_code == 403 and no_mca.json()["code"] == 13605
    assert busy.status_code == 409 and busy.json()["code"] == 800064
    assert first.status_code == 201 and replay.status_code == 201
    assert replay.json() == first.json()
    assert again.status_code == 400 and again.json()["code"] == 800065
    assert len(customer.orders) == 1
    assert reseller_view["status"] == "Ordered"
    order = first.json()["orders"][0]
    assert order["status"] == "pending" and order["lineItems"][0]["offerId"] == BUSINESS_STANDARD
    assert "subscriptionId" not in order["lineItems"][0]  # not provisioned yet


async def test_orders_are_listed_late_and_subscriptions_once_provisioned() -> None:
    app, world = create_sandbox(None, frozen_at=FROZEN_AT)
    customer = a_customer(world)
    base = f"/v1/customers/{customer.id}"
    async with _http(app) as http:
        cart = (await http.post(f"{base}/carts", json=_line())).json()
        order = (await http.post(f"{base}/carts/{cart['id']}/checkout")).json()["orders"][0]
        listed_now = (await http.get(f"{base}/orders")).json()["items"]
        by_id = await http.get(f"{base}/orders/{order['id']}")
        provisioning = (await http.get(f"{base}/orders/{order['id']}/provisioningstatus")).json()
        subs_now = (await http.get(f"{base}/subscriptions")).json()["items"]
        new_id = provisioning["items"][0]["resourceId"]
        one = (await http.get(f"{base}/subscriptions/{new_id}")).json()
        patch = await http.patch(f"{base}/subscriptions/{new_id}",
                                 json={**one, "autoRenewEnabled": False})
        world.clock.advance(61)
        subs_later = (await http.get(f"{base}/subscriptions")).json()["items"]
        provisioned = (await http.get(f"{base}/orders/{order['id']}")).json()
        listed_soon = (await http.get(f"{base}/orders")).json()["items"]
        world.clock.advance(15 * 60)
        listed_later = (await http.get(f"{base}/orders")).json()["items"]
    assert listed_now == [] and listed_soon == []
    assert by_id.status_code == 200 and by_id.json()["status"] == "pending"
    assert provisioning["items"][0]["status"] == "pending"
    assert new_id not in {s["id"] for s in subs_now}
    assert one["status"] == "pending"
    assert patch.status_code == 409 and patch.json()["code"] == 800082
    assert new_id in {s["id"] for s in subs_later}
    assert provisioned["status"] == "completed"
    assert provisioned["lineItems"][0]["subscriptionId"] == new_id
    assert [o["id"] for o in listed_later] == [order["id"]]


async def test_a_perpetual_licence_becomes_an_entitlement() -> None:
    app, world = create_sandbox(None, frozen_at=FROZEN_AT)
    customer = a_customer(world)
    before = len(customer.entitlements)
    base = f"/v1/customers/{customer.id}"
    async with _http(app) as http:
        cart = (await http.post(f"{base}/carts", json=_line(LTSC, 3, "", "one_time"))).json()
        result = (await http.post(f"{base}/carts/{cart['id']}/checkout")).json()
    assert result["orders"][0]["billingCycle"] == "one_time"
    assert len(customer.entitlements) == before + 1
    assert customer.entitlements[-1].quantity == 3
