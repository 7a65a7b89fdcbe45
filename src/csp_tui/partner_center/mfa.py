"""Recognising Partner Center's "MFA required" answer and the claims to sign in with.

Since 1 April 2026 every App+User call must carry a token whose ``amr`` claim contains ``mfa``.
Partner Center says so with a 401 in one of two shapes:

* the classic error body with code ``900421`` or ``10001`` ("Authentication failed. MFA
  required.");
* a claims challenge in ``WWW-Authenticate``:
  ``Bearer error="insufficient_claims", claims="<base64 of a JSON claims request>"``.

Refreshing the token does not help (the refresh token carries the same authentication), so the
client raises :class:`~csp_tui.partner_center.errors.MfaRequiredError` with the claims a new
sign-in must ask for: the challenge's own when Partner Center sent one, else
:data:`MFA_CLAIMS`.

A token source may take part through an optional method ``mfa_challenge(claims, token)``
returning :class:`MfaAdvice`: it remembers the pending challenge (the device code sign-in asks
for it next time), and tells whether the refused token already came from such a sign-in — then
the answer is final and nothing starts another sign-in.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from csp_tui.partner_center import errors as pce

log = logging.getLogger(__name__)

#: Partner Center's codes for "this token was obtained without multi-factor authentication".
MFA_CODES = frozenset({"900421", "10001"})
#: What to ask Entra ID for when Partner Center sent no claims of its own.
MFA_CLAIMS: dict[str, Any] = {"access_token": {"amr": {"values": ["mfa"]}}}
MFA_CLAIMS_TEXT = json.dumps(MFA_CLAIMS, separators=(",", ":"))

# One auth-param of a WWW-Authenticate challenge: name="quoted value" or name=token.
_PARAM = re.compile(r'([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))')


@dataclass(frozen=True)
class MfaAdvice:
    """What a token source says about an MFA requirement: the catalog key (and parameters) of
    the sentence telling the person what to do, and whether the refusal is final."""

    message_key: str
    params: Mapping[str, object] = field(default_factory=dict)
    #: The refused token came from a sign-in that already asked for these claims.
    repeated: bool = False


GENERIC_ADVICE = MfaAdvice("mfa.required.generic")


def challenge_params(header: str) -> dict[str, str]:
    """The auth-params of a ``WWW-Authenticate`` value, names in lower case (the first one wins
    when several challenges repeat a name)."""
    params: dict[str, str] = {}
    for name, quoted, bare in _PARAM.findall(header or ""):
        value = re.sub(r"\\(.)", r"\1", quoted) if quoted else bare
        params.setdefault(name.lower(), value)
    return params


def decode_claims(value: str) -> str | None:
    """The JSON text of a challenge's ``claims`` (base64, standard or URL-safe, padding
    optional; some services send the JSON itself). None when it is not a JSON object."""
    text = value.strip()
    if not text:
        return None
    candidates = [text]
    padded = text + "=" * (-len(text) % 4)
    for decoder in (base64.b64decode, base64.urlsafe_b64decode):
        try:
            candidates.append(decoder(padded.encode("ascii")).decode("utf-8"))
        except (binascii.Error, UnicodeError, ValueError):
            continue
    for candidate in candidates:
        try:
            parsed = json.loads(candidate)
        except ValueError:
            continue
        if isinstance(parsed, dict) and parsed:
            return json.dumps(parsed, separators=(",", ":"))
    return None


def mfa_claims(error: pce.PartnerCenterError, headers: Mapping[str, str]) -> str | None:
    """The claims to sign in with when this 401 asks for multi-factor authentication, else
    None (an expired or revoked token, a wrong audience: a refresh or a plain sign-in)."""
    if error.status != 401:
        return None
    header = ""
    for key, value in headers.items():
        if key.lower() == "www-authenticate":
            header = value
            break
    params = challenge_params(header)
    claims = decode_claims(params["claims"]) if params.get("claims") else None
    asks_for_claims = params.get("error", "").lower() == "insufficient_claims" or bool(claims)
    if error.code in MFA_CODES or asks_for_claims:
        if params.get("claims") and claims is None:
            log.warning("Partner Center sent a claims challenge that is not base64 JSON; "
                        "asking for multi-factor authentication instead")
        return claims or MFA_CLAIMS_TEXT
    return None


def mfa_required_error(error: pce.PartnerCenterError, claims: str, token_source: object,
                       token: str) -> pce.MfaRequiredError:
    """The typed error for an MFA 401, worded by the token source (device code, env token,
    sandbox), which also remembers the pending challenge."""
    advice = GENERIC_ADVICE
    hook = getattr(token_source, "mfa_challenge", None)
    if callable(hook):
        try:
            answer = hook(claims, token)
        except Exception:  # remembering the challenge must not hide Partner Center's answer
            log.exception("the token source could not record the MFA challenge")
            answer = None
        if isinstance(answer, MfaAdvice):
            advice = answer
    params = {"code": error.code or "401", **advice.params}
    return pce.MfaRequiredError(
        error.describe(), claims=claims, repeated=advice.repeated,
        message_key=advice.message_key, params=params,
        status=error.status, code=error.code, error_name=error.error_name,
        request_id=error.request_id, correlation_id=error.correlation_id, data=error.data)
