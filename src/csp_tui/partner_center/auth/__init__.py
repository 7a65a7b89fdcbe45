"""Bearer tokens for the Partner Center REST client.

Three sources, one small protocol (:class:`TokenProvider`):

* :class:`SandboxTokenProvider` — the embedded emulator's opaque token (no secret at all);
* :class:`EnvTokenProvider` — a token some other tool obtained, read from an environment
  variable on every call (CI, scripts);
* :class:`DeviceCodeAuth` — a real Entra ID sign-in through MSAL's device code flow, which
  works over SSH because the browser runs on another machine. The token cache (refresh token
  included) lives in one file readable by the owner only.

This package is their one public face; its modules: ``errors``, ``providers`` (sandbox and
environment token), ``device_code`` (MSAL), ``mfa_step_up`` (the step-up state of a device code
sign-in), ``msal_errors`` (MSAL's answers as errors a person understands), ``private_files``
(owner-only files) and ``selection`` (the provider for a profile).

:meth:`DeviceCodeAuth.get_token` never starts an interactive sign-in by itself: a background
sync must not block on a person. It raises :class:`SignInRequiredError` and the console (or
``csp-tui login``) runs the device flow.

**MFA step-up.** When Partner Center refuses a token for lack of multi-factor authentication
(:mod:`csp_tui.partner_center.mfa`), the client tells the provider (``mfa_challenge``): the
device code provider remembers the claims to ask for — in memory and in a small 0600 file beside
the token cache, so ``csp-tui login`` in another terminal asks for them too — and the next device
flow sends them; the environment token provider can only say how to obtain a token with MFA; the
sandbox provider issues an MFA-marked sandbox token at the next call. A token that came from a
step-up and is still refused is told as such, and nothing starts another sign-in by itself.

Tokens are never logged, printed or shown by ``repr()``.
"""

from __future__ import annotations

from csp_tui.partner_center.auth.device_code import (
    PARTNER_CENTER_SCOPES,
    DeviceCodeAuth,
    DeviceCodePrompt,
    LogoutResult,
)
from csp_tui.partner_center.auth.errors import (
    LOGIN_COMMAND,
    AuthCancelledError,
    AuthError,
    AuthFailedError,
    AuthUnreachableError,
    SignInRequiredError,
)
from csp_tui.partner_center.auth.mfa_step_up import (
    MFA_STATE_FILE,
)
from csp_tui.partner_center.auth.private_files import (
    remove_token_cache,
    write_private_file,
)
from csp_tui.partner_center.auth.providers import (
    PARTNER_CENTER_RESOURCE,
    TOKEN_ENV,
    EnvTokenProvider,
    SandboxTokenProvider,
)
from csp_tui.partner_center.auth.selection import (
    sandbox_tenant_for,
    token_provider_for,
)
from csp_tui.partner_center.token_source import TokenProvider

__all__ = [
    "LOGIN_COMMAND",
    "MFA_STATE_FILE",
    "PARTNER_CENTER_RESOURCE",
    "PARTNER_CENTER_SCOPES",
    "TOKEN_ENV",
    "AuthCancelledError",
    "AuthError",
    "AuthFailedError",
    "AuthUnreachableError",
    "DeviceCodeAuth",
    "DeviceCodePrompt",
    "EnvTokenProvider",
    "LogoutResult",
    "SandboxTokenProvider",
    "SignInRequiredError",
    "TokenProvider",
    "remove_token_cache",
    "sandbox_tenant_for",
    "token_provider_for",
    "write_private_file",
]
