"""A customer's subscriptions: the list, one subscription, and changing one (PATCH), with the
409s Partner Center answers around a renewal and, with variation on, its PascalCase and
202-Accepted answers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui.sandbox import audit, rules
from csp_tui.sandbox.api_error import ApiError, ci
from csp_tui.sandbox.entities import Customer, Subscription
from csp_tui.sandbox.responses import classic_error
from csp_tui.sandbox.routes.common import (
    api,
    caller_of,
    collection,
    json_body,
    query_of,
    readable_customer,
    sandbox_of,
    visible_subscriptions,
)
from csp_tui.sandbox.wire import subscription_wire


@api
async def list_subscriptions(request: Request) -> Response:
    world = sandbox_of(request).world
    query = query_of(request)
    with world.lock:
        customer = readable_customer(request)
        subs = visible_subscriptions(request, customer)
        if query.get("order_id"):
            subs = [s for s in subs if s.order_id.lower() == query["order_id"].lower()]
        if query.get("mpn_id"):
            subs = [s for s in subs if s.partner_id == query["mpn_id"].strip()]
        now = world.now()
        # Bought through a cart: listed once provisioned (readable by id before, pending).
        subs = [s for s in subs if s.provisioned_at is None or s.provisioned_at <= now]
        items = [subscription_wire(customer, s, now, detail=False) for s in subs]
    return JSONResponse(collection(items, f"/customers/{customer.id}/subscriptions"))


def _subscription(request: Request, customer: Customer) -> Subscription:
    wanted = request.path_params["subscription_id"].lower()
    for sub in visible_subscriptions(request, customer):
        if sub.id.lower() == wanted:
            return sub
    raise ApiError(404, 20003, f"The subscription '{request.path_params['subscription_id']}' "
                               "was not found.")


def pascal_case(value: Any) -> Any:
    """Keys in PascalCase, as the documented PATCH answers are (subscription-patch-response)."""
    if isinstance(value, dict):
        return {(key[:1].upper() + key[1:]): pascal_case(item) for key, item in value.items()}
    if isinstance(value, list):
        return [pascal_case(item) for item in value]
    return value


# Retry hints of the 409s around a renewal: 800082 clears in minutes, 900278 after a day.
NOT_READY_RETRY_S = 120
PENDING_RETRY_S = 86400
RENEWAL_PROCESSING = timedelta(hours=24)


def renewal_conflict(sub: Subscription, now: datetime) -> JSONResponse | None:
    """The 409 Partner Center answers a change around a renewal, or None.

    The last day of a term that renews has a renewal pending (900278, retry after 24 h); the
    first 24 hours of a renewed term are the renewal being processed (800082, retry later)."""
    if sub.status != "active":
        return None
    renewed = sub.term_start > sub.creation_date + timedelta(hours=1)
    if renewed and now < sub.term_start + RENEWAL_PROCESSING:
        return classic_error(409, 800082, "The subscription is not ready yet: its renewal is "
                                          "being processed. Try again later.",
                             headers={"Retry-After": str(NOT_READY_RETRY_S)})
    last_day = sub.commitment_end
    if sub.auto_renew and not sub.is_trial and last_day <= now < last_day + timedelta(days=1):
        return classic_error(409, 900278, "The subscription has a pending operation (its "
                                          "renewal). Retry after 24 hours.",
                             headers={"Retry-After": str(PENDING_RETRY_S)})
    return None


@api
async def get_subscription(request: Request) -> Response:
    ctx = sandbox_of(request)
    world = ctx.world
    with world.lock:
        customer = readable_customer(request)
        sub = _subscription(request, customer)
        body = subscription_wire(customer, sub, world.now())
    return JSONResponse(pascal_case(body) if ctx.faults.vary("pascal") else body)


@api
async def patch_subscription(request: Request) -> Response:
    ctx = sandbox_of(request)
    world = ctx.world
    body = await json_body(request)
    if not isinstance(body, dict):
        raise ApiError(400, 800002, "The request body must be a subscription object.")
    with world.lock:
        customer = readable_customer(request)
        sub = _subscription(request, customer)
        now = world.now()
        if sub.provisioned_at is not None and now < sub.provisioned_at:
            return classic_error(409, 800082, "The subscription is not ready yet: it is being "
                                              "provisioned. Try again later.",
                                 headers={"Retry-After": str(
                                     int((sub.provisioned_at - now).total_seconds()) + 1)})
        if ctx.faults.config.variation:
            conflict = renewal_conflict(sub, now)
            if conflict is not None:
                return conflict
        before = (sub.quantity, sub.status, sub.auto_renew, sub.friendly_name)
        rules.patch_subscription(sub, ci(body), now, request.headers.get("if-match"))
        after = (sub.quantity, sub.status, sub.auto_renew, sub.friendly_name)
        audit.record(world, customer, "update_subscription", "subscription", at=now,
                     caller=caller_of(request),
                     new_value={"Id": sub.id, "Quantity": sub.quantity, "Status": sub.status,
                                "AutoRenewEnabled": sub.auto_renew},
                     data={"SubscriptionId": sub.id,
                           **{name: new for name, old, new in zip(
                               ("Quantity", "Status", "AutoRenewEnabled", "FriendlyName"),
                               before, after, strict=True) if old != new}})
        world.changed()
        answer = subscription_wire(customer, sub, now)
    if ctx.faults.vary("accepted"):
        # Documented for slow updates: 202, a relative Location without /v1, no body; the
        # change is already visible to the GET the client makes next.
        return Response(status_code=202, headers={
            "Location": f"/customers/{customer.id}/subscriptions/{sub.id}"})
    return JSONResponse(pascal_case(answer) if ctx.faults.vary("pascal") else answer)
