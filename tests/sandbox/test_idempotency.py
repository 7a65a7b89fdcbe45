"""MS-RequestId replay only where Partner Center documents it (customer, order, cart and
checkout creation); any other repeated write is applied again."""

from __future__ import annotations

import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.partner_center.urls import replayed_by_request_id
from csp_tui.sandbox.middleware import replayable

from . import PROVIDER, client, make_sandbox, new_customer_body


@pytest.mark.parametrize("method, path, replayed", [
    ("POST", "/v1/customers", True),
    ("POST", "/v1/customers/", True),
    ("POST", "/v1/customers/c1/orders", True),
    ("POST", "/v1/customers/c1/carts", True),
    ("POST", "/v1/customers/c1/carts/k1/checkout", True),
    ("PATCH", "/v1/customers/c1/subscriptions/s1", False),
    ("POST", "/v1/customers/c1/qualifications", False),
    ("PUT", "/v1/customers/c1/carts/k1", False),
    ("PATCH", "/v1/customers/c1", False),
    ("GET", "/v1/customers", False),
])
def test_the_documented_idempotent_writes(method: str, path: str, replayed: bool) -> None:
    assert replayable(method, path) is replayed
    # The client resends an unknown outcome on exactly the same writes.
    assert replayed_by_request_id(method, path) is replayed


async def test_a_second_patch_under_the_same_request_id_applies_its_own_body() -> None:
    transport, world = make_sandbox()
    customer = next(c for c in world.customers if c.state == "customer"
                    and c.reseller_id == identity.RESELLER_TENANT_ID and c.subscriptions)
    sub = next(s for s in customer.subscriptions if s.status == "active")
    path = f"/v1/customers/{customer.id}/subscriptions/{sub.id}"
    headers = {"MS-RequestId": "11111111-2222-3333-4444-555555555555"}
    async with client(transport, PROVIDER) as http:
        current = (await http.get(path)).json()
        first = await http.patch(path, json={**current, "friendlyName": "první"},
                                 headers=headers)
        second = await http.patch(path, json={**first.json(), "friendlyName": "druhý"},
                                  headers=headers)
        after = (await http.get(path)).json()
    assert first.status_code == second.status_code == 200
    assert second.json()["friendlyName"] == "druhý"
    assert after["friendlyName"] == sub.friendly_name == "druhý"


async def test_a_repeated_qualification_request_is_not_replayed() -> None:
    transport, world = make_sandbox()
    customer = next(c for c in world.customers if c.state == "customer"
                    and c.reseller_id == identity.RESELLER_TENANT_ID and not c.qualifications)
    path = f"/v1/customers/{customer.id}/qualifications"
    headers = {"MS-RequestId": "22222222-2222-3333-4444-555555555555"}
    async with client(transport, PROVIDER) as http:
        first = await http.post(path, json={"qualification": "StateOwnedEntity"}, headers=headers)
        second = await http.post(path, json={"qualification": "StateOwnedEntity"},
                                 headers=headers)
    assert first.status_code == 201
    # Applied again: the qualification exists now, so Partner Center refuses the second one.
    assert second.status_code == 400
    assert [q.qualification for q in customer.qualifications] == ["StateOwnedEntity"]


async def test_creating_a_customer_twice_under_one_request_id_creates_one() -> None:
    transport, world = make_sandbox()
    body = new_customer_body("dvakrat", associatedPartnerId=identity.RESELLER_TENANT_ID)
    headers = {"MS-RequestId": "33333333-2222-3333-4444-555555555555"}
    before = len(world.customers)
    async with client(transport, PROVIDER) as http:
        first = await http.post("/v1/customers", json=body, headers=headers)
        second = await http.post("/v1/customers", json=body, headers=headers)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert len(world.customers) == before + 1
