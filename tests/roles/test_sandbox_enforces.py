"""Every cell of the role matrix against the sandbox: a role calling an operation it may do
through the API gets an answer (never 403); one calling an operation marked ``distributor`` or
``refused`` gets Partner Center's refusal — 403 with the classic ``1002 Authorization Failed``
body — and the world does not change."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.domain import roles
from csp_tui.sandbox.app import create_sandbox
from csp_tui.sandbox.entities import Cart, CartLine, OrderLine, PlacedOrder
from csp_tui.sandbox.roles_enforced import refusal
from csp_tui.sandbox.transport import SandboxTransport
from csp_tui.sandbox.world import World

FROZEN_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BASE_URL = "https://sandbox.local"
REFUSAL = {"code": 1002, "description": "Authorization Failed", "data": [],
           "source": "PartnerFD"}
# The direct partner acts as the partner of record of the distributor's customers: the demo
# world has no customers of a direct partner, and this way its allowed calls read real data.
CALLERS = {
    roles.INDIRECT_RESELLER: identity.RESELLER_TENANT_ID,
    roles.INDIRECT_PROVIDER: identity.PROVIDER_TENANT_ID,
    roles.DIRECT: identity.PROVIDER_TENANT_ID,
}
# What an allowed call answers in the sandbox. Routes the emulator does not serve (yet) answer
# 404 — still not the role's refusal.
NOT_SERVED: set[str] = set()
ANSWERS = {roles.CUSTOMER_CREATE: {201}, roles.QUALIFICATION_CREATE: {201},
           roles.CART_CREATE: {200, 201}, roles.CART_CHECKOUT: {201},
           # a made-up user id: Partner Center's "user not found" (or the body refused)
           roles.USER_PASSWORD_RESET: {400, 404},
           roles.DOMAIN_AVAILABILITY: {200, 404}}

CELLS = [(role, operation, route) for operation in roles.OPERATIONS
         for route in operation.routes for role in roles.ROLES]


def cell_id(cell: tuple[str, roles.Operation, roles.Route]) -> str:
    role, operation, route = cell
    return f"{role}-{operation.id}-{route.method}"


def new_customer_body() -> dict[str, Any]:
    return {
        "enableGDAPByDefault": True,
        "companyProfile": {"domain": "pekarnalhota7.onmicrosoft.com"},
        "billingProfile": {
            "culture": "cs-CZ", "email": "jana.novakova@pekarna-lhota.cz", "language": "cs",
            "companyName": "Pekárna Lhota s.r.o.",
            "defaultAddress": {"firstName": "Jana", "lastName": "Nováková",
                               "addressLine1": "Husova 12/3", "city": "Tábor",
                               "postalCode": "390 02", "country": "CZ",
                               "phoneNumber": "+420602123456"},
        },
    }


def a_customer(world: World) -> Any:
    """A customer of the reseller (so of its distributor too) with an active subscription the
    reseller is partner of record for, and no qualification yet."""
    mpn = world.mpn_id(identity.RESELLER_TENANT_ID)
    for customer in world.customers:
        if (customer.state == "customer" and customer.reseller_id == identity.RESELLER_TENANT_ID
                and not customer.qualifications
                and any(s.partner_id == mpn and s.status == "active"
                        for s in customer.subscriptions)):
            return customer
    raise AssertionError("no such customer in the demo world")


def request_for(world: World, role: str, operation: roles.Operation,
                route: roles.Route) -> tuple[str, dict[str, str], Any]:
    """(path, query, JSON body) of a well-formed call of ``operation`` on this world."""
    customer = a_customer(world)
    mpn = world.mpn_id(identity.RESELLER_TENANT_ID)
    sub = next(s for s in customer.subscriptions if s.partner_id == mpn and s.status == "active")
    values = {"{customer_id}": customer.id, "{subscription_id}": sub.id,
              "{domain}": customer.domain, "{product_id}": "DG7GMGF0DWTK",
              "{order_id}": sub.order_id or "order-1",
              "{user_id}": "4f3a2b1c-0000-4000-8000-000000000009"}
    if operation.id in SELLING:
        values.update(selling_values(world, customer))
    path = route.pattern
    for name, value in values.items():
        path = path.replace(name, value)
    query = dict(route.query)
    if operation.id == roles.PRODUCT_GET:
        query["country"] = "CZ"  # required, as documented
        product = next((e.product_id for c in world.customers for e in c.entitlements), None)
        path = path.replace("DG7GMGF0DWTK", product or "DG7GMGF0DWTK")
    if operation.id == roles.CATALOG_LIST:
        query.update({"country": "CZ", "targetView": "OnlineServices"})
    if operation.id == roles.RELATIONSHIP_REQUEST_LINK and role == roles.INDIRECT_PROVIDER:
        query["indirectResellerId"] = identity.RESELLER_TENANT_ID  # required of a provider
    body: Any = None
    if operation.id == roles.CUSTOMER_CREATE:
        body = new_customer_body()
    elif operation.id == roles.QUALIFICATION_CREATE:
        body = {"qualification": "Education", "educationSegment": "K12"}
    elif operation.id == roles.CART_CREATE and route.method == "POST":
        body = {"lineItems": [{"catalogItemId": SELLING_ITEM, "quantity": 10,
                               "termDuration": "P1Y", "billingCycle": "monthly"}]}
    elif operation.id == roles.USER_PASSWORD_RESET:
        body = {"passwordProfile": {"forceChangePassword": True},
                "attributes": {"objectType": "CustomerUser"}}
    return path, query, body


SELLING = {roles.CATALOG_LIST, roles.CUSTOMER_CATALOG, roles.CART_CREATE, roles.CART_CHECKOUT,
           roles.ORDER_PROVISIONING}
SELLING_ITEM = "CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM"  # Microsoft 365 Business Standard


def selling_values(world: World, customer: Any) -> dict[str, str]:
    """A cart ready to check out and an order bought for the reseller, in the world."""
    now = world.now()
    mpn = world.mpn_id(identity.RESELLER_TENANT_ID)
    cart = Cart("c0ffee00-0000-4000-8000-000000000001", now, "Active",
                [CartLine(0, SELLING_ITEM, 10, "P1Y", "monthly", "M365 BS", mpn)])
    order = PlacedOrder("order-selling-1", "0a1b2c3d4e5f", "monthly", now, now,
                        [OrderLine(0, SELLING_ITEM, "M365 BS", 10, "P1Y", "", mpn)])
    customer.carts.append(cart)
    customer.orders.append(order)
    return {"{product_id}": "CFQ7TTC0LDPB", "{sku_id}": "0001", "{cart_id}": cart.id,
            "{order_id}": order.id}


async def call(transport: httpx.AsyncBaseTransport, role: str, method: str, path: str,
               query: dict[str, str], body: Any, *, world: World) -> httpx.Response:
    token = identity.sandbox_token(role, CALLERS[role])
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL,
                                 headers={"Authorization": f"Bearer {token}"}) as http:
        if method == "PATCH" and "/subscriptions/" in path:
            # The documented way: the whole subscription, read by a caller that may read it.
            reader = identity.sandbox_token(roles.INDIRECT_PROVIDER, identity.PROVIDER_TENANT_ID)
            current = await http.get(path, headers={"Authorization": f"Bearer {reader}"})
            assert current.status_code == 200, current.text
            body = current.json()
        return await http.request(method, path, params=query, json=body)


@pytest.mark.parametrize("cell", CELLS, ids=cell_id)
async def test_every_cell_of_the_matrix(cell: tuple[str, roles.Operation, roles.Route]) -> None:
    role, operation, route = cell
    app, world = create_sandbox(None, frozen_at=FROZEN_AT)
    transport = SandboxTransport(app)
    path, query, body = request_for(world, role, operation, route)
    before = copy.deepcopy(world.customers)
    answer = await call(transport, role, route.method, path, query, body, world=world)

    if operation.cell(role).access is roles.Access.API:
        expected = {404} if operation.id in NOT_SERVED else ANSWERS.get(operation.id, {200})
        assert answer.status_code in expected, answer.text
    else:
        assert answer.status_code == 403, answer.text
        assert answer.json() == REFUSAL
        # Refused before anything happened.
        assert world.customers == before


async def test_a_refused_write_is_refused_whatever_the_body() -> None:
    """A reseller's PATCH changes nothing, even one Partner Center would otherwise accept."""
    app, world = create_sandbox(None, frozen_at=FROZEN_AT)
    transport = SandboxTransport(app)
    customer = a_customer(world)
    mpn = world.mpn_id(identity.RESELLER_TENANT_ID)
    sub = next(s for s in customer.subscriptions if s.partner_id == mpn and s.status == "active")
    path = f"/v1/customers/{customer.id}/subscriptions/{sub.id}"
    reseller = identity.sandbox_token(roles.INDIRECT_RESELLER, identity.RESELLER_TENANT_ID)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL,
                                 headers={"Authorization": f"Bearer {reseller}"}) as http:
        current = (await http.get(path)).json()  # the reseller may read it
        answers = [await http.patch(path, json={**current, **change}) for change in (
            {"quantity": sub.quantity + 1}, {"status": "suspended"},
            {"autoRenewEnabled": not sub.auto_renew}, {"status": "deleted"})]
        education = await http.post(f"/v1/customers/{customer.id}/qualifications",
                                     json={"qualification": "Education",
                                           "educationSegment": "K12"})
        after = (await http.get(path)).json()
    assert [a.status_code for a in answers] == [403] * 4
    assert education.status_code == 403 and education.json() == REFUSAL
    assert after["quantity"] == sub.quantity and after["status"] == "active"
    assert not customer.qualifications


def test_the_refusal_reads_the_same_table() -> None:
    for operation in roles.OPERATIONS:
        for route in operation.routes:
            for role in roles.ROLES:
                refused = refusal(role, route.method, route.pattern, dict(route.query))
                assert (refused is None) == (operation.cell(role).access is roles.Access.API)
    # Routes outside the table are left to the routes (404, 405, …).
    assert refusal(roles.INDIRECT_RESELLER, "DELETE", "/v1/customers/x") is None
