"""One typed error for everything Partner Center (or the network on the way) can answer.

Partner Center has at least four error body shapes (classic ``{code, description, data,
source}``, the newer ``{code, message, errorName, isRetryable, ...}``, throttling
``{statusCode, message}`` and plain text). :func:`error_from_parts` maps them all to a
:class:`PartnerCenterError` carrying the HTTP status, the Partner Center code and the
description, so services and screens branch on types and codes, never on text.

A failure this client finds itself (no answer, an answer it cannot read) has no description
from Partner Center: it carries a catalog key instead, and its text is written in the current
language whenever it is shown.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from csp_tui.domain.text import safe_text
from csp_tui.i18n import t, tl


class PartnerCenterError(Exception):
    """Partner Center refused or failed a call."""

    #: Whether sending the very same request again (same MS-RequestId) may succeed.
    retryable: bool = False

    def __init__(
        self,
        description: str = "",
        *,
        status: int | None = None,
        code: str | None = None,
        error_name: str | None = None,
        request_id: str | None = None,
        correlation_id: str | None = None,
        retry_after: float | None = None,
        data: Any = None,
        message_key: str | None = None,
        params: Mapping[str, object] | None = None,
        where: str | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(description)
        self._description = description
        #: A catalog key (``pc.transport.*``, ``pc.malformed.*``) and its parameters, for a
        #: failure found here rather than told by Partner Center.
        self.message_key = message_key
        self.params = dict(params or {})
        #: The call ("GET /v1/customers", secrets removed) and technical detail (an exception's
        #: repr, a parser's message): data, shown untranslated around the catalog text.
        self.where = where
        self.detail = detail
        self.status = status
        self.code = code
        self.error_name = error_name
        self.request_id = request_id
        self.correlation_id = correlation_id
        self.retry_after = retry_after
        self.data = data

    @property
    def description(self) -> str:
        """Partner Center's own words as it sent them (remote text), or — for a failure found
        here — the catalog text in the current language between the call and the detail."""
        return self.describe()

    def describe(self, language: str | None = None) -> str:
        """:attr:`description` in ``language`` (None: the current one). An e-mail or a CLI
        answer may be written in another language than the console's."""
        if self.message_key is None:
            return self._description
        text = (tl(self.message_key, language, **self.params) if language
                else t(self.message_key, **self.params))
        if self.where:
            text = f"{self.where}: {text}"
        return f"{text} ({self.detail})" if self.detail else text

    def __str__(self) -> str:
        parts = []
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.code:
            parts.append(t("pc.error.code", code=self.code))
        prefix = f"[{', '.join(parts)}] " if parts else ""
        return f"{prefix}{self.description}"


class BadRequestError(PartnerCenterError):
    """400: invalid input or a business rule (e.g. seat decrease outside the window)."""


class AuthenticationError(PartnerCenterError):
    """401: no valid token (expired, revoked, MFA missing). Signing in again fixes it."""


class MfaRequiredError(AuthenticationError):
    """401 because the token lacks the multi-factor claim Partner Center demands (code 900421 or
    10001, or a ``WWW-Authenticate`` claims challenge). A plain refresh returns the same claims
    again; only a sign-in that asks for :attr:`claims` (and is approved with MFA) helps.

    Built by :func:`csp_tui.partner_center.mfa.mfa_required_error`, whose catalog key says what
    to do for the kind of token source (sign in with MFA; obtain the env token with MFA; the
    step-up already happened and Partner Center still refuses).
    """

    def __init__(self, description: str = "", *, claims: str = "",
                 repeated: bool = False, **kwargs: Any) -> None:
        super().__init__(description, **kwargs)
        #: The claims challenge to sign in with (a JSON object as text, as MSAL takes it).
        self.claims = claims
        #: The refused token came from a sign-in that already asked for these claims: signing
        #: in again will not help by itself, so nothing should start another sign-in.
        self.repeated = repeated


class ForbiddenError(PartnerCenterError):
    """403: this role may not do this (e.g. an indirect reseller creating a customer)."""


class NotFoundError(PartnerCenterError):
    """404."""


class ConflictError(PartnerCenterError):
    """409: something is in progress (renewal, order); try later."""

    retryable = True


class ThrottledError(PartnerCenterError):
    """429: rate limit; ``retry_after`` seconds to wait."""

    retryable = True


class ServerError(PartnerCenterError):
    """5xx: Partner Center failed; the same request may be retried."""

    retryable = True


class TransportError(PartnerCenterError):
    """No usable answer: timeout, dropped connection, unreadable body.

    The outcome of a write is *unknown*: the server may have acted. Callers retry with the same
    MS-RequestId or check before resending.
    """

    retryable = True


class MalformedResponseError(TransportError):
    """The body could not be parsed as the documented shape."""


