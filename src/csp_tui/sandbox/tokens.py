"""Which bearer tokens a sandbox honours, for which caller, and whether they carry MFA.

Partner Center accepts only tokens Entra ID issued for it; the sandbox is no kinder:

* **embedded** (the default back end, in-process): the tokens it honours are the ones
  :class:`~csp_tui.partner_center.auth.SandboxTokenProvider` issues —
  ``sandbox.<role>.<partner tenant>`` and, after a step-up, ``sandbox-mfa.<nonce>.<role>.<tenant>``.
  They need no setup; any other token is refused.
* **served** (``csp-tui sandbox serve``, reachable by other processes): only tokens it issued
  itself — the one given by ``--token`` (or generated at start), and those issued through
  ``/_emulator/auth`` — are honoured. The structured forms above are refused there: anybody can
  write them.

Every token gets a sequence number when the sandbox first issues (or, embedded, first sees)
it, so "a token issued after MFA was required" is a comparison, not a clock reading.
"""

from __future__ import annotations

import secrets
import threading
from dataclasses import dataclass

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox.entities import ROLES, Caller

#: Tokens remembered at most (a long embedded session steps up only a handful of times).
MAX_TOKENS = 10_000


@dataclass(frozen=True)
class IssuedToken:
    caller: Caller
    #: The sign-in behind it was approved with multi-factor authentication (``amr: mfa``).
    mfa: bool
    #: Order of issue (1, 2, ...): compared with the moment MFA became required.
    sequence: int


def parse_structured(token: str) -> tuple[Caller, bool] | None:
    """(caller, mfa) of a ``sandbox.*`` / ``sandbox-mfa.*`` token, or None."""
    parts = token.split(".", 2)
    if (len(parts) == 3 and parts[0] == identity.SANDBOX_TOKEN_PREFIX
            and parts[1] in ROLES and parts[2]):
        return Caller(parts[1], parts[2]), False
    parts = token.split(".", 3)
    if (len(parts) == 4 and parts[0] == identity.SANDBOX_MFA_TOKEN_PREFIX and parts[1]
            and parts[2] in ROLES and parts[3]):
        return Caller(parts[2], parts[3]), True
    return None


def new_secret_token() -> str:
    """A token nobody can guess, for a served sandbox."""
    return "sbx_" + secrets.token_urlsafe(32)


class TokenBook:
    """The tokens one sandbox honours. Held in memory only: tokens never reach the world file."""

    def __init__(self, *, issued_only: bool = False) -> None:
        #: Served: only tokens issued here. Embedded: the sandbox token provider's too.
        self.issued_only = issued_only
        self._lock = threading.Lock()
        self._tokens: dict[str, IssuedToken] = {}
        self._sequence = 0

    @property
    def sequence(self) -> int:
        """The sequence number of the latest token issued (0: none yet)."""
        with self._lock:
            return self._sequence

    def _add(self, token: str, caller: Caller, mfa: bool) -> IssuedToken:
        self._sequence += 1
        entry = IssuedToken(caller, mfa, self._sequence)
        self._tokens[token] = entry
        while len(self._tokens) > MAX_TOKENS:
            self._tokens.pop(next(iter(self._tokens)))
        return entry

    def issue(self, caller: Caller, *, mfa: bool = True, token: str | None = None) -> str:
        """Honour ``token`` (a new secret one when None) for ``caller`` from now on."""
        token = token.strip() if token else new_secret_token()
        with self._lock:
            self._add(token, caller, mfa)
        return token

    def lookup(self, token: str) -> IssuedToken | None:
        """What the sandbox knows of ``token``; None: it did not issue it (answer 401)."""
        if not token:
            return None
        with self._lock:
            known = self._tokens.get(token)
            if known is not None or self.issued_only:
                return known
            parsed = parse_structured(token)
            if parsed is None:
                return None
            # The embedded sandbox and its token provider are one program: a structured token
            # is issued the first time the sandbox sees it.
            return self._add(token, *parsed)

    def caller_of(self, token: str) -> Caller | None:
        """The caller of a token (structured tokens included, for the controls naming one)."""
        known = self.lookup(token)
        if known is not None:
            return known.caller
        parsed = parse_structured(token)
        return parsed[0] if parsed else None

    def count(self) -> int:
        with self._lock:
            return len(self._tokens)
