"""Perpetual licences (entitlements), the product catalog and orders: what the sync reads to
name a licence and date its purchase."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui.sandbox import demo_catalog
from csp_tui.sandbox.api_error import ApiError
from csp_tui.sandbox.routes.common import (
    api,
    collection,
    query_of,
    readable_customer,
    sandbox_of,
    visible_subscriptions,
)
from csp_tui.sandbox.wire import entitlement_wire, order_wire, product_wire


@api
async def list_entitlements(request: Request) -> Response:
    world = sandbox_of(request).world
    query = query_of(request)
    kind = query.get("entitlementtype", "").strip().lower()
    show_expiry = query.get("showexpiry", "").strip().lower() == "true"
    with world.lock:
        customer = readable_customer(request)
        items = [] if kind not in ("", "software") else [
            entitlement_wire(e, show_expiry=show_expiry) for e in customer.entitlements]
    return JSONResponse(collection(items))


@api
async def get_product(request: Request) -> Response:
    """``GET /v1/products/{id}?country=`` (country required, as documented)."""
    country = query_of(request).get("country", "").strip()
    if not country:
        raise ApiError(400, 3000, "The country is required.", ["country"])
    product_id = request.path_params["product_id"]
    found = demo_catalog.catalog_product(product_id)
    if found is None:
        raise ApiError(404, 400013, "Product was not found.")
    title, description, product_type = found
    return JSONResponse(product_wire(product_id.upper(), title, description, product_type,
                                     country.upper()))


@api
async def get_order(request: Request) -> Response:
    """``GET /v1/customers/{id}/orders/{orderId}``: the perpetual licences bought in it, or the
    subscriptions it created."""
    world = sandbox_of(request).world
    wanted = request.path_params["order_id"].lower()
    with world.lock:
        customer = readable_customer(request)
        licences = [e for e in customer.entitlements if e.order_id.lower() == wanted]
        if licences:
            body = order_wire(
                customer, licences[0].order_id, billing_cycle="one_time",
                created=min(e.purchase_date for e in licences), country=customer.country,
                lines=[(f"{e.product_id}:{e.sku_id}", e.product_name, e.quantity)
                       for e in licences])
            return JSONResponse(body)
        subs = [s for s in visible_subscriptions(request, customer)
                if s.order_id.lower() == wanted]
        if not subs:
            raise ApiError(404, 1000, f"The order '{request.path_params['order_id']}' was not "
                                      "found.")
        body = order_wire(
            customer, subs[0].order_id, billing_cycle=subs[0].billing_cycle,
            created=min(s.creation_date for s in subs), country=customer.country,
            lines=[(s.offer_id, s.offer_name, s.quantity) for s in subs])
    return JSONResponse(body)
