"""Every sandbox answer has the shape Partner Center documents, and nothing more.

Each route's answer is compared with the documented example payloads of that route (copies in
``tests/fixtures/pc_samples``, see its README): every key path of the answer must occur in one
of the documented examples (keys compared case-insensitively, since the documented answers use
camelCase and PascalCase for the same fields), and the keys every documented example of the
resource carries must be there. A field the documentation never shows is a field a client
could come to rely on and then miss against Partner Center.

A few keys are documented only in a resource's field table, not in any example; they are
listed in ``TABLE_ONLY`` with the page that documents them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from csp_tui import sandbox_identity as identity

from . import PROVIDER, RESELLER, client, make_sandbox, new_customer_body

SAMPLES = Path(__file__).resolve().parent.parent / "fixtures" / "pc_samples"

Tree = dict[str, Any]


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def shape(value: Any) -> Tree:
    """Key paths of a JSON value as a tree: lower-cased keys; list elements merged under
    ``[]``."""
    tree: Tree = {}
    if isinstance(value, Mapping):
        for key, item in value.items():
            merge(tree.setdefault(str(key).lower(), {}), shape(item))
    elif isinstance(value, list):
        element: Tree = {}
        for item in value:
            merge(element, shape(item))
        tree["[]"] = element
    return tree


def merge(into: Tree, other: Tree) -> Tree:
    for key, child in other.items():
        merge(into.setdefault(key, {}), child)
    return into


def documented(*values: Any) -> Tree:
    tree: Tree = {}
    for value in values:
        merge(tree, shape(value))
    return tree


def extra_paths(answer: Tree, docs: Tree, prefix: str = "") -> list[str]:
    """Key paths of ``answer`` that no documented example shows."""
    found = []
    for key, child in answer.items():
        path = f"{prefix}.{key}" if key != "[]" else f"{prefix}[]"
        if key not in docs:
            found.append(path)
        else:
            found += extra_paths(child, docs[key], path)
    return found


def items_of(value: Any) -> list[Any]:
    return value["items"] if isinstance(value, Mapping) else value


def without_items(value: Mapping[str, Any]) -> dict[str, Any]:
    return {key: item for key, item in value.items() if key != "items"}


def top_keys(value: Mapping[str, Any]) -> set[str]:
    return {str(key).lower() for key in value}


def assert_documented(answer: Any, docs: Tree, what: str) -> None:
    extra = extra_paths(shape(answer), docs)
    assert not extra, f"{what}: keys the documentation never shows: {extra}"


# Keys documented in a resource's field table but in no example payload.
TABLE_ONLY = {
    # CustomerCompanyProfile resource table (create-a-customer: required in INN countries).
    "customer": {"companyprofile": {"organizationregistrationnumber": {}}},
    # Subscription resource, "get a subscription by ID" and the NCE change-quantity page:
    # refundableQuantity on GET (and the PATCH answer) of one subscription; suspensionReasons
    # on suspended subscriptions.
    "subscription": {
        "refundablequantity": {"totalquantity": {},
                               "details": {"[]": {"quantity": {}, "alloweduntildatetime": {}}}},
        "suspensionreasons": {"[]": {}},
    },
}

# Links Partner Center documents for NCE subscriptions (autorenew-marketplace-response.json has
# product/sku/availability, the list has self).
SUBSCRIPTION_SAMPLES = (
    "subscription-get-nce.json", "subscription-get.json", "subscription-get-addon.json",
    "subscription-autorenew-marketplace-response.json",
    "subscription-billing-frequency-response.json",
)


def subscription_docs(*, detail: bool) -> Tree:
    docs = documented(*(sample(name) for name in SUBSCRIPTION_SAMPLES),
                      *items_of(sample("subscriptions-list.json")))
    if detail:
        merge(docs, TABLE_ONLY["subscription"])
    else:
        merge(docs, {"suspensionreasons": {"[]": {}}})
    return docs


COLLECTION_ENVELOPE = documented(
    without_items(sample("customers-list.json")), without_items(sample("subscriptions-list.json")),
    without_items(sample("entitlements-list.json")),
    without_items(sample("customer-relationships.json")), {"items": []})


def _customer_of(world: Any, reseller: str = identity.RESELLER_TENANT_ID) -> Any:
    return next(c for c in world.customers if c.state == "customer"
                and c.reseller_id == reseller and c.subscriptions)


# -- customers --------------------------------------------------------------------------------


async def test_customer_list_page_is_documented() -> None:
    transport, _ = make_sandbox(customers=30)
    async with client(transport, PROVIDER) as http:
        page = (await http.get("/v1/customers", params={"size": 10})).json()
    item_docs = documented(*items_of(sample("customers-list.json")),
                           *items_of(sample("customers-search-by-companyname.json")),
                           *items_of(sample("customers-filter-indirect-reseller.json")))
    # Seek paging: the documented continuation shapes are the invoice line-item pages.
    envelope = merge(documented(without_items(sample("paging-seek-first-page.json"))),
                     COLLECTION_ENVELOPE)
    assert page["links"].get("next"), "the test needs a page with a continuation"
    assert_documented(without_items(page), envelope, "customer page")
    for item in page["items"]:
        assert_documented(item, item_docs, "customer list item")
        assert top_keys(item) >= {"id", "companyprofile", "relationshiptopartner"}


async def test_customer_by_id_is_documented_and_optional_keys_only_when_they_apply() -> None:
    transport, world = make_sandbox()
    with_domains = next(c for c in world.customers if c.state == "customer" and c.custom_domains
                        and c.reseller_id == identity.RESELLER_TENANT_ID)
    direct = next(c for c in world.customers if c.state == "customer" and not c.reseller_id)
    async with client(transport, RESELLER) as http:
        first = (await http.get(f"/v1/customers/{with_domains.id}")).json()
    async with client(transport, PROVIDER) as http:
        second = (await http.get(f"/v1/customers/{direct.id}")).json()
    docs = merge(documented(sample("customer-get.json"),
                            sample("customer-create-indirect-response.json")),
                 TABLE_ONLY["customer"])
    for body in (first, second):
        assert_documented(body, docs, "customer")
        assert top_keys(body) >= top_keys(sample("customer-get.json")) - {"customdomains"}
    assert first["customDomains"] == with_domains.all_domains
    assert first["associatedPartnerId"] == identity.RESELLER_TENANT_ID
    assert "associatedPartnerId" not in second


async def test_created_customer_is_documented() -> None:
    transport, _ = make_sandbox()
    async with client(transport, PROVIDER) as http:
        response = await http.post("/v1/customers", json=new_customer_body(
            "tvarovka", associatedPartnerId=identity.RESELLER_TENANT_ID))
    assert response.status_code == 201
    docs = documented(sample("customer-create-response.json"),
                      sample("customer-create-indirect-response.json"),
                      sample("customer-get.json"))
    merge(docs, TABLE_ONLY["customer"])
    body = response.json()
    assert_documented(body, docs, "created customer")
    assert "customDomains" not in body  # a new tenant has only its initial domain


async def test_relationship_request_and_relationships_are_documented() -> None:
    transport, world = make_sandbox()
    mine = _customer_of(world)
    async with client(transport, RESELLER) as http:
        link = (await http.get("/v1/customers/relationshiprequests")).json()
        of_customer = (await http.get(f"/v1/customers/{mine.id}/relationships")).json()
        providers = (await http.get("/v1/relationships",
                                    params={"relationship_type": "IsIndirectResellerOf"})).json()
    assert shape(link) == shape(sample("relationship-request.json"))
    assert "indirectCSPId" not in link["url"]  # the documented answer names no distributor
    partner_docs = documented(*items_of(sample("customer-relationships.json")),
                              *items_of(sample("indirect-resellers.json")))
    for body in (of_customer, providers):
        assert_documented(without_items(body), COLLECTION_ENVELOPE, "relationships")
        assert body["items"]
        for item in body["items"]:
            assert_documented(item, partner_docs, "partner relationship")


# -- subscriptions ----------------------------------------------------------------------------


async def test_subscription_list_items_carry_no_refundable_quantity() -> None:
    transport, world = make_sandbox()
    customer = _customer_of(world)
    async with client(transport, RESELLER) as http:
        body = (await http.get(f"/v1/customers/{customer.id}/subscriptions")).json()
    assert_documented(without_items(body), COLLECTION_ENVELOPE, "subscription list")
    docs = subscription_docs(detail=False)
    assert body["items"]
    for item in body["items"]:
        assert_documented(item, docs, "subscription list item")
        assert "refundableQuantity" not in item


async def test_subscription_by_id_and_patch_answer_are_documented() -> None:
    transport, world = make_sandbox()
    customer = _customer_of(world)
    sub = next(s for s in customer.subscriptions if s.status == "active")
    path = f"/v1/customers/{customer.id}/subscriptions/{sub.id}"
    async with client(transport, PROVIDER) as http:
        got = (await http.get(path)).json()
        patched = await http.patch(path, json={**got, "friendlyName": "tvar"})
    docs = subscription_docs(detail=True)
    assert_documented(got, docs, "subscription")
    assert "refundableQuantity" in got
    assert patched.status_code == 200
    assert_documented(patched.json(), merge(docs, documented(sample(
        "subscription-patch-response.json"), sample("subscription-suspend-response.json"))),
        "PATCH answer")
    must = top_keys(sample("subscription-get-nce.json"))
    assert top_keys(got) >= must


# -- entitlements, catalog, orders ------------------------------------------------------------


async def test_entitlements_have_no_name_or_purchase_date() -> None:
    transport, world = make_sandbox()
    owner = next(c for c in world.customers if c.state == "customer" and c.entitlements
                 and c.reseller_id == identity.RESELLER_TENANT_ID)
    async with client(transport, RESELLER) as http:
        body = (await http.get(f"/v1/customers/{owner.id}/entitlements",
                               params={"showExpiry": "true"})).json()
    docs = documented(*items_of(sample("entitlements-list.json")),
                      *items_of(sample("entitlements-list-software-expiry.json")))
    assert_documented(without_items(body), COLLECTION_ENVELOPE, "entitlement list")
    assert body["items"]
    for item in body["items"]:
        assert_documented(item, docs, "entitlement")
        assert not {"productname", "purchasedate"} & top_keys(item)
        assert "creationdate" not in top_keys(item["referenceOrder"])


async def test_product_and_order_are_documented() -> None:
    transport, world = make_sandbox()
    owner = next(c for c in world.customers if c.state == "customer" and c.entitlements
                 and c.reseller_id == identity.RESELLER_TENANT_ID)
    licence = owner.entitlements[0]
    sub = owner.subscriptions[0] if owner.subscriptions else _customer_of(world).subscriptions[0]
    sub_owner = owner if owner.subscriptions else _customer_of(world)
    async with client(transport, RESELLER) as http:
        product = await http.get(f"/v1/products/{licence.product_id}", params={"country": "CZ"})
        no_country = await http.get(f"/v1/products/{licence.product_id}")
        unknown = await http.get("/v1/products/DG7GMGF0ZZZZ", params={"country": "CZ"})
        order = await http.get(f"/v1/customers/{owner.id}/orders/{licence.order_id}")
        sub_order = await http.get(f"/v1/customers/{sub_owner.id}/orders/{sub.order_id}")
        missing = await http.get(f"/v1/customers/{owner.id}/orders/nope")
    assert product.status_code == 200
    assert shape(product.json()) == shape(sample("product-get.json"))
    assert product.json()["title"] == licence.product_name
    assert no_country.status_code == 400
    assert unknown.status_code == 404 and unknown.json()["code"] == 400013
    order_docs = documented(sample("order-get.json"), *items_of(sample("orders-list.json")))
    for answer in (order, sub_order):
        assert answer.status_code == 200
        assert_documented(answer.json(), order_docs, "order")
        assert top_keys(answer.json()) == top_keys(sample("order-get.json"))
    assert order.json()["billingCycle"] == "one_time"
    assert missing.status_code == 404


# -- qualifications and errors ----------------------------------------------------------------


async def test_qualifications_are_documented() -> None:
    transport, world = make_sandbox()
    school = next(c for c in world.customers if c.state == "customer" and c.qualifications
                  and c.reseller_id == identity.RESELLER_TENANT_ID)
    plain = next(c for c in world.customers if c.state == "customer" and not c.qualifications
                 and c.reseller_id == identity.RESELLER_TENANT_ID)
    async with client(transport, PROVIDER) as http:
        listed = (await http.get(f"/v1/customers/{school.id}/qualifications")).json()
        created = await http.post(f"/v1/customers/{plain.id}/qualifications",
                                  json={"qualification": "StateOwnedEntity"})
    docs = documented(*(item for name in (
        "qualifications-get-approved.json", "qualifications-get-inreview.json",
        "qualifications-get-denied.json", "qualifications-get-soe.json",
        "qualifications-get-education-and-soe.json", "qualifications-get-gcc-and-soe.json")
        for item in sample(name)))
    assert isinstance(listed, list) and listed
    for item in listed:
        assert_documented(item, docs, "qualification")
    assert created.status_code == 201
    assert_documented(created.json(), merge(documented(sample(
        "qualifications-post-response.json")), docs), "created qualification")


@pytest.mark.parametrize("kind", ["not_found", "rule", "throttled"])
async def test_error_bodies_are_documented(kind: str) -> None:
    transport, world = make_sandbox(rate_limit=1)
    customer = _customer_of(world)
    async with client(transport, RESELLER) as http:
        if kind == "not_found":
            response = await http.get("/v1/customers/00000000-0000-0000-0000-000000000000")
            docs = documented(sample("error-404-mpn-not-found.json"))
        elif kind == "rule":
            sub = customer.subscriptions[0]
            response = await http.patch(
                f"/v1/customers/{customer.id}/subscriptions/{sub.id}",
                json={"id": sub.id, "quantity": 0})
            docs = documented(sample("error-nce-quantity-decrease.json"),
                              sample("error-404-mpn-not-found.json"))
        else:
            await http.get(f"/v1/customers/{customer.id}")
            response = await http.get(f"/v1/customers/{customer.id}")
            docs = documented(sample("error-429-throttled.json"))
    assert response.status_code >= 400
    assert_documented(response.json(), docs, f"{kind} error")
    assert top_keys(response.json()) == set(docs)


# -- answers without a documented JSON body -------------------------------------------------


async def test_domain_answers_have_no_documented_body() -> None:
    transport, world = make_sandbox()
    customer = _customer_of(world)
    async with client(transport, RESELLER) as http:
        taken = await http.head(f"/v1/domains/{customer.domain}")
        free = await http.head("/v1/domains/zcelanovyprefix.onmicrosoft.com")
        domains = (await http.get(f"/v1/customers/{customer.id}/customDomains")).json()
    # HEAD /v1/domains: 200 = taken, 404 = free, no body (domain-availability-*.exchange.json).
    assert (taken.status_code, taken.content) == (200, b"")
    assert (free.status_code, free.content) == (404, b"")
    # customDomains: a bare array of domain names (no documented example; reference E.2 #7).
    assert isinstance(domains, list) and all(isinstance(d, str) for d in domains)


async def test_varied_patch_answers_keep_documented_shapes() -> None:
    transport, world = make_sandbox(faults={"variation": True, "seed": 5, "accepted_rate": 0.5,
                                            "pascal_rate": 1.0})
    customer = _customer_of(world)
    sub = next(s for s in customer.subscriptions if s.status == "active" and not s.is_trial)
    path = f"/v1/customers/{customer.id}/subscriptions/{sub.id}"
    exchange = sample("subscription-patch-accepted-202.exchange.json")["response"]
    docs = merge(subscription_docs(detail=True), documented(
        sample("subscription-patch-response.json"), sample("subscription-suspend-response.json")))
    statuses = set()
    async with client(transport, PROVIDER) as http:
        for step in range(8):
            current = (await http.get(path)).json()
            assert_documented(current, docs, "subscription (PascalCase)")
            name = next(k for k in current if k.lower() == "friendlyname")
            answer = await http.patch(path, json={**current, name: f"krok {step}"})
            statuses.add(answer.status_code)
            if answer.status_code == 202:
                assert answer.content == b""
                assert answer.headers["Location"].startswith("/customers/")  # no /v1
                assert exchange["status"] == 202 and exchange["body"] is None
            else:
                assert answer.status_code == 200
                assert_documented(answer.json(), docs, "PATCH answer (PascalCase)")
                assert "Quantity" in answer.json()
    assert statuses == {200, 202}


# -- selling: carts, checkout, orders -----------------------------------------------------------

CART_SAMPLES = ("cart-create-response.json", "cart-create-nce-response.json",
                "cart-update-response.json", "cart-create-addons-response.json")
ORDER_SAMPLES = ("order-get.json", "order-create-response.json",
                 "order-create-indirect-response.json")
SELLING_TABLE_ONLY = {
    # Cart line item resource (partner-center-api §6.3, "Cart" / "CartLineItem" tables): the
    # reseller of an indirect provider's order, and the name shown for the line.
    "cart": {"lineitems": {"[]": {"participants": {"[]": {"key": {}, "value": {}}},
                                  "friendlyname": {}}}},
    # CartCheckoutResult resource table: orders and orderErrors.
    "checkout": {"ordererrors": {"[]": {}}, "attributes": {"objecttype": {}}},
}


def order_docs() -> Tree:
    return documented(*(sample(name) for name in ORDER_SAMPLES),
                      *items_of(sample("orders-list.json")),
                      *sample("cart-checkout-response.json")["orders"])


async def test_cart_checkout_and_orders_are_documented() -> None:
    transport, world = make_sandbox()
    customer = _customer_of(world)
    base = f"/v1/customers/{customer.id}"
    line = {"catalogItemId": "CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM", "quantity": 10,
            "termDuration": "P1Y", "billingCycle": "monthly",
            "participants": [{"key": "transaction_reseller",
                              "value": identity.RESELLER_MPN_ID}]}
    async with client(transport, PROVIDER) as http:
        cart = (await http.post(f"{base}/carts", json={"lineItems": [line]})).json()
        checkout = (await http.post(f"{base}/carts/{cart['id']}/checkout")).json()
        order_id = checkout["orders"][0]["id"]
        pending = (await http.get(f"{base}/orders/{order_id}")).json()
        world.clock.advance(20 * 60)
        listed = (await http.get(f"{base}/orders")).json()
        completed = (await http.get(f"{base}/orders/{order_id}")).json()
    cart_docs = merge(documented(*(sample(name) for name in CART_SAMPLES)),
                      SELLING_TABLE_ONLY["cart"])
    assert_documented(cart, cart_docs, "cart")
    assert top_keys(cart) >= top_keys(sample("cart-create-nce-response.json"))
    checkout_docs = merge(documented(sample("cart-checkout-response.json")),
                          SELLING_TABLE_ONLY["checkout"])
    merge(checkout_docs, {"orders": {"[]": order_docs()}})
    assert_documented(checkout, checkout_docs, "checkout result")
    for order in (pending, completed, *listed["items"]):
        assert_documented(order, order_docs(), "order")
        assert top_keys(order) >= top_keys(sample("order-get.json"))
    assert_documented(without_items(listed), COLLECTION_ENVELOPE, "orders list")
