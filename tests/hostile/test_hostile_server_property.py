"""Hypothesis-generated Partner Center answers: whatever the server sends, the sync ends, the
cache stays sound, every well-formed item is cached and every unreadable one is named."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .fake_pc import FakePartnerCenter, customer, hostile_settings, subscription, sync_against

# Values a tolerant reader keeps (the item stays, the field is read or taken as absent).
ODD_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**63), 2**63 - 1), st.floats(allow_nan=True),
    st.text(max_size=50), st.just("1e3"), st.just("-5"), st.just(" 7 "), st.just([]),
    st.just({}), st.just({"a": {"b": {"c": [1, {"d": None}]}}}),
    st.just("A\x1b[31mB\u202e\x00"), st.just("x" * 5_000),
)
FIELDS = st.sampled_from(["offerName", "friendlyName", "status", "billingCycle",
                          "termDuration", "autoRenewEnabled", "creationDate", "unitType",
                          "commitmentEndDate", "productType", "refundableQuantity"])


@st.composite
def good_subscription(draw: Any, sub_id: str) -> dict[str, Any]:
    extra = draw(st.dictionaries(FIELDS, ODD_VALUES, max_size=4))
    quantity = draw(st.one_of(st.integers(-1000, 10**12), st.integers(0, 99).map(str)))
    return subscription(sub_id, quantity=quantity, **extra)


# Items no reader can keep: each must be named in the run's report.
_UNREADABLE = [None, 42, "text", [], {}, {"id": None}, {"offerName": "no id"},
               {"id": "i" * 400}, {"id": ["not", "an", "id"]}]
BAD_CUSTOMERS = st.sampled_from(_UNREADABLE)
BAD_ITEMS = st.sampled_from([*_UNREADABLE, {"id": "huge", "quantity": "9" * 30},
                             {"id": "float-huge", "quantity": 1e300}])


@st.composite
def hostile_world(draw: Any) -> tuple[FakePartnerCenter, dict[str, set[str]], int]:
    """(the fake server, customer -> the subscription ids that must be cached, how many
    unreadable items it sends)."""
    count = draw(st.integers(1, 4))
    ids = [f"c{n}" for n in range(count)]
    expected: dict[str, set[str]] = {}
    items: dict[str, list[Any]] = {}
    bad = 0
    for customer_id in ids:
        good_ids = draw(st.lists(st.sampled_from(["s1", "s2", "s3", "s4", "s5"]), unique=True,
                                 max_size=4))
        good = [draw(good_subscription(sub_id)) for sub_id in good_ids]
        broken = draw(st.lists(BAD_ITEMS, max_size=3))
        bad += len(broken)
        mixed = draw(st.permutations(good + broken))
        items[customer_id] = mixed
        expected[customer_id] = set(good_ids)
    listing_bad = draw(st.lists(BAD_CUSTOMERS, max_size=2))
    bad += len(listing_bad)
    names = draw(st.lists(st.one_of(st.text(max_size=30), st.just("Š" * 3_000)),
                          min_size=count, max_size=count))
    listing = draw(st.permutations([customer(c, n) for c, n in zip(ids, names, strict=True)]
                                   + listing_bad))
    return FakePartnerCenter(customers=listing, subscriptions=items), expected, bad


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(world=hostile_world())
def test_any_hostile_answer_keeps_the_good_and_names_the_bad(tmp_path_factory, world):
    fake, expected, bad = world
    home = tmp_path_factory.mktemp("hostile")
    import os

    os.environ["CSP_TUI_HOME"] = str(home)
    settings_ = hostile_settings(home)
    result, snap, run = asyncio.run(asyncio.wait_for(sync_against(settings_, fake), 60))

    assert run["status"] in ("ok", "partial", "failed")  # ended, never left running
    cached: dict[str, set[str]] = {}
    for row in snap["subscriptions"]:
        cached.setdefault(row["customer_id"], set()).add(row["id"])
    for customer_id, ids in expected.items():
        assert cached.get(customer_id, set()) == ids, (customer_id, result.skipped_items)
    assert {c["id"] for c in snap["customers"]} == set(expected)
    assert len(result.skipped_items) == bad, result.skipped_items
    assert result.ok == (bad == 0)
    assert all(len(row["company_name"]) <= 1_000 for row in snap["customers"])
    conn = sqlite3.connect(settings_.locations.cache_db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def _answer(body: bytes, content_type: str) -> httpx.Response:
    return httpx.Response(200, content=body, headers={"content-type": content_type})


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answer=st.one_of(
    st.binary(max_size=200).map(lambda b: _answer(b, "application/octet-stream")),
    st.just(_answer(b"<html>maintenance</html>", "text/html")),
    st.just(_answer(b"[" * 5_000 + b"]" * 5_000, "application/json")),
    st.just(_answer(b'{"items": ' + b"[" * 100_000, "application/json")),
    st.just(httpx.Response(301, headers={"location": "https://elsewhere.example/v1"})),
    st.just(httpx.Response(302, headers={"location": "https://u:pw@elsewhere.example/?t=1"})),
    st.just(_answer(b'{"items": "not a list", "continuationToken": 5}', "application/json")),
))
def test_any_answer_to_the_listing_ends_the_run_with_words(tmp_path_factory, answer):
    home = tmp_path_factory.mktemp("hostile-listing")
    import os

    os.environ["CSP_TUI_HOME"] = str(home)
    settings_ = hostile_settings(home)
    fake = FakePartnerCenter(customers=[customer("c1")])
    fake.routes["/v1/customers"] = lambda request: answer
    _, _, run = asyncio.run(asyncio.wait_for(sync_against(settings_, fake), 60))
    assert run["status"] in ("ok", "failed")
    if run["status"] == "failed":
        assert run["error"] and "Traceback" not in run["error"]
        assert "pw" not in run["error"]
