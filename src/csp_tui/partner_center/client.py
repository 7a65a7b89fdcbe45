"""The async Partner Center REST client: one place for headers, retries, paging and errors.

Everything above this module (sync, outbox, screens) calls typed methods and gets typed models
or a :class:`~csp_tui.partner_center.errors.PartnerCenterError`; nothing else knows about
HTTP. The same client talks to the real endpoint and to the embedded sandbox — only the httpx
transport differs.

What it does on every call:

* sends ``Authorization``, ``Accept``, ``MS-RequestId`` (the caller's idempotency key for
  writes, otherwise a fresh one per logical call, reused on every retry of that call),
  ``MS-CorrelationId``, ``X-Locale`` and ``MS-PartnerCenter-Application``;
* waits for the shared :class:`RateLimiter` before each attempt;
* retries 5xx answers, timeouts, dropped connections and unreadable GET bodies with exponential
  backoff and full jitter; waits out 429 (and 409 with Retry-After) and pauses the limiter so
  parallel workers slow down too; refreshes the token once on 401 (but never on an MFA
  requirement: :mod:`csp_tui.partner_center.mfa`);
* reports every attempt as a :class:`CallRecord` (never a token, never a body).
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Protocol, TypeVar
from urllib.parse import parse_qsl, quote, unquote, urlencode

import httpx
from pydantic import ValidationError

from csp_tui.domain.text import safe_text
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center import limits
from csp_tui.partner_center.mfa import mfa_claims, mfa_required_error
from csp_tui.partner_center.models import (
    CreatedCustomer,
    Customer,
    CustomerCreate,
    CustomerFilter,
    CustomerUser,
    Entitlement,
    Order,
    Page,
    PartnerRelationship,
    PCModel,
    Product,
    Qualification,
    RelationshipRequest,
    Subscription,
    parse_collection,
)
from csp_tui.partner_center.ratelimit import RateLimiter

log = logging.getLogger(__name__)

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
#: Waits between GETs after a PATCH answered 202 Accepted.
PATCH_POLL_DELAYS_S = (1.0, 2.0, 4.0, 8.0, 15.0, 15.0)
#: A sanity bound on one listing (500 per page: millions of items).
MAX_PAGES = 10_000
#: Further pages in a row that bring no item not seen before in this listing: a server whose
#: continuation token changes every time but whose pages do not is stopped here, not after
#: MAX_PAGES.
MAX_PAGES_WITHOUT_NEW_ITEMS = 5
CONTINUATION_HEADER = "MS-ContinuationToken"

# Headers this client owns; a next link cannot override them.
_OWN_HEADERS = frozenset({
    "authorization", "accept", "content-type", "content-length", "host", "ms-requestid",
    "ms-correlationid", "x-locale", "ms-partnercenter-application", "if-match",
    "ms-contract-version",
})
# Query parameters whose values the command log keeps (lower case): those csp-tui itself
# sends and Partner Center's documented paging and filtering ones. A next link may carry any
# other name (``auth``, ``jwt``, ``SharedAccessKey``...): its value is never written.
_SAFE_QUERY_KEYS = frozenset({
    "size", "filter", "seekoperation", "relationship_type", "indirectresellerid",
    "indirectcloudsolutionproviderid", "offset", "top", "skip", "startdate", "enddate",
    "country", "targetview", "targetsegment", "pagesize", "view",
})

_RELATIONSHIP_TYPES = {
    "isindirectresellerof": "IsIndirectResellerOf",
    "isindirectcloudsolutionproviderof": "IsIndirectCloudSolutionProviderOf",
}

M = TypeVar("M", bound=PCModel)


class TokenProvider(Protocol):
    async def get_token(self, *, force_refresh: bool = False) -> str: ...


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
class _Answer:
    status: int
    headers: httpx.Headers
    body: Any


# --------------------------------------------------------------------------------------------
# URLs


def _segment(value: str, what: str) -> str:
    """One path segment. Ids come from remote data: quote everything, refuse empties.

    ``what`` names the argument. An empty one is a caller's bug (ids come from the cache or
    are checked where a person types them), so the ValueError stays English: no one reads it
    but a developer.
    """
    text = str(value).strip()
    if not text:
        raise ValueError(f"{what} must not be empty")
    return quote(text, safe="")


def _query(params: Mapping[str, Any]) -> str:
    present = {k: v for k, v in params.items() if v is not None}
    return urlencode(present, quote_via=quote) if present else ""


def _path(path: str, params: Mapping[str, Any] | None = None) -> str:
    query = _query(params or {})
    return f"{path}?{query}" if query else path


def _split(target: str) -> tuple[str, str]:
    path, _, query = target.partition("?")
    return path, query


def normalise_link(uri: str, base_url: httpx.URL) -> str | None:
    """A server-provided link as a ``/v1/...`` target relative to ``base_url``, or ``None``.

    Links are relative and inconsistent: with or without ``/v1``, a doubled ``/v1//v1/``, a
    second ``?`` where ``&`` belongs. An absolute link to another host is refused (it would
    receive the bearer token), as is anything with whitespace or control characters.
    """
    text = uri.strip()
    if not text or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return None
    if "://" in text or text.startswith("//"):
        try:
            absolute = httpx.URL(text if "://" in text else f"{base_url.scheme}:{text}")
        except (httpx.InvalidURL, ValueError):
            return None
        if (absolute.scheme, absolute.host, absolute.port) != (
                base_url.scheme, base_url.host, base_url.port):
            return None
        text = absolute.raw_path.decode("ascii", "replace")
        base_path = base_url.raw_path.decode("ascii", "replace").split("?")[0].rstrip("/")
        if base_path and (text == base_path or text.startswith(base_path + "/")):
            text = text[len(base_path):]
    text = text.split("#", 1)[0]
    path, _, query = text.partition("?")
    query = "&".join(part for part in query.replace("?", "&").split("&") if part)
    segments = [segment for segment in path.split("/") if segment and segment != "."]
    if ".." in segments:
        return None
    while len(segments) >= 2 and segments[0].lower() == "v1" and segments[1].lower() == "v1":
        segments.pop(0)
    if not segments:
        return None
    if segments[0].lower() != "v1":
        segments.insert(0, "v1")
    return "/" + "/".join(segments) + (f"?{query}" if query else "")


# Creations Partner Center documents as idempotent by MS-RequestId (customer, order, cart,
# checkout): resending one with the same id returns the first result instead of acting again.
_REPLAYED_WRITES = (
    re.compile(r"^/v1/customers/?$"),
    re.compile(r"^/v1/customers/[^/]+/orders/?$"),
    re.compile(r"^/v1/customers/[^/]+/carts/?$"),
    re.compile(r"^/v1/customers/[^/]+/carts/[^/]+/checkout/?$"),
)


def replayed_by_request_id(method: str, target: str) -> bool:
    """Whether resending this write with the same ``MS-RequestId`` cannot act twice."""
    path = _split(target)[0].lower()
    return method.upper() == "POST" and any(p.match(path) for p in _REPLAYED_WRITES)


def _with_seek_next(target: str) -> str:
    path, query = _split(target)
    parts = [p for p in query.split("&") if p and not p.lower().startswith("seekoperation=")]
    parts.append("seekOperation=Next")
    return f"{path}?{'&'.join(parts)}"


def loggable_path(target: str) -> str:
    """The path and query as a person reads them in the command log, secrets removed."""
    path, query = _split(target)
    if not query:
        return safe_text(unquote(path))
    shown = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.strip().lower() not in _SAFE_QUERY_KEYS:
            value = "***"
        shown.append(f"{key}={value}")
    return safe_text(f"{unquote(path)}?{'&'.join(shown)}")


def _quote_etag(etag: str) -> str:
    etag = etag.strip()
    if etag.startswith('"') or etag.startswith("W/"):
        return etag
    return f'"{etag}"'


def _dedupe_keys(body: Mapping[str, Any]) -> dict[str, Any]:
    """One key per case-insensitive name: a later value wins but keeps the first spelling.

    ``dict(raw) | changes`` can hold both ``Quantity`` (from a PascalCase GET) and ``quantity``
    (the change); Partner Center reads keys case-insensitively, so the change must replace the
    original rather than travel beside it.
    """
    spelled: dict[str, str] = {}
    result: dict[str, Any] = {}
    for key, value in body.items():
        lower = str(key).lower()
        if lower in spelled:
            result[spelled[lower]] = value
        else:
            spelled[lower] = key
            result[key] = value
    return result


# --------------------------------------------------------------------------------------------
# Bodies


def _body_text(response: httpx.Response) -> str:
    content = response.content
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return response.text


# A "\ud800"-style escape of half a surrogate pair: json.loads turns it into a lone surrogate,
# which no terminal can show and SQLite refuses to store (the whole sync would stop on it).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _without_lone_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(key): _without_lone_surrogates(item)
                for key, item in value.items()}
    return value


def _parse_body(response: httpx.Response) -> Any:
    """The JSON body (``None`` when empty). Raises ``ValueError`` when it is not JSON.

    Lone surrogates from ``\\uD8xx`` escapes become U+FFFD (pairs decode as usual)."""
    text = pce.strip_body_noise(_body_text(response))
    if not text:
        return None
    body = json.loads(text)
    if _SURROGATE_ESCAPE.search(text):
        body = _without_lone_surrogates(body)
    return body


def _malformed(message_key: str, target: str, *, detail: str | None = None,
               **params: object) -> pce.MalformedResponseError:
    """An answer that is not the documented shape: words from the catalog (shown in the
    current language), the path as the command log shows it (secrets removed), the technical
    detail untranslated."""
    return pce.MalformedResponseError(message_key=message_key, params=params,
                                      where=loggable_path(target), detail=detail)


def _beyond_limits(exc: Exception, where: str, request_id: str,
                   correlation_id: str) -> pce.TransportError:
    if isinstance(exc, limits.DeadlineExceeded):
        return pce.TransportError(message_key="pc.transport.deadline",
                                  params={"seconds": f"{exc.seconds:g}"}, where=where,
                                  request_id=request_id, correlation_id=correlation_id)
    assert isinstance(exc, limits.BodyTooLarge)
    return pce.MalformedResponseError(message_key="pc.malformed.too_large",
                                      params={"megabytes": exc.limit // (1024 * 1024)},
                                      where=where, request_id=request_id,
                                      correlation_id=correlation_id)


def _error_label(error: pce.PartnerCenterError) -> str:
    if error.code:
        return f"code {error.code}"
    if error.status is not None:
        return f"HTTP {error.status}"
    return error.description


# --------------------------------------------------------------------------------------------
# The client


class PartnerCenterClient:
    """Typed access to the Partner Center REST API (or the sandbox that emulates it)."""

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

    async def __aenter__(self) -> PartnerCenterClient:
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
    ) -> _Answer:
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
                raise _beyond_limits(exc, f"{method} {shown_path}", request_id,
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
                            body = _parse_body(response)
                        except (ValueError, RecursionError) as exc:  # nested past any use
                            malformed = ("pc.malformed.not_json", str(exc))
                        else:
                            if body is None and require_body and 200 <= status < 300:
                                malformed = ("pc.malformed.empty_body", None)
                    if malformed is None:
                        self._record(attempt.done(status, None))
                        return _Answer(status, response.headers, body)
                    self._record(attempt.done(status, "malformed body"))
                    error = pce.MalformedResponseError(
                        message_key=malformed[0], where=f"{method} {shown_path}",
                        detail=malformed[1], status=status,
                        request_id=request_id, correlation_id=correlation_id)
                    if not idempotent_read:
                        # The write happened; sending it again is the caller's decision.
                        raise error
                else:
                    error = pce.error_from_parts(status, _body_text(response),
                                                 dict(response.headers),
                                                 request_id=request_id,
                                                 correlation_id=correlation_id)
                    self._record(attempt.done(status, _error_label(error)))
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
            raise _malformed("pc.malformed.shape", target, model=model.__name__,
                             detail=_first_error(exc)) from exc

    @staticmethod
    def _items(model: type[M], body: Any, target: str) -> tuple[Page[M], Any]:
        """The readable items (a :class:`Page`: unreadable ones are named in ``skipped``)."""
        try:
            collection = parse_collection(model, body)
        except (ValidationError, TypeError) as exc:
            detail = _first_error(exc) if isinstance(exc, ValidationError) else str(exc)
            raise _malformed("pc.malformed.collection", target, model=model.__name__,
                             detail=detail) from exc
        where = loggable_path(target)
        return Page(collection.items, [f"{where} {line}" for line in collection.skipped_items]), \
            collection

    # -- paging --------------------------------------------------------------------------

    def _next_target(self, uri: str, first: str) -> str | None:
        target = normalise_link(uri, self.base_url)
        if target is None:
            return None
        if _split(target)[0].lower() != _split(first)[0].lower():
            return None  # a link to some other resource is not this listing's next page
        return target

    async def _iter_pages(
        self, first: str, model: type[M], *, empty_ok: bool = False
    ) -> AsyncIterator[Page[M]]:
        """Every page of a collection, following seek/continuation links tolerantly.

        ``empty_ok``: an empty body or ``null`` means "no items" (relationships lists).
        """
        target = first
        extra: dict[str, str] = {}
        seen: set[tuple[str, str | None]] = {(first, None)}
        progress = _ListingProgress()
        for _ in range(MAX_PAGES):
            answer = await self._call("GET", target, extra_headers=extra,
                                      require_body=not empty_ok)
            items, collection = self._items(model, answer.body, target)
            if not progress.advanced(items):
                raise _malformed("pc.malformed.no_new_items", first,
                                 pages=MAX_PAGES_WITHOUT_NEW_ITEMS)
            yield items
            link = collection.links.next if collection.links else None
            if link is not None and not link.uri and not link.headers:
                link = None  # "next": {} promises nothing
            headers: dict[str, str] = {}
            next_target: str | None = None
            if link is not None:
                for item in link.headers:
                    if item.key and item.value and item.key.strip().lower() not in _OWN_HEADERS:
                        headers[item.key.strip()] = item.value
                if link.uri:
                    next_target = self._next_target(link.uri, first)
            token = next(
                (v for k, v in headers.items() if k.lower() == CONTINUATION_HEADER.lower()), None)
            if token is None and collection.continuation_token:
                token = collection.continuation_token
                headers[CONTINUATION_HEADER] = token
            if link is None and token is None:
                return
            if next_target is None:
                next_target = _with_seek_next(first)
            key = (next_target, token)
            if key in seen:
                raise _malformed("pc.malformed.paging_stuck", first)
            seen.add(key)
            target, extra = next_target, headers
        raise _malformed("pc.malformed.too_many_pages", first, pages=MAX_PAGES)

    async def _collect(self, first: str, model: type[M], *, empty_ok: bool = False) -> Page[M]:
        result: Page[M] = Page()
        async for page in self._iter_pages(first, model, empty_ok=empty_ok):
            result.extend(page)
            result.skipped.extend(page.skipped)
        return result

    # -- customers -----------------------------------------------------------------------

    async def iter_customer_pages(
        self, *, filter: CustomerFilter | None = None, size: int = 500
    ) -> AsyncIterator[list[Customer]]:
        """The customer list page by page (items are thin: id, company profile, relationship)."""
        first = _path("/v1/customers", {
            "size": max(0, int(size)),
            "filter": filter.to_json() if filter is not None else None,
        })
        async for page in self._iter_pages(first, Customer):
            yield page

    async def list_customers(
        self, *, filter: CustomerFilter | None = None, size: int = 500
    ) -> Page[Customer]:
        result: Page[Customer] = Page()
        async for page in self.iter_customer_pages(filter=filter, size=size):
            result.extend(page)
            result.skipped.extend(page.skipped)
        return result

    async def get_customer(self, customer_id: str) -> Customer:
        target = f"/v1/customers/{_segment(customer_id, 'customer_id')}"
        return self._model(Customer, await self._get(target), target)

    async def create_customer(self, body: CustomerCreate, *, request_id: str) -> CreatedCustomer:
        """Create a tenant. ``request_id`` is the idempotency key: resending with the same key
        returns the first result instead of creating a second tenant."""
        target = "/v1/customers"
        answer = await self._call("POST", target, json_body=body.to_wire(),
                                  request_id=request_id, require_body=True)
        return self._model(CreatedCustomer, answer.body, target)

    async def domain_exists(self, domain: str) -> bool:
        """``HEAD /v1/domains/{domain}``: 200 means taken, 404 means free."""
        target = f"/v1/domains/{_segment(domain, 'domain')}"
        answer = await self._call("HEAD", target, expected=frozenset({404}))
        return answer.status != 404

    async def custom_domains(self, customer_id: str) -> list[str]:
        target = f"/v1/customers/{_segment(customer_id, 'customer_id')}/customDomains"
        body = await self._get(target)
        if isinstance(body, Mapping):
            lowered = {str(k).lower(): v for k, v in body.items()}
            body = lowered.get("items", lowered.get("value"))
        if not isinstance(body, list):
            raise _malformed("pc.malformed.not_domain_list", target)
        domains = []
        for item in body:
            if isinstance(item, Mapping):
                item = {str(k).lower(): v for k, v in item.items()}.get("domain")
            if isinstance(item, str) and item.strip():
                domains.append(item.strip())
        return domains

    # -- relationships -------------------------------------------------------------------

    async def relationship_request_link(
        self, *, indirect_reseller_id: str | None = None, indirect_csp_id: str | None = None
    ) -> str:
        """The reseller-relationship invitation URL (the same for every customer)."""
        target = _path("/v1/customers/relationshiprequests", {
            "indirectResellerId": indirect_reseller_id or None,
            "indirectCloudSolutionProviderId": indirect_csp_id or None,
        })
        request = self._model(RelationshipRequest, await self._get(target), target)
        if not request.url:
            raise _malformed("pc.malformed.no_url", target)
        return request.url

    async def customer_relationships(self, customer_id: str) -> list[PartnerRelationship]:
        target = f"/v1/customers/{_segment(customer_id, 'customer_id')}/relationships"
        # Empty lists sometimes come back as null or an empty body.
        return await self._collect(target, PartnerRelationship, empty_ok=True)

    async def partner_relationships(self, relationship_type: str) -> list[PartnerRelationship]:
        """``IsIndirectResellerOf`` (a reseller's providers) or
        ``IsIndirectCloudSolutionProviderOf`` (a provider's resellers)."""
        key = "".join(ch for ch in relationship_type.lower() if ch.isalnum())
        wire = _RELATIONSHIP_TYPES.get(key)
        if wire is None:
            raise ValueError(f"unknown relationship type {relationship_type!r}")
        return await self._collect(_path("/v1/relationships", {"relationship_type": wire}),
                                   PartnerRelationship)

    # -- subscriptions -------------------------------------------------------------------

    def _subscriptions_path(self, customer_id: str) -> str:
        return f"/v1/customers/{_segment(customer_id, 'customer_id')}/subscriptions"

    async def list_subscriptions(self, customer_id: str) -> list[Subscription]:
        return await self._collect(self._subscriptions_path(customer_id), Subscription)

    async def get_subscription(self, customer_id: str, subscription_id: str) -> Subscription:
        target = (f"{self._subscriptions_path(customer_id)}/"
                  f"{_segment(subscription_id, 'subscription_id')}")
        return self._model(Subscription, await self._get(target), target)

    async def patch_subscription(
        self,
        customer_id: str,
        subscription: Subscription | dict[str, Any],
        *,
        request_id: str,
        etag: str | None = None,
    ) -> Subscription:
        """Send the WHOLE subscription back with the changes applied.

        A minimal body silently turns auto-renew off, so a model is sent as its full original
        JSON (:meth:`Subscription.to_wire`) and a dict is sent as given. When Partner Center
        answers 202 Accepted, the subscription is re-read (bounded) until it shows the change.
        """
        if isinstance(subscription, Subscription):
            body = subscription.to_wire()
        else:
            body = _dedupe_keys(subscription)
        subscription_id = next(
            (str(v) for k, v in body.items() if str(k).lower() == "id" and v), "")
        target = f"{self._subscriptions_path(customer_id)}/" \
                 f"{_segment(subscription_id, 'subscription_id')}"
        headers = {"If-Match": _quote_etag(etag)} if etag else None
        answer = await self._call("PATCH", target, json_body=body, request_id=request_id,
                                  extra_headers=headers)
        if answer.status != 202 and answer.body is not None:
            return self._model(Subscription, answer.body, target)
        location = answer.headers.get("location")
        poll_target = target
        if location:
            candidate = normalise_link(location, self.base_url)
            if candidate is not None and _split(candidate)[0].lower() == target.lower():
                poll_target = candidate
        return await self._poll_subscription(poll_target, body, answer)

    async def _poll_subscription(
        self, target: str, body: Mapping[str, Any], accepted: _Answer
    ) -> Subscription:
        try:
            wanted: Subscription | None = Subscription.model_validate(body)
        except ValidationError:
            wanted = None
        delays = list(PATCH_POLL_DELAYS_S)
        first_wait = pce.parse_retry_after(accepted.headers.get("retry-after"))
        if first_wait is not None and accepted.status == 202:
            delays[0] = min(first_wait, MAX_THROTTLE_WAIT_S)
        if accepted.status != 202:
            delays = [0.0]  # 200 without a body: just read the result
        latest: Subscription | None = None
        for delay in delays:
            if delay > 0:
                await self._sleep(delay)
            latest = self._model(Subscription, await self._get(target), target)
            if wanted is None or _shows_changes(latest, wanted, body):
                return latest
        assert latest is not None
        log.info("PATCH %s accepted; change not visible after polling", loggable_path(target))
        return latest

    # -- customer users --------------------------------------------------------------------

    async def list_customer_users(self, customer_id: str) -> list[CustomerUser]:
        target = f"/v1/customers/{_segment(customer_id, 'customer_id')}/users"
        return await self._collect(target, CustomerUser)

    async def reset_user_password(self, customer_id: str, user_id: str, password: str, *,
                                  request_id: str) -> None:
        """Set a new password the user must change at the next sign-in. The password goes
        only into this request's body (never into a call record)."""
        target = (f"/v1/customers/{_segment(customer_id, 'customer_id')}/users/"
                  f"{_segment(user_id, 'user_id')}/resetpassword")
        body = {"passwordProfile": {"password": password, "forceChangePassword": True},
                "attributes": {"objectType": "CustomerUser"}}
        await self._call("PATCH", target, json_body=body, request_id=request_id)

    # -- entitlements and qualifications -------------------------------------------------

    async def list_entitlements(self, customer_id: str) -> list[Entitlement]:
        """Every entitlement, with ``expiryDate`` where one applies (only sent when asked for
        with ``showExpiry=true``). Names and purchase dates are not part of an entitlement:
        see :meth:`get_product` and :meth:`get_order`."""
        target = _path(f"/v1/customers/{_segment(customer_id, 'customer_id')}/entitlements",
                       {"showExpiry": "true"})
        return await self._collect(target, Entitlement)

    async def get_product(self, product_id: str, *, country: str) -> Product:
        """``GET /v1/products/{id}?country=``: the catalog entry (its ``title`` is the name)."""
        target = _path(f"/v1/products/{_segment(product_id, 'product_id')}",
                       {"country": _segment(country, "country").upper()})
        return self._model(Product, await self._get(target), target)

    async def get_order(self, customer_id: str, order_id: str) -> Order:
        """``GET /v1/customers/{id}/orders/{orderId}`` (``creationDate``: when it was bought)."""
        target = (f"/v1/customers/{_segment(customer_id, 'customer_id')}/orders/"
                  f"{_segment(order_id, 'order_id')}")
        return self._model(Order, await self._get(target), target)

    async def list_qualifications(self, customer_id: str) -> list[Qualification]:
        """A bare JSON array (or, from old services, a bare string); no qualification = []."""
        target = f"/v1/customers/{_segment(customer_id, 'customer_id')}/qualifications"
        answer = await self._call("GET", target)
        items, _ = self._items(Qualification, answer.body, target)
        return items

    async def create_qualification(
        self, customer_id: str, body: dict[str, Any], *, request_id: str
    ) -> Qualification:
        target = f"/v1/customers/{_segment(customer_id, 'customer_id')}/qualifications"
        answer = await self._call("POST", target, json_body=body, request_id=request_id,
                                  require_body=True)
        result = answer.body
        if isinstance(result, list):
            if not result:
                raise _malformed("pc.malformed.empty_answer", target)
            result = result[0]
        return self._model(Qualification, result, target)


class _ListingProgress:
    """Whether a listing's pages still bring items it has not seen (by id, else by content)."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._pages = 0
        self._idle = 0

    def advanced(self, items: list[Any]) -> bool:
        """Count one page; False once MAX_PAGES_WITHOUT_NEW_ITEMS further pages brought
        nothing new (the first page always counts, even when empty)."""
        keys = {_item_key(item) for item in items}
        new = keys - self._seen
        self._seen |= keys
        self._pages += 1
        if self._pages == 1 or new:
            self._idle = 0
            return True
        self._idle += 1
        return self._idle < MAX_PAGES_WITHOUT_NEW_ITEMS


def _item_key(item: Any) -> str:
    item_id = getattr(item, "id", None)
    if item_id:
        return f"id:{str(item_id).lower()}"
    raw = getattr(item, "raw", None)
    return "raw:" + json.dumps(raw, sort_keys=True, default=str)


def _shows_changes(current: Subscription, wanted: Subscription, body: Mapping[str, Any]) -> bool:
    """Whether the re-read subscription carries the values the PATCH asked for."""
    sent = {str(key).lower() for key in body}
    checks = {
        "quantity": "quantity",
        "status": "status",
        "autorenewenabled": "auto_renew_enabled",
        "friendlyname": "friendly_name",
    }
    for key, name in checks.items():
        if key in sent and getattr(wanted, name) is not None \
                and getattr(current, name) != getattr(wanted, name):
            return False
    return True


def _first_error(exc: ValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return str(exc)
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg', '')}"
