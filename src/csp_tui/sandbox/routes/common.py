"""What the route handlers share: the sandbox and the caller behind a request, its query and
JSON body, the collection shape, the customers and subscriptions the caller may see, and the
:func:`api` wrapper that renders an :class:`~csp_tui.sandbox.api_error.ApiError`."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any, cast

from starlette.requests import Request
from starlette.responses import Response

from csp_tui.sandbox.api_error import ApiError
from csp_tui.sandbox.context import SandboxContext
from csp_tui.sandbox.entities import ROLE_RESELLER, Caller, Customer, Subscription
from csp_tui.sandbox.middleware import CALLER_KEY
from csp_tui.sandbox.responses import classic_error


def sandbox_of(request: Request) -> SandboxContext:
    return cast(SandboxContext, request.app.state.sandbox)


def caller_of(request: Request) -> Caller:
    caller = request.scope.get(CALLER_KEY)
    return caller if isinstance(caller, Caller) else sandbox_of(request).world.default_caller


def query_of(request: Request) -> dict[str, str]:
    """Query parameters with lower-cased names (Partner Center ignores their case)."""
    return {key.lower(): value for key, value in request.query_params.items()}


async def json_body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, 800002, "The request body is not valid JSON.") from exc


def collection(items: list[Any], self_uri: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"totalCount": len(items), "items": items}
    if self_uri is not None:
        body["links"] = {"self": {"uri": self_uri, "method": "GET", "headers": []}}
    body["attributes"] = {"objectType": "Collection"}
    return body


def not_found_customer(customer_id: str) -> ApiError:
    return ApiError(404, 1000, f"A customer with the tenant Id '{customer_id}' was not found.")


def readable_customer(request: Request) -> Customer:
    """The path's customer, if the caller may read it now (else 404, as Partner Center)."""
    customer_id = request.path_params["customer_id"]
    world = sandbox_of(request).world
    customer = world.customer(customer_id)
    if customer is None or not world.readable(caller_of(request), customer, world.now()):
        raise not_found_customer(customer_id)
    return customer


def visible_subscriptions(request: Request, customer: Customer) -> list[Subscription]:
    caller = caller_of(request)
    subs = list(customer.subscriptions)
    if caller.role == ROLE_RESELLER:
        # An indirect reseller sees the subscriptions it is the partner of record for.
        mpn = sandbox_of(request).world.mpn_id(caller.tenant_id)
        subs = [s for s in subs if s.partner_id == mpn]
    return subs


Handler = Callable[[Request], Awaitable[Response]]


def api(handler: Handler) -> Handler:
    """Turn :class:`ApiError` into the classic error body."""

    async def wrapped(request: Request) -> Response:
        try:
            return await handler(request)
        except ApiError as exc:
            return classic_error(exc.status, exc.code, exc.description, exc.data)

    wrapped.__name__ = handler.__name__
    wrapped.__doc__ = handler.__doc__
    return wrapped
