"""MSAL's answers and exceptions as errors a person understands (translated, with the AADSTS
codes kept for support and for code that branches on them)."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from contextlib import suppress
from typing import Any

from csp_tui.i18n import t
from csp_tui.partner_center.auth.errors import (
    AuthError,
    AuthFailedError,
    AuthUnreachableError,
    SignInRequiredError,
)

log = logging.getLogger(__name__)


_MFA_CODES = {50072, 50074, 50076, 50078, 50079}
_EXPIRED_CODES = {70008, 70043, 700081, 700082, 700084}
_REVOKED_CODES = {50132, 50133, 50173, 54005, 50057, 50055}
_CONSENT_CODES = {65001, 65004, 650052, 650057}
_PUBLIC_CLIENT_CODES = {7000218}
_CLIENT_ID_CODES = {700016, 7000215}
_TENANT_CODES = {90002, 900023, 900022}
_CONDITIONAL_ACCESS_CODES = {53000, 53001, 53002, 53003}
_AADSTS = re.compile(r"AADSTS(\d+)")


def _codes(result: Mapping[str, Any]) -> tuple[int, ...]:
    codes: list[int] = []
    for value in result.get("error_codes") or ():
        with suppress(TypeError, ValueError):
            codes.append(int(value))
    for match in _AADSTS.findall(str(result.get("error_description") or "")):
        if int(match) not in codes:
            codes.append(int(match))
    return tuple(codes)


def first_line(text: str, limit: int = 300) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line[:limit]


def result_to_auth_error(result: Mapping[str, Any], *, refreshing: bool, hint: str) -> AuthError:
    """One MSAL error answer as a typed error with a translated message.

    ``refreshing``: the answer came from a silent refresh, where most failures mean "sign in
    again"; during the device flow they mean "this attempt failed".
    """
    error = str(result.get("error") or "")
    codes = _codes(result)
    found = set(codes)
    detail = first_line(str(result.get("error_description") or error))

    def sign_in(key: str) -> SignInRequiredError:
        text = f"{t(key)} {hint}" if hint else t(key)
        return SignInRequiredError(text, error=error, codes=codes)

    def failed(key: str, **kw: object) -> AuthFailedError:
        return AuthFailedError(t(key, **kw), error=error, codes=codes)

    if found & _MFA_CODES:
        return sign_in("auth.error.mfa")
    if found & _EXPIRED_CODES and refreshing:
        return sign_in("auth.error.refresh_expired")
    if found & _REVOKED_CODES:
        return sign_in("auth.error.revoked")
    if found & _CONSENT_CODES:
        return failed("auth.error.consent")
    if found & _PUBLIC_CLIENT_CODES:
        return failed("auth.error.public_client")
    if found & _CLIENT_ID_CODES:
        return failed("auth.error.client_id")
    if found & _TENANT_CODES:
        return failed("auth.error.tenant")
    if found & _CONDITIONAL_ACCESS_CODES:
        return failed("auth.error.conditional_access")
    if error == "authorization_declined":
        return failed("auth.error.declined")
    if error in {"expired_token", "code_expired"} or (found & _EXPIRED_CODES):
        return failed("auth.error.code_expired")
    if error in {"temporarily_unavailable", "server_error"}:
        return AuthUnreachableError(t("auth.error.unreachable", detail=detail))
    if refreshing and error in {"invalid_grant", "interaction_required", "login_required",
                                "consent_required", "no_account_found"}:
        return sign_in("auth.error.sign_in_again")
    return failed("auth.error.generic", error=error or "?", detail=detail)


def exception_to_auth_error(exc: BaseException) -> AuthError:
    """Exceptions from MSAL or its HTTP layer. Never includes request bodies (tokens)."""
    if isinstance(exc, AuthError):
        return exc
    if isinstance(exc, OSError):  # requests' errors derive from OSError too
        return AuthUnreachableError(t("auth.error.unreachable", detail=type(exc).__name__))
    name = type(exc).__name__
    error = getattr(exc, "error", None)
    if name == "MsalServiceError" and error:
        return result_to_auth_error(
            {"error": error, "error_description": getattr(exc, "error_description", "")},
            refreshing=False, hint="")
    if name == "MsalServiceError":  # raise_for_status() on a 5xx
        return AuthUnreachableError(t("auth.error.unreachable", detail=first_line(str(exc))))
    log.debug("sign-in failed with %s", name)
    return AuthFailedError(t("auth.error.generic", error=name, detail=first_line(str(exc))))
