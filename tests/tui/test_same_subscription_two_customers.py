"""The same subscription id under two customers (the cache keys subscriptions by customer and
id): the detail screen, its changes and the plan behind them show the row of the customer
the person selected, never the other customer's."""

from __future__ import annotations

from datetime import UTC

from csp_tui.cache import views
from csp_tui.services.subscriptions import plan_action, queue_action
from csp_tui.tui.screens.subscription_actions import SubscriptionActionsScreen
from csp_tui.tui.screens.subscription_detail import SubscriptionDetailScreen
from csp_tui.tui.widgets.lists import SubscriptionsPane

from .conftest import CLOCK_NOW, WIDE
from .subscriptions_support import (
    BAKERY_ID,
    NEW,
    add_customer,
    add_subscription,
    bakery_console,
    flat_text,
)

OTHER_ID = "0000aaaa-0000-4000-8000-0000000000aa"
OTHER = "Jiná firma a.s."


def seed_twin(cache) -> None:  # type: ignore[no-untyped-def]
    """OTHER holds a subscription with the bakery's NEW id, but 33 seats of another product
    (stored after the bakery's, so a look-up by id alone finds the bakery's first)."""
    add_customer(cache, OTHER_ID, OTHER)
    add_subscription(cache, NEW, customer_id=OTHER_ID, offer_name="Office 365 E5",
                     quantity=33)


def test_the_record_is_the_selected_customers(make_console) -> None:
    console = bakery_console(make_console)
    seed_twin(console.cache)
    mine = views.subscription_record(console.cache, NEW, customer_id=OTHER_ID)
    assert mine is not None and (mine["customer_id"], mine["quantity"]) == (OTHER_ID, 33)
    bakery = views.subscription_record(console.cache, NEW, customer_id=BAKERY_ID.upper())
    assert bakery is not None and bakery["quantity"] == 12
    assert views.subscription_record(console.cache, NEW, customer_id="someone-else") is None


def test_the_plan_is_for_the_selected_customer(make_console) -> None:
    console = bakery_console(make_console, profile="sandbox-provider")
    seed_twin(console.cache)
    plan = plan_action(console.cache, NEW, "change_quantity", 34, now=CLOCK_NOW,
                       profile=console.app.settings.profile, zone=UTC, customer_id=OTHER_ID)
    assert plan.customer_id == OTHER_ID
    assert "33" in plan.effect_text and "Office 365 E5" in plan.subject


def test_a_pending_change_of_one_customer_is_not_the_others(make_console) -> None:
    console = bakery_console(make_console, profile="sandbox-provider")
    seed_twin(console.cache)
    profile = console.app.settings.profile
    queued = []
    for owner, seats in ((BAKERY_ID, 13), (OTHER_ID, 34)):
        plan = plan_action(console.cache, NEW, "change_quantity", seats, now=CLOCK_NOW,
                           profile=profile, zone=UTC, customer_id=owner)
        queued.append(queue_action(console.state, plan, customer_id=owner,
                                   subscription_id=NEW, profile=profile))
    bakery, other = queued
    assert bakery.id != other.id
    assert (other.payload["customer_id"], other.payload["changes"]) == (OTHER_ID,
                                                                       {"quantity": 34})
    assert bakery.payload["changes"] == {"quantity": 13}


async def test_enter_on_the_other_customers_row_shows_that_row(make_console) -> None:
    console = bakery_console(make_console, profile="sandbox-provider")
    seed_twin(console.cache)
    async with console.app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        pane = console.app.screen.query_one(SubscriptionsPane)
        rows = list(pane.table.source.fetch(0, pane.table.row_count))
        index = next(i for i, row in enumerate(rows)
                     if row.id == NEW and row.customer_id == OTHER_ID)
        pane.table.move_cursor(index)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = console.app.screen
        assert isinstance(screen, SubscriptionDetailScreen)
        text = flat_text(console.app)
        assert "Office 365 E5" in text and "Quantity 33 seats" in text
        assert OTHER in text
        await pilot.press("m")
        await pilot.pause()
        actions = console.app.screen
        assert isinstance(actions, SubscriptionActionsScreen)
        assert actions.record is not None and actions.record["customer_id"] == OTHER_ID
