"""Reading the config file and picking the profile a program runs with."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from csp_tui import sandbox_identity
from csp_tui.config.errors import ConfigError, InvalidValue
from csp_tui.config.problems import profile_error, read_toml
from csp_tui.config.profiles import (
    DEFAULT_PROFILE,
    PROFILE_ENV,
    SANDBOX_RATE_LIMIT,
    AuthMethod,
    Profile,
    ProfileKind,
    Role,
    Settings,
    builtin_profiles,
)
from csp_tui.locations import is_safe_profile_name, locations_for


def load_settings(profile_name: str | None = None) -> Settings:
    """Read the config file (if any) and pick a profile.

    Order: explicit ``profile_name`` > ``$CSP_TUI_PROFILE`` > ``default_profile`` in the file >
    ``sandbox``.
    """
    locations = locations_for(DEFAULT_PROFILE)
    path = locations.config_file
    raw: dict[str, Any] = read_toml(path) if path.exists() else {}
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
            profile = Profile.from_table(name, table)
        except InvalidValue as exc:
            raise profile_error(path, name, exc) from exc
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
