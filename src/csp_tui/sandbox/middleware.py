"""What every request passes before (and after) its route.

Every ``/v1`` request passes, in order: authentication (``Authorization: Bearer``; only a
token the sandbox issued is honoured, see :mod:`csp_tui.sandbox.tokens` — embedded, the
``sandbox.<role>.<partner tenant>`` tokens of the sandbox profiles; served, the ``--token`` one
and those issued through ``/_emulator/auth``; a token expired, revoked or without the MFA claim
the sandbox was told to require gets 401), the per-partner rate limit, fault injection, the
role matrix (:mod:`csp_tui.sandbox.roles_enforced`, mounted behind this middleware), idempotent
replay (a known ``MS-RequestId`` on the creations Partner Center documents as idempotent:
customers, orders, carts and checkout; see :func:`replayable`), then the route. Every response
carries ``MS-RequestId`` and ``MS-CorrelationId`` (echoed, or generated), ``MS-CV`` and
``MS-ServerId``; after it the world is saved if it changed."""

from __future__ import annotations

import asyncio
import base64
import logging
import re
import secrets
import uuid

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from csp_tui.sandbox import rules
from csp_tui.sandbox.context import SandboxContext, bearer
from csp_tui.sandbox.faults import POST_FAULTS
from csp_tui.sandbox.responses import classic_error, mfa_required, throttled, token_refused

log = logging.getLogger(__name__)


SERVER_ID = "030020525"
CALLER_KEY = "csp_sandbox.caller"


class DroppedConnection(Exception):
    """Raised after part of a body was sent: the connection "closes" mid-response."""


