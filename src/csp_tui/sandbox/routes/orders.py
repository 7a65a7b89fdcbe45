"""Carts, checkout and orders (partner-center-api §6.3), as strict as Partner Center:

- a cart line must name an availability sold in the customer's country, on a term and billing
  it allows, within the SKU's quantities (400 ``900275``), and an Education availability only
  for a customer whose Education qualification is approved (403 ``400036``);
- checkout refuses a customer without the Microsoft Customer Agreement (403 ``13605``), a cart
  being checked out (409 ``800064``) and one already checked out (400 ``800065``); repeating
  the checkout with the same ``MS-RequestId`` is answered from the first result by the
  middleware (documented idempotency), never by a second order;
- the subscriptions bought are provisioned a minute later (listed from then on), the order is
  readable by id at once but missing from the customer's order list for 15 minutes.

Who may call them is the role matrix's (an indirect reseller gets 403 ``1002``).
"""

from __future__ import annotations

import asyncio
import secrets
import string
import uuid
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui.domain import catalog as rules
from csp_tui.sandbox import audit, demo_catalog, wire_catalog
from csp_tui.sandbox.api_error import ApiError, ci
from csp_tui.sandbox.clock import term_end
from csp_tui.sandbox.entities import (
    ORDER_LIST_DELAY,
    PROVISIONING_DELAY,
    ROLE_DIRECT,
    ROLE_RESELLER,
    Cart,
    CartLine,
    Customer,
    Entitlement,
    OrderLine,
    PlacedOrder,
    SeatBatch,
    Subscription,
)
from csp_tui.sandbox.routes.catalog import customer_qualifications
from csp_tui.sandbox.routes.common import (
    api,
    caller_of,
    collection,
    json_body,
    readable_customer,
    sandbox_of,
)

_ALPHABET = string.ascii_letters + string.digits


def _line(raw: Any, number: int, customer: Customer) -> CartLine:
    if not isinstance(raw, Mapping):
        raise ApiError(400, 800002, "A line item must be an object.")
    catalog_item_id = str(raw.get("catalogitemid") or "").strip()
    item = demo_catalog.catalog_item(catalog_item_id, customer.country)
    if item is None:
        raise ApiError(404, 400019, f"The availability of '{catalog_item_id}' was not found.")
    try:
        quantity = int(str(raw.get("quantity")))
    except (TypeError, ValueError):
        raise ApiError(400, 800002, "The quantity is required.", ["quantity"]) from None
    if not item.min_quantity <= quantity <= item.max_quantity:
        raise ApiError(400, 900275, f"Quantity {quantity} is not allowed: between "
                                    f"{item.min_quantity} and {item.max_quantity}.")
    term = str(raw.get("termduration") or "").strip().upper()
    billing = str(raw.get("billingcycle") or "").strip().lower().replace("onetime", "one_time")
    if rules.Choice(term, billing) not in item.choices:
        raise ApiError(400, 800002, f"The term '{term}' with billing '{billing}' is not "
                                    f"offered for '{catalog_item_id}'.")
    if rules.education_gate(item, customer_qualifications(customer)) is not None:
        raise ApiError(403, 400036, "The customer is not eligible for the Education segment.")
    reseller = ""
    for participant in raw.get("participants") or []:
        if isinstance(participant, Mapping) and str(
                participant.get("key", "")).lower() == "transaction_reseller":
            reseller = str(participant.get("value") or "").strip()
    return CartLine(number, item.catalog_item_id, quantity, term, billing,
                    str(raw.get("friendlyname") or item.title)[:200], reseller)


def _cart(customer: Customer, cart_id: str) -> Cart:
    for cart in customer.carts:
        if cart.id.lower() == cart_id.strip().lower():
            return cart
    raise ApiError(404, 1000, f"The cart '{cart_id}' was not found.")


@api
async def create_cart(request: Request) -> Response:
    """``POST /v1/customers/{id}/carts`` → 201 Cart."""
    world = sandbox_of(request).world
    body = ci(await json_body(request))
    raw_lines = body.get("lineitems") if isinstance(body, Mapping) else None
    if not isinstance(raw_lines, list) or not raw_lines:
        raise ApiError(400, 800002, "A cart needs at least one line item.", ["lineItems"])
    with world.lock:
        customer = readable_customer(request)
        lines = [_line(raw, number, customer) for number, raw in enumerate(raw_lines)]
        cart = Cart(str(uuid.uuid4()), world.now(), "Active", lines,
                    caller_of(request).tenant_id)
        customer.carts.append(cart)
        world.changed()
        answer = wire_catalog.cart_wire(customer, cart)
    return JSONResponse(answer, status_code=201)


@api
async def get_cart(request: Request) -> Response:
    world = sandbox_of(request).world
    with world.lock:
        customer = readable_customer(request)
        answer = wire_catalog.cart_wire(customer, _cart(customer, request.path_params["cart_id"]))
    return JSONResponse(answer)


def _partner_of_record(request: Request, line: CartLine) -> str:
    if line.transaction_reseller:
        return line.transaction_reseller
    caller = caller_of(request)
    if caller.role == ROLE_DIRECT:
        return sandbox_of(request).world.mpn_id(caller.tenant_id)
    return ""


