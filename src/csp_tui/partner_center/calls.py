"""One logical call to Partner Center, with its retries: the request loop every resource call
goes through (see :mod:`csp_tui.partner_center.client` for what it does on every call), the
record of each attempt for the command log, and the typed reading of an answer."""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx
from pydantic import ValidationError

from csp_tui.partner_center import errors as pce
from csp_tui.partner_center import limits
from csp_tui.partner_center.bodies import (
    beyond_limits,
    body_text,
    error_label,
    first_error,
    malformed,
    parse_body,
)
from csp_tui.partner_center.mfa import mfa_claims, mfa_required_error
from csp_tui.partner_center.models import Page, PCModel, parse_collection
from csp_tui.partner_center.ratelimit import RateLimiter
from csp_tui.partner_center.token_source import TokenProvider
from csp_tui.partner_center.urls import loggable_path, replayed_by_request_id

# The command log's lines in the log file keep the name they always had (the client's).
log = logging.getLogger("csp_tui.partner_center.client")


BACKOFF_BASE_S = 0.5
BACKOFF_CAP_S = 30.0
#: Wait after a 429 that did not say how long.
DEFAULT_RETRY_AFTER_S = 5.0
#: 429 / 409-with-Retry-After retries per logical call (separate from ``max_retries``).
MAX_THROTTLE_RETRIES = 8
#: A Retry-After longer than this is not waited out inside one call: the caller decides.
MAX_THROTTLE_WAIT_S = 300.0
#: A 409 whose Retry-After is longer than this is handed back to the caller (the outbox
#: schedules the retry) instead of being waited out inside one call.
MAX_CONFLICT_WAIT_S = 30.0
M = TypeVar("M", bound=PCModel)


@dataclass(frozen=True)
class CallRecord:
    """One HTTP attempt, for the command log."""

    at: datetime
    method: str
    path: str  # path + query relative to the base URL; never a token, never a body
    status: int | None
    duration_ms: int
    request_id: str
    correlation_id: str
    error: str | None  # e.g. "timeout", "code 800090", "HTTP 503"


@dataclass
class ClientStats:
    #: HTTP attempts sent (retries included).
    requests: int = 0
    #: Attempts that were repeats of an earlier failed attempt.
    retries: int = 0
    #: 429 answers received.
    throttled: int = 0


@dataclass(frozen=True)
class _Attempt:
    """What is known about one attempt when it starts; :meth:`done` makes its record."""

    at: datetime
    started: float
    method: str
    path: str
    request_id: str
    correlation_id: str

    def done(self, status: int | None, error: str | None) -> CallRecord:
        return CallRecord(
            at=self.at, method=self.method, path=self.path, status=status,
            duration_ms=int((time.monotonic() - self.started) * 1000),
            request_id=self.request_id, correlation_id=self.correlation_id, error=error)


@dataclass(frozen=True)
class Answer:
    status: int
    headers: httpx.Headers
    body: Any


