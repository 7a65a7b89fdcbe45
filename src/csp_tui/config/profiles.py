"""What a profile is (one ``[profiles.NAME]`` table), the built-in sandbox profiles, and the
settings a program runs with."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from enum import Enum, StrEnum
from typing import Any
from urllib.parse import urlsplit

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


def _checked_url(value: str, name: str = "") -> str:
    """An https:// URL with a host; plain http only to this machine (the loopback sandbox).

    Parsed rather than prefix-matched: ``http://127.example.com`` or ``http://localhost.evil``
    are remote hosts and would carry tokens in clear text.
    """
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise InvalidValue("config.problem.url_invalid", field=name) from None
    if not host or parts.scheme not in {"https", "http"}:
        raise InvalidValue("config.problem.url_not_https", field=name)
    if parts.scheme == "http" and not is_loopback(host):
        raise InvalidValue("config.problem.url_not_https", field=name)
    if parts.query or parts.fragment:
        raise InvalidValue("config.problem.url_query", field=name)
    if "@" in parts.netloc:
        # A user name or password in the address would travel into every place the address
        # is shown (info, errors, logs): refused, so it is nowhere.
        raise InvalidValue("config.problem.url_userinfo", field=name)
    return value.rstrip("/")


#: Bounds of the numeric settings, inclusive unless the field is in ``_EXCLUSIVE_LOW``.
_RANGES: dict[str, tuple[float, float]] = {
    # Background refresh; 0 turns it off.
    "sync_interval_minutes": (0, 24 * 60),
    # Requests the API may make per minute (Partner Center documents 500/min per tenant).
    "rate_limit_per_minute": (1, 1_000_000),
    "sync_concurrency": (1, 32),
    # Share of the rate limit (per cent, per sync interval) a refresh may spend re-reading the
    # customers read longest ago (services/refresh.py): bounds how old cached data can get.
    "refresh_budget_percent": (1, 100),
    # An invitation nobody accepted after this many days is shown as stale.
    "invitation_stale_days": (1, 365),
    "request_timeout_seconds": (0, 600),
}


#: A timeout of zero would fail every request: its lower bound is excluded.
_EXCLUSIVE_LOW = frozenset({"request_timeout_seconds"})


#: The spellings of true and false accepted in place of a TOML boolean (as the configuration
#: has always accepted them, case-insensitive).
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})


_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


_WHOLE_NUMBER = re.compile(r"^[+-]?[0-9]+$")


@dataclass(frozen=True, kw_only=True)
class Profile:
    """One `[profiles.NAME]` table.

    A plain dataclass checked in ``__post_init__``, not a pydantic model: the configuration is
    read on every start of the console, and pydantic cost ~90 ms of it. A value of the wrong
    type or out of range raises :class:`~csp_tui.config.errors.InvalidValue` naming the field
    and the catalog key of what to write instead. Values are taken as leniently as before
    (``"30"`` for 30, ``"yes"`` for true), so a config file that was read is still read.
    """

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
    sync_interval_minutes: int = 30
    rate_limit_per_minute: int = 450
    sync_concurrency: int = 4
    refresh_budget_percent: int = 5
    invitation_stale_days: int = 14
    request_timeout_seconds: float = 30.0
    #: A team's shared state (PostgreSQL URL); empty: this operator's own state.db. Its
    #: password, if the URL holds one, is never shown (``db/postgres.describe_url``).
    state_url: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        # Field by field in declaration order: the first problem is the one reported.
        for spec in fields(self):
            value = getattr(self, spec.name)
            checked = _checked(spec.name, _FIELD_TYPES[spec.name], value)
            if checked is not value:
                object.__setattr__(self, spec.name, checked)

    @classmethod
    def from_table(cls, name: str, table: dict[str, Any]) -> Profile:
        """A profile from its table in the config file; every field is checked before a key
        the profile does not have is reported, as the file's readers are used to."""
        known = {key: value for key, value in table.items() if key in _FIELD_TYPES}
        profile = cls(name=name, **known)
        for key in table:
            if key not in _FIELD_TYPES:
                raise InvalidValue("config.problem.unknown_key", field=key)
        return profile

    @property
    def is_sandbox(self) -> bool:
        return self.kind is ProfileKind.SANDBOX

    # The names the pydantic model had, kept for the code and tests written against it.

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Profile:
        """This profile with some fields changed (checked like a new one)."""
        return replace(self, **(update or {}))

    def model_dump(self) -> dict[str, Any]:
        return {spec.name: getattr(self, spec.name) for spec in fields(self)}

    @classmethod
    def model_validate(cls, data: dict[str, Any]) -> Profile:
        return cls(**data)


