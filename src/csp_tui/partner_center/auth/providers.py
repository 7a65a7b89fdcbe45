"""The token sources that need no sign-in: the embedded sandbox's, and one from an environment
variable. Both follow the one small protocol the client uses
(:class:`~csp_tui.partner_center.token_source.TokenProvider`)."""

from __future__ import annotations

import os
import secrets
import threading

from csp_tui import sandbox_identity as identity
from csp_tui.i18n import t
from csp_tui.partner_center.auth.errors import SignInRequiredError
from csp_tui.partner_center.mfa import MfaAdvice

PARTNER_CENTER_RESOURCE = "https://api.partnercenter.microsoft.com"
TOKEN_ENV = "CSP_TUI_ACCESS_TOKEN"


class SandboxTokenProvider:
    """The emulator decodes its token into (role, partner tenant); nothing to keep secret.

    The embedded sandbox has no person to ask for MFA: when it requires MFA
    (:meth:`mfa_challenge`), the next :meth:`get_token` simply issues an MFA-marked token.
    """

    def __init__(self, role: str, tenant_id: str) -> None:
        self.role = role
        self.tenant_id = tenant_id
        self._lock = threading.Lock()
        self._mfa_token: str | None = None
        self._step_up_pending = False

    def __repr__(self) -> str:
        return f"SandboxTokenProvider(role={self.role!r}, tenant_id={self.tenant_id!r})"

    async def get_token(self, *, force_refresh: bool = False) -> str:
        with self._lock:
            if self._step_up_pending:
                self._step_up_pending = False
                self._mfa_token = identity.sandbox_mfa_token(self.role, self.tenant_id,
                                                             secrets.token_hex(6))
            return self._mfa_token or identity.sandbox_token(self.role, self.tenant_id)

    def mfa_challenge(self, claims: str, token: str) -> MfaAdvice:
        with self._lock:
            if self._mfa_token is not None and token == self._mfa_token:
                # The step-up token itself was refused: issuing another would only loop.
                return MfaAdvice("mfa.required.sandbox_repeated", repeated=True)
            self._step_up_pending = True
        return MfaAdvice("mfa.required.sandbox")


class EnvTokenProvider:
    """A bearer token from an environment variable, read again on every call so a script can
    rotate it without restarting the process."""

    def __init__(self, var: str = TOKEN_ENV) -> None:
        self.var = var

    def is_set(self) -> bool:
        return bool(_clean_bearer(os.environ.get(self.var, "")))

    async def get_token(self, *, force_refresh: bool = False) -> str:
        # force_refresh cannot mint a new token here: the same one is returned and a 401 from
        # Partner Center then tells the person to provide a fresh one.
        value = _clean_bearer(os.environ.get(self.var, ""))
        if not value:
            raise SignInRequiredError(t("auth.env_token_missing", var=self.var))
        return value

    def mfa_challenge(self, claims: str, token: str) -> MfaAdvice:
        """Nothing here can sign in: say that the token must come from an MFA sign-in."""
        return MfaAdvice("mfa.required.env_token",
                         {"var": self.var, "resource": PARTNER_CENTER_RESOURCE})

    def __repr__(self) -> str:
        return f"EnvTokenProvider(var={self.var!r})"


def _clean_bearer(value: str) -> str:
    """People paste whole header values; accept ``Bearer xyz`` as well as ``xyz``."""
    value = value.strip()
    if value[:7].lower() == "bearer ":
        value = value[7:].strip()
    return value
