"""The sandbox as an ASGI application: Partner Center's REST routes under ``/v1`` and the
emulator's own controls under ``/_emulator`` (never under ``/v1``).

Every ``/v1`` request passes, in order: authentication (``Authorization: Bearer``; only a
token the sandbox issued is honoured, see :mod:`csp_tui.sandbox.tokens` — embedded, the
``sandbox.<role>.<partner tenant>`` tokens of the sandbox profiles; served, the ``--token`` one
and those issued through ``/_emulator/auth``; a token expired, revoked or without the MFA claim
the sandbox was told to require gets 401), the per-partner rate limit, fault injection, the
role matrix (:mod:`csp_tui.sandbox.roles_enforced`: 403 ``1002`` for what the caller's role may
not do through the API), idempotent replay (a known ``MS-RequestId`` on the creations Partner
Center documents as idempotent: customers, orders, carts and checkout; see :func:`replayable`),
then the route. Every response carries ``MS-RequestId`` and
``MS-CorrelationId`` (echoed, or generated), ``MS-CV`` and ``MS-ServerId``.

Choices worth knowing (documented behaviour where Partner Center documents it):

- ``GET /v1/customers``: ``size`` absent or 0 means 100; at most 500 per page. Seek paging:
  ``links.next`` carries the opaque continuation token as ``MS-ContinuationToken`` header and
  the body repeats it as ``continuationToken``. Tokens are bound to the caller and the filter
  and expire after an hour of virtual time; new customers appear at the end of the order, so
  paging never skips or repeats one.
- Replays of writes are remembered in memory with the full response; the world file keeps a copy
  *without* ``userCredentials.password``. After a restart, retrying a create with the same
  ``MS-RequestId`` still creates nothing and answers 201 with the customer and the user name,
  but the temporary password is gone (it was shown once).
- A new customer is 404 on GET-by-id for 30 virtual seconds and missing from the list for 90.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import json
import logging
import re
import secrets
import string
import uuid
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox import demo_data, rules
from csp_tui.sandbox.clock import to_iso
from csp_tui.sandbox.faults import (
    AUTH_EXPIRED,
    POST_FAULTS,
    AuthFaults,
    FaultConfig,
    FaultConfigError,
    FaultInjector,
    config_from_mapping,
)
from csp_tui.sandbox.ratelimit import RateLimiter, retry_after_seconds
from csp_tui.sandbox.roles_enforced import RoleMatrixMiddleware
from csp_tui.sandbox.rules import ApiError, ci
from csp_tui.sandbox.tokens import IssuedToken, TokenBook
from csp_tui.sandbox.world import (
    ROLE_DIRECT,
    ROLE_PROVIDER,
    ROLE_RESELLER,
    ROLES,
    Caller,
    Customer,
    World,
    WorldFileError,
    customer_full,
    customer_thin,
    entitlement_wire,
    order_wire,
    partner_relationship,
    product_wire,
    qualification_wire,
    subscription_wire,
)
from csp_tui.sandbox_identity import DEFAULT_CUSTOMERS

log = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
TOKEN_LIFETIME = timedelta(hours=1)
MEMORY_REPLAYS = 2000
PERSISTED_REPLAYS = 500
SERVER_ID = "030020525"
CALLER_KEY = "csp_sandbox.caller"


class DroppedConnection(Exception):
    """Raised after part of a body was sent: the connection "closes" mid-response."""


def classic_error(status: int, code: int | str, description: str,
                  data: list[Any] | None = None,
                  headers: dict[str, str] | None = None) -> JSONResponse:
    """Partner Center's classic ("PartnerFD") error body."""
    return JSONResponse({"code": code, "description": description, "data": data or [],
                         "source": "PartnerFD"}, status_code=status, headers=headers)


def _bearer(authorization: str | None) -> str:
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _token_refused(reason: str) -> JSONResponse:
    # What Partner Center answers for a token Entra ID no longer honours.
    description = ("The access token has expired." if reason == AUTH_EXPIRED
                   else "The sign-in behind this access token was revoked.")
    return classic_error(
        401, 800001, description,
        headers={"WWW-Authenticate": f'Bearer error="invalid_token", '
                                     f'error_description="{description}"'})


# What Partner Center asks for when a token lacks multi-factor authentication.
MFA_CLAIMS = {"access_token": {"amr": {"values": ["mfa"]}}}


def _mfa_required() -> JSONResponse:
    """Partner Center's answer to an App+User token without ``amr: mfa`` (code 10001), with
    the claims challenge a client passes to its next sign-in."""
    claims = base64.b64encode(json.dumps(MFA_CLAIMS, separators=(",", ":")).encode()).decode()
    return classic_error(
        401, 10001, "Authentication failed. MFA required.",
        headers={"WWW-Authenticate": f'Bearer realm="", error="insufficient_claims", '
                                     f'error_description="Multi-factor authentication is '
                                     f'required.", claims="{claims}"'})


def _throttled(wait: float) -> JSONResponse:
    seconds = retry_after_seconds(wait)
    return JSONResponse(
        {"statusCode": 429, "message": f"Rate limit is exceeded. Try again in {seconds} seconds."},
        status_code=429, headers={"Retry-After": str(seconds)})


# -- shared state of one sandbox ------------------------------------------------------------


