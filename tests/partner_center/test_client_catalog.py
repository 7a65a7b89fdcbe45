"""Entitlements with expiry, the product catalog, orders, and tolerant collection shapes.

Answers are the documented payloads (``tests/fixtures/pc_samples``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.models import QualificationType, VettingStatus

from .test_client import Harness, ok

DOCUMENTED = Path(__file__).resolve().parent.parent / "fixtures" / "pc_samples"


def documented(name: str) -> Any:
    return json.loads((DOCUMENTED / name).read_text(encoding="utf-8"))


async def test_entitlements_are_asked_with_their_expiry() -> None:
    h = Harness(lambda request: ok(documented("entitlements-list-software-expiry.json")))
    entitlements = await h.client.list_entitlements("c1")
    assert parse_qs(h.requests[0].url.query.decode()) == {"showExpiry": ["true"]}
    assert [e.expiry_date for e in entitlements] == [
        None, datetime(2022, 1, 28, tzinfo=UTC)]
    assert entitlements[0].reference_order.id == "4teYMtWYEeKM77JftGLIQYMOZPTwyOEV1"


async def test_product_from_the_catalog() -> None:
    h = Harness(lambda request: ok(documented("product-get.json")))
    product = await h.client.get_product("DZH318Z0BQ3Q", country="cz")
    assert h.requests[0].url.path == "/v1/products/DZH318Z0BQ3Q"
    assert parse_qs(h.requests[0].url.query.decode()) == {"country": ["CZ"]}
    assert product.title == "DSv2 Series"
    assert product.product_type.id == "Azure"


async def test_order_gives_the_purchase_date() -> None:
    h = Harness(lambda request: ok(documented("order-get.json")))
    order = await h.client.get_order("b0d70a69", "YxH1q4KScfvfkJQjgRI8QY1DznnUWZTH1")
    assert h.requests[0].url.path == (
        "/v1/customers/b0d70a69/orders/YxH1q4KScfvfkJQjgRI8QY1DznnUWZTH1")
    assert order.creation_date == datetime(2018, 3, 13, 22, 49, 54, 339694, tzinfo=UTC)
    assert order.line_items[0].friendly_name.startswith("Reserved_VM_Instance")


async def test_a_missing_product_is_an_error_not_a_name() -> None:
    h = Harness(lambda request: ok({"code": 400013, "description": "Product was not found."},
                                   status=404))
    with pytest.raises(pce.NotFoundError):
        await h.client.get_product("DG7GMGF0ZZZZ", country="CZ")


# -- one object where a collection is expected ------------------------------------------------

ONE_OBJECT = {
    "subscriptions": (lambda c: c.list_subscriptions("c1"),
                      lambda: documented("subscription-get-nce.json"), "id",
                      "a4c1340d-6911-4758-bba3-0c4c6007d161"),
    "entitlements": (lambda c: c.list_entitlements("c1"),
                     lambda: documented("entitlements-list.json")["items"][1], "product_id",
                     "DG7GMGF0DWTK"),
    "customer relationships": (lambda c: c.customer_relationships("c1"),
                               lambda: documented("customer-relationships.json")["items"][0],
                               "name", "First Up Consultants"),
    "partner relationships": (lambda c: c.partner_relationships("IsIndirectResellerOf"),
                              lambda: documented("indirect-resellers.json")["items"][0],
                              "mpn_id", "4847383"),
    "customers": (lambda c: c.list_customers(),
                  lambda: documented("customers-list.json")["items"][0], "id",
                  "b44bb1fb-c595-45b0-9e09-d657365580bf"),
}


@pytest.mark.parametrize("name", sorted(ONE_OBJECT))
async def test_one_object_for_a_list_is_one_item(name: str) -> None:
    call, body, field, expected = ONE_OBJECT[name]
    h = Harness(lambda request: ok(body()))
    result = await call(h.client)
    assert [getattr(item, field) for item in result] == [expected]


@pytest.mark.parametrize("name", sorted(ONE_OBJECT))
async def test_an_unreadable_object_for_a_list_is_refused(name: str) -> None:
    call = ONE_OBJECT[name][0]
    h = Harness(lambda request: ok({"unexpected": True, "attributes": {"objectType": "Thing"}}))
    with pytest.raises(pce.MalformedResponseError):
        await call(h.client)


@pytest.mark.parametrize("name", sorted(ONE_OBJECT))
async def test_a_count_without_its_items_is_refused(name: str) -> None:
    call = ONE_OBJECT[name][0]
    h = Harness(lambda request: ok({"totalCount": 3}))
    with pytest.raises(pce.MalformedResponseError):
        await call(h.client)


async def test_a_qualification_answered_as_one_object_is_that_qualification() -> None:
    # The change-log sample: one PascalCase object where the API page shows an array.
    h = Harness(lambda request: ok(documented("qualification-changelog-get-response.json")))
    qualifications = await h.client.list_qualifications("c1")
    assert [(q.qualification, q.vetting_status) for q in qualifications] == [
        (QualificationType.EDUCATION, VettingStatus.DENIED)]


async def test_qualifications_unreadable_object_is_refused_not_none() -> None:
    h = Harness(lambda request: ok({"status": "weird"}))
    with pytest.raises(pce.MalformedResponseError):
        await h.client.list_qualifications("c1")


async def test_empty_envelopes_stay_empty() -> None:
    bodies = iter([{"totalCount": 0, "items": []},
                   {"totalCount": 0, "attributes": {"objectType": "Collection"}},
                   {"attributes": {"objectType": "Collection"}}])
    h = Harness(lambda request: ok(next(bodies)))
    assert await h.client.list_subscriptions("c1") == []
    assert await h.client.list_entitlements("c1") == []
    assert await h.client.customer_relationships("c1") == []
