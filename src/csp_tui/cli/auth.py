"""``csp-tui login`` and ``csp-tui logout``.

Login runs the device code flow: the code and URL go to stderr (so ``csp-tui login`` works in
a script that captures stdout), the person finishes on any device with a browser, and the
refresh token lands in the profile's 0600 token cache for the console and ``csp-tui sync``.
When Partner Center last asked for multi-factor authentication, login says so and the sign-in
asks for the claims it wants (a step-up), so the next call carries them.
"""

from __future__ import annotations

import argparse
import sys

from csp_tui.config import AuthMethod, Settings
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.partner_center.auth import (
    TOKEN_ENV,
    AuthError,
    DeviceCodeAuth,
    EnvTokenProvider,
    remove_token_cache,
)

EXIT_OK = 0
EXIT_FAILURE = 1


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run_login(args: argparse.Namespace, settings: Settings) -> int:
    profile = settings.profile
    if profile.is_sandbox:
        print(t("auth.login.sandbox", profile=profile.name))
        return EXIT_OK
    if profile.auth is AuthMethod.ENV_TOKEN:
        if EnvTokenProvider(TOKEN_ENV).is_set():
            print(t("auth.login.env_token", profile=profile.name, var=TOKEN_ENV))
            return EXIT_OK
        _err(t("auth.login.env_token_unset", profile=profile.name, var=TOKEN_ENV))
        return EXIT_FAILURE

    device = DeviceCodeAuth(profile, settings.locations.token_cache)
    current = device.signed_in_account()
    if device.cache_warning:
        _err(device.cache_warning)
    if current:
        _err(t("auth.login.current", user=safe_text(current)))
    step_up = device.mfa_state().get("status")
    if step_up == "pending":
        _err(t("mfa.login.step_up"))
    elif step_up == "refused":
        _err(t("mfa.login.repeated"))
    try:
        prompt = device.start_device_flow()
        # Microsoft's sentence carries the URL and the code; it is remote text, so no
        # terminal control characters get through.
        _err(safe_text(prompt.message)
             or f"{safe_text(prompt.verification_uri)}  {safe_text(prompt.user_code)}")
        _err(t("auth.login.waiting"))
        try:
            user = device.finish_device_flow(prompt)
        except KeyboardInterrupt:
            device.cancel_device_flow(prompt)
            raise
    except AuthError as exc:
        _err(str(exc))
        return EXIT_FAILURE
    if device.cache_warning:
        _err(device.cache_warning)
    print(t("auth.login.signed_in", user=safe_text(user), profile=profile.name))
    return EXIT_OK


def run_logout(args: argparse.Namespace, settings: Settings) -> int:
    profile = settings.profile
    path = settings.locations.token_cache
    try:
        if profile.is_sandbox or profile.auth is AuthMethod.ENV_TOKEN:
            # Nothing of ours holds a sign-in, but a cache left from when this profile used
            # the device code still goes.
            removed = remove_token_cache(path)
            if removed:
                print(t("auth.logout.removed", accounts="", path=path))
            elif profile.is_sandbox:
                print(t("auth.logout.sandbox", profile=profile.name))
            else:
                print(t("auth.logout.env_token", profile=profile.name, var=TOKEN_ENV))
            return EXIT_OK
        result = DeviceCodeAuth(profile, path).logout()
    except OSError as exc:
        _err(t("auth.logout.failed", path=path, detail=exc.strerror or type(exc).__name__))
        return EXIT_FAILURE
    if not result.file_removed and not result.accounts:
        print(t("auth.logout.nothing", path=path))
        return EXIT_OK
    accounts = (t("auth.logout.accounts", users=", ".join(safe_text(a) for a in result.accounts))
                if result.accounts else "")
    print(t("auth.logout.removed", accounts=accounts, path=path))
    return EXIT_OK
