"""A customer's qualifications: the list, and a request (Education, GovernmentCommunityCloud,
StateOwnedEntity) checked by :mod:`csp_tui.sandbox.qualification_rules`."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui.sandbox import audit, qualification_rules
from csp_tui.sandbox.api_error import ApiError, ci
from csp_tui.sandbox.clock import to_iso
from csp_tui.sandbox.routes.common import (
    api,
    caller_of,
    json_body,
    readable_customer,
    sandbox_of,
)
from csp_tui.sandbox.wire import qualification_wire


@api
async def list_qualifications(request: Request) -> Response:
    with sandbox_of(request).world.lock:
        customer = readable_customer(request)
        return JSONResponse([qualification_wire(q) for q in customer.qualifications])


@api
async def add_qualification(request: Request) -> Response:
    world = sandbox_of(request).world
    body = await json_body(request)
    if not isinstance(body, dict):
        raise ApiError(400, 800002, "The request body must be a qualification object.")
    with world.lock:
        customer = readable_customer(request)
        qualification = qualification_rules.request_qualification(customer, ci(body), world.now())
        audit.record(world, customer, "update_customer_qualification", "customer",
                     at=world.now(), caller=caller_of(request),
                     data={"Qualification": qualification.qualification,
                           "VettingStatus": qualification.vetting_status})
        world.changed()
    payload: dict[str, Any] = {"qualification": qualification.qualification}
    if qualification.vetting_status:
        payload["vettingStatus"] = qualification.vetting_status
        if qualification.vetting_created:
            payload["vettingCreateDate"] = to_iso(qualification.vetting_created)
    return JSONResponse(payload, status_code=201)
