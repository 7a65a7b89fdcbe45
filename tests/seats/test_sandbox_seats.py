"""The sandbox's licence pools (``GET /v1/customers/{id}/subscribedskus``): the documented
shape, consistent with the subscriptions each customer holds, the role matrix's answer, and
the refusal a partner without a GDAP role in the tenant gets."""

from __future__ import annotations

from datetime import timedelta

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox.demo_seats import ASSIGNED_AFTER
from sandbox import PROVIDER, RESELLER, client, make_sandbox
from sandbox.test_documented_shapes import (
    COLLECTION_ENVELOPE,
    assert_documented,
    documented,
    items_of,
    sample,
    top_keys,
    without_items,
)


def _holders(world):
    return [c for c in world.customers if c.state == "customer"
            and c.reseller_id == identity.RESELLER_TENANT_ID
            and any(s.status == "active" and not s.is_software for s in c.subscriptions)]


async def test_pools_have_the_documented_shape() -> None:
    transport, world = make_sandbox()
    docs = documented(*items_of(sample("subscribedskus-list.json")))
    must = top_keys(items_of(sample("subscribedskus-list.json"))[0])
    async with client(transport, RESELLER) as http:
        for customer in _holders(world)[:10]:
            response = await http.get(f"/v1/customers/{customer.id}/subscribedskus")
            assert response.status_code == 200, response.text
            body = response.json()
            assert_documented(without_items(body), COLLECTION_ENVELOPE, "pool list")
            assert body["items"] and body["totalCount"] == len(body["items"])
            for item in body["items"]:
                assert_documented(item, docs, "pool")
                assert top_keys(item) >= must


async def test_pools_hold_the_customers_seats_and_some_are_unused() -> None:
    transport, world = make_sandbox()
    unused_customers = 0
    async with client(transport, PROVIDER) as http:
        for customer in _holders(world):
            body = (await http.get(f"/v1/customers/{customer.id}/subscribedSkus")).json()
            pools = {item["productSku"]["id"]: item for item in body["items"]}
            for sub in customer.subscriptions:
                if sub.is_software or sub.status not in ("active", "suspended"):
                    continue
                key = ":".join(sub.offer_id.split(":")[:2])
                if key not in pools:  # a pool Partner Center names by the directory's GUID
                    assert sub.offer_id.startswith("CFQ7TTC0QW5P:")
                    continue
                pool = pools[key]
                assert pool["totalUnits"] == pool["activeUnits"] + pool["suspendedUnits"]
                assert pool["totalUnits"] >= sub.quantity
                assert 0 <= pool["consumedUnits"] <= pool["totalUnits"]
                assert pool["availableUnits"] == pool["totalUnits"] - pool["consumedUnits"]
            if any(item["availableUnits"] > 0 for item in body["items"]
                   if item["productSku"]["skuPartNumber"] != "FLOW_FREE"):
                unused_customers += 1
    holders = len(_holders(world))
    # Some customers keep unused seats, most use every seat they bought.
    assert 0 < unused_customers < holders


async def test_seats_just_bought_are_not_assigned_yet() -> None:
    transport, world = make_sandbox()
    customer = _holders(world)[0]
    sub = next(s for s in customer.subscriptions if s.status == "active" and not s.is_software
               and not s.offer_id.startswith("CFQ7TTC0QW5P:"))
    key = ":".join(sub.offer_id.split(":")[:2])
    async with client(transport, PROVIDER) as http:
        path = f"/v1/customers/{customer.id}/subscriptions/{sub.id}"
        before = {i["productSku"]["id"]: i for i in (await http.get(
            f"/v1/customers/{customer.id}/subscribedskus")).json()["items"]}[key]
        body = (await http.get(path)).json()
        body["quantity"] = int(body["quantity"]) + 4
        assert (await http.patch(path, json=body)).status_code in (200, 202)
        after = {i["productSku"]["id"]: i for i in (await http.get(
            f"/v1/customers/{customer.id}/subscribedskus")).json()["items"]}[key]
        assert after["totalUnits"] == before["totalUnits"] + 4
        assert after["consumedUnits"] == before["consumedUnits"]
        # Two days later the users have them.
        world.clock.advance((ASSIGNED_AFTER + timedelta(hours=1)).total_seconds())
        later = {i["productSku"]["id"]: i for i in (await http.get(
            f"/v1/customers/{customer.id}/subscribedskus")).json()["items"]}[key]
        assert later["consumedUnits"] > before["consumedUnits"]


async def test_a_partner_without_gdap_in_the_tenant_is_refused() -> None:
    transport, world = make_sandbox()
    customer = _holders(world)[0]
    world.seats_refused_roles.add("indirect-reseller")
    async with client(transport, RESELLER) as http:
        refused = await http.get(f"/v1/customers/{customer.id}/subscribedskus")
    async with client(transport, PROVIDER) as http:
        answered = await http.get(f"/v1/customers/{customer.id}/subscribedskus")
    assert refused.status_code == 403 and refused.json()["code"] == 1002
    assert answered.status_code == 200


async def test_another_resellers_customer_is_not_found() -> None:
    transport, world = make_sandbox()
    other = next(c for c in world.customers if c.state == "customer"
                 and c.reseller_id == identity.OTHER_RESELLER_TENANT_ID)
    async with client(transport, RESELLER) as http:
        response = await http.get(f"/v1/customers/{other.id}/subscribedskus")
    assert response.status_code == 404
