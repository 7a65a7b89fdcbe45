"""``csp-tui info``: the active profile and every file csp-tui reads or writes.

The first thing to run when something is off ("which config did it read? where is the
cache?"). It stays local: no network, no secrets (an access token from the environment is
reported as set or not set, never shown).
"""

from __future__ import annotations

import argparse
import json
import platform
import sqlite3
from importlib import metadata
from typing import Any

from csp_tui import __version__
from csp_tui.config import AuthMethod, Settings
from csp_tui.i18n import catalog, get_language, t
from csp_tui.output_encoding import json_ascii_only
from csp_tui.partner_center import auth
from csp_tui.services.state_access import profile_state_target


def _sign_in_state(settings: Settings) -> dict[str, Any]:
    """Who is signed in, read from the local token cache only."""
    profile = settings.profile
    if profile.is_sandbox:
        return {}

    if profile.auth is AuthMethod.ENV_TOKEN:
        return {"token_env": auth.TOKEN_ENV,
                "token_env_set": auth.EnvTokenProvider(auth.TOKEN_ENV).is_set()}
    device = auth.DeviceCodeAuth(profile, settings.locations.token_cache)
    return {"signed_in_as": device.signed_in_account(), "authority": device.authority}


def _installed(distribution: str) -> str | None:
    # The installed distribution's version, read from its metadata: importing Textual here
    # would cost the headless command its start-up time.
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


# Names of programs, the same in every language (the platform is said in words).
_VERSION_NAMES = {"csp_tui": "csp-tui", "python": "Python", "textual": "Textual",
                  "rich": "Rich", "sqlite": "SQLite"}


def versions() -> dict[str, str | None]:
    """What a bug report needs: csp-tui's, Python's, the rendering stack's, SQLite's, the OS."""
    return {
        "csp_tui": __version__,
        "python": f"{platform.python_version()} {platform.python_implementation()}",
        "textual": _installed("textual"),
        "rich": _installed("rich"),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
    }


def collect(settings: Settings) -> dict[str, Any]:
    """Everything ``info`` shows, as plain JSON-ready data."""
    profile = settings.profile
    return {
        "profile": {
            "name": profile.name,
            "kind": profile.kind.value,
            "role": profile.role.value,
            "base_url": None if profile.is_sandbox else profile.base_url,
            "tenant_id": profile.tenant_id or None,
            "indirect_provider_id": profile.indirect_provider_id or None,
            "reseller_mpn_id": profile.reseller_mpn_id or None,
            "client_id": profile.client_id or None,
            "auth": "sandbox" if profile.is_sandbox else profile.auth.value,
            "read_only": profile.read_only,
            "language": profile.language,
            "effective_language": get_language(),
            "locale": profile.locale,
            "sync_interval_minutes": profile.sync_interval_minutes,
            **_sign_in_state(settings),
        },
        "paths": settings.locations.as_dict(),
        # Where the state is: engine and place (host and database for a team), never the
        # password a state URL may carry.
        "state": _state(settings),
        "config_exists": settings.config_exists,
        "profiles": list(settings.profiles),
        "versions": versions(),
    }


def _state(settings: Settings) -> dict[str, str]:
    target = profile_state_target(settings)
    return {"engine": target.engine, "where": target.where}


def _auth_text(data: dict[str, Any]) -> str:
    auth = data["auth"]
    if auth == "sandbox":
        return t("info.value.auth_sandbox")
    if auth == AuthMethod.ENV_TOKEN.value:
        return t("info.value.auth_env_token", var=data.get("token_env", ""))
    return t("info.value.auth_device_code")


def _profile_lines(data: dict[str, Any]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = [
        (t("info.field.name"), data["name"]),
        (t("info.field.kind"), data["kind"]),
        (t("info.field.role"), data["role"]),
        (t("info.field.base_url"), data["base_url"] or t("info.value.sandbox_base_url")),
    ]
    for key in ("tenant_id", "indirect_provider_id", "reseller_mpn_id", "client_id"):
        if data.get(key):
            rows.append((t(f"info.field.{key}"), data[key]))
    rows.append((t("info.field.auth"), _auth_text(data)))
    if "authority" in data:
        rows.append((t("info.field.authority"), data["authority"]))
    if "signed_in_as" in data:
        rows.append((t("info.field.signed_in_as"),
                     data["signed_in_as"] or t("info.value.not_signed_in")))
    if "token_env" in data:
        key = "info.value.env_set" if data["token_env_set"] else "info.value.env_unset"
        rows.append((t("info.field.token_env"), t(key, var=data["token_env"])))
    rows.append((t("info.field.read_only"), t("yes") if data["read_only"] else t("no")))
    rows.append((t("info.field.language"), data["language"]
                 or t("info.value.language_auto", language=data["effective_language"])))
    minutes = data["sync_interval_minutes"]
    rows.append((t("info.field.sync_interval"),
                 t("info.value.every_minutes", minutes=minutes) if minutes
                 else t("info.value.off")))
    return rows


def render_text(data: dict[str, Any]) -> str:
    profile = data["profile"]
    paths: dict[str, str] = data["paths"]
    known = catalog()

    config_key = "info.value.config_exists" if data["config_exists"] else \
        "info.value.config_missing"
    profiles = ", ".join(
        t("info.value.active", name=name) if name == profile["name"] else name
        for name in data["profiles"]
    )
    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (t("info.heading.profile"), [
            *_profile_lines(profile),
            (t("info.field.profiles"), profiles),
            (t("state.info.field"), t("state.info.value", engine=data["state"]["engine"],
                                      where=data["state"]["where"])),
        ]),
        # A path added to Locations later still shows, under its own key.
        (t("info.heading.paths"), [
            (t(f"info.path.{key}") if f"info.path.{key}" in known else key,
             t(config_key, path=value) if key == "config" else value)
            for key, value in paths.items()
        ]),
    ]
    if "versions" in data:
        sections.append((t("cli_output.info.versions"), [
            (_VERSION_NAMES.get(key) or t(f"cli_output.info.{key}"),
             value or t("cli_output.info.not_installed"))
            for key, value in data["versions"].items()
        ]))
    width = max(len(label) for _, rows in sections for label, _ in rows)
    lines: list[str] = []
    for heading, rows in sections:
        if lines:
            lines.append("")
        lines.append(heading)
        lines.extend(f"  {label.ljust(width)}  {value}" for label, value in rows)
    return "\n".join(lines)


def run(args: argparse.Namespace, settings: Settings) -> int:
    data = collect(settings)
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=json_ascii_only(), indent=2))
    else:
        print(render_text(data))
    return 0

