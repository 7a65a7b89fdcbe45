"""Ordering in the console against the embedded sandbox, through the real back end (the
worker reads the catalog, the outbox runner places the order): the distributor sells the
bakery 10 seats of Microsoft 365 Business Standard, annual, billed monthly, without leaving
the console, and the new subscription is in the customer's subscriptions at once, marked
provisioning."""

from __future__ import annotations

import asyncio

from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxState
from csp_tui.tui.screens.order import OrderCatalogScreen, OrderResultScreen, open_order

from .conftest import WIDE
from .subscriptions_support import flat_text, follow_workers_done
from .test_subscriptions_sandbox import BAKERY, WAIT, Sandbox, sandbox  # noqa: F401

ITEM = "CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM"


async def test_the_distributor_sells_ten_seats_without_leaving_the_console(
        sandbox: Sandbox) -> None:  # noqa: F811
    bakery = sandbox.customer_id(BAKERY)
    await sandbox.sync(bakery)
    orders_before = len(sandbox.world.customer(bakery).orders)
    app, backend = sandbox.console()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert open_order(app, bakery)
        screen = app.screen
        assert isinstance(screen, OrderCatalogScreen)
        # No catalog in the cache yet: the worker reads it, and the list fills.
        for _ in range(WAIT * 20):
            if screen.offered:
                break
            await asyncio.sleep(0.05)
        assert any(o.item.catalog_item_id == ITEM for o in screen.offered)
        for key in [*"business standard", "enter", "down", "tab", "1", "0", "ctrl+r"]:
            await pilot.press(key)
        await pilot.pause()
        assert "10 × Microsoft 365 Business Standard" in flat_text(app)
        await pilot.press("y")
        for _ in range(WAIT * 20):
            if isinstance(app.screen, OrderResultScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, OrderResultScreen)
        await asyncio.wait_for(follow_workers_done(app), WAIT)
        await pilot.pause()
        (entry,) = outbox.list_entries(backend.state)
        assert entry.state is OutboxState.DONE, entry
        rows = backend.cache.execute(
            "SELECT status, quantity, term_duration, billing_cycle FROM subscriptions "
            "WHERE customer_id = ? AND id LIKE 'ordered:%'", (bakery,)).fetchall()
        assert rows == [("provisioning", 10, "P1Y", "monthly")]
    orders = sandbox.world.customer(bakery).orders
    assert len(orders) == orders_before + 1
    assert orders[-1].lines[0].offer_id == ITEM and orders[-1].lines[0].quantity == 10
