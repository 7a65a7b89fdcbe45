"""A customer's licence pools: ``GET /v1/customers/{id}/subscribedskus`` (seats bought and
assigned per SKU). Who may read it is the role matrix's (domain/roles.SUBSCRIBED_SKUS)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui.sandbox import demo_seats
from csp_tui.sandbox.routes.common import api, collection, readable_customer, sandbox_of


@api
async def list_subscribed_skus(request: Request) -> Response:
    world = sandbox_of(request).world
    with world.lock:
        customer = readable_customer(request)
        items = demo_seats.subscribed_skus(customer, world.now())
    return JSONResponse(collection(items))
