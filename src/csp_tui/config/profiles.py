"""What a profile is (one ``[profiles.NAME]`` table), the built-in sandbox profiles, and the
settings a program runs with."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from csp_tui import sandbox_identity
from csp_tui.config.errors import InvalidValue
from csp_tui.domain.hosts import is_loopback
from csp_tui.locations import Locations

DEFAULT_PROFILE = "sandbox"


PROFILE_ENV = "CSP_TUI_PROFILE"


PRODUCTION_BASE_URL = "https://api.partnercenter.microsoft.com"


class ProfileKind(StrEnum):
    SANDBOX = "sandbox"
    PARTNER_CENTER = "partner-center"


class Role(StrEnum):
    INDIRECT_RESELLER = "indirect-reseller"
    INDIRECT_PROVIDER = "indirect-provider"
    DIRECT = "direct"


class AuthMethod(StrEnum):
    DEVICE_CODE = "device-code"
    ENV_TOKEN = "env-token"


_TENANT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$")


def _checked_url(value: str) -> str:
    """An https:// URL with a host; plain http only to this machine (the loopback sandbox).

    Parsed rather than prefix-matched: ``http://127.example.com`` or ``http://localhost.evil``
    are remote hosts and would carry tokens in clear text.
    """
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise InvalidValue("config.problem.url_invalid") from None
    if not host or parts.scheme not in {"https", "http"}:
        raise InvalidValue("config.problem.url_not_https")
    if parts.scheme == "http" and not is_loopback(host):
        raise InvalidValue("config.problem.url_not_https")
    if parts.query or parts.fragment:
        raise InvalidValue("config.problem.url_query")
    if "@" in parts.netloc:
        # A user name or password in the address would travel into every place the address
        # is shown (info, errors, logs): refused, so it is nowhere.
        raise InvalidValue("config.problem.url_userinfo")
    return value.rstrip("/")


class Profile(BaseModel):
    """One `[profiles.NAME]` table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = DEFAULT_PROFILE
    kind: ProfileKind = ProfileKind.SANDBOX
    base_url: str = PRODUCTION_BASE_URL
    role: Role = Role.INDIRECT_RESELLER
    tenant_id: str = ""
    client_id: str = ""
    auth: AuthMethod = AuthMethod.DEVICE_CODE
    authority_host: str = "https://login.microsoftonline.com"
    indirect_provider_id: str = ""
    reseller_mpn_id: str = ""
    read_only: bool = False
    language: str | None = None
    locale: str = "en-US"
    # Background refresh; 0 turns it off.
    sync_interval_minutes: int = Field(default=30, ge=0, le=24 * 60)
    # Requests the API may make per minute (Partner Center documents 500/min per tenant).
    rate_limit_per_minute: int = Field(default=450, ge=1, le=1_000_000)
    sync_concurrency: int = Field(default=4, ge=1, le=32)
    # Share of the rate limit (per cent, per sync interval) a refresh may spend re-reading the
    # customers read longest ago (services/refresh.py): bounds how old cached data can get.
    refresh_budget_percent: int = Field(default=5, ge=1, le=100)
    # An invitation nobody accepted after this many days is shown as stale.
    invitation_stale_days: int = Field(default=14, ge=1, le=365)
    request_timeout_seconds: float = Field(default=30.0, gt=0, le=600)

    @field_validator("base_url", "authority_host")
    @classmethod
    def _base_url(cls, value: str) -> str:
        return _checked_url(value)

    @field_validator("tenant_id")
    @classmethod
    def _tenant_id(cls, value: str) -> str:
        # It becomes a path segment of the sign-in address: a GUID or a domain name.
        if value and not _TENANT_ID.match(value):
            raise InvalidValue("config.problem.tenant_id")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is not None and value not in {"cs", "en"}:
            raise InvalidValue("config.problem.language")
        return value

    @property
    def is_sandbox(self) -> bool:
        return self.kind is ProfileKind.SANDBOX


# The embedded emulator answers in microseconds; pacing it like production would only make a
# sandbox sync slow. Production profiles keep 450/min.
SANDBOX_RATE_LIMIT = 3000


def builtin_profiles() -> dict[str, Profile]:
    """Profiles that exist without any config file."""
    return {
        "sandbox": Profile(
            name="sandbox",
            kind=ProfileKind.SANDBOX,
            role=Role.INDIRECT_RESELLER,
            tenant_id=sandbox_identity.RESELLER_TENANT_ID,
            indirect_provider_id=sandbox_identity.PROVIDER_TENANT_ID,
            reseller_mpn_id=sandbox_identity.RESELLER_MPN_ID,
            rate_limit_per_minute=SANDBOX_RATE_LIMIT,
            # The demo world changes on its own (customers accept invitations over minutes):
            # refresh often enough to see it happen.
            sync_interval_minutes=2,
        ),
        "sandbox-provider": Profile(
            name="sandbox-provider",
            kind=ProfileKind.SANDBOX,
            role=Role.INDIRECT_PROVIDER,
            tenant_id=sandbox_identity.PROVIDER_TENANT_ID,
            rate_limit_per_minute=SANDBOX_RATE_LIMIT,
        ),
    }


@dataclass(frozen=True)
class Settings:
    """The active profile plus everything global in the config file."""

    profile: Profile
    locations: Locations
    config_exists: bool
    keymap: dict[str, str] = field(default_factory=dict)
    profiles: tuple[str, ...] = ()
