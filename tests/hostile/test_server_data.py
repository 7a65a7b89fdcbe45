"""Bad server data spoils at most its item (or its customer): the rest of the sync is kept,
the run ends, and what was left out is named."""

from __future__ import annotations

import httpx

from csp_tui.partner_center import paging

from .fake_pc import FakePartnerCenter, customer, subscription, sync_against

HUGE = "999999999999999999999999999999"


def _subscriptions(snap) -> set[tuple[str, str, int]]:
    return {(s["customer_id"], s["id"], s["quantity"]) for s in snap["subscriptions"]}


async def test_a_quantity_beyond_64_bits_spoils_only_its_subscription(settings):
    fake = FakePartnerCenter(
        customers=[customer("c1"), customer("c2")],
        subscriptions={"c1": [subscription("s1", quantity=HUGE), subscription("s2")],
                       "c2": [subscription("s3", quantity=7)]})
    for _ in range(2):  # and again: the next sync is not stuck on it either
        result, snap, run = await sync_against(settings, fake)
        assert _subscriptions(snap) == {("c1", "s2", 5), ("c2", "s3", 7)}
        assert run["status"] == "partial" and not result.ok  # finished, incomplete
        assert "s1" in run["error"] and "number out of range" in run["error"]
        assert "Traceback" not in run["error"]
        assert {c["id"] for c in snap["customers"]} == {"c1", "c2"}


async def test_a_null_item_and_an_item_without_id_spoil_only_themselves(settings):
    fake = FakePartnerCenter(
        customers=[customer("c1"), None, {"companyProfile": {"companyName": "bez id"}},
                   customer("c2")],
        subscriptions={"c1": [None, subscription("s1"), {"offerName": "no id"}]})
    result, snap, run = await sync_against(settings, fake)
    assert {c["id"] for c in snap["customers"]} == {"c1", "c2"}
    assert _subscriptions(snap) == {("c1", "s1", 5)}
    assert len(result.skipped_items) == 4
    assert any("items[1]: NoneType" in line for line in result.skipped_items)
    assert any("id: Field required" in line for line in result.skipped_items)
    assert run["status"] == "partial" and "4 item(s)" in run["error"]


async def test_the_same_subscription_id_under_two_customers_stays_with_both(settings):
    fake = FakePartnerCenter(
        customers=[customer("c1"), customer("c2")],
        subscriptions={"c1": [subscription("same", quantity=1), subscription("a")],
                       "c2": [subscription("same", quantity=2)]})
    result, snap, _ = await sync_against(settings, fake)
    assert result.ok, result.error
    assert _subscriptions(snap) == {("c1", "same", 1), ("c1", "a", 5), ("c2", "same", 2)}
    counts = {c["id"]: c["subscription_count"] for c in snap["customers"]}
    assert counts == {"c1": 2, "c2": 1}


async def test_a_continuation_loop_with_a_fresh_token_each_time_is_given_up(settings):
    fake = FakePartnerCenter(customers=[customer("c1")])
    tokens = iter(range(10**9))

    def endless(request: httpx.Request) -> httpx.Response:
        # The same customer on every page, and always a new token for "the next one".
        body = {"totalCount": 1, "items": [customer("c1")],
                "links": {"next": {"uri": "/customers?size=500&seekOperation=Next",
                                   "headers": [{"key": "MS-ContinuationToken",
                                                "value": f"t{next(tokens)}"}]}}}
        return httpx.Response(200, json=body)

    fake.routes["/v1/customers"] = endless
    result, snap, run = await sync_against(settings, fake)
    assert not result.ok and run["status"] == "failed"
    assert "without any new item" in run["error"]
    # The first page plus the pages allowed to bring nothing new; never MAX_PAGES.
    assert fake.requests == 1 + paging.MAX_PAGES_WITHOUT_NEW_ITEMS
    assert [c["id"] for c in snap["customers"]] == ["c1"]


async def test_a_customer_whose_data_breaks_the_writer_spoils_only_that_customer(
        settings, monkeypatch):
    """Whatever a bug or an unforeseen value raises while one customer is stored, the other
    customers are stored and the run ends as failed with words, not a traceback."""
    from csp_tui.cache import store

    real = store.write_customer_detail

    def flaky(db, detail, **kwargs):
        if detail.customer_id == "c1":
            raise RuntimeError("unforeseen")
        return real(db, detail, **kwargs)

    monkeypatch.setattr(store, "write_customer_detail", flaky)
    fake = FakePartnerCenter(customers=[customer("c1"), customer("c2")],
                             subscriptions={"c2": [subscription("s2")]})
    result, snap, run = await sync_against(settings, fake)
    assert _subscriptions(snap) == {("c2", "s2", 5)}
    assert run["status"] == "failed"
    assert "RuntimeError: unforeseen" in result.failed_customers["c1"]
