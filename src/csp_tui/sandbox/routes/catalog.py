"""Perpetual licences (entitlements), the product catalog and orders: what the sync reads to
name a licence and date its purchase."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui.domain import catalog as rules
from csp_tui.sandbox import demo_catalog, wire_catalog
from csp_tui.sandbox.api_error import ApiError
from csp_tui.sandbox.entities import Customer, PlacedOrder
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


def placed_order(customer: Customer, order_id: str) -> PlacedOrder | None:
    """An order made by a checkout, by its id or alternate id: readable at once."""
    wanted = order_id.strip().lower()
    return next((o for o in customer.orders
                 if wanted in (o.id.lower(), o.alternate_id.lower())), None)


@api
async def get_order(request: Request) -> Response:
    """``GET /v1/customers/{id}/orders/{orderId}``: the perpetual licences bought in it, or the
    subscriptions it created."""
    world = sandbox_of(request).world
    wanted = request.path_params["order_id"].lower()
    with world.lock:
        customer = readable_customer(request)
        placed = placed_order(customer, wanted)
        if placed is not None:
            return JSONResponse(wire_catalog.placed_order_wire(customer, placed, world.now()))
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


# -- the catalog: products → SKUs → availabilities ---------------------------------------------

#: ``targetView`` → the kinds it lists (partner-center-api §6.1).
_VIEWS = {
    "onlineservices": (rules.KIND_ONLINE,),
    "software": (rules.KIND_SOFTWARE, rules.KIND_PERPETUAL),
    "softwaresubscriptions": (rules.KIND_SOFTWARE,),
    "softwareperpetual": (rules.KIND_PERPETUAL,),
}
_SEGMENTS = ("commercial", "education", "government", "nonprofit")


def _country(request: Request) -> str:
    country = query_of(request).get("country", "").strip()
    if not country:
        raise ApiError(400, 3000, "The country is required.", ["country"])
    return country.upper()


def _segment(request: Request) -> str | None:
    segment = query_of(request).get("targetsegment", "").strip().lower()
    if segment and segment not in _SEGMENTS:
        raise ApiError(400, 3000, f"The target segment '{segment}' is not valid.",
                       ["targetSegment"])
    return segment or None


def _sku_items(product_id: str, country: str) -> list[rules.CatalogItem]:
    wanted = product_id.strip().upper()
    items = [i for i in demo_catalog.catalog_items(country) if i.product_id == wanted]
    if not items:
        raise ApiError(404, 400013, "Product was not found.")
    return items


def _availabilities(product_id: str, sku_id: str, country: str,
                    segment: str | None) -> list[rules.CatalogItem]:
    wanted = sku_id.strip().upper()
    items = [i for i in _sku_items(product_id, country) if i.sku_id == wanted]
    if not items:
        raise ApiError(404, 400018, "Sku was not found.")
    return [i for i in items if segment is None or i.segment == segment]


def _first_per(items: list[rules.CatalogItem], key: str) -> list[rules.CatalogItem]:
    seen: dict[str, rules.CatalogItem] = {}
    for item in items:
        seen.setdefault(getattr(item, key), item)
    return list(seen.values())


@api
async def list_products(request: Request) -> Response:
    """``GET /v1/products?country=&targetView=[&targetSegment=]``."""
    country = _country(request)
    view = query_of(request).get("targetview", "").strip().lower()
    if not view:
        raise ApiError(400, 3000, "The target view is required.", ["targetView"])
    kinds = _VIEWS.get(view, ())
    segment = _segment(request)
    items = [i for i in demo_catalog.catalog_items(country)
             if i.kind in kinds and (segment is None or i.segment == segment)]
    products = [wire_catalog.product_item(i) for i in _first_per(items, "product_id")]
    return JSONResponse(collection(products, f"/products?country={country}&targetView={view}"))


@api
async def list_skus(request: Request) -> Response:
    """``GET /v1/products/{id}/skus?country=``."""
    country = _country(request)
    items = _sku_items(request.path_params["product_id"], country)
    skus = [wire_catalog.sku_item(i) for i in _first_per(items, "sku_id")]
    return JSONResponse(collection(skus))


@api
async def get_sku(request: Request) -> Response:
    country = _country(request)
    items = _availabilities(request.path_params["product_id"], request.path_params["sku_id"],
                            country, None)
    return JSONResponse(wire_catalog.sku_item(items[0]))


@api
async def list_availabilities(request: Request) -> Response:
    """``GET /v1/products/{id}/skus/{sku}/availabilities?country=[&targetSegment=]``."""
    country = _country(request)
    items = _availabilities(request.path_params["product_id"], request.path_params["sku_id"],
                            country, _segment(request))
    return JSONResponse(collection([wire_catalog.availability_item(i) for i in items]))


def customer_qualifications(customer: Customer) -> list[tuple[str, str | None]]:
    return [(q.qualification, q.vetting_status) for q in customer.qualifications]


@api
async def customer_skus(request: Request) -> Response:
    """``GET /v1/customers/{id}/products/{pid}/skus``: the customer's country."""
    world = sandbox_of(request).world
    with world.lock:
        customer = readable_customer(request)
        country = customer.country
    items = _sku_items(request.path_params["product_id"], country)
    return JSONResponse(collection([wire_catalog.sku_item(i)
                                    for i in _first_per(items, "sku_id")]))


@api
async def customer_availabilities(request: Request) -> Response:
    """``GET /v1/customers/{id}/products/{pid}/skus/{sku}/availabilities``: in the customer's
    country, and an Education availability only to a customer whose Education qualification
    is approved (partner-center-api §6.1)."""
    world = sandbox_of(request).world
    with world.lock:
        customer = readable_customer(request)
        country = customer.country
        held = customer_qualifications(customer)
    items = _availabilities(request.path_params["product_id"], request.path_params["sku_id"],
                            country, _segment(request))
    offered = [i for i in items if rules.education_gate(i, held) is None]
    return JSONResponse(collection([wire_catalog.availability_item(i) for i in offered]))
