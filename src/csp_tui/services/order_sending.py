"""Sending an order placed through the outbox (``services/orders.py`` prepares it): a cart,
then its checkout, each with an ``MS-RequestId`` derived from the entry's idempotency key; the
order looked up before any resend; the ordered subscriptions shown at once as provisioning and
the auto-renew changes the order asked for queued.

Apart from ``orders.py`` so that the outbox runner, which sends every kind of entry, does not
import the distributor requests (which import the runner's secret sink).
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from datetime import datetime
from typing import Any

from csp_tui.cache.store.ordered import add_ordered_subscriptions
from csp_tui.domain import catalog as rules
from csp_tui.domain.text import safe_text
from csp_tui.i18n import tl
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.partner_center.models import Order
from csp_tui.state import outbox
from csp_tui.state.outbox import KIND_PLACE_ORDER, OutboxEntry
from csp_tui.timestamps import parse_timestamp

log = logging.getLogger(__name__)

__all__ = ["KIND_PLACE_ORDER", "already_done", "cart_body", "cart_request_id", "follow_ups",
           "send", "show_ordered"]


def cart_body(data: dict[str, Any]) -> dict[str, Any]:
    line: dict[str, Any] = {"id": 0, "catalogItemId": data["catalog_item_id"],
                            "friendlyName": data.get("name") or "",
                            "quantity": int(data["quantity"]),
                            "billingCycle": data["billing"]}
    if data.get("term"):
        line["termDuration"] = data["term"]
    if data.get("transaction_reseller"):
        # An indirect provider orders for its reseller (partner-center-api §6.3).
        line["participants"] = [{"key": "transaction_reseller",
                                 "value": data["transaction_reseller"]}]
    return {"lineItems": [line]}


def cart_request_id(key: str) -> str:
    """The cart's own ``MS-RequestId``: derived from the entry's key, the same on every
    attempt (a resend gets the first cart back), never equal to the checkout's."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"csp-tui:cart:{key}"))


def _result(data: dict[str, Any], orders: list[Order]) -> dict[str, Any]:
    return {
        "customer_id": data["customer_id"],
        "order_ids": [str(o.id) for o in orders],
        "alternate_ids": [o.alternate_id for o in orders if o.alternate_id],
        "order_status": [str(o.status or "") for o in orders],
        "subscription_ids": [line.subscription_id for o in orders for line in o.line_items
                             if line.subscription_id],
        "lines": [{"offer_id": data["catalog_item_id"], "name": data.get("name"),
                   "kind": data.get("kind"), "quantity": data["quantity"],
                   "term": data.get("term"), "billing": data.get("billing"),
                   "auto_renew": data.get("auto_renew")}],
    }


async def send(client: PartnerCenterClient, entry: OutboxEntry) -> dict[str, Any]:
    """Create the cart (replayed by its key), then check it out — unless the cart shows it
    was checked out already, when the checkout is replayed by its key instead."""
    data = entry.payload
    customer_id = data["customer_id"]
    created = await client.create_cart(customer_id, cart_body(data),
                                       request_id=cart_request_id(entry.idempotency_key))
    # A replayed creation answers the cart as it was then: read its state now.
    cart = await client.get_cart(customer_id, str(created.id))
    if (cart.status or "").lower() == "ordered":
        log.info("order %s: the cart was checked out already; replaying the checkout",
                 entry.id)
    result = await client.checkout_cart(customer_id, str(cart.id),
                                        request_id=entry.idempotency_key)
    return await _with_subscriptions(client, data, _result(data, list(result.orders)))


async def _with_subscriptions(client: PartnerCenterClient, data: dict[str, Any],
                              result: dict[str, Any]) -> dict[str, Any]:
    """The subscriptions' ids, which the checkout gives only once provisioned: the
    provisioning status names them (``resourceId``) before. Best effort: a read that fails
    leaves the ids to the next sync."""
    if result["subscription_ids"] or data.get("kind") == rules.KIND_PERPETUAL:
        return result
    found: list[str] = []
    for order_id in result["order_ids"]:
        try:
            lines = await client.order_provisioning(data["customer_id"], order_id)
        except Exception:  # the order stands; only the follow-ups wait for the sync
            log.info("provisioning status of order %s not read", order_id, exc_info=True)
            continue
        found += [str(line.resource_id) for line in lines if line.resource_id]
    return {**result, "subscription_ids": found}


def follow_ups(state: sqlite3.Connection, entry: OutboxEntry, result: dict[str, Any],
               language: str) -> list[OutboxEntry]:
    """Auto-renew asked off: one subscription change per subscription bought (Partner Center
    buys with auto-renew on; the change waits out the provisioning as a 409 "not ready")."""
    data = entry.payload
    if data.get("auto_renew", True) or data.get("kind") == rules.KIND_PERPETUAL:
        return []
    queued = []
    for sub_id in result.get("subscription_ids", []):
        queued.append(outbox.enqueue(
            state, kind=outbox.KIND_PATCH_SUBSCRIPTION,
            payload={"customer_id": data["customer_id"], "subscription_id": sub_id,
                     "changes": {"autoRenewEnabled": False}},
            subject=tl("selling.subject_auto_renew_off", language,
                       product=safe_text(data.get("name") or "", 120),
                       customer=safe_text(data.get("customer_name") or "", 120)),
            customer_id=data["customer_id"], dedupe_key=f"order-auto-renew:{sub_id}"))
    return queued


def _same_order(order: Order, data: dict[str, Any], since: datetime | None) -> bool:
    if since is not None and order.creation_date is not None and order.creation_date < since:
        return False
    wanted = str(data["catalog_item_id"]).lower()
    return any(str(line.offer_id or "").lower() == wanted
               and int(line.quantity or 0) == int(data["quantity"])
               for line in order.line_items)


async def already_done(client: PartnerCenterClient,
                       entry: OutboxEntry) -> dict[str, Any] | None:
    """After a crash or a timeout: the order, if Partner Center has it. The customer's orders
    first (an order may take 15 minutes to be listed); then the cart — a cart that shows
    ``Ordered`` was checked out, and the checkout's replay (same key) says which order it
    made. None: not ordered yet (the entry is sent again, with the same keys)."""
    data = entry.payload
    customer_id = data["customer_id"]
    since = parse_timestamp(entry.created_at)
    for order in await client.list_orders(customer_id):
        if _same_order(order, data, since):
            return await _with_subscriptions(client, data, _result(data, [order]))
    created = await client.create_cart(customer_id, cart_body(data),
                                       request_id=cart_request_id(entry.idempotency_key))
    cart = await client.get_cart(customer_id, str(created.id))
    if (cart.status or "").lower() != "ordered":
        return None
    result = await client.checkout_cart(customer_id, str(cart.id),
                                        request_id=entry.idempotency_key)
    return await _with_subscriptions(client, data, _result(data, list(result.orders)))


def show_ordered(cache: sqlite3.Connection, entry: OutboxEntry,
                 result: dict[str, Any]) -> bool:
    """The new subscriptions into the customer's pane at once, as provisioning."""
    ids = [*result.get("alternate_ids", []), *result.get("order_ids", [])]
    return add_ordered_subscriptions(cache, entry.payload["customer_id"], order_ids=ids,
                                     lines=result.get("lines", [])) > 0
