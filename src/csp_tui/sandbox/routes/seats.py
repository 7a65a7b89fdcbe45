"""A customer's licence pools: ``GET /v1/customers/{id}/subscribedskus`` (seats bought and
assigned per SKU). Who may read it is the role matrix's (domain/roles.SUBSCRIBED_SKUS)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui.sandbox import demo_seats
from csp_tui.sandbox.api_error import ApiError
from csp_tui.sandbox.routes.common import (
    api,
    caller_of,
    collection,
    readable_customer,
    sandbox_of,
)


@api
async def list_subscribed_skus(request: Request) -> Response:
    world = sandbox_of(request).world
    if caller_of(request).role in world.seats_refused_roles:
        # The cell "may lack" it: answered to partners with a GDAP role in the tenant only.
        raise ApiError(403, 1002, "Authorization Failed")
    with world.lock:
        customer = readable_customer(request)
        items = demo_seats.subscribed_skus(customer, world.now())
    return JSONResponse(collection(items))
