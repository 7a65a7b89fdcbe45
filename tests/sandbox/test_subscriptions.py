"""Subscriptions: the new-commerce PATCH rules, windows and renewals on the virtual clock."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import httpx

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox.entities import Customer, Subscription
from csp_tui.sandbox.world import World

from . import FROZEN_AT, PROVIDER, advance, client, make_sandbox


def find(world: World, test: Callable[[Subscription], bool],
         *, reseller: str = identity.RESELLER_TENANT_ID) -> tuple[Customer, Subscription]:
    for customer in world.customers:
        if customer.state != "customer" or customer.reseller_id != reseller:
            continue
        for sub in customer.subscriptions:
            if test(sub):
                return customer, sub
    raise AssertionError("no such subscription in the demo world")


def outside_window(sub: Subscription) -> bool:
    return (sub.status == "active" and not sub.is_software and not sub.is_trial
            and FROZEN_AT - sub.term_start > timedelta(days=8)
            and len(sub.batches) == 1 and 2 <= sub.quantity < sub.max_quantity
            and sub.auto_renew)


def in_window(sub: Subscription) -> bool:
    return (sub.status == "active" and not sub.is_software
            and FROZEN_AT - sub.term_start < timedelta(days=6))


def url(customer: Customer, sub: Subscription) -> str:
    return f"/v1/customers/{customer.id}/subscriptions/{sub.id}"


async def patch(http: httpx.AsyncClient, customer: Customer, sub: Subscription,
                changes: dict, *, full: bool = True, **kwargs) -> httpx.Response:
    """GET, modify, PATCH back — the documented way (``full=False`` sends only ``changes``)."""
    body = changes
    if full:
        body = (await http.get(url(customer, sub))).json()
        body.update(changes)
    return await http.patch(url(customer, sub), json=body, **kwargs)


def error_code(response: httpx.Response) -> int:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["source"] == "PartnerFD" and body["description"]
    return body["code"]


async def test_get_shows_windows_computed_from_the_clock() -> None:
    transport, world = make_sandbox()
    customer, sub = find(world, in_window)
    async with client(transport) as http:
        fresh = (await http.get(url(customer, sub))).json()
        await advance(http, days=8)
        later = (await http.get(url(customer, sub))).json()
    assert fresh["cancellationAllowedUntilDate"] == (
        (sub.term_start + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M:%SZ"))
    assert fresh["refundableQuantity"]["totalQuantity"] == fresh["quantity"]
    assert fresh["refundOptions"]
    assert later["refundableQuantity"] == {"totalQuantity": 0, "details": []}
    assert later["refundOptions"] == []
    assert fresh["attributes"]["objectType"] == "Subscription"
    assert fresh["partnerId"] == identity.RESELLER_MPN_ID


async def test_list_returns_every_subscription_of_the_customer() -> None:
    transport, world = make_sandbox()
    customer, _ = find(world, lambda s: s.status == "expired")
    async with client(transport) as http:
        response = await http.get(f"/v1/customers/{customer.id}/subscriptions")
        missing = await http.get(f"/v1/customers/{customer.id}/subscriptions/"
                                 "00000000-0000-0000-0000-000000000000")
    body = response.json()
    assert body["totalCount"] == len(customer.subscriptions) == len(body["items"])
    assert {item["status"] for item in body["items"]} == {s.status for s in
                                                          customer.subscriptions}
    assert missing.status_code == 404 and missing.json()["code"] == 20003


async def test_quantity_outside_the_allowed_range() -> None:
    transport, world = make_sandbox()
    customer, sub = find(world, outside_window)
    async with client(transport, PROVIDER) as http:
        too_low = await patch(http, customer, sub, {"quantity": 0})
        too_high = await patch(http, customer, sub, {"quantity": sub.max_quantity + 1})
    assert error_code(too_low) == 2002
    assert error_code(too_high) == 2002


async def test_increase_anytime_and_decrease_only_new_seats() -> None:
    transport, world = make_sandbox()
    customer, sub = find(world, outside_window)
    original = sub.quantity
    async with client(transport, PROVIDER) as http:
        decrease = await patch(http, customer, sub, {"quantity": original - 1})
        increase = await patch(http, customer, sub, {"quantity": original + 3})
        too_far = await patch(http, customer, sub, {"quantity": original - 1})
        back = await patch(http, customer, sub, {"quantity": original + 1})
    assert error_code(decrease) == 800090
    assert increase.status_code == 200
    assert increase.json()["refundableQuantity"]["totalQuantity"] == 3
    assert error_code(too_far) == 800090
    assert back.status_code == 200 and back.json()["quantity"] == original + 1
    assert back.json()["refundableQuantity"]["totalQuantity"] == 1
    assert sub.quantity == original + 1


async def test_seats_added_this_week_can_be_removed() -> None:
    transport, world = make_sandbox()
    customer, sub = find(world, lambda s: s.status == "active" and len(s.batches) == 2)
    added = sub.batches[1].quantity
    async with client(transport, PROVIDER) as http:
        response = await patch(http, customer, sub, {"quantity": sub.quantity - added})
    assert response.status_code == 200, response.text
    assert response.json()["refundableQuantity"]["totalQuantity"] == 0


async def test_cancel_inside_the_window_then_deleted_is_final() -> None:
    transport, world = make_sandbox()
    customer, sub = find(world, in_window)
    async with client(transport, PROVIDER) as http:
        cancelled = await patch(http, customer, sub, {"status": "deleted"})
        again = await patch(http, customer, sub, {"status": "active"})
        rename = await patch(http, customer, sub, {"friendlyName": "Nové jméno"})
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "deleted"
    assert cancelled.json()["autoRenewEnabled"] is False
    assert error_code(again) == 2011
    assert error_code(rename) == 2011


async def test_cancel_outside_the_window_nce_and_software() -> None:
    transport, world = make_sandbox()
    customer, nce = find(world, outside_window)
    software_customer, software = find(
        world, lambda s: s.is_software and s.status == "active"
        and FROZEN_AT - s.term_start > timedelta(days=8))
    async with client(transport, PROVIDER) as http:
        nce_response = await patch(http, customer, nce, {"status": "deleted"})
        sw_response = await patch(http, software_customer, software, {"status": "deleted"})
    assert error_code(nce_response) == 900117
    assert error_code(sw_response) == 900213
    assert nce.status == software.status == "active"


async def test_software_subscription_cancel_inside_window_and_no_quantity_change() -> None:
    transport, world = make_sandbox()
    customer, sub = find(world, lambda s: s.is_software and s.status == "active"
                         and FROZEN_AT - s.term_start < timedelta(days=6))
    async with client(transport, PROVIDER) as http:
        more = await patch(http, customer, sub, {"quantity": sub.quantity + 1})
        cancelled = await patch(http, customer, sub, {"status": "deleted"})
    assert error_code(more) == 900275
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "deleted"


async def test_suspend_turns_auto_renew_off_and_only_status_may_change() -> None:
    transport, world = make_sandbox()
    customer, sub = find(world, outside_window)
    assert sub.auto_renew
    async with client(transport, PROVIDER) as http:
        with_quantity = await patch(http, customer, sub,
                                    {"status": "suspended", "quantity": sub.quantity + 1})
        suspended = await patch(http, customer, sub, {"status": "suspended"})
        quantity = await patch(http, customer, sub, {"quantity": sub.quantity + 1})
        auto_renew = await patch(http, customer, sub, {"autoRenewEnabled": True})
        reactivated = await patch(http, customer, sub, {"status": "active"})
        renew_again = await patch(http, customer, sub, {"autoRenewEnabled": True})
    assert error_code(with_quantity) == 2001
    assert suspended.status_code == 200
    assert suspended.json()["status"] == "suspended"
    assert suspended.json()["autoRenewEnabled"] is False
    assert error_code(quantity) == 800091
    assert error_code(auto_renew) == 800091
    assert reactivated.json()["status"] == "active"
    assert reactivated.json()["autoRenewEnabled"] is False
    assert renew_again.json()["autoRenewEnabled"] is True


async def test_minimal_body_switches_auto_renew_off() -> None:
    transport, world = make_sandbox()
    customer, sub = find(world, outside_window)
    async with client(transport, PROVIDER) as http:
        full = await patch(http, customer, sub, {"quantity": sub.quantity + 1})
        assert full.json()["autoRenewEnabled"] is True
        minimal = await patch(http, customer, sub, {"quantity": sub.quantity + 1}, full=False)
    assert minimal.status_code == 200
    assert minimal.json()["autoRenewEnabled"] is False
    assert sub.auto_renew is False


async def test_trials_cannot_auto_renew() -> None:
    transport, world = make_sandbox()
    customer, sub = find(world, lambda s: s.is_trial and s.status == "active")
    async with client(transport, PROVIDER) as http:
        response = await patch(http, customer, sub, {"autoRenewEnabled": True})
    assert error_code(response) == 800093


async def test_stale_etag_is_refused() -> None:
    transport, world = make_sandbox()
    customer, sub = find(world, outside_window)
    async with client(transport, PROVIDER) as http:
        etag = (await http.get(url(customer, sub))).json()["attributes"]["etag"]
        ok = await patch(http, customer, sub, {"friendlyName": "Kancelář"},
                         headers={"If-Match": f'"{etag}"'})
        stale = await patch(http, customer, sub, {"friendlyName": "Sklad"},
                            headers={"If-Match": f'"{etag}"'})
    assert ok.status_code == 200
    assert ok.json()["attributes"]["etag"] != etag
    assert error_code(stale) == 2055
    assert sub.friendly_name == "Kancelář"


async def test_patch_is_applied_again_under_the_same_request_id() -> None:
    # Partner Center documents MS-RequestId idempotency for creations only (customers, orders,
    # carts): a PATCH sent again under the same id is a new change.
    transport, world = make_sandbox()
    customer, sub = find(world, outside_window)
    original = sub.quantity
    first_id = {"MS-RequestId": "0d7bd8fc-1111-4e1e-9c1f-7a4a7f0f0001"}
    async with client(transport, PROVIDER) as http:
        first = await patch(http, customer, sub, {"quantity": original + 1}, headers=first_id)
        later = await patch(http, customer, sub, {"quantity": original + 5})
        again = await http.patch(url(customer, sub), json={"quantity": original + 9},
                                 headers=first_id)
    assert first.status_code == later.status_code == again.status_code == 200
    assert again.json()["quantity"] == original + 9
    assert sub.quantity == original + 9


async def test_renewal_reopens_the_window_and_auto_renew_off_expires() -> None:
    transport, world = make_sandbox()
    customer, renewing = find(world, lambda s: s.status == "active" and s.auto_renew
                              and s.term_duration == "P1M" and not s.is_trial)
    other_customer, ending = find(world, lambda s: s.status == "active" and not s.auto_renew
                                  and not s.is_trial)
    async with client(transport) as http:
        before = (await http.get(url(customer, renewing))).json()
        end = datetime.fromisoformat(before["commitmentEndDate"].replace("Z", "+00:00"))
        await advance(http, seconds=(end - FROZEN_AT).total_seconds() + 86400 + 3600)
        after = (await http.get(url(customer, renewing))).json()

        stop = datetime.fromisoformat(
            (await http.get(url(other_customer, ending))).json()["commitmentEndDate"]
            .replace("Z", "+00:00"))
        now = datetime.fromisoformat((await advance(http))["now"].replace("Z", "+00:00"))
        await advance(http, seconds=max(0.0, (stop - now).total_seconds()) + 86400 + 60)
        expired = (await http.get(url(other_customer, ending))).json()
        await advance(http, days=31)
        disabled = (await http.get(url(other_customer, ending))).json()
        await advance(http, days=91)
        gone = (await http.get(url(other_customer, ending))).json()
    assert after["status"] == "active"
    assert after["effectiveStartDate"] == (end + timedelta(days=1)).strftime(
        "%Y-%m-%dT%H:%M:%SZ")
    assert after["commitmentEndDate"] > before["commitmentEndDate"]
    assert after["refundableQuantity"]["totalQuantity"] == after["quantity"]
    assert after["attributes"]["etag"] != before["attributes"]["etag"]
    assert expired["status"] == "expired"
    assert disabled["status"] == "disabled"
    assert gone["status"] == "deleted"


async def test_provider_sees_subscriptions_of_all_resellers() -> None:
    transport, world = make_sandbox()
    customer, sub = find(world, lambda s: True, reseller=identity.OTHER_RESELLER_TENANT_ID)
    async with client(transport, PROVIDER) as http:
        response = await http.get(url(customer, sub))
    async with client(transport) as http:
        hidden = await http.get(url(customer, sub))
    assert response.status_code == 200
    assert response.json()["partnerId"] == identity.OTHER_RESELLER_MPN_ID
    assert hidden.status_code == 404
