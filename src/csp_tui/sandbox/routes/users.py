"""A customer's users: the administrator every tenant is created with, and resetting its
password."""

from __future__ import annotations

import string
import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui.sandbox.api_error import ApiError, ci
from csp_tui.sandbox.entities import Customer
from csp_tui.sandbox.routes.common import api, json_body, readable_customer, sandbox_of


def _admin_user(customer: Customer) -> dict[str, Any]:
    """Every tenant has the administrator created with it (``admin@<domain>``)."""
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"csp-tui-sandbox/{customer.id}/admin")),
        "userPrincipalName": f"admin@{customer.domain}",
        "firstName": "admin", "lastName": "", "displayName": "admin",
        "userDomainType": "none", "state": "active",
        "attributes": {"objectType": "CustomerUser"},
    }


@api
async def list_customer_users(request: Request) -> Response:
    world = sandbox_of(request).world
    with world.lock:
        user = _admin_user(readable_customer(request))
    return JSONResponse({"totalCount": 1, "items": [user],
                         "attributes": {"objectType": "Collection"}})


@api
async def reset_user_password(request: Request) -> Response:
    world = sandbox_of(request).world
    body = ci(await json_body(request))
    with world.lock:
        user = _admin_user(readable_customer(request))
    if request.path_params["user_id"].lower() != user["id"]:
        raise ApiError(404, 600015, "User not found.")
    profile = ci(body.get("passwordprofile") or {}) if isinstance(body, dict) else {}
    password = profile.get("password")
    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits)
    if not isinstance(password, str) or len(password) < 8 or not all(
            any(ch in chars for ch in password) for chars in classes):
        raise ApiError(400, 600022, "The password does not meet the complexity requirements.")
    # The answer does not repeat the password: the emulator's replay copy is kept on disk.
    return JSONResponse({**user, "passwordProfile": {
        "forceChangePassword": bool(profile.get("forcechangepassword", True))}})
