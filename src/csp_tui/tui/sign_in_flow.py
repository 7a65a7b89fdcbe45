"""Signing in from inside the console (device code: works over SSH).

The code and the address are shown in a modal (both copyable); MSAL polls in a thread while the
user completes the sign-in on another device. ``esc`` cancels the flow. On success the worker's
token provider picks the new tokens up from the shared token cache and a sync starts.

When Partner Center asked for multi-factor authentication, the device flow asks for its claims
(the authenticator remembers them) and the modal says why. When a sign-in that already asked for
them was refused again, no new sign-in is started by itself: the person is told what to check,
so the console never loops between Partner Center and the sign-in window.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from csp_tui.config import AuthMethod
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t

if TYPE_CHECKING:
    from csp_tui.tui.app import CspApp


def make_auth(app: CspApp) -> Any:
    """The device-code authenticator for the active profile (a seam for tests)."""
    from csp_tui.partner_center.auth import DeviceCodeAuth

    settings = app.settings
    settings.locations.ensure_profile_dir()
    return DeviceCodeAuth(settings.profile, settings.locations.token_cache)


async def run_sign_in(app: CspApp) -> bool:
    """Show the device code, wait for the user, start a sync. True when signed in."""
    from csp_tui.partner_center.auth import LOGIN_COMMAND, AuthCancelledError, AuthError

    profile = app.settings.profile
    if profile.is_sandbox:
        app.notify(t("tui.sign_in.not_needed"))
        return True
    if profile.auth is AuthMethod.ENV_TOKEN:
        app.notify(t("tui.sign_in.env_token"), severity="warning")
        return False

    auth = make_auth(app)
    mfa_state = getattr(auth, "mfa_state", None)
    step_up = mfa_state().get("status") if callable(mfa_state) else None
    if step_up == "refused":
        app.notify(t("mfa.required.repeated", profile=profile.name, command=LOGIN_COMMAND),
                   severity="error", timeout=30)
        return False
    try:
        prompt = await asyncio.to_thread(auth.start_device_flow)
    except AuthError as exc:
        app.notify(t("tui.sign_in.failed", error=safe_text(str(exc), 300)), severity="error")
        return False

    def closed(result: bool | None) -> None:
        if not result:  # esc: stop MSAL's polling
            auth.cancel_device_flow(prompt)

    explanation = (t("mfa.sign_in.prompt") if getattr(prompt, "claims", None)
                   else t("tui.sign_in.prompt"))
    screen = app.show_sign_in(explanation, prompt.user_code, prompt.verification_uri,
                              callback=closed)
    try:
        user = await asyncio.to_thread(auth.finish_device_flow, prompt)
    except AuthCancelledError:
        return False
    except AuthError as exc:
        if screen.is_attached:
            screen.fail(t("tui.sign_in.failed", error=safe_text(str(exc), 300)))
        return False
    if screen.is_attached:
        screen.complete()
    app.notify(t("tui.sign_in.done", user=safe_text(user, 120)))
    app.backend.request_sync()
    return True