def _place(request: Request, customer: Customer, cart: Cart) -> list[PlacedOrder]:
    """The orders of a cart (one per billing cycle) and what they buy."""
    world = sandbox_of(request).world
    now = world.now()
    orders: list[PlacedOrder] = []
    for billing in dict.fromkeys(line.billing_cycle for line in cart.lines):
        order = PlacedOrder("".join(secrets.choice(_ALPHABET) for _ in range(33)),
                            secrets.token_hex(6), billing, now, now + PROVISIONING_DELAY)
        for line in (li for li in cart.lines if li.billing_cycle == billing):
            item = demo_catalog.catalog_item(line.catalog_item_id, customer.country)
            assert item is not None  # checked when the cart was made
            partner = _partner_of_record(request, line)
            number = len(order.lines)
            if item.kind == rules.KIND_PERPETUAL:
                customer.entitlements.append(Entitlement(
                    item.product_id, item.sku_id, item.title, line.quantity, order.id,
                    order.alternate_id, str(number), now))
                order.lines.append(OrderLine(number, item.catalog_item_id, line.friendly_name,
                                             line.quantity, "", "", partner))
                continue
            sub = Subscription(
                id=str(uuid.uuid4()), offer_id=item.catalog_item_id, offer_name=item.title,
                friendly_name=line.friendly_name, product_type=(
                    "Software" if item.kind == rules.KIND_SOFTWARE else "OnlineServicesNCE"),
                quantity=line.quantity, min_quantity=item.min_quantity,
                max_quantity=item.max_quantity, billing_cycle=billing,
                term_duration=line.term_duration, status="active", auto_renew=True,
                is_trial=item.is_trial, creation_date=now, term_start=now,
                commitment_end=term_end(now, line.term_duration), partner_id=partner,
                order_id=order.alternate_id, batches=[SeatBatch(line.quantity, now)],
                provisioned_at=now + PROVISIONING_DELAY)
            customer.subscriptions.append(sub)
            order.lines.append(OrderLine(number, item.catalog_item_id, line.friendly_name,
                                         line.quantity, line.term_duration, sub.id, partner))
        customer.orders.append(order)
        orders.append(order)
    return orders


@api
async def checkout(request: Request) -> Response:
    """``POST /v1/customers/{id}/carts/{cartId}/checkout`` → 201 CartCheckoutResult."""
    world = sandbox_of(request).world
    with world.lock:
        customer = readable_customer(request)
        cart = _cart(customer, request.path_params["cart_id"])
        if cart.status == "Ordered":
            raise ApiError(400, 800065, "The cart has already been submitted.")
        if cart.status == "Processing":
            raise ApiError(409, 800064, "The cart is being processed. Try again later.")
        if not customer.mca_accepted:
            raise ApiError(403, 13605, "The Microsoft Customer Agreement acceptance for this "
                                       "customer is not confirmed.")
        cart.status = "Processing"
    try:
        # Checkout is not instant: a second checkout of the same cart meanwhile gets 409.
        await asyncio.sleep(0)
        with world.lock:
            orders = _place(request, customer, cart)
            cart.status = "Ordered"
            now = world.now()
            for order in orders:
                audit.record(world, customer, "create_order", "order", at=now,
                             caller=caller_of(request),
                             data={"OrderId": order.id, "CartId": cart.id})
            world.changed()
            answer = {"orders": [wire_catalog.placed_order_wire(customer, o, now)
                                 for o in orders], "orderErrors": [],
                      "attributes": {"objectType": "CartCheckoutResult"}}
    except BaseException:
        with world.lock:
            if cart.status == "Processing":
                cart.status = "Active"
        raise
    return JSONResponse(answer, status_code=201)


def _visible_to(request: Request, order: PlacedOrder) -> bool:
    caller = caller_of(request)
    if caller.role != ROLE_RESELLER:
        return True
    mpn = sandbox_of(request).world.mpn_id(caller.tenant_id)
    return any(line.partner_id == mpn for line in order.lines)


@api
async def list_orders(request: Request) -> Response:
    """``GET /v1/customers/{id}/orders``: orders made by checkout, once Partner Center lists
    them (15 minutes after they were placed)."""
    world = sandbox_of(request).world
    with world.lock:
        customer = readable_customer(request)
        now = world.now()
        items = [wire_catalog.placed_order_wire(customer, order, now)
                 for order in customer.orders
                 if now >= order.created + ORDER_LIST_DELAY and _visible_to(request, order)]
    return JSONResponse(collection(items, f"/customers/{customer.id}/orders"))


@api
async def provisioning_status(request: Request) -> Response:
    world = sandbox_of(request).world
    wanted = request.path_params["order_id"].strip().lower()
    with world.lock:
        customer = readable_customer(request)
        order = next((o for o in customer.orders
                      if wanted in (o.id.lower(), o.alternate_id.lower())), None)
        if order is None or not _visible_to(request, order):
            raise ApiError(404, 1000, f"The order '{request.path_params['order_id']}' was "
                                      "not found.")
        answer = wire_catalog.provisioning_wire(order, world.now())
    return JSONResponse(answer)
