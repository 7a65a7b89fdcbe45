"""Profiles and settings, read from one TOML file.

A profile says which Partner Center to talk to (the embedded sandbox or the real API), as whom
(role, tenants, app registration) and how (auth, read-only). With no config file at all the
built-in ``sandbox`` profile is used, so a new user sees the whole product without an account.
"""

from __future__ import annotations

import errno
import os
import re
import tomllib
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from csp_tui import sandbox_identity
from csp_tui.domain.hosts import is_loopback
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.locations import Locations, is_safe_profile_name, locations_for

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


class ConfigError(Exception):
    """A problem in the config file, told as file + key + what to fix.

    It is raised before the profile's language is known (the profile may be what is broken),
    so the problem is kept as a catalog key (``config.problem.*``) with its parameters and put
    into words only when shown: :attr:`problem` and ``str()`` are in the current language.
    ``detail`` is technical text from elsewhere (the TOML parser's message), shown as it is.
    """

    def __init__(self, file: Path | None, key: str, problem_key: str, /, *,
                 detail: str | None = None, **params: object) -> None:
        super().__init__(file, key, problem_key)
        self.file = file
        self.key = key
        self.problem_key = problem_key
        self.params = params
        self.detail = detail

    @property
    def problem(self) -> str:
        text = t(self.problem_key, **self.params)
        return f"{text} ({self.detail})" if self.detail else text

    @property
    def where(self) -> str:
        """The file, or the built-in settings when there is no file."""
        return str(self.file) if self.file else t("config.where.builtin")

    @property
    def shown_key(self) -> str:
        """The key path as it may reach a terminal: a key is whatever the file spells, escape
        sequences included."""
        return safe_text(self.key)

    def __str__(self) -> str:
        return f"{self.where}: {self.shown_key}: {self.problem}"


class _InvalidValue(ValueError):
    """A field validator's verdict as a catalog key; pydantic keeps it in the error's context,
    and :func:`_profile_error` turns it back into a :class:`ConfigError`."""

    def __init__(self, problem_key: str) -> None:
        super().__init__(problem_key)
        self.problem_key = problem_key


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
        raise _InvalidValue("config.problem.url_invalid") from None
    if not host or parts.scheme not in {"https", "http"}:
        raise _InvalidValue("config.problem.url_not_https")
    if parts.scheme == "http" and not is_loopback(host):
        raise _InvalidValue("config.problem.url_not_https")
    if parts.query or parts.fragment:
        raise _InvalidValue("config.problem.url_query")
    if "@" in parts.netloc:
        # A user name or password in the address would travel into every place the address
        # is shown (info, errors, logs): refused, so it is nowhere.
        raise _InvalidValue("config.problem.url_userinfo")
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
            raise _InvalidValue("config.problem.tenant_id")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is not None and value not in {"cs", "en"}:
            raise _InvalidValue("config.problem.language")
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


# tomllib ends its messages with where it stopped: "... (at line 3, column 7)" or
# "... (at end of document)".
_TOML_POSITION = re.compile(
    r"^(?P<detail>.*?)\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)$")
_TOML_AT_END = re.compile(r"^(?P<detail>.*?)\s*\(at end of document\)$")


_UTF8_BOM = "\ufeff"


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        # Windows editors often start a UTF-8 file with a byte order mark, which TOML itself
        # does not allow: it is not part of the text, so it is skipped.
        return tomllib.loads(path.read_bytes().decode("utf-8").removeprefix(_UTF8_BOM))
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(path, exc) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(path, "(encoding)", "config.problem.encoding") from exc
    except OSError as exc:
        raise _read_error(path, exc) from exc


def _syntax_error(path: Path, exc: tomllib.TOMLDecodeError) -> ConfigError:
    """Where the file stops being TOML, in words; the parser's own message (English, from
    Python) follows as technical detail."""
    message = str(exc)
    found = _TOML_POSITION.match(message)
    if found is not None:
        return ConfigError(path, "(syntax)", "config.problem.toml_at", detail=found["detail"],
                           line=int(found["line"]), column=int(found["column"]))
    at_end = _TOML_AT_END.match(message)
    if at_end is not None:
        return ConfigError(path, "(syntax)", "config.problem.toml_at_end",
                           detail=at_end["detail"])
    return ConfigError(path, "(syntax)", "config.problem.toml", detail=message)


