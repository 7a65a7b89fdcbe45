"""The role matrix (:mod:`csp_tui.domain.roles`), enforced by the sandbox.

A request whose operation the caller's role may not do through the API — a reseller PATCHing a
subscription, POSTing a qualification, creating a customer, a provider asking for its
providers — gets what Partner Center answers such a caller: 403 with the classic body
``{"code": 1002, "description": "Authorization Failed", …}`` (partner-center-api §1.4). The
console reads the same table, so it never offers (as a call) what the sandbox refuses.

Mounted inside :class:`~csp_tui.sandbox.middleware.SandboxMiddleware` (which authenticates the
caller and puts it in the request scope) and in front of the routes.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from csp_tui.domain import roles

AUTHORIZATION_FAILED = 1002


def refusal(role: str, method: str, path: str,
            query: dict[str, str] | None = None) -> JSONResponse | None:
    """Partner Center's refusal when ``role`` may not do this request through the API, else
    ``None`` (a route outside the matrix is left to the routes)."""
    operation = roles.match(method, path, query)
    if operation is None or operation.cell(role).access is roles.Access.API:
        return None
    return JSONResponse({"code": AUTHORIZATION_FAILED, "description": "Authorization Failed",
                         "data": [], "source": "PartnerFD"}, status_code=403)


class RoleMatrixMiddleware:
    """ASGI middleware: ``/v1`` requests of a caller (found under ``caller_key`` in the scope)
    whose role may not do them are answered with :func:`refusal`."""

    def __init__(self, app: ASGIApp, caller_key: str) -> None:
        self.app = app
        self.caller_key = caller_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        caller: Any = scope.get(self.caller_key) if scope["type"] == "http" else None
        role = getattr(caller, "role", None)
        if isinstance(role, str):
            raw = scope.get("query_string", b"").decode("latin-1")
            query = dict(parse_qsl(raw, keep_blank_values=True))
            response = refusal(role, scope["method"], scope["path"], query)
            if response is not None:
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
