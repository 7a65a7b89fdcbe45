"""ARES, the Czech register of economic subjects: look a company up by IČO and prefill a form.

``AresClient.lookup`` never raises. It answers ``found`` (with the company mapped to form
fields), ``not_found`` (a well-formed IČO nobody has), ``invalid`` (the number cannot be an IČO
— decided locally from the checksum before any call, or by ARES) or ``unavailable`` (ARES down,
slow, moved, or answering nonsense): the person then fills the form in by hand, nothing blocks.

Answers are cached per IČO for a few hours: ARES asks clients not to repeat the same query, and
the data changes rarely.

For the sandbox profiles the client is given the ARES emulator's transport
(csp_tui.sandbox.ares_emulator), so they work offline with the same client code.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import httpx

from csp_tui.domain.text import safe_text
from csp_tui.domain.validation import ico_checksum_ok, validate_ico

log = logging.getLogger(__name__)

ARES_BASE_URL = "https://ares.gov.cz/ekonomicke-subjekty-v-be/rest"
_SUBJECT_PATH = "/ekonomicke-subjekty/{ico}"
DEFAULT_TIMEOUT = 8.0
DEFAULT_CACHE_TTL = 6 * 3600.0
_CACHE_MAX = 512
_TEXT_LIMIT = 300  # no ARES text field is longer; anything beyond is garbage

AresStatus = Literal["found", "not_found", "invalid", "unavailable"]


@dataclass(frozen=True)
class AresCompany:
    """A subject from ARES, already in the shape of the new-tenant form."""

    ico: str
    name: str
    dic: str | None
    street: str
    city: str
    postal_code: str  # five digits, no space
    country: str
    dissolved_on: date | None
    legal_form_code: str | None
    is_school: bool
    city_part: str | None = None  # "Holešovice": a second address line if anyone wants it

    @property
    def is_dissolved(self) -> bool:
        return self.dissolved_on is not None


@dataclass(frozen=True)
class AresResult:
    status: AresStatus
    company: AresCompany | None
    message_key: str | None
    params: dict[str, object] = field(default_factory=dict)


class AresFormatError(ValueError):
    """ARES answered 200 with something that is not a subject."""


# --------------------------------------------------------------------------------------------
# Mapping an ARES subject to form fields
# --------------------------------------------------------------------------------------------


def _text(value: object) -> str:
    if value is None or isinstance(value, dict | list | bool):
        return ""
    return " ".join(safe_text(value, limit=_TEXT_LIMIT).split())


def _digits(value: object) -> str:
    if isinstance(value, bool):
        return ""
    return "".join(ch for ch in _text(value) if ch.isascii() and ch.isdigit())


def _house_number(sidlo: Mapping[str, Any]) -> str:
    """"1522/53a"; "č. ev. 12" for a registration number; "" when ARES has none."""
    domovni = _digits(sidlo.get("cisloDomovni"))
    orientacni = _digits(sidlo.get("cisloOrientacni"))
    letter = _text(sidlo.get("cisloOrientacniPismeno"))
    number = domovni
    if domovni and _digits(sidlo.get("typCisloDomovni")) == "2":
        number = f"č. ev. {domovni}"
    if orientacni:
        suffix = orientacni + letter
        number = f"{number}/{suffix}" if number else suffix
    return number


_TEXT_PSC_CITY = re.compile(r"^(\d{3}) ?(\d{2})\s+(.+)$")


def _from_text_address(text: str) -> tuple[str, str, str]:
    """Street, city and PSČ from a one-line ``textovaAdresa`` (non-standardised addresses)."""
    parts = [part.strip() for part in text.split(",") if part.strip()]
    street = city = psc = ""
    for index in range(len(parts) - 1, -1, -1):
        match = _TEXT_PSC_CITY.match(parts[index])
        if match:
            psc, city = match.group(1) + match.group(2), match.group(3)
            if index > 0:
                street = parts[0]
            break
    else:
        if parts:
            street = parts[0]
            city = parts[-1] if len(parts) > 1 else ""
    return street, city, psc


def _parse_date(value: object) -> date | None:
    text = _text(value)[:10]
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def company_from_ares(payload: object) -> AresCompany:
    """Map an ARES ``EkonomickySubjekt`` to form fields (the prefill rules of the domain notes).

    Every field is optional in ARES; only the IČO and the name are required here.
    """
    if not isinstance(payload, Mapping):
        raise AresFormatError("subject is not an object")
    ico = _digits(payload.get("ico")).zfill(8) if _digits(payload.get("ico")) else ""
    name = _text(payload.get("obchodniJmeno"))
    if not ico_checksum_ok(ico) or not name:
        raise AresFormatError("subject without a valid ico or a name")
    sidlo = payload.get("sidlo")
    sidlo = sidlo if isinstance(sidlo, Mapping) else {}

    obec = _text(sidlo.get("nazevObce"))
    cast_obce = _text(sidlo.get("nazevCastiObce"))
    obvod = _text(sidlo.get("nazevMestskehoObvodu"))
    if obec:
        # Villages have no street: the building is numbered within the village (part).
        street_name = _text(sidlo.get("nazevUlice")) or cast_obce or obec
        street = f"{street_name} {_house_number(sidlo)}".strip()
        # "Praha 7", "Brno-střed": the postal district, when it belongs to this municipality.
        city = obvod if obvod and obvod.startswith(obec) else obec
        psc = _digits(sidlo.get("psc")) or _digits(sidlo.get("pscTxt"))
    else:
        street, city, psc = _from_text_address(_text(sidlo.get("textovaAdresa")))
    if psc and len(psc) < 5:
        psc = psc.zfill(5)  # ARES sends PSČ as an integer: 01001 arrives as 1001

    registrations = payload.get("seznamRegistraci")
    registrations = registrations if isinstance(registrations, Mapping) else {}
    legal_form = _text(payload.get("pravniForma")) or None
    dic = _text(payload.get("dic")).replace(" ", "").upper() or None
    return AresCompany(
        ico=ico,
        name=name,
        dic=dic,
        street=street,
        city=city,
        postal_code=psc,
        country=(_text(sidlo.get("kodStatu")).upper() or "CZ"),
        dissolved_on=_parse_date(payload.get("datumZaniku")),
        legal_form_code=legal_form,
        is_school=_text(registrations.get("stavZdrojeRs")) == "AKTIVNI",
        city_part=(cast_obce if cast_obce and cast_obce not in (obec, city) else None),
    )


def prefill_values(company: AresCompany) -> dict[str, str]:
    """Form values (request field names) that ARES can fill in."""
    values = {
        "company_name": company.name,
        "ico": company.ico,
        "street": company.street,
        "city": company.city,
        "postal_code": company.postal_code,
        "country": company.country,
    }
    if company.dic:
        values["dic"] = company.dic
    return {key: value for key, value in values.items() if value}


def _same(field_name: str, old: str, new: str) -> bool:
    if field_name in ("postal_code", "ico", "dic"):
        return "".join(old.split()).upper() == "".join(new.split()).upper()
    if field_name == "country":
        return old.strip().upper() == new.strip().upper()
    return " ".join(old.split()) == " ".join(new.split())


def diff_prefill(current: Mapping[str, str], company: AresCompany) -> list[tuple[str, str, str]]:
    """What a prefill would change: ``(field, old, new)`` for each field ARES would overwrite.

    Empty fields are listed too (old = ""), so the confirmation shows everything that will be
    filled. Spelling-only differences ("170 00" vs "17000") are not changes. Fields ARES knows
    nothing about (e.g. a missing DIČ) are left alone and not listed.
    """
    changes: list[tuple[str, str, str]] = []
    for name, new in prefill_values(company).items():
        old = current.get(name) or ""
        old = old if isinstance(old, str) else str(old)
        if not _same(name, old, new):
            changes.append((name, old, new))
    return changes


# --------------------------------------------------------------------------------------------
# The client
# --------------------------------------------------------------------------------------------


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
            from csp_tui import __version__

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