def _read_error(path: Path, exc: OSError) -> ConfigError:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ConfigError(path, "(file)", "config.problem.unreadable_permission")
    if exc.errno == errno.EISDIR:
        return ConfigError(path, "(file)", "config.problem.unreadable_directory")
    # Anything rarer: the system's own words, as technical detail.
    return ConfigError(path, "(file)", "config.problem.unreadable",
                       detail=exc.strerror or type(exc).__name__)


#: pydantic's error types -> what to write instead (pydantic's messages are English).
_PROBLEM_BY_TYPE = {
    "extra_forbidden": "config.problem.unknown_key",
    "int_type": "config.problem.integer",
    "int_parsing": "config.problem.integer",
    "int_from_float": "config.problem.integer",
    "float_type": "config.problem.number",
    "float_parsing": "config.problem.number",
    "finite_number": "config.problem.number",
    "bool_type": "config.problem.boolean",
    "bool_parsing": "config.problem.boolean",
    "string_type": "config.problem.string",
    "string_unicode": "config.problem.string",
}
#: Range errors: the limit comes from the error's context.
_LIMITS = {
    "greater_than_equal": ("ge", "config.problem.at_least"),
    "greater_than": ("gt", "config.problem.greater_than"),
    "less_than_equal": ("le", "config.problem.at_most"),
    "less_than": ("lt", "config.problem.less_than"),
}


def _limit(value: object) -> object:
    """``0.0`` is written ``0``: the person types a whole number where one fits."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _allowed_values(field_name: str) -> str | None:
    """The values an enum field accepts, as they are written in the file."""
    info = Profile.model_fields.get(field_name)
    annotation = info.annotation if info is not None else None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return ", ".join(f'"{member.value}"' for member in annotation)
    return None


def _profile_error(path: Path, name: str, exc: ValidationError) -> ConfigError:
    """The first of pydantic's complaints, told with the key path and what to write instead."""
    err = exc.errors()[0]
    parts = err.get("loc", ())
    loc = ".".join(str(p) for p in parts)
    key = f"profiles.{name}.{loc}" if loc else f"profiles.{name}"
    kind = err.get("type", "")
    context = err.get("ctx") or {}
    if isinstance(context.get("error"), _InvalidValue):
        return ConfigError(path, key, context["error"].problem_key)
    if kind in _LIMITS:
        bound, problem = _LIMITS[kind]
        return ConfigError(path, key, problem, limit=_limit(context.get(bound)))
    if kind == "enum":
        allowed = _allowed_values(str(parts[0])) if parts else None
        if allowed:
            return ConfigError(path, key, "config.problem.one_of", allowed=allowed)
    if kind in _PROBLEM_BY_TYPE:
        return ConfigError(path, key, _PROBLEM_BY_TYPE[kind])
    # A shape this table did not foresee: pydantic's error type names it for support.
    return ConfigError(path, key, "config.problem.invalid_value", detail=kind or None)


