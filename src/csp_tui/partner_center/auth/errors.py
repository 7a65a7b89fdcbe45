"""What getting a token can fail with; ``str()`` of each is a sentence for a person."""

from __future__ import annotations

from csp_tui.partner_center.errors import TransportError

LOGIN_COMMAND = "csp-tui login"


class AuthError(Exception):
    """Getting a token failed; ``str()`` is a sentence for a person (already translated)."""

    def __init__(self, message: str, *, error: str | None = None,
                 codes: tuple[int, ...] = ()) -> None:
        super().__init__(message)
        #: The OAuth ``error`` value (``invalid_grant``, ``authorization_declined`` ...).
        self.error = error
        #: AADSTS numbers from the answer, for support and for code that branches on them.
        self.codes = codes


class SignInRequiredError(AuthError):
    """Nobody is signed in, or the sign-in expired or was revoked: signing in again fixes it."""


class AuthFailedError(AuthError):
    """A sign-in attempt failed for a reason signing in again will not fix by itself
    (declined, code expired, app registration or tenant misconfigured)."""


class AuthCancelledError(AuthFailedError):
    """The device flow was cancelled before the person finished signing in."""


class AuthUnreachableError(AuthFailedError, TransportError):
    """The sign-in service could not be reached or failed (network, 5xx).

    Also a :class:`TransportError`, so the sync treats it like any other network outage and
    tries again later instead of asking the person to sign in.
    """

    def __init__(self, message: str) -> None:
        TransportError.__init__(self, message)
        self.error = None
        self.codes = ()

    def __str__(self) -> str:
        return self.description