class SandboxContext:
    """One sandbox: its world, where it is saved, its limiter, faults and replay memory."""

    def __init__(self, world: World, *, state_path: Path | None, faults: FaultInjector,
                 limiter: RateLimiter, auth: AuthFaults | None = None,
                 tokens: TokenBook | None = None) -> None:
        self.world = world
        #: The tokens this sandbox honours (embedded by default: no setup).
        self.tokens = tokens or TokenBook()
        self.state_path = Path(state_path) if state_path else None
        self.faults = faults
        self.limiter = limiter
        self.auth = auth or AuthFaults()
        self.replays: OrderedDict[str, tuple[int, list[tuple[bytes, bytes]], bytes]] = (
            OrderedDict())
        self._file_signature: tuple[int, int, int] | None = self._signature()

    def _signature(self) -> tuple[int, int, int] | None:
        if self.state_path is None:
            return None
        try:
            stat = self.state_path.stat()
        except OSError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def refresh_from_disk(self) -> None:
        """Another process (``csp-tui sandbox accept``) may have changed the file: adopt it."""
        if self.state_path is None:
            return
        signature = self._signature()
        if signature is None or signature == self._file_signature:
            return
        try:
            newer = World.load(self.state_path)
        except WorldFileError as exc:
            log.warning("ignoring an unreadable sandbox world file: %s", exc)
            self._file_signature = signature
            return
        self.world.adopt(newer)
        self._file_signature = signature

    def persist(self) -> None:
        if self.state_path is None or not self.world.dirty:
            return
        self.world.save(self.state_path)
        self.world.dirty = False
        self._file_signature = self._signature()

    def token_for(self, authorization: str | None) -> IssuedToken | None:
        """The issued token behind an ``Authorization`` header; None: no token, or one this
        sandbox did not issue (Partner Center answers 401 to both)."""
        return self.tokens.lookup(_bearer(authorization))

    def caller_for(self, authorization: str | None) -> Caller | None:
        issued = self.token_for(authorization)
        return issued.caller if issued is not None else None

    def issue_token(self, caller: Caller | None = None, *, mfa: bool = True,
                    token: str | None = None) -> str:
        """Honour ``token`` (a new one when None) for ``caller`` (default: the world's)."""
        return self.tokens.issue(caller or self.world.default_caller, mfa=mfa, token=token)

    # -- idempotency ----------------------------------------------------------------------

    def replay(self, key: str) -> tuple[int, list[tuple[bytes, bytes]], bytes] | None:
        with self.world.lock:
            if key in self.replays:
                return self.replays[key]
            self.refresh_from_disk()
            for entry in self.world.replays:
                if entry.get("key") == key:
                    body = str(entry.get("body", "")).encode()
                    headers = [(b"content-type", b"application/json")]
                    return int(entry.get("status", 200)), headers, body
        return None

    def remember(self, key: str, status: int, headers: list[tuple[bytes, bytes]],
                 body: bytes) -> None:
        # The persisted copy never holds a password.
        try:
            parsed = json.loads(body) if body else None
        except ValueError:
            parsed = None
        if isinstance(parsed, dict) and isinstance(parsed.get("userCredentials"), dict):
            parsed["userCredentials"].pop("password", None)
        text = json.dumps(parsed, ensure_ascii=False) if parsed is not None else ""
        with self.world.lock:
            self.replays[key] = (status, headers, body)
            while len(self.replays) > MEMORY_REPLAYS:
                self.replays.popitem(last=False)
            self.world.replays = [e for e in self.world.replays if e.get("key") != key]
            self.world.replays.append({"key": key, "status": status, "body": text})
            del self.world.replays[:-PERSISTED_REPLAYS]
            self.world.dirty = True


def _ctx(request: Request) -> SandboxContext:
    return request.app.state.sandbox  # type: ignore[no-any-return]


def _caller(request: Request) -> Caller:
    caller = request.scope.get(CALLER_KEY)
    return caller if isinstance(caller, Caller) else _ctx(request).world.default_caller


# -- the middleware: headers, auth, throttling, faults, replay, persistence ---------------------


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
        refusal = self.ctx.auth.refusal(_bearer(headers.get("authorization")), caller.key)
        if refusal is not None:
            await self._respond(_token_refused(refusal), send, tracing)
            return
        if self.ctx.auth.mfa_refusal(mfa=issued.mfa, sequence=issued.sequence):
            await self._respond(_mfa_required(), send, tracing)
            return
        wait = self.ctx.limiter.acquire(caller.key)
        if wait is not None:
            faults.count_throttled()
            await self._respond(_throttled(wait), send, tracing)
            return
        fault = faults.next_fault()
        if faults.config.latency_ms:
            await asyncio.sleep(faults.config.latency_ms / 1000)
        if fault == "429":
            faults.count_throttled()
            response = _throttled(float(faults.config.retry_after_seconds))
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


# -- helpers for routes ---------------------------------------------------------------------


def _query(request: Request) -> dict[str, str]:
    """Query parameters with lower-cased names (Partner Center ignores their case)."""
    return {key.lower(): value for key, value in request.query_params.items()}


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, 800002, "The request body is not valid JSON.") from exc


def _collection(items: list[Any], self_uri: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"totalCount": len(items), "items": items}
    if self_uri is not None:
        body["links"] = {"self": {"uri": self_uri, "method": "GET", "headers": []}}
    body["attributes"] = {"objectType": "Collection"}
    return body


def _not_found_customer(customer_id: str) -> ApiError:
    return ApiError(404, 1000, f"A customer with the tenant Id '{customer_id}' was not found.")


def _readable_customer(request: Request) -> Customer:
    """The path's customer, if the caller may read it now (else 404, as Partner Center)."""
    customer_id = request.path_params["customer_id"]
    world = _ctx(request).world
    customer = world.customer(customer_id)
    if customer is None or not world.readable(_caller(request), customer, world.now()):
        raise _not_found_customer(customer_id)
    return customer


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


# -- customers ---------------------------------------------------------------------------------

_FILTER_FIELDS = {
    "companyname": "CompanyName",
    "domain": "Domain",
    "indirectreseller": "IndirectReseller",
    "indirectcloudsolutionprovider": "IndirectCloudSolutionProvider",
}