async def _read_body(receive: Receive) -> bytes | None:
    """The whole request body; None when the client went away before sending all of it."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


class _Captured:
    def __init__(self) -> None:
        self.status = 500
        self.headers: list[tuple[bytes, bytes]] = []
        self.chunks: list[bytes] = []

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            self.chunks.append(message.get("body", b""))

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks)


def _without(headers: list[tuple[bytes, bytes]], *names: bytes) -> list[tuple[bytes, bytes]]:
    return [(k, v) for k, v in headers if k.lower() not in names]


# Where Partner Center documents MS-RequestId idempotency: creating a customer, an order, a
# cart and checking a cart out. Every other write repeated under the same id is applied again.
_REPLAYED = (
    re.compile(r"^/v1/customers/?$"),
    re.compile(r"^/v1/customers/[^/]+/orders/?$"),
    re.compile(r"^/v1/customers/[^/]+/carts/?$"),
    re.compile(r"^/v1/customers/[^/]+/carts/[^/]+/checkout/?$"),
)


def replayable(method: str, path: str) -> bool:
    """Whether a request with a known ``MS-RequestId`` is answered from the first result."""
    return method.upper() == "POST" and any(p.match(path.lower()) for p in _REPLAYED)


class SandboxMiddleware:
    def __init__(self, app: ASGIApp, ctx: SandboxContext) -> None:
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        request_id = headers.get("ms-requestid") or str(uuid.uuid4())
        correlation_id = headers.get("ms-correlationid") or str(uuid.uuid4())
        tracing = [
            (b"ms-requestid", request_id.encode("latin-1", "replace")),
            (b"ms-correlationid", correlation_id.encode("latin-1", "replace")),
            (b"ms-cv", (base64.b64encode(secrets.token_bytes(12)).decode() + ".0").encode()),
            (b"ms-serverid", SERVER_ID.encode()),
        ]
        body = await _read_body(receive)
        if body is None:
            # A request that never fully arrived (its sender died mid-write) is not acted on,
            # as by any HTTP server: handling the truncated body would answer - and remember
            # under its MS-RequestId - something the client never asked.
            return
        path: str = scope["path"]
        if not (path == "/v1" or path.startswith("/v1/")):
            captured = await self._run(scope, body)
            self._persist()
            await _send_whole(send, captured.status, captured.headers + tracing, captured.body)
            return

        faults = self.ctx.faults
        faults.count_request()
        issued = self.ctx.token_for(headers.get("authorization"))
        if issued is None:
            response = classic_error(401, 800001, "The partner token is missing or invalid.",
                                     headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})
            await self._respond(response, send, tracing)
            return
        caller = issued.caller
        refusal = self.ctx.auth.refusal(bearer(headers.get("authorization")), caller.key)
        if refusal is not None:
            await self._respond(token_refused(refusal), send, tracing)
            return
        if self.ctx.auth.mfa_refusal(mfa=issued.mfa, sequence=issued.sequence):
            await self._respond(mfa_required(), send, tracing)
            return
        wait = self.ctx.limiter.acquire(caller.key)
        if wait is not None:
            faults.count_throttled()
            await self._respond(throttled(wait), send, tracing)
            return
        fault = faults.next_fault()
        if faults.config.latency_ms:
            await asyncio.sleep(faults.config.latency_ms / 1000)
        if fault == "429":
            faults.count_throttled()
            response = throttled(float(faults.config.retry_after_seconds))
            await self._respond(response, send, tracing)
            return
        if fault in ("500", "503"):
            response = classic_error(500, 800003, "An unexpected error occurred.") if (
                fault == "500") else classic_error(503, 503, "The service is temporarily "
                                                              "unavailable. Try again later.")
            await self._respond(response, send, tracing)
            return

        method = scope["method"].upper()
        replay_key = None
        if replayable(method, path) and headers.get("ms-requestid"):
            replay_key = f"{request_id.lower()} {method} {path.lower()}"
        stored = self.ctx.replay(replay_key) if replay_key else None
        if stored is not None:
            status, stored_headers, content = stored
        else:
            scope = dict(scope)
            scope[CALLER_KEY] = caller
            captured = await self._run(scope, body)
            status, stored_headers, content = captured.status, captured.headers, captured.body
            if replay_key and status < 500 and status != 429:
                self.ctx.remember(replay_key, status, stored_headers, content)
        self._persist()
        out_headers = _without(stored_headers, b"ms-requestid", b"ms-correlationid") + tracing
        if fault in POST_FAULTS:
            await self._apply_post_fault(fault, send, receive, status, out_headers, content)
            return
        await _send_whole(send, status, out_headers, content, head=method == "HEAD")

    async def _run(self, scope: Scope, body: bytes) -> _Captured:
        world = self.ctx.world
        with world.lock:
            self.ctx.refresh_from_disk()
            rules.advance(world, world.now())
        delivered = False

        async def replay_body() -> Message:
            nonlocal delivered
            if delivered:
                return {"type": "http.disconnect"}
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        captured = _Captured()
        await self.app(scope, replay_body, captured.send)
        return captured

    def _persist(self) -> None:
        with self.ctx.world.lock:
            try:
                self.ctx.persist()
            except OSError as exc:
                # The answer is still right; the next change tries to save again.
                log.warning("cannot save the sandbox world: %s", exc)

    async def _respond(self, response: Response, send: Send,
                       tracing: list[tuple[bytes, bytes]]) -> None:
        headers = list(response.raw_headers)
        await _send_whole(send, response.status_code, headers + tracing, bytes(response.body))

    async def _apply_post_fault(self, fault: str, send: Send, receive: Receive, status: int,
                                headers: list[tuple[bytes, bytes]], content: bytes) -> None:
        if fault == "timeout":
            # The request was handled; the answer never arrives in time.
            disconnected = await _wait_for_disconnect(receive,
                                                      self.ctx.faults.config.hang_seconds)
            if not disconnected:
                await _send_whole(send, status, headers, content)
            return
        if fault == "malformed":
            truncated = content[: max(1, len(content) // 2)] if content else b'{"items": ['
            headers = _without(headers, b"content-type", b"content-length")
            headers.append((b"content-type", b"application/json; charset=utf-8"))
            await _send_whole(send, 200, headers, truncated)
            return
        # drop: promise the whole body, send half of it, then "lose" the connection.
        full = content or b'{"items": []}'
        headers = _without(headers, b"content-length")
        headers.append((b"content-length", str(len(full)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": full[: len(full) // 2],
                    "more_body": True})
        raise DroppedConnection("the sandbox dropped the connection (fault injection)")


async def _wait_for_disconnect(receive: Receive, seconds: float) -> bool:
    """Sleep up to ``seconds``; True as soon as the client goes away."""

    async def disconnected() -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return

    watcher = asyncio.ensure_future(disconnected())
    try:
        done, _ = await asyncio.wait({watcher}, timeout=seconds)
        return watcher in done
    finally:
        watcher.cancel()


async def _send_whole(send: Send, status: int, headers: list[tuple[bytes, bytes]],
                      content: bytes, *, head: bool = False) -> None:
    headers = _without(headers, b"content-length")
    headers.append((b"content-length", str(len(content)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else content})