_BY_STATUS: dict[int, type[PartnerCenterError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    412: BadRequestError,
    429: ThrottledError,
}


#: When to try again after a 409 that names no Retry-After, by Partner Center's code:
#: 900278 says "retry after 24 hours"; 800082 ("not ready") is a renewal or provisioning that
#: takes minutes to hours.
CONFLICT_RETRY_HINTS: dict[str, float] = {
    "900278": 24 * 3600.0,
    "800082": 30 * 60.0,
}


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None  # HTTP-date form: not used by Partner Center; let backoff decide
    return max(0.0, min(seconds, 3600.0))


def strip_body_noise(text: str) -> str:
    """The body without what some responses put before the JSON: a BOM (also one mis-decoded
    as ``ï»¿`` or ``?``) and whitespace."""
    cleaned = text.strip()
    for prefix in ("\ufeff", "ï»¿"):
        while cleaned.startswith(prefix):
            cleaned = cleaned[len(prefix):].lstrip()
    if cleaned.startswith("?") and cleaned[1:].lstrip()[:1] in ("{", "[", '"'):
        cleaned = cleaned[1:].lstrip()
    return cleaned


def _text_or_none(value: Any) -> str | None:
    if isinstance(value, str):
        value = html.unescape(value).strip()
        return value or None
    return None


def _inner_document(description: str) -> dict[str, Any] | None:
    """Some services put a whole JSON error document into ``description`` (legacy address
    validation): ``"{\"code\":\"60071\",\"reason\":\"ZipCityInvalid …\"}"``."""
    if not description.startswith("{"):
        return None
    try:
        inner = json.loads(description)
    except ValueError:
        return None
    return inner if isinstance(inner, dict) else None


def _error_fields(body: Any) -> tuple[str | None, str | None, str | None, Any, bool | None]:
    """(code, description, error name, data, retryable) from any known error body shape."""
    if isinstance(body, str):
        return None, _text_or_none(body), None, None, None
    if not isinstance(body, dict):
        return None, None, None, None, None
    lowered = {str(k).lower(): v for k, v in body.items()}
    nested = lowered.get("error")
    if isinstance(nested, dict) and not any(k in lowered for k in ("code", "description")):
        # OData / Graph style: {"error": {"code": "...", "message": "..."}}
        lowered = {str(k).lower(): v for k, v in nested.items()}
    elif isinstance(nested, str) and "code" not in lowered:
        # OAuth style: {"error": "invalid_token", "error_description": "..."}
        lowered = {"code": nested, "description": lowered.get("error_description"), **lowered}
    code = lowered.get("code", lowered.get("statuscode"))
    description = _text_or_none(lowered.get("description")) or _text_or_none(
        lowered.get("message"))
    error_name = lowered.get("errorname")
    data = lowered.get("data")
    if description:
        inner = _inner_document(description)
        if inner is not None:
            inner_lowered = {str(k).lower(): v for k, v in inner.items()}
            description = (_text_or_none(inner_lowered.get("reason"))
                           or _text_or_none(inner_lowered.get("description"))
                           or _text_or_none(inner_lowered.get("message"))
                           or description)
            data = data or inner
    retryable = lowered.get("isretryable")
    return (
        str(code).strip() if code is not None and str(code).strip() else None,
        description,
        str(error_name) if error_name else None,
        data,
        retryable if isinstance(retryable, bool) else None,
    )


def redirect_target(location: str | None) -> str:
    """A redirect's target as it may be shown: scheme, host and path; a user name, password
    or query (which may hold a secret) and any control character left out."""
    if not location:
        return "?"
    try:
        parts = urlsplit(location.strip())
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "?"
    origin = f"{parts.scheme}://{host}{port}" if parts.scheme and host else ""
    return safe_text(f"{origin}{parts.path}")[:300] or "?"


def error_from_parts(
    status: int,
    text: str,
    headers: dict[str, str] | None = None,
    *,
    request_id: str | None = None,
    correlation_id: str | None = None,
) -> PartnerCenterError:
    """Build the typed error from a status, the body text and the response headers.

    ``request_id``/``correlation_id`` are the ones the request carried; the response's own
    headers win when present.
    """
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    body: Any = None
    stripped = strip_body_noise(text)
    if stripped:
        try:
            body = json.loads(stripped)
        except ValueError:
            body = None
    code, description, error_name, data, retryable = _error_fields(body)
    message_key, params = None, {}
    if 300 <= status < 400 and description is None:
        # Redirects are never followed (the token must not go elsewhere): say where it
        # pointed, so the person can fix base_url.
        message_key = "pc.error.redirect"
        params = {"status": status, "target": redirect_target(headers.get("location"))}
    if description is None:
        if stripped and body is None:
            description = stripped[:500]
        elif status == 401 and headers.get("www-authenticate"):
            description = headers["www-authenticate"][:500]
        else:
            description = f"HTTP {status}"
    if status >= 500:
        cls: type[PartnerCenterError] = ServerError
    else:
        cls = _BY_STATUS.get(status, PartnerCenterError)
    error = cls(
        description,
        status=status,
        code=code,
        error_name=error_name,
        request_id=headers.get("ms-requestid") or request_id,
        correlation_id=headers.get("ms-correlationid") or correlation_id,
        retry_after=parse_retry_after(headers.get("retry-after")),
        data=data,
        message_key=message_key,
        params=params,
    )
    if retryable is not None:
        error.retryable = retryable  # the server said so explicitly for this answer
    if status == 409 and error.retry_after is None:
        error.retry_after = CONFLICT_RETRY_HINTS.get(str(code or "").strip())
    return error
