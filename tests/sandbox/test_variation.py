"""Documented variation, seeded and switchable: 202 + Location, PascalCase, 409 at renewals."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.sandbox.app import sandbox_context
from csp_tui.sandbox.routes.subscriptions import renewal_conflict
from csp_tui.sandbox.server import served_faults

from . import BASE_URL, FROZEN_AT, PROVIDER, advance, client, make_sandbox
from .test_subscriptions import find, outside_window, url

ALWAYS_ACCEPTED = {"variation": True, "seed": 3, "accepted_rate": 1.0, "pascal_rate": 0.0}
ALWAYS_PASCAL = {"variation": True, "seed": 3, "accepted_rate": 0.0, "pascal_rate": 1.0}


class Tokens:
    async def get_token(self, *, force_refresh: bool = False) -> str:
        return PROVIDER  # the distributor: a reseller may not change subscriptions


async def _no_wait(seconds: float) -> None:
    return None


def _client(transport: httpx.AsyncBaseTransport) -> PartnerCenterClient:
    return PartnerCenterClient(BASE_URL, Tokens(), transport=transport, sleep=_no_wait)


async def test_accepted_202_with_location_then_the_change_on_a_later_get() -> None:
    transport, world = make_sandbox(faults=ALWAYS_ACCEPTED)
    customer, sub = find(world, outside_window)
    async with client(transport, PROVIDER) as http:
        current = (await http.get(url(customer, sub))).json()
        answer = await http.patch(url(customer, sub),
                                  json={**current, "quantity": current["quantity"] + 2})
        later = (await http.get(url(customer, sub))).json()
    assert answer.status_code == 202
    assert answer.content == b""
    # Documented: relative, without /v1.
    assert answer.headers["Location"] == f"/customers/{customer.id}/subscriptions/{sub.id}"
    assert later["quantity"] == current["quantity"] + 2


async def test_the_client_follows_a_202_to_the_changed_subscription() -> None:
    transport, world = make_sandbox(faults=ALWAYS_ACCEPTED)
    customer, sub = find(world, outside_window)
    pc = _client(transport)
    try:
        current = await pc.get_subscription(customer.id, sub.id)
        body = {**current.raw, "quantity": (current.quantity or 0) + 1}
        updated = await pc.patch_subscription(customer.id, body, request_id="r-202",
                                              etag=current.etag)
    finally:
        await pc.aclose()
    assert updated.quantity == sub.quantity == (current.quantity or 0) + 1


async def test_pascal_case_answers_read_by_the_client() -> None:
    transport, world = make_sandbox(faults=ALWAYS_PASCAL)
    customer, sub = find(world, outside_window)
    async with client(transport, PROVIDER) as http:
        raw = (await http.get(url(customer, sub))).json()
    assert "Quantity" in raw and "quantity" not in raw
    assert "Etag" in raw["Attributes"]
    before = sub.quantity
    pc = _client(transport)
    try:
        current = await pc.get_subscription(customer.id, sub.id)
        updated = await pc.patch_subscription(
            customer.id, {**current.raw, "Quantity": before + 1}, request_id="r-pascal",
            etag=current.etag)
    finally:
        await pc.aclose()
    # The models read any casing: PascalCase GET and PATCH answers give the same values.
    assert current.quantity == before and current.etag
    assert updated.quantity == sub.quantity == before + 1
    assert str(updated.status.value) == "active"
    assert updated.offer_id == sub.offer_id


async def _outcomes(seed: int) -> list[tuple[int, bool]]:
    transport, world = make_sandbox(faults={"variation": True, "seed": seed,
                                            "accepted_rate": 0.5, "pascal_rate": 0.5})
    customer, sub = find(world, outside_window)
    seen = []
    async with client(transport, PROVIDER) as http:
        for step in range(12):
            current = (await http.get(url(customer, sub))).json()
            name_key = "FriendlyName" if "FriendlyName" in current else "friendlyName"
            answer = await http.patch(url(customer, sub),
                                      json={**current, name_key: f"krok {step}"})
            seen.append((answer.status_code,
                         answer.status_code == 200 and "Quantity" in answer.json()))
    return seen


async def test_variation_is_deterministic_for_a_seed() -> None:
    first, again, other = await _outcomes(11), await _outcomes(11), await _outcomes(12)
    assert first == again
    assert {status for status, _ in first} == {200, 202}
    assert any(pascal for _, pascal in first) and not all(pascal for _, pascal in first)
    assert first != other


async def test_conflicts_around_a_renewal() -> None:
    transport, world = make_sandbox(faults={"variation": True, "seed": 1})
    customer, sub = find(world, lambda s: s.status == "active" and s.auto_renew
                         and not s.is_trial and s.term_duration == "P1M")
    end = sub.commitment_end
    async with client(transport, PROVIDER) as http:
        await advance(http, seconds=(end - FROZEN_AT).total_seconds() + 3600)
        current = (await http.get(url(customer, sub))).json()
        name = "friendlyName" if "friendlyName" in current else "FriendlyName"
        pending = await http.patch(url(customer, sub), json={**current, name: "den před"})
        await advance(http, days=1)
        current = (await http.get(url(customer, sub))).json()
        name = "friendlyName" if "friendlyName" in current else "FriendlyName"
        processing = await http.patch(url(customer, sub), json={**current, name: "obnova"})
        await advance(http, days=1)
        current = (await http.get(url(customer, sub))).json()
        name = "friendlyName" if "friendlyName" in current else "FriendlyName"
        settled = await http.patch(url(customer, sub), json={**current, name: "po obnově"})
    assert pending.status_code == 409
    assert pending.json()["code"] == 900278
    assert pending.headers["Retry-After"] == "86400"
    assert processing.status_code == 409
    assert processing.json()["code"] == 800082
    assert 0 < int(processing.headers["Retry-After"]) <= 300
    assert settled.status_code in (200, 202)
    assert sub.friendly_name == "po obnově"


async def test_off_in_the_embedded_sandbox_and_switchable() -> None:
    transport, world = make_sandbox()
    customer, sub = find(world, lambda s: s.status == "active" and s.auto_renew
                         and not s.is_trial and s.term_duration == "P1M")
    async with client(transport, PROVIDER) as http:
        await advance(http, seconds=(sub.commitment_end - FROZEN_AT).total_seconds() + 3600)
        current = (await http.get(url(customer, sub))).json()
        plain = await http.patch(url(customer, sub), json={**current, "friendlyName": "a"})
        switched = (await http.post("/_emulator/faults", json={"variation": True})).json()
        current = (await http.get(url(customer, sub))).json()
        varied = await http.patch(url(customer, sub), json={**current, "friendlyName": "b"})
        reset = (await http.post("/_emulator/reset-faults")).json()
        off = (await http.post("/_emulator/faults", json={"variation": False})).json()
        again = await http.patch(url(customer, sub), json={**current, "friendlyName": "c"})
        bad = await http.post("/_emulator/faults", json={"variation": "yes"})
    assert plain.status_code == 200
    assert switched["variation"] is True
    assert varied.status_code == 409  # the last day before the renewal
    assert reset["variation"] is True  # resetting faults keeps the mode
    assert off["variation"] is False
    assert again.status_code == 200
    assert bad.status_code == 400


def test_on_by_default_when_served() -> None:
    config = served_faults(latency_ms=0, seed=7)
    assert config.variation is True and config.seed == 7
    assert served_faults(latency_ms=0, seed=7, variation=False).variation is False


@pytest.mark.parametrize("faults", [None, {}, {"error_rate": 0.0}])
def test_embedded_default_is_off(faults: Any) -> None:
    transport, _ = make_sandbox(faults=faults)
    assert sandbox_context(transport.app).faults.config.variation is False


async def test_renewal_conflict_is_only_for_active_subscriptions() -> None:
    _, world = make_sandbox(faults={"variation": True})
    _, suspended = find(world, lambda s: s.status == "suspended")
    assert renewal_conflict(suspended, suspended.commitment_end + timedelta(hours=2)) is None
    active = next(s for c in world.customers if c.reseller_id == identity.RESELLER_TENANT_ID
                  for s in c.subscriptions if s.status == "active" and s.auto_renew)
    assert renewal_conflict(active, active.commitment_end + timedelta(hours=2)) is not None
    assert renewal_conflict(active, active.commitment_end - timedelta(hours=2)) is None
