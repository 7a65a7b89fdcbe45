"""Subscriptions ordered here wait in the customer's subscriptions as "provisioning" rows: a
read of the customer before Partner Center lists them keeps them; the read that lists one of
the order's subscriptions replaces them."""

from __future__ import annotations

from csp_tui.cache.store import CustomerDetail, start_run, write_customer_detail
from csp_tui.config.profiles import Role
from csp_tui.services import orders
from csp_tui.services.catalog import refresh_catalog
from csp_tui.services.mapping import subscription_row
from csp_tui.services.outbox_runner import OutboxRunner

from .shop import BUSINESS_STANDARD, FROZEN_AT, Shop, open_shop


def _statuses(shop: Shop) -> list[tuple[str, str]]:
    """The waiting rows, and the subscription the order bought once it is listed."""
    bought = [line.subscription_id.lower() for order in shop.customer.orders
              for line in order.lines]
    return shop.cache.execute(
        "SELECT status, offer_id FROM subscriptions WHERE customer_id = ? AND (id LIKE "
        f"'ordered:%' OR id IN ({', '.join('?' for _ in bought)}))",
        (shop.customer.id.lower(), *bought)).fetchall()


async def _read_customer(shop: Shop, client) -> None:  # type: ignore[no-untyped-def]
    subs = await client.list_subscriptions(shop.customer.id)
    run_id = start_run(shop.cache, "customer")
    write_customer_detail(shop.cache, CustomerDetail(
        shop.customer.id, None, subscriptions=[subscription_row(s) for s in subs],
        partial=frozenset({"customer", "domains", "relationships", "entitlements",
                           "qualifications"})), run_id=run_id)


async def test_provisioning_rows_wait_for_the_listing(tmp_path) -> None:
    shop = open_shop(tmp_path, Role.INDIRECT_PROVIDER)
    async with shop.client() as client:
        await refresh_catalog(client, shop.cache, "CZ", now=FROZEN_AT)
        draft = orders.prepare(shop.cache, shop.profile, shop.customer.id, BUSINESS_STANDARD,
                               quantity=10, term="P1Y", billing="monthly", now=FROZEN_AT)
        orders.enqueue(shop.state, draft, "en")
        await OutboxRunner(client, shop.state, cache=shop.cache).run_once()
        assert _statuses(shop) == [("provisioning", BUSINESS_STANDARD)]
        await _read_customer(shop, client)  # not listed yet: the row stays
        assert _statuses(shop) == [("provisioning", BUSINESS_STANDARD)]
        shop.world.clock.advance(61)
        await _read_customer(shop, client)  # listed now: the real one replaces it
    assert _statuses(shop) == [("active", BUSINESS_STANDARD)]