def allowed_values(field_name: str) -> str | None:
    """The values an enum field accepts, as they are written in the file."""
    kind = _FIELD_TYPES.get(field_name)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return ", ".join(f'"{member.value}"' for member in kind)
    return None


def _checked(name: str, kind: object, value: object) -> object:
    """``value`` as the field's type, or :class:`InvalidValue` saying what to write."""
    if kind is str or kind is _OPTIONAL_STR:
        if value is None and kind is _OPTIONAL_STR:
            return value
        if not isinstance(value, str):
            raise InvalidValue("config.problem.string", field=name)
        return _STRING_CHECKS.get(name, _unchanged)(name, value)
    if kind is bool:
        return _as_bool(name, value)
    if kind is int:
        return _in_range(name, _as_int(name, value))
    if kind is float:
        return _in_range(name, _as_float(name, value))
    assert isinstance(kind, type) and issubclass(kind, Enum)
    try:
        return kind(value)
    except (ValueError, TypeError):
        raise InvalidValue("config.problem.one_of", field=name,
                           allowed=allowed_values(name)) from None


def _unchanged(_name: str, value: str) -> str:
    return value


def _as_bool(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise InvalidValue("config.problem.boolean", field=name)


def _as_int(name: str, value: object) -> int:
    if isinstance(value, int):  # bool too: true is 1, as it always was
        return int(value)
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise InvalidValue("config.problem.integer", field=name)
    if isinstance(value, str) and _WHOLE_NUMBER.match(value.strip()):
        return int(value.strip())
    raise InvalidValue("config.problem.integer", field=name)


def _as_float(name: str, value: object) -> float:
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            pass
    raise InvalidValue("config.problem.number", field=name)


def _in_range(name: str, value: float) -> Any:
    low, high = _RANGES[name]
    if not value <= high:  # NaN and infinity end here
        raise InvalidValue("config.problem.at_most", field=name, limit=_shown(high))
    if name in _EXCLUSIVE_LOW:
        if not value > low:
            raise InvalidValue("config.problem.greater_than", field=name, limit=_shown(low))
    elif not value >= low:
        raise InvalidValue("config.problem.at_least", field=name, limit=_shown(low))
    return value


def _shown(limit: float) -> object:
    """``0.0`` is written ``0``: the person types a whole number where one fits."""
    return int(limit) if isinstance(limit, float) and limit.is_integer() else limit


def _url_field(name: str, value: str) -> str:
    return _checked_url(value, name)


def _tenant_id(name: str, value: str) -> str:
    # It becomes a path segment of the sign-in address: a GUID or a domain name.
    if value and not _TENANT_ID.match(value):
        raise InvalidValue("config.problem.tenant_id", field=name)
    return value


def _language(name: str, value: str) -> str:
    if value not in {"cs", "en"}:
        raise InvalidValue("config.problem.language", field=name)
    return value


_STRING_CHECKS: dict[str, Callable[[str, str], str]] = {
    "base_url": _url_field, "authority_host": _url_field, "tenant_id": _tenant_id,
    "language": _language,
}


class _OptionalStr:
    """The type of a text field that may be left out (``language``)."""


_OPTIONAL_STR = _OptionalStr


#: Each field's type as the checks above know it (the annotations are strings under
#: ``from __future__ import annotations``).
_FIELD_TYPES: dict[str, object] = {
    "name": str, "kind": ProfileKind, "base_url": str, "role": Role, "tenant_id": str,
    "client_id": str, "auth": AuthMethod, "authority_host": str, "indirect_provider_id": str,
    "reseller_mpn_id": str, "read_only": bool, "language": _OPTIONAL_STR, "locale": str,
    "sync_interval_minutes": int, "rate_limit_per_minute": int, "sync_concurrency": int,
    "refresh_budget_percent": int, "invitation_stale_days": int, "request_timeout_seconds": float,
    "state_url": str,
}


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
