"""The sandbox's error answers that do not come from a route: Partner Center's classic error
body, and what it answers to a refused token, a missing MFA claim and a caller over its rate."""

from __future__ import annotations

import base64
import json
from typing import Any

from starlette.responses import JSONResponse

from csp_tui.sandbox.faults import AUTH_EXPIRED
from csp_tui.sandbox.ratelimit import retry_after_seconds


def classic_error(status: int, code: int | str, description: str,
                  data: list[Any] | None = None,
                  headers: dict[str, str] | None = None) -> JSONResponse:
    """Partner Center's classic ("PartnerFD") error body."""
    return JSONResponse({"code": code, "description": description, "data": data or [],
                         "source": "PartnerFD"}, status_code=status, headers=headers)


def token_refused(reason: str) -> JSONResponse:
    # What Partner Center answers for a token Entra ID no longer honours.
    description = ("The access token has expired." if reason == AUTH_EXPIRED
                   else "The sign-in behind this access token was revoked.")
    return classic_error(
        401, 800001, description,
        headers={"WWW-Authenticate": f'Bearer error="invalid_token", '
                                     f'error_description="{description}"'})


# What Partner Center asks for when a token lacks multi-factor authentication.
MFA_CLAIMS = {"access_token": {"amr": {"values": ["mfa"]}}}


def mfa_required() -> JSONResponse:
    """Partner Center's answer to an App+User token without ``amr: mfa`` (code 10001), with
    the claims challenge a client passes to its next sign-in."""
    claims = base64.b64encode(json.dumps(MFA_CLAIMS, separators=(",", ":")).encode()).decode()
    return classic_error(
        401, 10001, "Authentication failed. MFA required.",
        headers={"WWW-Authenticate": f'Bearer realm="", error="insufficient_claims", '
                                     f'error_description="Multi-factor authentication is '
                                     f'required.", claims="{claims}"'})


def throttled(wait: float) -> JSONResponse:
    seconds = retry_after_seconds(wait)
    return JSONResponse(
        {"statusCode": 429, "message": f"Rate limit is exceeded. Try again in {seconds} seconds."},
        status_code=429, headers={"Retry-After": str(seconds)})
