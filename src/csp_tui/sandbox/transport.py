"""The sandbox mounted in-process: an httpx transport that calls the ASGI app directly.

``httpx.ASGITransport`` ignores timeouts and has no notion of a broken connection, so a client
could never see its own timeout or a dropped connection against the embedded sandbox. This
transport enforces the request's read timeout (``httpx.ReadTimeout``) and turns the ``drop``
fault into ``httpx.RemoteProtocolError`` — exactly what the client would see from a real server.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette

from csp_tui.sandbox.app import build_app, create_sandbox, sandbox_context
from csp_tui.sandbox.context import SandboxContext
from csp_tui.sandbox.faults import FaultConfig
from csp_tui.sandbox.middleware import DroppedConnection
from csp_tui.sandbox.world import World
from csp_tui.sandbox_identity import DEFAULT_CUSTOMERS


class SandboxTransport(httpx.AsyncBaseTransport):
    """Requests go straight to the sandbox app, with real timeout semantics."""

    def __init__(
        self,
        app_or_world: Starlette | World,
        *,
        state_path: Path | None = None,
        faults: FaultConfig | dict[str, Any] | None = None,
        rate_limit: int = 500,
    ) -> None:
        if isinstance(app_or_world, World):
            app = build_app(app_or_world, state_path=state_path, faults=faults,
                            rate_limit=rate_limit)
        else:
            app = app_or_world
        self.app = app
        self._asgi = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))

    @property
    def context(self) -> SandboxContext:
        return sandbox_context(self.app)

    @property
    def world(self) -> World:
        return self.context.world

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeouts = request.extensions.get("timeout") or {}
        budget = timeouts.get("read")
        if budget is None:
            budget = timeouts.get("pool")
        try:
            if budget is None:
                response = await self._asgi.handle_async_request(request)
            else:
                response = await asyncio.wait_for(
                    self._asgi.handle_async_request(request), timeout=budget)
        except TimeoutError:
            raise httpx.ReadTimeout(f"the sandbox did not answer within {budget} s",
                                    request=request) from None
        except DroppedConnection:
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body",
                request=request) from None
        return response


def sandbox_transport(
    state_path: Path | None,
    *,
    seed: int = 7,
    customers: int = DEFAULT_CUSTOMERS,
    faults: FaultConfig | dict[str, Any] | None = None,
    rate_limit: int = 500,
    frozen_at: datetime | None = None,
    default_caller: tuple[str, str] | None = None,
) -> SandboxTransport:
    """A transport to a sandbox whose world lives in ``state_path`` (created if missing)."""
    app, _ = create_sandbox(state_path, seed=seed, customers=customers, faults=faults,
                            rate_limit=rate_limit, frozen_at=frozen_at,
                            default_caller=default_caller)
    return SandboxTransport(app)
