"""The MFA step-up of a device code sign-in.

When Partner Center refuses a token for lack of multi-factor authentication
(:mod:`csp_tui.partner_center.mfa`), the client tells the provider (``mfa_challenge``): the
device code provider remembers the claims to ask for — in memory and in a small 0600 file beside
the token cache, so ``csp-tui login`` in another terminal asks for them too — and the next device
flow sends them. A token that came from a step-up and is still refused is told as such, and
nothing starts another sign-in by itself."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from pathlib import Path
from typing import Any

from csp_tui.config import Profile
from csp_tui.i18n import t
from csp_tui.partner_center.auth.errors import LOGIN_COMMAND
from csp_tui.partner_center.auth.private_files import (
    file_signature,
    private_dir,
    write_private_file,
)
from csp_tui.partner_center.mfa import MfaAdvice

log = logging.getLogger(__name__)


#: Beside the token cache: the claims Partner Center asked for and whether a step-up answered.
MFA_STATE_FILE = "mfa-step-up.json"


class MfaStepUp:
    """The step-up state of one profile's sign-in, shared with other processes through
    :attr:`mfa_state_path`. Mixed into
    :class:`~csp_tui.partner_center.auth.device_code.DeviceCodeAuth`, which provides the profile,
    the token cache path and the lock."""

    profile: Profile
    token_cache_path: Path
    _lock: threading.RLock
    #: The MFA step-up state as last read or written (see :meth:`mfa_state`).
    _mfa_state: dict[str, Any]
    _mfa_signature: tuple[int, int, int] | None

    @property
    def mfa_state_path(self) -> Path:
        return self.token_cache_path.with_name(MFA_STATE_FILE)

    def mfa_state(self) -> dict[str, Any]:
        """``{"status": "pending" | "satisfied" | "refused", "claims": ..., "token": ...}``:
        Partner Center asked for ``claims`` and no sign-in answered yet (pending); a sign-in
        asked for them and got the token whose digest is ``token`` (satisfied); that token was
        refused again (refused). Empty: nothing asked. Shared with other processes through the
        file, read again when it changed."""
        with self._lock:
            signature = file_signature(self.mfa_state_path)
            if signature != self._mfa_signature:
                self._mfa_signature = signature
                self._mfa_state = _read_mfa_state(self.mfa_state_path) if signature else {}
            return dict(self._mfa_state)

    def pending_claims(self) -> str | None:
        """The claims the next sign-in must ask for (pending, or refused after a step-up)."""
        state = self.mfa_state()
        if state.get("status") in ("pending", "refused"):
            return text_or_none(state.get("claims"))
        return None

    def mfa_challenge(self, claims: str, token: str) -> MfaAdvice:
        """Partner Center refused ``token`` for lack of MFA and asks for ``claims``: remember
        them for the next sign-in. When ``token`` came from a sign-in that already asked for
        claims, the refusal is final (told, and nothing signs in again by itself)."""
        params = {"profile": self.profile.name, "command": LOGIN_COMMAND}
        with self._lock:
            state = self.mfa_state()
            repeated = (state.get("status") in ("satisfied", "refused")
                        and state.get("token") == _token_digest(token))
            if repeated:
                self._write_mfa_state({"status": "refused", "claims": claims,
                                       "token": state.get("token")})
                log.warning("Partner Center still requires MFA after a step-up (profile %s)",
                            self.profile.name)
                return MfaAdvice("mfa.required.repeated", params, repeated=True)
            self._write_mfa_state({"status": "pending", "claims": claims})
        return MfaAdvice("mfa.required.device", params)

    def _record_step_up(self, claims: str, token: str) -> None:
        with self._lock:
            self._write_mfa_state({"status": "satisfied", "claims": claims,
                                   "token": _token_digest(token)})

    def _write_mfa_state(self, state: dict[str, Any] | None) -> None:
        path = self.mfa_state_path
        try:
            if state is None:
                path.unlink(missing_ok=True)
            else:
                private_dir(path.parent)
                write_private_file(path, json.dumps(state))
        except OSError as exc:
            # Kept in memory for this process; `csp-tui login` elsewhere then asks without the
            # claims and Partner Center's next 401 says so again.
            log.warning("cannot write %s: %s", path, exc.strerror or type(exc).__name__)
        self._mfa_state = dict(state or {})
        self._mfa_signature = file_signature(path)

    def _mfa_text(self, key: str) -> str:
        return t(key, profile=self.profile.name, command=LOGIN_COMMAND, code="401")


def _token_digest(token: str) -> str:
    """Which token a step-up produced, without keeping the token: a truncated SHA-256."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()[:32]


def text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _read_mfa_state(path: Path) -> dict[str, Any]:
    try:
        parsed = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # unreadable: as if nothing was asked; Partner Center will ask again
    return parsed if isinstance(parsed, dict) else {}