def load_settings(profile_name: str | None = None) -> Settings:
    """Read the config file (if any) and pick a profile.

    Order: explicit ``profile_name`` > ``$CSP_TUI_PROFILE`` > ``default_profile`` in the file >
    ``sandbox``.
    """
    locations = locations_for(DEFAULT_PROFILE)
    path = locations.config_file
    raw: dict[str, Any] = _read_toml(path) if path.exists() else {}
    profiles = dict(builtin_profiles())

    unknown_top = set(raw) - {"default_profile", "profiles", "keymap"}
    if unknown_top:
        key = sorted(unknown_top)[0]
        raise ConfigError(path, key, "config.problem.unknown_top_key")

    raw_profiles = raw.get("profiles", {})
    if not isinstance(raw_profiles, dict):
        raise ConfigError(path, "profiles", "config.problem.profiles_not_table")
    for name, table in raw_profiles.items():
        if not is_safe_profile_name(name):
            raise ConfigError(path, f"profiles.{name}", "config.problem.profile_name")
        if not isinstance(table, dict):
            raise ConfigError(path, f"profiles.{name}", "config.problem.profile_not_table")
        if "name" in table:
            raise ConfigError(path, f"profiles.{name}.name", "config.problem.name_key")
        if str(table.get("kind", ProfileKind.SANDBOX.value)) == ProfileKind.SANDBOX.value:
            if "base_url" in table:
                # The sandbox runs inside csp-tui: an address here would be silently ignored.
                raise ConfigError(path, f"profiles.{name}.base_url",
                                  "config.problem.sandbox_base_url")
            # Paced like the built-in sandbox profiles unless the table says otherwise.
            table = {"rate_limit_per_minute": SANDBOX_RATE_LIMIT, **table}
        try:
            profile = Profile(name=name, **table)
        except ValidationError as exc:
            raise _profile_error(path, name, exc) from exc
        except TypeError as exc:  # e.g. a key given twice
            raise ConfigError(path, f"profiles.{name}", "config.problem.invalid_table",
                              detail=str(exc)) from exc
        _check_profile_complete(path, profile)
        profiles[name] = _with_sandbox_identity(profile)

    keymap = raw.get("keymap", {})
    if not isinstance(keymap, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in keymap.items()
    ):
        raise ConfigError(path, "keymap", "config.problem.keymap")

    default = raw.get("default_profile", DEFAULT_PROFILE)
    if not isinstance(default, str):
        raise ConfigError(path, "default_profile", "config.problem.default_profile")
    from_env = os.environ.get(PROFILE_ENV)
    chosen = profile_name or from_env or default
    if chosen not in profiles:
        known = ", ".join(sorted(profiles))
        # Name where the unknown name came from, so the person knows what to fix.
        key = "--profile" if profile_name else PROFILE_ENV if from_env else "default_profile"
        # repr(): the name came from outside (argument, environment) and may hold anything.
        raise ConfigError(path if path.exists() else None, key, "config.problem.no_profile",
                          name=repr(chosen), known=known)

    return Settings(
        profile=profiles[chosen],
        locations=locations_for(chosen),
        config_exists=path.exists(),
        keymap=dict(keymap),
        profiles=tuple(sorted(profiles)),
    )


def _with_sandbox_identity(profile: Profile) -> Profile:
    """A sandbox profile from the config file that names no tenant acts as the sandbox's own
    partner of its role (the emulator knows no other partners)."""
    if not profile.is_sandbox:
        return profile
    defaults = {"tenant_id": sandbox_identity.RESELLER_TENANT_ID}
    if profile.role is Role.INDIRECT_PROVIDER:
        defaults = {"tenant_id": sandbox_identity.PROVIDER_TENANT_ID}
    elif profile.role is Role.INDIRECT_RESELLER:
        defaults.update(indirect_provider_id=sandbox_identity.PROVIDER_TENANT_ID,
                        reseller_mpn_id=sandbox_identity.RESELLER_MPN_ID)
    update = {key: value for key, value in defaults.items() if not getattr(profile, key)}
    return profile.model_copy(update=update) if update else profile


def _check_profile_complete(path: Path, profile: Profile) -> None:
    """Settings that only make sense together, checked where the user can fix them."""
    where = f"profiles.{profile.name}"
    if profile.kind is ProfileKind.PARTNER_CENTER:
        if not profile.tenant_id:
            raise ConfigError(path, f"{where}.tenant_id", "config.problem.tenant_required")
        if profile.auth is AuthMethod.DEVICE_CODE and not profile.client_id:
            raise ConfigError(path, f"{where}.client_id", "config.problem.client_id_required")
    if profile.role is Role.INDIRECT_RESELLER and profile.kind is ProfileKind.PARTNER_CENTER \
            and not profile.indirect_provider_id:
        raise ConfigError(path, f"{where}.indirect_provider_id",
                          "config.problem.provider_required")


