"""Tests of creating a customer tenant, and what they share: profiles fast enough for tests, a
sandbox world with a frozen clock, a valid request, and a transport that records the calls."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from csp_tui import sandbox_identity as identity
from csp_tui.config import Settings, load_settings
from csp_tui.partner_center.auth import token_provider_for
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.partner_center.ratelimit import RateLimiter
from csp_tui.sandbox.transport import SandboxTransport, sandbox_transport
from csp_tui.sandbox.world import World
from csp_tui.services.session import SANDBOX_BASE_URL, Session, open_databases

FROZEN_AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)

# Short timeouts so an injected hang costs half a second; no client-side pacing.
_PROFILE = """
[profiles.{name}]
kind = "sandbox"
role = "{role}"
rate_limit_per_minute = 100000
request_timeout_seconds = 0.5
{extra}
"""


def profile_settings(home: Path, name: str, role: str, extra: str = "") -> Settings:
    """A sandbox profile of ``role`` in ``home``'s config file, with a frozen world of its own."""
    config = home / "config.toml"
    text = config.read_text(encoding="utf-8") if config.exists() else ""
    config.write_text(text + _PROFILE.format(name=name, role=role, extra=extra),
                      encoding="utf-8")
    settings = load_settings(name)
    world_file = settings.locations.sandbox_state
    if not world_file.exists():
        world_file.parent.mkdir(parents=True, exist_ok=True)
        World.generate(7, 60, now=FROZEN_AT, frozen=True).save(world_file)
    return settings


def valid_request(prefix: str = "pekarnaulipy", **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "company_name": "Pekárna U Lípy s.r.o.", "ico": "27082440", "street": "Husova 12/3",
        "city": "Tábor", "postal_code": "390 02", "country": "CZ", "first_name": "Jana",
        "last_name": "Nováková", "email": "jana@pekarna-lipa.cz", "phone": "+420 602 123 456",
        "domain_prefix": prefix, "culture": "cs-CZ", "reseller_id": identity.RESELLER_TENANT_ID,
    }
    data.update(changes)
    return data


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    request_id: str


class RecordingTransport(httpx.AsyncBaseTransport):
    """Passes requests to the sandbox and remembers each one (method, path, MS-RequestId)."""

    def __init__(self, inner: SandboxTransport) -> None:
        self.inner = inner
        self.calls: list[Call] = []

    @property
    def world(self) -> World:
        return self.inner.world

    @property
    def faults(self):
        return self.inner.context.faults

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(Call(request.method, request.url.path,
                               request.headers.get("MS-RequestId", "")))
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:  # shared by several sessions, like the real process's
        return None

    def posts(self, path: str = "/v1/customers") -> list[Call]:
        return [call for call in self.calls if call.method == "POST" and call.path == path]


def recording_transport(settings: Settings) -> RecordingTransport:
    return RecordingTransport(sandbox_transport(settings.locations.sandbox_state,
                                                rate_limit=100000))


def make_session(settings: Settings, transport: httpx.AsyncBaseTransport, *,
                 max_retries: int = 4) -> Session:
    """A session like ``open_session``'s, with the client's own retries set."""
    cache, state, notices = open_databases(settings)
    limiter = RateLimiter(settings.profile.rate_limit_per_minute)
    client = PartnerCenterClient(SANDBOX_BASE_URL, token_provider_for(settings),
                                 transport=transport,
                                 timeout=settings.profile.request_timeout_seconds,
                                 max_retries=max_retries, rate_limiter=limiter)
    return Session(settings=settings, cache=cache, state=state, client=client, limiter=limiter,
                   transport=transport, notices=notices)


def files_containing(root: Path, secret: str) -> list[Path]:
    """Every file under ``root`` whose bytes contain ``secret``."""
    needle = secret.encode("utf-8")
    return [path for path in root.rglob("*") if path.is_file() and needle in path.read_bytes()]
