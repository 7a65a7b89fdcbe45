"""Named views across all customers: the queries behind them, ``:subscriptions <view>`` and
the command palette."""

from __future__ import annotations

from datetime import timedelta

import pytest

from csp_tui.cache import views
from csp_tui.db import Transaction
from csp_tui.services import subscriptions as service
from csp_tui.tui.screens.subscription_views import (
    VIEW_ORDER,
    SubscriptionViewsProvider,
    parse_view,
    run_subscriptions_command,
    show_preset,
)
from csp_tui.tui.widgets.lists import SubscriptionsPane

from .conftest import CLOCK_NOW, NARROW
from .subscriptions_support import BAKERY_ID, LTSC, NEW, OLD, bakery_console, iso


@pytest.fixture
def databases(make_console):
    console = bakery_console(make_console, customers=40)
    return console.cache


def test_the_perpetual_view_lists_licences_of_every_customer(databases) -> None:
    cache = databases
    rows = views.subscription_rows(cache, preset="perpetual", limit=10_000, now=CLOCK_NOW)
    stored = cache.execute(
        "SELECT e.id, e.product_name, e.purchase_date FROM entitlements e "
        "JOIN customers c ON c.id = e.customer_id WHERE c.removed_at IS NULL").fetchall()
    assert len(stored) > 1 and {row.id for row in rows} == {key for key, _, _ in stored}
    assert len({row.customer_id for row in rows}) > 1
    bought = {key: (name, purchased) for key, name, purchased in stored}
    for row in rows:
        assert row.kind == "perpetual" and row.auto_renew is None
        assert (row.product, row.purchase_date) == bought[row.id]
    assert views.count_subscriptions(cache, preset="perpetual", now=CLOCK_NOW) == len(rows)
    # Positions by key agree with the order, whichever the sort.
    for sort in views.SUBSCRIPTION_SORTS:
        ordered = views.subscription_rows(cache, preset="perpetual", sort=sort,
                                          limit=10_000, now=CLOCK_NOW)
        for position in (0, len(ordered) // 2, len(ordered) - 1):
            assert views.subscription_index_of(cache, ordered[position].id, preset="perpetual",
                                               sort=sort, now=CLOCK_NOW) == position
    ltsc = views.subscription_rows(cache, preset="perpetual", filter="ltsc professional",
                                   limit=100, now=CLOCK_NOW)
    assert LTSC in {row.id for row in ltsc}


def test_the_kind_filter(databases) -> None:
    cache = databases
    for kind in views.SUBSCRIPTION_KINDS:
        rows = views.subscription_rows(cache, kind=kind, limit=100_000, now=CLOCK_NOW)
        assert rows and {row.kind for row in rows} == {kind}
        assert views.count_subscriptions(cache, kind=kind, now=CLOCK_NOW) == len(rows)
    one = views.subscription_rows(cache, customer_id=BAKERY_ID, kind="perpetual", limit=100,
                                  now=CLOCK_NOW)
    assert [row.id for row in one] == [LTSC]
    everything = views.count_subscriptions(cache, now=CLOCK_NOW)
    online = views.count_subscriptions(cache, kind="online", now=CLOCK_NOW)
    software = views.count_subscriptions(cache, kind="software", now=CLOCK_NOW)
    assert online + software == everything  # perpetual licences are not subscriptions
    with pytest.raises(ValueError):
        views.count_subscriptions(cache, kind="hardware", now=CLOCK_NOW)


def test_the_window_lists_only_what_can_still_be_cancelled(databases) -> None:
    cache = databases
    in_window = CLOCK_NOW + timedelta(days=2)
    with Transaction(cache) as conn:
        conn.execute("UPDATE subscriptions SET cancellation_allowed_until = ?, status = ? "
                     "WHERE id = ?", (iso(in_window), "deleted", OLD))
    rows = views.subscription_rows(cache, preset="in_window", limit=100_000, now=CLOCK_NOW)
    ids = {row.id for row in rows}
    assert NEW in ids and OLD not in ids
    assert {row.status for row in rows} <= {"active", "suspended"}
    assert views.count_subscriptions(cache, preset="in_window", now=CLOCK_NOW) == len(rows)


def test_renewing_takes_the_number_of_days(databases) -> None:
    cache = databases
    short = views.subscription_rows(cache, preset="renewing_within_days", renewing_days=7,
                                    limit=100_000, now=CLOCK_NOW)
    long = views.subscription_rows(cache, preset="renewing_within_days", renewing_days=90,
                                   limit=100_000, now=CLOCK_NOW)
    assert {row.id for row in short} < {row.id for row in long}
    assert OLD in {row.id for row in long}  # its term ends in 12 days


@pytest.mark.parametrize(("typed", "view"), [
    ("renewing", "renewing"), ("Obnova", "renewing"), ("window", "in_window"),
    ("lhůta", "in_window"), ("suspended", "suspended"), ("no-renew", "auto_renew_off"),
    ("sw", "software"), ("trvalé", "perpetual"), ("expired", "expired"), ("all", ""),
    ("šumavská", None), ("", None),
])
def test_view_words(typed, view) -> None:
    assert parse_view(typed) == view


async def test_subs_view_shows_every_customer_in_that_view(make_console) -> None:
    console = bakery_console(make_console, customers=40)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        pane = console.app.main_screen.query_one(SubscriptionsPane)
        pane.filter_text = "something"
        for name in VIEW_ORDER:
            assert run_subscriptions_command(console.app, VIEW_WORDS_FIRST[name])
            await pilot.pause()
            preset = service.PRESETS[name]
            assert pane.show_all and pane.preset == preset and pane.filter_text == ""
            assert console.app.main_screen.active_pane == "subscriptions"
            expected = views.count_subscriptions(console.cache, preset=preset,
                                                 now=console.app.now())
            assert pane.table.row_count == expected > 0, name
        assert run_subscriptions_command(console.app, "all")
        await pilot.pause()
        assert pane.preset is None
        assert pane.table.row_count == views.count_subscriptions(console.cache)
        assert not run_subscriptions_command(console.app, "pekárna")  # a filter, not a view


async def test_views_in_the_command_palette(make_console) -> None:
    console = bakery_console(make_console, customers=5)
    async with console.app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        provider = SubscriptionViewsProvider(console.app.screen)
        hits = [hit async for hit in provider.discover()]
        assert [str(hit.display) for hit in hits][:2] == [
            "Renewing within 30 days  :subs renewing",
            "Inside the cancellation window  :subs window"]
        assert len(hits) == len(VIEW_ORDER)
        found = [hit async for hit in provider.search("cancellation window")]
        assert found
        found[0].command()
        await pilot.pause()
        pane = console.app.main_screen.query_one(SubscriptionsPane)
        assert pane.preset == "in_window" and pane.show_all


def test_unknown_views_are_refused(make_console) -> None:
    console = bakery_console(make_console)
    assert not show_preset(console.app, "everything")


VIEW_WORDS_FIRST = {"renewing": "renewing", "in_window": "window", "suspended": "suspended",
                    "auto_renew_off": "auto-renew-off", "software": "software",
                    "perpetual": "perpetual", "expired": "expired"}
