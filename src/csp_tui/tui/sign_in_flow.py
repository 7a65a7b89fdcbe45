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

from csp_tui.config import AuthMethod
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.services import sign_in
from csp_tui.tui.console import Console


def make_auth(app: Console) -> sign_in.DeviceFlow:
    """The device-code authenticator for the active profile (a seam for tests)."""
    return sign_in.device_code_auth(app.settings)


async def run_sign_in(app: Console) -> bool:
    """Show the device code, wait for the user, start a sync. True when signed in."""
    profile = app.settings.profile
    if profile.is_sandbox:
        app.notify(t("tui.sign_in.not_needed"))
        return True
    if profile.auth is AuthMethod.ENV_TOKEN:
        app.notify(t("tui.sign_in.env_token"), severity="warning")
        return False

    auth = make_auth(app)
    if sign_in.step_up_refused(auth):
        app.notify(t("mfa.required.repeated", profile=profile.name,
                     command=sign_in.LOGIN_COMMAND), severity="error", timeout=30)
        return False
    try:
        prompt = await sign_in.start(auth)
    except sign_in.SignInError as exc:
        app.notify(t("tui.sign_in.failed", error=safe_text(str(exc), 300)), severity="error")
        return False

    def closed(result: bool | None) -> None:
        if not result:  # esc: stop MSAL's polling
            auth.cancel_device_flow(prompt)

    explanation = (t("mfa.sign_in.prompt") if sign_in.asks_for_mfa(prompt)
                   else t("tui.sign_in.prompt"))
    screen = app.show_sign_in(explanation, prompt.user_code, prompt.verification_uri,
                              callback=closed)
    try:
        user = await sign_in.finish(auth, prompt)
    except sign_in.SignInCancelledError:
        return False
    except sign_in.SignInError as exc:
        if screen.is_attached:
            screen.fail(t("tui.sign_in.failed", error=safe_text(str(exc), 300)))
        return False
    if screen.is_attached:
        screen.complete()
    app.notify(t("tui.sign_in.done", user=safe_text(user, 120)))
    app.backend.request_sync()
    return True
