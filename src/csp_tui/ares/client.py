"""Look-ups by IČO over HTTP, with a per-IČO in-memory cache; every answer is an
:class:`AresResult`, never an exception."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import httpx

from csp_tui import __version__
from csp_tui.ares.subject import AresCompany, company_from_ares
from csp_tui.domain.validation import validate_ico

log = logging.getLogger(__name__)

ARES_BASE_URL = "https://ares.gov.cz/ekonomicke-subjekty-v-be/rest"
_SUBJECT_PATH = "/ekonomicke-subjekty/{ico}"
DEFAULT_TIMEOUT = 8.0
DEFAULT_CACHE_TTL = 6 * 3600.0
_CACHE_MAX = 512

AresStatus = Literal["found", "not_found", "invalid", "unavailable"]


@dataclass(frozen=True)
class AresResult:
    status: AresStatus
    company: AresCompany | None
    message_key: str | None
    params: dict[str, object] = field(default_factory=dict)


def _found(company: AresCompany) -> AresResult:
    if company.dissolved_on is not None:
        return AresResult("found", company, "ares.dissolved",
                          {"date": company.dissolved_on.isoformat()})
    if company.is_school:
        return AresResult("found", company, "ares.found_school")
    return AresResult("found", company, "ares.found")


def _error_code(response: httpx.Response) -> str | None:
    """ARES's own error ``kod``; ``None`` for anything else (a gateway page, a Spring 404)."""
    try:
        body = response.json()
    except ValueError:
        return None
    if isinstance(body, Mapping) and isinstance(body.get("kod"), str):
        return body["kod"]
    return None


class AresClient:
    """Look-ups by IČO with a per-IČO in-memory cache. Use as ``async with`` or call ``aclose``."""

    def __init__(
        self,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        base_url: str = ARES_BASE_URL,
        timeout: float = DEFAULT_TIMEOUT,
        cache_ttl: float = DEFAULT_CACHE_TTL,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._transport = transport
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._cache_ttl = cache_ttl
        self._clock = clock
        self._cache: dict[str, tuple[float, AresResult]] = {}
        self._http: httpx.AsyncClient | None = None

    async def __aenter__(self) -> AresClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._http is not None:
            await self._http.aclose()
            self._http = None

    def _client(self) -> httpx.AsyncClient:
        if self._http is None:
            self._http = httpx.AsyncClient(
                transport=self._transport,
                timeout=httpx.Timeout(self._timeout),
                headers={"Accept": "application/json", "User-Agent": f"csp-tui/{__version__}"},
                follow_redirects=False,
            )
        return self._http

    def _cached(self, ico: str) -> AresResult | None:
        entry = self._cache.get(ico)
        if entry is None:
            return None
        stored_at, result = entry
        if self._clock() - stored_at > self._cache_ttl:
            del self._cache[ico]
            return None
        return result

    def _remember(self, ico: str, result: AresResult) -> AresResult:
        if len(self._cache) >= _CACHE_MAX:
            self._cache.pop(next(iter(self._cache)))
        self._cache[ico] = (self._clock(), result)
        return result

    async def lookup(self, ico: object) -> AresResult:
        checked = validate_ico(ico)
        if not checked.ok:
            # A typo is told apart from "not registered" here, and ARES is spared the query.
            return AresResult("invalid", None, checked.message_key, dict(checked.params))
        number = checked.value
        cached = self._cached(number)
        if cached is not None:
            return cached
        result = await self._fetch(number)
        if result.status != "unavailable":
            # An outage is not an answer: the next attempt should ask again.
            self._remember(number, result)
        return result

    async def _fetch(self, ico: str) -> AresResult:
        url = self._base_url + _SUBJECT_PATH.format(ico=ico)
        unavailable = AresResult("unavailable", None, "ares.unavailable")
        try:
            response = await self._client().get(url)
        except httpx.HTTPError as exc:
            log.info("ARES look-up of %s failed: %s", ico, type(exc).__name__)
            return unavailable
        status = response.status_code
        if status == 200:
            try:
                company = company_from_ares(response.json())
            except ValueError as exc:  # JSON decode errors and AresFormatError alike
                log.info("ARES answered %s with an unusable body: %s", ico, exc)
                return unavailable
            if company.ico != ico:
                log.info("ARES answered %s with subject %s", ico, company.ico)
                return unavailable
            return _found(company)
        code = _error_code(response)
        if status == 404 and code == "NENALEZENO":
            return AresResult("not_found", None, "ares.not_found", {"ico": ico})
        if status == 400 and code == "CHYBA_VSTUPU":
            return AresResult("invalid", None, "ares.invalid", {"ico": ico})
        # A 404 without ARES's error body means the endpoint itself is gone (a Spring-style
        # {"status":404,"error":"Not Found"}): that is an outage, not "no such company".
        log.info("ARES look-up of %s: HTTP %s, kod %s", ico, status, code)
        return unavailable