def _parse_filter(text: str | None) -> tuple[str, str] | None:
    if text is None or not text.strip():
        return None
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise ApiError(400, 3000, "The filter must be a JSON object with Field, Value and "
                                  "Operator.", ["filter"]) from exc
    if not isinstance(raw, dict):
        raise ApiError(400, 3000, "The filter must be a JSON object.", ["filter"])
    data = ci(raw)
    field_name = _FILTER_FIELDS.get(str(data.get("field", "")).strip().lower())
    if field_name is None:
        raise ApiError(400, 3000, f"Unsupported filter field '{data.get('field')}'; use "
                                  "CompanyName, Domain, IndirectReseller or "
                                  "IndirectCloudSolutionProvider.", ["filter"])
    operator = str(data.get("operator") or "starts_with").strip().lower()
    if operator != "starts_with":
        raise ApiError(400, 3000, f"Unsupported filter operator '{data.get('operator')}'; "
                                  "customers support starts_with only.", ["filter"])
    value = data.get("value")
    if not isinstance(value, str):
        raise ApiError(400, 3000, "The filter value must be text.", ["filter"])
    return field_name, value


def _matches(customer: Customer, flt: tuple[str, str] | None) -> bool:
    if flt is None:
        return True
    field_name, value = flt
    wanted = value.casefold()
    if field_name == "CompanyName":
        return customer.company_name.casefold().startswith(wanted)
    if field_name == "Domain":
        return any(d.casefold().startswith(wanted) for d in customer.all_domains)
    if field_name == "IndirectReseller":
        return (customer.reseller_id or "").casefold().startswith(wanted)
    return (customer.provider_id or "").casefold().startswith(wanted)


def _encode_token(state: dict[str, Any]) -> str:
    return base64.b64encode(json.dumps(state, separators=(",", ":")).encode()).decode()


def _decode_token(token: str, world: World, caller: Caller, now: datetime) -> dict[str, Any]:
    try:
        state = json.loads(base64.b64decode(token.strip(), validate=True))
    except (ValueError, binascii.Error) as exc:
        raise ApiError(400, 3000, "The continuation token is not valid.") from exc
    if not isinstance(state, dict) or state.get("v") != 1 or state.get("e") != world.epoch \
            or state.get("p") != caller.key or not isinstance(state.get("a"), int) \
            or not isinstance(state.get("t"), int):
        raise ApiError(400, 3000, "The continuation token is not valid.")
    issued = datetime.fromtimestamp(state["t"], tz=now.tzinfo)
    if now - issued > TOKEN_LIFETIME or issued - now > TOKEN_LIFETIME:
        raise ApiError(400, 3000, "The continuation token has expired; start the listing "
                                  "again.")
    return state


def _filter_digest(flt: tuple[str, str] | None) -> str:
    if flt is None:
        return ""
    return hashlib.sha256(f"{flt[0]}\x00{flt[1].casefold()}".encode()).hexdigest()[:16]


