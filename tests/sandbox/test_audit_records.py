"""The audit log: every change the sandbox makes is recorded, whoever made it, and served at
GET /v1/auditrecords in the documented shape, seek-paged, 90 days kept, per the role matrix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from csp_tui import sandbox_identity as identity
from csp_tui.domain import roles
from csp_tui.sandbox.world import World

from . import PROVIDER, RESELLER, advance, client, make_sandbox

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "pc_samples" / "audit-records.json"


def key_paths(value: Any, prefix: str = "") -> set[str]:
    paths: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key.lower()}"
            paths |= {path} | key_paths(item, path)
    elif isinstance(value, list):
        for item in value:
            paths |= key_paths(item, prefix + "[]")
    return paths


def reseller_subscriptions(world: World, count: int) -> list[tuple[str, str]]:
    """(customer id, subscription id) of ``count`` active subscriptions of distinct customers
    of the reseller."""
    found: list[tuple[str, str]] = []
    for customer in world.customers:
        if customer.state != "customer" or customer.reseller_id != identity.RESELLER_TENANT_ID:
            continue
        sub = next((s for s in customer.subscriptions if s.status == "active"
                    and not s.is_trial and not s.is_software), None)
        if sub is not None:
            found.append((customer.id, sub.id))
        if len(found) == count:
            return found
    raise AssertionError("the demo world has too few such subscriptions")


async def change_quantity(http: httpx.AsyncClient, customer_id: str, sub_id: str) -> int:
    """Another operator (the distributor) adds a seat through the REST API."""
    path = f"/v1/customers/{customer_id}/subscriptions/{sub_id}"
    current = (await http.get(path)).json()
    current["quantity"] = int(current["quantity"]) + 1
    answer = await http.patch(path, json=current)
    assert answer.status_code in (200, 202), answer.text
    return int(current["quantity"])


# Advancing the clock also lets demo prospects accept their invitations (recorded too): the
# tests that advance it look at subscription changes only.
SUBSCRIPTIONS_ONLY = json.dumps({"Field": "ResourceType", "Value": "subscription",
                                 "Operator": "equals"})


async def all_pages(http: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    pages = []
    response = await http.get("/v1/auditrecords", params=params)
    while True:
        assert response.status_code == 200, response.text
        pages.append(response.json())
        following = pages[-1]["links"].get("next")
        if not following:
            return pages
        response = await http.get(following["uri"],
                                  headers={h["key"]: h["value"] for h in following["headers"]})


async def test_a_change_by_another_operator_is_recorded_in_the_documented_shape() -> None:
    transport, world = make_sandbox()
    [(customer_id, sub_id)] = reseller_subscriptions(world, 1)
    async with client(transport, PROVIDER) as distributor:
        quantity = await change_quantity(distributor, customer_id, sub_id)
    async with client(transport, RESELLER) as reseller:
        [page] = await all_pages(reseller, startDate="2026-03-01")
    [record] = page["items"]
    assert record["customerId"] == customer_id
    assert record["operationType"] == "update_subscription"
    assert record["resourceType"] == "subscription"
    assert record["userPrincipalName"] == f"operator@{identity.PROVIDER_TENANT_ID.lower()}"
    data = {item["key"]: item["value"] for item in record["customizedData"]}
    assert data["SubscriptionId"] == sub_id
    assert data["Quantity"] == str(quantity)
    documented = key_paths(json.loads(SAMPLE.read_text(encoding="utf-8")))
    assert key_paths(page) - documented == set()


async def test_seek_paging_oldest_first_with_the_continuation_token() -> None:
    transport, world = make_sandbox()
    changed = reseller_subscriptions(world, 7)
    async with client(transport, PROVIDER) as distributor:
        for customer_id, sub_id in changed:
            await change_quantity(distributor, customer_id, sub_id)
            await advance(distributor, minutes=1)
        pages = await all_pages(distributor, size=3, startDate="2026-03-01",
                                filter=SUBSCRIPTIONS_ONLY)
    assert [page["totalCount"] for page in pages] == [3, 3, 1]
    assert pages[0]["links"]["next"]["uri"] == "/v1/auditrecords?size=3&seekOperation=Next"
    customers = [item["customerId"] for page in pages for item in page["items"]]
    assert customers == [customer_id for customer_id, _ in changed]
    dates = [item["operationDate"] for page in pages for item in page["items"]]
    assert dates == sorted(dates)


async def test_a_reseller_sees_only_its_own_customers_records() -> None:
    transport, world = make_sandbox()
    [(customer_id, sub_id)] = reseller_subscriptions(world, 1)
    other = next(c for c in world.customers
                 if c.reseller_id == identity.OTHER_RESELLER_TENANT_ID and any(
                     s.status == "active" and not s.is_trial and not s.is_software
                     for s in c.subscriptions))
    other_sub = next(s for s in other.subscriptions
                     if s.status == "active" and not s.is_trial and not s.is_software)
    async with client(transport, PROVIDER) as distributor:
        await change_quantity(distributor, customer_id, sub_id)
        await change_quantity(distributor, other.id, other_sub.id)
        everything = await all_pages(distributor, startDate="2026-03-01")
    async with client(transport, RESELLER) as reseller:
        mine = await all_pages(reseller, startDate="2026-03-01")
    assert {i["customerId"] for i in everything[0]["items"]} == {customer_id, other.id}
    assert [i["customerId"] for i in mine[0]["items"]] == [customer_id]


async def test_records_are_kept_90_days() -> None:
    transport, world = make_sandbox()
    old, recent = reseller_subscriptions(world, 2)
    async with client(transport, PROVIDER) as distributor:
        await change_quantity(distributor, *old)
        await advance(distributor, days=60)
        await change_quantity(distributor, *recent)
        await advance(distributor, days=31)
        [page] = await all_pages(distributor, startDate="2025-01-01",
                                 filter=SUBSCRIPTIONS_ONLY)
    assert [item["customerId"] for item in page["items"]] == [recent[0]]
    assert [r["customerId"] for r in world.audit_records
            if r["operationType"] == "update_subscription"] == [recent[0]]


async def test_end_date_and_customer_filter_narrow_the_answer() -> None:
    transport, world = make_sandbox()
    first, second = reseller_subscriptions(world, 2)
    async with client(transport, PROVIDER) as distributor:
        await change_quantity(distributor, *first)
        await advance(distributor, days=2)
        await change_quantity(distributor, *second)
        [until] = await all_pages(distributor, startDate="2026-03-01", endDate="2026-03-03",
                                  filter=SUBSCRIPTIONS_ONLY)
        flt = json.dumps({"Field": "CustomerId", "Value": second[0], "Operator": "equals"})
        [filtered] = await all_pages(distributor, startDate="2026-03-01", filter=flt)
    assert [item["customerId"] for item in until["items"]] == [first[0]]
    assert [item["customerId"] for item in filtered["items"]] == [second[0]]


async def test_a_partner_refused_the_audit_log_gets_the_classic_refusal() -> None:
    transport, world = make_sandbox()
    world.audit_refused_roles.add(roles.INDIRECT_RESELLER)
    async with client(transport, RESELLER) as reseller:
        answer = await reseller.get("/v1/auditrecords")
    assert answer.status_code == 403
    assert answer.json()["code"] == 1002


async def test_the_log_survives_the_world_file(tmp_path: Path) -> None:
    path = tmp_path / "world.json"
    transport, world = make_sandbox(path)
    [(customer_id, sub_id)] = reseller_subscriptions(world, 1)
    async with client(transport, PROVIDER) as distributor:
        await change_quantity(distributor, customer_id, sub_id)
    world.save(path)
    assert [r["customerId"] for r in World.load(path).audit_records] == [customer_id]