# ------------------------------------------------------------------ saving the language


class ProfileNotInFile(Exception):
    """The profile has no ``[profiles.NAME]`` table in the config file (a built-in profile):
    adding one would replace the built-in definition, so nothing is written."""


class UnsafeEdit(Exception):
    """The profile's table is not written so that one line can be changed safely (inline or
    dotted keys, a key spelled in quotes, the header given twice …)."""


_LANGUAGE_KEY = re.compile(r"^[ \t]*language[ \t]*=")
_LANGUAGE_LINE = re.compile(
    r"""^(?P<head>[ \t]*language[ \t]*=[ \t]*)(?:"[a-z]*"|'[a-z]*')(?P<tail>[ \t]*(?:#.*)?)$""")


def _profile_header(name: str) -> re.Pattern[str]:
    spelled = re.escape(name)
    return re.compile(rf"""^[ \t]*\[[ \t]*profiles[ \t]*\.[ \t]*"""
                      rf"""(?:{spelled}|"{spelled}"|'{spelled}')[ \t]*\][ \t]*(?:#.*)?$""")


def _with_language_line(text: str, name: str, language: str) -> str:
    """``text`` with the ``language`` line of ``[profiles.NAME]`` set (or added under the
    header); UnsafeEdit when the table is not one plain ``[profiles.NAME]`` section."""
    lines = text.splitlines(keepends=True)
    header = _profile_header(name)
    starts = [i for i, line in enumerate(lines) if header.match(line.rstrip("\r\n"))]
    if len(starts) != 1:
        raise UnsafeEdit(name)
    start = starts[0]
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")),
               len(lines))
    found = [i for i in range(start + 1, end) if _LANGUAGE_KEY.match(lines[i])]
    ending = "\r\n" if lines[start].endswith("\r\n") else "\n"
    if len(found) > 1:
        raise UnsafeEdit(name)
    if found:
        body = lines[found[0]].rstrip("\r\n")
        match = _LANGUAGE_LINE.match(body)
        if match is None:
            raise UnsafeEdit(name)
        # The comment after the value stays; so does the line ending.
        lines[found[0]] = (f'{match["head"]}"{language}"{match["tail"]}'
                           f"{lines[found[0]][len(body):]}")
    else:
        if not lines[start].endswith("\n"):
            lines[start] += ending
        lines.insert(start + 1, f'language = "{language}"{ending}')
    return "".join(lines)


def save_profile_language(settings: Settings, language: str) -> Path:
    """Write ``language = "cs"`` (or ``"en"``) into the active profile's table of the config
    file, changing nothing else: comments, other profiles and the order of keys stay.

    One line is replaced (or added under the table's header); the file is parsed before and
    after, and written only if that one value is the whole difference — atomically, through a
    symlink to its target, with its permissions kept. Raises :class:`ProfileNotInFile`,
    :class:`UnsafeEdit` and ``OSError``.
    """
    if language not in {"cs", "en"}:
        raise ValueError(f"unknown language {language!r}")
    name = settings.profile.name
    path = settings.locations.config_file
    if not path.exists():
        raise ProfileNotInFile(name)
    target = path.resolve()
    try:
        text = target.read_text(encoding="utf-8")
        expected = tomllib.loads(text.removeprefix(_UTF8_BOM))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UnsafeEdit(name) from exc
    table = expected.get("profiles", {}).get(name)
    if not isinstance(table, dict):
        raise ProfileNotInFile(name)
    table["language"] = language
    changed = _with_language_line(text, name, language)
    try:
        if tomllib.loads(changed.removeprefix(_UTF8_BOM)) != expected:
            raise UnsafeEdit(name)
    except tomllib.TOMLDecodeError as exc:
        raise UnsafeEdit(name) from exc
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL,
                         target.stat().st_mode & 0o777)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(changed)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target
