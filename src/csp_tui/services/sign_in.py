"""Signing in with a device code, for a front end that shows the code (the console's window).

The flow itself is MSAL's, behind ``partner_center.auth.DeviceCodeAuth``: ask for a user code,
wait (in a thread: minutes) until the person finished on another device, or cancel. This module
is what a front end needs of it, so the console never imports the adapter: the authenticator
for a profile, whether a multi-factor step-up was already refused (then a new sign-in would not
help), and the errors it raises.
"""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

from csp_tui.config import Settings
from csp_tui.partner_center.auth import (
    LOGIN_COMMAND,
    AuthCancelledError,
    AuthError,
    DeviceCodeAuth,
    DeviceCodePrompt,
)

__all__ = [
    "LOGIN_COMMAND",
    "DeviceCodePrompt",
    "DeviceFlow",
    "SignInCancelledError",
    "SignInError",
    "asks_for_mfa",
    "device_code_auth",
    "finish",
    "start",
    "step_up_refused",
]

#: The sign-in failed; ``str()`` is a sentence for a person (already translated).
SignInError = AuthError
#: The person (or the front end) cancelled the flow before it finished.
SignInCancelledError = AuthCancelledError


class DeviceFlow(Protocol):
    """What a front end drives of a device-code authenticator."""

    def start_device_flow(self) -> DeviceCodePrompt: ...

    def finish_device_flow(self, prompt: DeviceCodePrompt) -> str: ...

    def cancel_device_flow(self, prompt: DeviceCodePrompt) -> None: ...


def device_code_auth(settings: Settings) -> DeviceCodeAuth:
    """The device-code authenticator of the active profile (its token cache file)."""
    settings.locations.ensure_profile_dir()
    return DeviceCodeAuth(settings.profile, settings.locations.token_cache)


def step_up_refused(auth: Any) -> bool:
    """Partner Center refused a sign-in that already asked for its multi-factor claims:
    signing in the same way again will not help."""
    mfa_state = getattr(auth, "mfa_state", None)
    return callable(mfa_state) and bool(mfa_state().get("status") == "refused")


def asks_for_mfa(prompt: DeviceCodePrompt) -> bool:
    """The code asks for the claims Partner Center wants (multi-factor authentication)."""
    return bool(getattr(prompt, "claims", None))


async def start(auth: DeviceFlow) -> DeviceCodePrompt:
    """Ask for a user code (one blocking HTTP call, run in a thread)."""
    return await asyncio.to_thread(auth.start_device_flow)


async def finish(auth: DeviceFlow, prompt: DeviceCodePrompt) -> str:
    """Wait, in a thread, until the person signed in; the account's user name."""
    return await asyncio.to_thread(auth.finish_device_flow, prompt)