@api
async def list_customers(request: Request) -> Response:
    ctx = _ctx(request)
    world = ctx.world
    caller = _caller(request)
    query = _query(request)
    size_text = query.get("size", "").strip()
    try:
        size = int(size_text) if size_text else 0
    except ValueError as exc:
        raise ApiError(400, 3000, "size must be a whole number.", ["size"]) from exc
    if size < 0:
        raise ApiError(400, 3000, "size must not be negative.", ["size"])
    size = min(size or DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    flt = _parse_filter(query.get("filter"))
    seek = query.get("seekoperation")
    token = request.headers.get("ms-continuationtoken")
    with world.lock:
        now = world.now()
        after = 0
        if seek is not None or token:
            if (seek or "").strip().lower() != "next":
                raise ApiError(400, 3000, "Only seekOperation=Next is supported.",
                               ["seekOperation"])
            if not token:
                raise ApiError(400, 3000, "seekOperation=Next needs the MS-ContinuationToken "
                                          "header from the previous page.")
            state = _decode_token(token, world, caller, now)
            token_filter = state.get("f")
            stored = (token_filter[0], token_filter[1]) if isinstance(token_filter, list) \
                else None
            if flt is not None and _filter_digest(flt) != _filter_digest(stored):
                raise ApiError(400, 3000, "The continuation token belongs to another filter.")
            flt = stored
            after = int(state["a"])
        matching = sorted(
            (c for c in world.customers
             if c.seq > after and world.listed(caller, c, now) and _matches(c, flt)),
            key=lambda c: c.seq)
        page = matching[:size]
        items = [customer_thin(c) for c in page]
        more = len(matching) > size
        if seek is not None:
            self_uri = f"/v1/customers?size={size}&seekOperation=Next"
        elif flt is not None:
            encoded = quote(json.dumps({"Field": flt[0], "Value": flt[1],
                                        "Operator": "starts_with"}), safe="")
            self_uri = f"/v1/customers?size={size}&filter={encoded}"
        else:
            self_uri = f"/v1/customers?size={size}"
        body = _collection(items, self_uri)
        if more:
            next_token = _encode_token({
                "v": 1, "e": world.epoch, "a": page[-1].seq, "p": caller.key,
                "f": list(flt) if flt else None, "t": int(now.timestamp()),
            })
            body["links"]["next"] = {
                "uri": f"/v1/customers?size={size}&seekOperation=Next",
                "method": "GET",
                "headers": [{"key": "MS-ContinuationToken", "value": next_token}],
            }
            body["continuationToken"] = next_token
    return JSONResponse(body)


@api
async def get_customer(request: Request) -> Response:
    with _ctx(request).world.lock:
        return JSONResponse(customer_full(_readable_customer(request)))


def _temporary_password() -> str:
    """Like Partner Center's: short, random, every character class."""
    classes = (string.ascii_uppercase, string.ascii_lowercase, string.digits, "*!#$%&@?")
    chars = [secrets.choice(c) for c in classes]
    chars += [secrets.choice("".join(classes)) for _ in range(8)]
    secrets.SystemRandom().shuffle(chars)
    return "".join(chars)


@api
async def create_customer(request: Request) -> Response:
    ctx = _ctx(request)
    world = ctx.world
    caller = _caller(request)
    if caller.role == ROLE_RESELLER:
        # Indirect resellers cannot create customers through the API: their distributor does.
        raise ApiError(403, 1002, "Authorization Failed")
    body = ci(await _json_body(request))
    with world.lock:
        new = rules.validate_new_customer(world, caller, body)
        now = world.now()
        tenant_id = str(uuid.uuid4())
        customer = Customer(
            id=tenant_id,
            commerce_id=str(uuid.uuid4()),
            company_name=new.company_name,
            domain=new.domain,
            custom_domains=[],
            web_domain=new.email.rsplit("@", 1)[-1].lower(),
            ico=new.registration_number,
            street=new.street,
            city=new.city,
            postal_code=new.postal_code,
            country=new.country,
            phone=new.phone,
            email=new.email,
            first_name=new.first_name,
            last_name=new.last_name,
            culture=new.culture,
            language=new.language,
            billing_id=str(uuid.uuid4()),
            created_at=now,
            provider_id=caller.tenant_id,
            reseller_id=new.reseller_id,
            api_created=True,
            # Since 2023 new customers get default GDAP instead of DAP when asked for.
            allow_delegated_access=not new.gdap_by_default,
            contact_name=f"{new.first_name} {new.last_name}",
        )
        world.add_customer(customer)
        payload = customer_full(customer)
    payload["userCredentials"] = {"userName": "admin", "password": _temporary_password()}
    return JSONResponse(payload, status_code=201,
                        headers={"Location": f"/customers/{customer.id}"})


@api
async def domain_exists(request: Request) -> Response:
    world = _ctx(request).world
    with world.lock:
        taken = world.is_domain_taken(request.path_params["domain"])
    return Response(status_code=200 if taken else 404)


@api
async def custom_domains(request: Request) -> Response:
    with _ctx(request).world.lock:
        return JSONResponse(list(_readable_customer(request).all_domains))


@api
async def customer_relationships(request: Request) -> Response:
    world = _ctx(request).world
    caller = _caller(request)
    with world.lock:
        customer = _readable_customer(request)
        items = []
        if customer.reseller_id and caller.role == ROLE_PROVIDER:
            reseller = world.partner(customer.reseller_id)
            if reseller:
                items.append(partner_relationship(reseller,
                                                  "is_indirect_cloud_solution_provider_of"))
        elif customer.reseller_id and caller.role == ROLE_RESELLER and customer.provider_id:
            provider = world.partner(customer.provider_id)
            if provider:
                items.append(partner_relationship(provider, "is_indirect_reseller_of"))
    return JSONResponse(_collection(items))


@api
async def partner_relationships(request: Request) -> Response:
    world = _ctx(request).world
    caller = _caller(request)
    kind = _query(request).get("relationship_type", "").strip().lower()
    with world.lock:
        if kind == "isindirectresellerof":
            items = [partner_relationship(p, "is_indirect_reseller_of")
                     for p in world.providers_of(caller.tenant_id)]
        elif kind == "isindirectcloudsolutionproviderof":
            items = [partner_relationship(p, "is_indirect_cloud_solution_provider_of")
                     for p in world.resellers_of(caller.tenant_id)]
        else:
            raise ApiError(400, 3000, "relationship_type must be IsIndirectResellerOf or "
                                      "IsIndirectCloudSolutionProviderOf.",
                           ["relationship_type"])
    return JSONResponse(_collection(items))


@api
async def relationship_request(request: Request) -> Response:
    world = _ctx(request).world
    caller = _caller(request)
    query = _query(request)
    with world.lock:
        if caller.role == ROLE_DIRECT:
            url = (f"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship"
                   f"&partnerId={caller.tenant_id}&msppId=0&DAP=false"
                   f"#/BillingAccounts/partner-invitation")
        else:
            if caller.role == ROLE_PROVIDER:
                wanted = query.get("indirectresellerid", "").strip()
                if not wanted:
                    raise ApiError(400, 3000, "indirectResellerId is required for an indirect "
                                              "provider.", ["indirectResellerId"])
                reseller = next((p for p in world.resellers_of(caller.tenant_id)
                                 if p.tenant_id.lower() == wanted.lower()), None)
                if reseller is None:
                    raise ApiError(400, 800016, f"The PartnerID '{wanted}' is not a valid "
                                                "indirect reseller of this partner.")
                provider_id = caller.tenant_id
            else:
                reseller = world.partner(caller.tenant_id)
                providers = world.providers_of(caller.tenant_id)
                wanted = query.get("indirectcloudsolutionproviderid", "").strip()
                if wanted:
                    chosen = next((p for p in providers
                                   if p.tenant_id.lower() == wanted.lower()), None)
                    if chosen is None:
                        raise ApiError(400, 3000, f"'{wanted}' is not an indirect provider of "
                                                  "this reseller.",
                                       ["indirectCloudSolutionProviderId"])
                    provider_id = chosen.tenant_id
                elif providers:
                    provider_id = providers[0].tenant_id
                else:
                    raise ApiError(400, 3000, "This reseller has no indirect provider.")
            reseller_id = reseller.tenant_id if reseller else caller.tenant_id
            mpn = reseller.mpn_id if reseller else "0"
            # The documented answer (relationship-request.json) names no distributor; the
            # link carries ``indirectCSPId`` only when the request named the pair
            # explicitly (a reseller's indirectCloudSolutionProviderId, or a provider asking
            # on behalf of one of its resellers).
            named = caller.role == ROLE_PROVIDER or bool(
                query.get("indirectcloudsolutionproviderid", "").strip())
            distributor = f"&indirectCSPId={provider_id}" if named else ""
            url = (f"https://admin.microsoft.com/Adminportal/Home?invType="
                   f"IndirectResellerRelationship&partnerId={reseller_id}&msppId={mpn}"
                   f"{distributor}&DAP=false"
                   f"#/BillingAccounts/partner-invitation")
    return JSONResponse({"url": url, "attributes": {"objectType": "RelationshipRequest"}})


# -- subscriptions, entitlements, qualifications -------------------------------------------


def _visible_subscriptions(request: Request, customer: Customer) -> list[Any]:
    caller = _caller(request)
    subs = list(customer.subscriptions)
    if caller.role == ROLE_RESELLER:
        # An indirect reseller sees the subscriptions it is the partner of record for.
        mpn = _ctx(request).world.mpn_id(caller.tenant_id)
        subs = [s for s in subs if s.partner_id == mpn]
    return subs


@api
async def list_subscriptions(request: Request) -> Response:
    world = _ctx(request).world
    query = _query(request)
    with world.lock:
        customer = _readable_customer(request)
        subs = _visible_subscriptions(request, customer)
        if query.get("order_id"):
            subs = [s for s in subs if s.order_id.lower() == query["order_id"].lower()]
        if query.get("mpn_id"):
            subs = [s for s in subs if s.partner_id == query["mpn_id"].strip()]
        now = world.now()
        items = [subscription_wire(customer, s, now, detail=False) for s in subs]
    return JSONResponse(_collection(items, f"/customers/{customer.id}/subscriptions"))


def _subscription(request: Request, customer: Customer) -> Any:
    wanted = request.path_params["subscription_id"].lower()
    for sub in _visible_subscriptions(request, customer):
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


def renewal_conflict(sub: Any, now: datetime) -> JSONResponse | None:
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
    ctx = _ctx(request)
    world = ctx.world
    with world.lock:
        customer = _readable_customer(request)
        sub = _subscription(request, customer)
        body = subscription_wire(customer, sub, world.now())
    return JSONResponse(pascal_case(body) if ctx.faults.vary("pascal") else body)


@api
async def patch_subscription(request: Request) -> Response:
    ctx = _ctx(request)
    world = ctx.world
    body = await _json_body(request)
    if not isinstance(body, dict):
        raise ApiError(400, 800002, "The request body must be a subscription object.")
    with world.lock:
        customer = _readable_customer(request)
        sub = _subscription(request, customer)
        now = world.now()
        if ctx.faults.config.variation:
            conflict = renewal_conflict(sub, now)
            if conflict is not None:
                return conflict
        rules.patch_subscription(sub, ci(body), now, request.headers.get("if-match"))
        world.changed()
        answer = subscription_wire(customer, sub, now)
    if ctx.faults.vary("accepted"):
        # Documented for slow updates: 202, a relative Location without /v1, no body; the
        # change is already visible to the GET the client makes next.
        return Response(status_code=202, headers={
            "Location": f"/customers/{customer.id}/subscriptions/{sub.id}"})
    return JSONResponse(pascal_case(answer) if ctx.faults.vary("pascal") else answer)


@api
async def list_entitlements(request: Request) -> Response:
    world = _ctx(request).world
    query = _query(request)
    kind = query.get("entitlementtype", "").strip().lower()
    show_expiry = query.get("showexpiry", "").strip().lower() == "true"
    with world.lock:
        customer = _readable_customer(request)
        items = [] if kind not in ("", "software") else [
            entitlement_wire(e, show_expiry=show_expiry) for e in customer.entitlements]
    return JSONResponse(_collection(items))


# -- product catalog and orders --------------------------------------------------------------


@api
async def get_product(request: Request) -> Response:
    """``GET /v1/products/{id}?country=`` (country required, as documented)."""
    country = _query(request).get("country", "").strip()
    if not country:
        raise ApiError(400, 3000, "The country is required.", ["country"])
    product_id = request.path_params["product_id"]
    found = demo_data.catalog_product(product_id)
    if found is None:
        raise ApiError(404, 400013, "Product was not found.")
    title, description, product_type = found
    return JSONResponse(product_wire(product_id.upper(), title, description, product_type,
                                     country.upper()))


@api
async def get_order(request: Request) -> Response:
    """``GET /v1/customers/{id}/orders/{orderId}``: the perpetual licences bought in it, or the
    subscriptions it created."""
    world = _ctx(request).world
    wanted = request.path_params["order_id"].lower()
    with world.lock:
        customer = _readable_customer(request)
        licences = [e for e in customer.entitlements if e.order_id.lower() == wanted]
        if licences:
            body = order_wire(
                customer, licences[0].order_id, billing_cycle="one_time",
                created=min(e.purchase_date for e in licences), country=customer.country,
                lines=[(f"{e.product_id}:{e.sku_id}", e.product_name, e.quantity)
                       for e in licences])
            return JSONResponse(body)
        subs = [s for s in _visible_subscriptions(request, customer)
                if s.order_id.lower() == wanted]
        if not subs:
            raise ApiError(404, 1000, f"The order '{request.path_params['order_id']}' was not "
                                      "found.")
        body = order_wire(
            customer, subs[0].order_id, billing_cycle=subs[0].billing_cycle,
            created=min(s.creation_date for s in subs), country=customer.country,
            lines=[(s.offer_id, s.offer_name, s.quantity) for s in subs])
    return JSONResponse(body)


@api
async def list_qualifications(request: Request) -> Response:
    with _ctx(request).world.lock:
        customer = _readable_customer(request)
        return JSONResponse([qualification_wire(q) for q in customer.qualifications])


@api
async def add_qualification(request: Request) -> Response:
    world = _ctx(request).world
    body = await _json_body(request)
    if not isinstance(body, dict):
        raise ApiError(400, 800002, "The request body must be a qualification object.")
    with world.lock:
        customer = _readable_customer(request)
        qualification = rules.request_qualification(customer, ci(body), world.now())
        world.changed()
    payload: dict[str, Any] = {"qualification": qualification.qualification}
    if qualification.vetting_status:
        payload["vettingStatus"] = qualification.vetting_status
        if qualification.vetting_created:
            payload["vettingCreateDate"] = to_iso(qualification.vetting_created)
    return JSONResponse(payload, status_code=201)


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
    world = _ctx(request).world
    with world.lock:
        user = _admin_user(_readable_customer(request))
    return JSONResponse({"totalCount": 1, "items": [user],
                         "attributes": {"objectType": "Collection"}})


@api
async def reset_user_password(request: Request) -> Response:
    world = _ctx(request).world
    body = ci(await _json_body(request))
    with world.lock:
        user = _admin_user(_readable_customer(request))
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


# -- emulator controls ----------------------------------------------------------------------------


def _prospect_wire(world: World, prospect: Customer) -> dict[str, Any]:
    accepts_at = (world.created_at + timedelta(seconds=prospect.accepts_after)
                  if prospect.accepts_after is not None else None)
    return {
        "tenantId": prospect.id,
        "companyName": prospect.company_name,
        "domain": prospect.domain,
        "customDomains": list(prospect.custom_domains),
        "contactName": prospect.contact_name,
        "contactEmail": prospect.email,
        "acceptsAfter": prospect.accepts_after,
        "acceptsAt": to_iso(accepts_at) if accepts_at else None,
        "status": "accepted" if prospect.state == "customer" else "waiting",
        "acceptedAt": to_iso(prospect.related_at) if prospect.related_at else None,
    }


def _clock_wire(world: World) -> dict[str, Any]:
    return {"now": to_iso(world.now()), "frozen": world.clock.frozen}


@api
async def emulator_state(request: Request) -> Response:
    ctx = _ctx(request)
    world = ctx.world
    with world.lock:
        now = world.now()
        body = {
            **_clock_wire(world),
            "seed": world.seed,
            "epoch": world.epoch,
            "createdAt": to_iso(world.created_at),
            "counts": world.counts(),
            "visibleCustomers": {
                role: sum(1 for c in world.customers if world.listed(Caller(role, tenant), c, now))
                for role, tenant in ((ROLE_RESELLER, identity.RESELLER_TENANT_ID),
                                     (ROLE_PROVIDER, identity.PROVIDER_TENANT_ID))
            },
            "rateLimitPerMinute": ctx.limiter.per_minute,
            "statePath": str(ctx.state_path) if ctx.state_path else None,
        }
    body["faults"] = ctx.faults.snapshot()
    return JSONResponse(body)


@api
async def emulator_prospects(request: Request) -> Response:
    world = _ctx(request).world
    with world.lock:
        prospects = sorted(world.prospects(),
                           key=lambda c: (c.accepts_after is None, c.accepts_after or 0.0))
        return JSONResponse({"items": [_prospect_wire(world, p) for p in prospects]})


@api
async def emulator_accept(request: Request) -> Response:
    world = _ctx(request).world
    body = ci(await _json_body(request))
    query = _query(request)
    domain = str(body.get("domain") or query.get("domain") or "").strip().lower()
    tenant = str(body.get("tenantid") or query.get("tenantid") or "").strip().lower()
    reseller = str(body.get("indirectresellerid") or identity.RESELLER_TENANT_ID)
    if not domain and not tenant:
        raise ApiError(400, 3000, "Give the prospect's domain or tenantId.")
    with world.lock:
        prospect = world.domain_owner(domain) if domain else world.customer(tenant)
        if prospect is None or not prospect.was_prospect:
            raise ApiError(404, 1000, f"No tenant waiting for an invitation matches "
                                      f"'{domain or tenant}'.")
        already = prospect.state == "customer"
        if not already:
            partner = world.partner(reseller)
            if partner is None or partner.role != ROLE_RESELLER:
                raise ApiError(400, 800016, f"'{reseller}' is not a known indirect reseller.")
            rules.accept_prospect(world, prospect, world.now(), partner.tenant_id)
        return JSONResponse({"accepted": True, "alreadyAccepted": already,
                             "customer": customer_thin(prospect),
                             "prospect": _prospect_wire(world, prospect)})


def _number(body: dict[str, Any], key: str) -> float:
    value = body.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ApiError(400, 3000, f"{key} must be a number >= 0.")
    return float(value)


@api
async def emulator_clock_advance(request: Request) -> Response:
    world = _ctx(request).world
    body = ci(await _json_body(request))
    if not isinstance(body, dict):
        raise ApiError(400, 3000, "Send {\"seconds\": N} or {\"days\": N}.")
    seconds = (_number(body, "seconds") + 60 * _number(body, "minutes")
               + 3600 * _number(body, "hours") + 86400 * _number(body, "days"))
    freeze = body.get("freeze")
    if freeze is not None and not isinstance(freeze, bool):
        raise ApiError(400, 3000, "freeze must be true or false.")
    with world.lock:
        if freeze is True:
            world.clock.freeze()
        elif freeze is False:
            world.clock.unfreeze()
        world.clock.advance(seconds)
        world.changed()
        rules.advance(world, world.now())
        return JSONResponse(_clock_wire(world))


@api
async def emulator_clock(request: Request) -> Response:
    world = _ctx(request).world
    with world.lock:
        return JSONResponse(_clock_wire(world))


@api
async def emulator_grow(request: Request) -> Response:
    world = _ctx(request).world
    body = ci(await _json_body(request))
    total = body.get("customers") if isinstance(body, dict) else None
    if isinstance(total, bool) or not isinstance(total, int) or not 0 <= total <= 200_000:
        raise ApiError(400, 3000, "customers must be a whole number between 0 and 200000.")
    with world.lock:
        added = demo_data.grow_world(world, total)
        return JSONResponse({"added": added, "customers": world.counts()["customers"]})


@api
async def emulator_faults(request: Request) -> Response:
    ctx = _ctx(request)
    if request.method == "POST":
        body = await _json_body(request)
        if not isinstance(body, dict):
            raise ApiError(400, 3000, "Send the fault settings as a JSON object.")
        settings = dict(body)
        limit = None
        for key in list(settings):
            if key.replace("_", "").lower() in ("ratelimit", "ratelimitperminute"):
                limit = settings.pop(key)
        try:
            config = config_from_mapping(settings, ctx.faults.config)
        except FaultConfigError as exc:
            raise ApiError(400, 3000, str(exc)) from exc
        if limit is not None:
            if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
                raise ApiError(400, 3000, "rate_limit must be a whole number >= 1.")
            ctx.limiter.configure(limit)
        ctx.faults.configure(config)
    return JSONResponse({**ctx.faults.snapshot(), "rate_limit": ctx.limiter.per_minute})


_AUTH_KEYS = {"expire", "revoke", "revokeall", "signin", "reset", "requiremfa", "issue"}
_ISSUE_KEYS = {"role", "tenant", "mfa", "token"}


def _issue(request: Request, ctx: SandboxContext, spec: Any) -> str:
    """``{"issue": {"role", "tenant", "mfa", "token"}}``: a sign-in at the emulated Entra ID.
    A served sandbox issues only to a holder of a token it issued before (the ``--token`` one),
    so its tokens cannot be minted by anybody who can reach the port."""
    if spec is True:
        spec = {}
    if not isinstance(spec, dict) or set(map(str, spec)) - _ISSUE_KEYS:
        raise ApiError(400, 3000, f"issue takes an object with {', '.join(sorted(_ISSUE_KEYS))}.")
    if ctx.tokens.issued_only and ctx.token_for(request.headers.get("authorization")) is None:
        raise ApiError(401, 800001, "Issuing a token needs the sandbox's token "
                                    "(Authorization: Bearer ...).")
    role = spec.get("role", ctx.world.default_caller.role)
    tenant = spec.get("tenant")
    if role not in ROLES:
        raise ApiError(400, 3000, f"role must be one of {', '.join(ROLES)}.")
    if tenant is None:
        tenant = (ctx.world.default_caller.tenant_id if role == ctx.world.default_caller.role
                  else {ROLE_RESELLER: identity.RESELLER_TENANT_ID,
                        ROLE_PROVIDER: identity.PROVIDER_TENANT_ID}.get(role, ""))
    mfa = spec.get("mfa", True)
    token = spec.get("token")
    if not isinstance(tenant, str) or not tenant or not isinstance(mfa, bool) or (
            token is not None and (not isinstance(token, str) or not token.strip())):
        raise ApiError(400, 3000, "tenant and token must be text, mfa true or false.")
    return ctx.issue_token(Caller(role, tenant), mfa=mfa, token=token)


@api
async def emulator_auth(request: Request) -> Response:
    """Token faults: ``{"expire": [tokens]}`` (those tokens get 401; a refreshed one works),
    ``{"revoke": [tokens]}`` (every token of those tokens' callers gets 401),
    ``{"revoke_all": true}`` (every token of every caller), ``{"sign_in": true}`` (revocations
    end: the person signed in again), ``{"reset": true}`` (no token faults at all),
    ``{"require_mfa": true}`` (every call answers 401 with Partner Center's MFA requirement
    until it carries a token marked as MFA issued after this), ``{"issue": {...}}`` (a new
    token, returned as ``token``: see :func:`_issue`)."""
    ctx = _ctx(request)
    if request.method == "POST":
        body = await _json_body(request)
        if not isinstance(body, dict):
            raise ApiError(400, 3000, "Send the token faults as a JSON object.")
        settings = {str(key).replace("_", "").replace("-", "").lower(): value
                    for key, value in body.items()}
        unknown = sorted(set(settings) - _AUTH_KEYS)
        if unknown:
            raise ApiError(400, 3000, f"unknown token fault setting(s): {', '.join(unknown)}")
        for key in ("expire", "revoke"):
            tokens = settings.get(key, [])
            if not isinstance(tokens, list) or not all(
                    isinstance(token, str) and token.strip() for token in tokens):
                raise ApiError(400, 3000, f"{key} must be a list of tokens.")
        for key in ("revokeall", "signin", "reset", "requiremfa"):
            if not isinstance(settings.get(key, False), bool):
                raise ApiError(400, 3000, f"{key} must be true or false.")
        if settings.get("reset"):
            ctx.auth.reset()
        if settings.get("signin"):
            ctx.auth.sign_in()
        ctx.auth.expire([token.strip() for token in settings.get("expire", [])])
        for token in settings.get("revoke", []):
            caller = ctx.tokens.caller_of(token.strip())
            if caller is not None:
                ctx.auth.revoke(caller.key)
        if settings.get("revokeall"):
            ctx.auth.revoke_all()
        if settings.get("requiremfa"):
            ctx.auth.require_mfa(ctx.tokens.sequence)
        if "issue" in settings:
            issued = _issue(request, ctx, settings["issue"])
            return JSONResponse({**ctx.auth.snapshot(), "token": issued})
    return JSONResponse(ctx.auth.snapshot())


@api
async def emulator_reset_faults(request: Request) -> Response:
    ctx = _ctx(request)
    ctx.faults.reset()
    ctx.auth.reset()
    return JSONResponse({**ctx.faults.snapshot(), "rate_limit": ctx.limiter.per_minute})


async def _not_found(request: Request, exc: Exception) -> Response:
    return classic_error(404, 1000, f"The resource '{request.url.path}' was not found.")


async def _not_allowed(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 405
    return classic_error(status, 3000, f"{request.method} is not supported on "
                                       f"'{request.url.path}'.")


def _routes() -> list[Route]:
    customer = "/v1/customers/{customer_id}"
    subscription = customer + "/subscriptions/{subscription_id}"
    return [
        Route("/v1/customers", list_customers, methods=["GET"]),
        Route("/v1/customers", create_customer, methods=["POST"]),
        Route("/v1/customers/relationshiprequests", relationship_request, methods=["GET"]),
        Route("/v1/customers/relationshipRequests", relationship_request, methods=["GET"]),
        Route(customer, get_customer, methods=["GET"]),
        Route(customer + "/customDomains", custom_domains, methods=["GET"]),
        Route(customer + "/customdomains", custom_domains, methods=["GET"]),
        Route(customer + "/relationships", customer_relationships, methods=["GET"]),
        Route(customer + "/subscriptions", list_subscriptions, methods=["GET"]),
        Route(subscription, get_subscription, methods=["GET"]),
        Route(subscription, patch_subscription, methods=["PATCH"]),
        Route(customer + "/entitlements", list_entitlements, methods=["GET"]),
        Route(customer + "/orders/{order_id}", get_order, methods=["GET"]),
        Route("/v1/products/{product_id}", get_product, methods=["GET"]),
        Route(customer + "/qualifications", list_qualifications, methods=["GET"]),
        Route(customer + "/qualifications", add_qualification, methods=["POST"]),
        Route(customer + "/users", list_customer_users, methods=["GET"]),
        Route(customer + "/users/{user_id}/resetpassword", reset_user_password,
              methods=["PATCH"]),
        Route("/v1/domains/{domain}", domain_exists, methods=["HEAD"]),
        Route("/v1/relationships", partner_relationships, methods=["GET"]),
        Route("/_emulator/state", emulator_state, methods=["GET"]),
        Route("/_emulator/prospects", emulator_prospects, methods=["GET"]),
        Route("/_emulator/invitations/accept", emulator_accept, methods=["POST"]),
        Route("/_emulator/clock", emulator_clock, methods=["GET"]),
        Route("/_emulator/clock/advance", emulator_clock_advance, methods=["POST"]),
        Route("/_emulator/grow", emulator_grow, methods=["POST"]),
        Route("/_emulator/faults", emulator_faults, methods=["GET", "POST"]),
        Route("/_emulator/reset-faults", emulator_reset_faults, methods=["POST"]),
        Route("/_emulator/auth", emulator_auth, methods=["GET", "POST"]),
    ]


# -- construction ----------------------------------------------------------------------------------


def build_app(
    world: World,
    *,
    state_path: Path | None = None,
    faults: FaultConfig | dict[str, Any] | None = None,
    rate_limit: int = 500,
    tokens: TokenBook | None = None,
) -> Starlette:
    """An ASGI app serving ``world``; saved to ``state_path`` after every change if given.
    ``tokens``: the tokens it honours (default: the embedded sandbox's, no setup)."""
    if isinstance(faults, dict):
        faults = config_from_mapping(faults)
    ctx = SandboxContext(world, state_path=state_path, faults=FaultInjector(faults),
                         limiter=RateLimiter(rate_limit), tokens=tokens)
    app = Starlette(
        routes=_routes(),
        # Inside the sandbox middleware (the caller is known), in front of every route.
        middleware=[Middleware(SandboxMiddleware, ctx=ctx),
                    Middleware(RoleMatrixMiddleware, caller_key=CALLER_KEY)],
        exception_handlers={404: _not_found, 405: _not_allowed},
    )
    app.state.sandbox = ctx
    if state_path is not None and world.dirty:
        ctx.persist()
    return app


def _load_or_generate(state_path: Path | None, *, seed: int, customers: int,
                      frozen_at: datetime | None) -> World:
    if state_path is not None and Path(state_path).exists():
        try:
            return World.load(Path(state_path))
        except WorldFileError as exc:
            # A damaged world is demo data: keep it aside for inspection and start over.
            aside = Path(state_path).with_name(Path(state_path).name + ".damaged")
            log.warning("the sandbox world %s is unusable (%s); moved to %s", state_path, exc,
                        aside)
            Path(state_path).replace(aside)
    return World.generate(seed, customers, now=frozen_at, frozen=frozen_at is not None)


def create_sandbox(
    state_path: Path | None,
    *,
    seed: int = 7,
    customers: int = DEFAULT_CUSTOMERS,
    faults: FaultConfig | dict[str, Any] | None = None,
    rate_limit: int = 500,
    frozen_at: datetime | None = None,
    default_caller: tuple[str, str] | None = None,
    tokens: TokenBook | None = None,
) -> tuple[Starlette, World]:
    """The sandbox app and its world: loaded from ``state_path`` if it exists, else generated
    (deterministic for ``seed``; with ``frozen_at`` the clock stands still at that instant)."""
    world = _load_or_generate(state_path, seed=seed, customers=customers, frozen_at=frozen_at)
    if default_caller is not None:
        role, tenant = default_caller
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r} (known: {', '.join(ROLES)})")
        world.default_caller = Caller(role, tenant)
        world.dirty = True
    app = build_app(world, state_path=state_path, faults=faults, rate_limit=rate_limit,
                    tokens=tokens)
    return app, world


def sandbox_context(app: Starlette) -> SandboxContext:
    """The shared state behind an app made by :func:`build_app` (for tests and tools)."""
    return app.state.sandbox  # type: ignore[no-any-return]