class CallingClient:
    """The mechanics every call shares: headers, the one request loop with its retries, and
    turning an answer into a typed model. The resource calls build on it
    (:class:`~csp_tui.partner_center.client.PartnerCenterClient`)."""

    def __init__(
        self,
        base_url: str,
        token_provider: TokenProvider,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        locale: str = "en-US",
        timeout: float = 30.0,
        max_retries: int = 4,
        rate_limiter: RateLimiter | None = None,
        on_call: Callable[[CallRecord], None] | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        application_name: str = "csp-tui",
        deadline: float | None = None,
        max_body_bytes: int = limits.MAX_BODY_BYTES,
    ) -> None:
        self._tokens = token_provider
        self._deadline_s = deadline if deadline is not None else timeout * limits.DEADLINE_FACTOR
        self._max_body_bytes = max_body_bytes
        self._locale = locale
        self._max_retries = max(0, max_retries)
        self._limiter = rate_limiter
        self._on_call = on_call
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._application_name = application_name
        # Redirects are not followed: Partner Center does not use them, and following one
        # would be the easiest way to hand a token to somebody else.
        self._http = httpx.AsyncClient(
            base_url=base_url,
            transport=transport,
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,
        )
        self.stats = ClientStats()

    @property
    def base_url(self) -> httpx.URL:
        return self._http.base_url

    @property
    def deadline_s(self) -> float:
        """The total time one attempt may take (see ``limits``)."""
        return self._deadline_s

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    # -- the one request loop ------------------------------------------------------------

    def _record(self, record: CallRecord) -> None:
        log.debug("%s %s -> %s (%d ms) %s", record.method, record.path, record.status,
                  record.duration_ms, record.error or "")
        if self._on_call is None:
            return
        try:
            self._on_call(record)
        except Exception:  # the command log must never break a call
            log.exception("call record subscriber failed")

    def _headers(
        self,
        token: str,
        request_id: str,
        correlation_id: str,
        *,
        has_body: bool,
        extra: Mapping[str, str] | None,
    ) -> dict[str, str]:
        headers = {
            "Authorization": f"Bearer {token}",
            "Accept": "application/json",
            "MS-RequestId": request_id,
            "MS-CorrelationId": correlation_id,
            "X-Locale": self._locale,
            "MS-PartnerCenter-Application": self._application_name,
            # Documented as required on every call, though Partner Center accepts calls
            # without it today; sending it costs nothing and survives a stricter front door.
            "MS-Contract-Version": "v1",
        }
        if has_body:
            headers["Content-Type"] = "application/json"
        if extra:
            headers.update(extra)
        return headers

    async def _call(
        self,
        method: str,
        target: str,
        *,
        json_body: Any = None,
        request_id: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        expected: frozenset[int] = frozenset(),
        require_body: bool = False,
    ) -> Answer:
        """Send one logical call (with its retries) and return the successful answer.

        ``expected`` lists non-2xx statuses that are answers rather than errors (404 on
        ``HEAD /domains``). ``require_body`` makes an empty 2xx body count as malformed.
        """
        request_id = request_id or str(uuid.uuid4())
        correlation_id = str(uuid.uuid4())
        content = None if json_body is None else json.dumps(json_body, ensure_ascii=False).encode()
        shown_path = loggable_path(target)
        idempotent_read = method in ("GET", "HEAD")
        # A write whose outcome is unknown (the request may have been acted on) is resent here
        # only where Partner Center replays by MS-RequestId; any other is left to the caller.
        resend_safe = idempotent_read or replayed_by_request_id(method, target)
        failures = 0
        throttles = 0
        refreshed = False
        force_refresh = False
        while True:
            if self._limiter is not None:
                await self._limiter.acquire()
            token = await self._tokens.get_token(force_refresh=force_refresh)
            force_refresh = False
            headers = self._headers(token, request_id, correlation_id,
                                    has_body=content is not None, extra=extra_headers)
            self.stats.requests += 1
            attempt = _Attempt(datetime.now(UTC), time.monotonic(), method, shown_path,
                               request_id, correlation_id)
            error: pce.PartnerCenterError
            unknown_outcome = False
            try:
                response = await limits.send_bounded(
                    self._http, method, target, content=content, headers=headers,
                    deadline_s=self._deadline_s, max_bytes=self._max_body_bytes)
            except (limits.DeadlineExceeded, limits.BodyTooLarge) as exc:
                # Not retried: a server that drips or floods does it again.
                self._record(attempt.done(None, "deadline" if isinstance(
                    exc, limits.DeadlineExceeded) else "oversized"))
                raise beyond_limits(exc, f"{method} {shown_path}", request_id,
                                    correlation_id) from exc
            except httpx.TimeoutException as exc:
                unknown_outcome = not isinstance(exc, httpx.ConnectTimeout)
                self._record(attempt.done(None, "timeout"))
                error = pce.TransportError(
                    message_key="pc.transport.timed_out", where=f"{method} {shown_path}",
                    detail=repr(exc), request_id=request_id, correlation_id=correlation_id)
            except httpx.TransportError as exc:
                unknown_outcome = not isinstance(exc, httpx.ConnectError)
                self._record(attempt.done(None, "connection error"))
                error = pce.TransportError(
                    message_key="pc.transport.connection_failed",
                    where=f"{method} {shown_path}", detail=type(exc).__name__,
                    request_id=request_id, correlation_id=correlation_id)
            else:
                status = response.status_code
                if 200 <= status < 300 or status in expected:
                    body: Any = None
                    # (catalog key, technical detail) when the body cannot be used
                    malformed: tuple[str, str | None] | None = None
                    if method != "HEAD" and status != 204:
                        try:
                            body = parse_body(response)
                        except (ValueError, RecursionError) as exc:  # nested past any use
                            malformed = ("pc.malformed.not_json", str(exc))
                        else:
                            if body is None and require_body and 200 <= status < 300:
                                malformed = ("pc.malformed.empty_body", None)
                    if malformed is None:
                        self._record(attempt.done(status, None))
                        return Answer(status, response.headers, body)
                    self._record(attempt.done(status, "malformed body"))
                    error = pce.MalformedResponseError(
                        message_key=malformed[0], where=f"{method} {shown_path}",
                        detail=malformed[1], status=status,
                        request_id=request_id, correlation_id=correlation_id)
                    if not idempotent_read:
                        # The write happened; sending it again is the caller's decision.
                        raise error
                else:
                    error = pce.error_from_parts(status, body_text(response),
                                                 dict(response.headers),
                                                 request_id=request_id,
                                                 correlation_id=correlation_id)
                    self._record(attempt.done(status, error_label(error)))
                    claims = mfa_claims(error, response.headers) if status == 401 else None
                    if claims is not None:
                        # A refresh would return the same claims: only a sign-in asking for
                        # these claims (approved with MFA) helps, and that is the person's.
                        raise mfa_required_error(error, claims, self._tokens, token)
                    if status == 401 and not refreshed:
                        refreshed = True
                        force_refresh = True
                        self.stats.retries += 1
                        continue
                    if status == 429:
                        self.stats.throttled += 1
                    if status == 409 and (error.retry_after is None
                                          or error.retry_after > MAX_CONFLICT_WAIT_S):
                        # A renewal or an order in progress: minutes to a day. Waiting here
                        # would hold the worker; the outbox keeps the write and tries again
                        # at the hinted time.
                        raise error
                    if status == 429 or status == 409:
                        wait = error.retry_after
                        if wait is None:
                            wait = DEFAULT_RETRY_AFTER_S
                        if throttles >= MAX_THROTTLE_RETRIES or wait > MAX_THROTTLE_WAIT_S:
                            raise error
                        throttles += 1
                        if status == 429 and self._limiter is not None:
                            self._limiter.pause(wait)
                        self.stats.retries += 1
                        await self._sleep(wait + self._rng.uniform(0.0, min(1.0, 0.1 * wait + 0.1)))
                        continue
                    if status < 500:
                        raise error
            if unknown_outcome and not resend_safe:
                raise error
            # 5xx, timeout, connection error, unreadable GET body: back off and resend.
            if failures >= self._max_retries:
                raise error
            delay = self._rng.uniform(0.0, min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** failures))
            if error.retry_after is not None:  # a 503 may say how long it needs
                delay = max(delay, min(error.retry_after, BACKOFF_CAP_S))
            failures += 1
            self.stats.retries += 1
            await self._sleep(delay)

    async def _get(self, target: str, **kwargs: Any) -> Any:
        answer = await self._call("GET", target, require_body=True, **kwargs)
        return answer.body

    @staticmethod
    def _model(model: type[M], body: Any, target: str) -> M:
        try:
            return model.model_validate(body)
        except ValidationError as exc:
            raise malformed("pc.malformed.shape", target, model=model.__name__,
                            detail=first_error(exc)) from exc

    @staticmethod
    def _items(model: type[M], body: Any, target: str) -> tuple[Page[M], Any]:
        """The readable items (a :class:`Page`: unreadable ones are named in ``skipped``)."""
        try:
            collection = parse_collection(model, body)
        except (ValidationError, TypeError) as exc:
            detail = first_error(exc) if isinstance(exc, ValidationError) else str(exc)
            raise malformed("pc.malformed.collection", target, model=model.__name__,
                            detail=detail) from exc
        where = loggable_path(target)
        return Page(collection.items, [f"{where} {line}" for line in collection.skipped_items]), \
            collection
