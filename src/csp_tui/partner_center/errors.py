"""One typed error for everything Partner Center (or the network on the way) can answer.

Partner Center has at least four error body shapes (classic ``{code, description, data,
source}``, the newer ``{code, message, errorName, isRetryable, ...}``, throttling
``{statusCode, message}`` and plain text). :func:`error_from_response` maps them all to a
:class:`PartnerCenterError` carrying the HTTP status, the Partner Center code and the
description, so services and screens branch on types and codes, never on text.
"""

from __future__ import annotations

import html
import json
from typing import Any


class PartnerCenterError(Exception):
    """Partner Center refused or failed a call."""

    #: Whether sending the very same request again (same MS-RequestId) may succeed.
    retryable: bool = False

    def __init__(
        self,
        description: str,
        *,
        status: int | None = None,
        code: str | None = None,
        error_name: str | None = None,
        request_id: str | None = None,
        correlation_id: str | None = None,
        retry_after: float | None = None,
        data: Any = None,
    ) -> None:
        super().__init__(description)
        self.description = description
        self.status = status
        self.code = code
        self.error_name = error_name
        self.request_id = request_id
        self.correlation_id = correlation_id
        self.retry_after = retry_after
        self.data = data

    def __str__(self) -> str:
        parts = []
        if self.status is not None:
            parts.append(f"HTTP {self.status}")
        if self.code:
            parts.append(f"code {self.code}")
        prefix = f"[{', '.join(parts)}] " if parts else ""
        return f"{prefix}{self.description}"


class BadRequestError(PartnerCenterError):
    """400: invalid input or a business rule (e.g. seat decrease outside the window)."""


class AuthenticationError(PartnerCenterError):
    """401: no valid token (expired, revoked, MFA missing). Signing in again fixes it."""


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


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None  # HTTP-date form: not used by Partner Center; let backoff decide
    return max(0.0, min(seconds, 3600.0))


def _error_fields(body: Any) -> tuple[str | None, str | None, str | None, Any]:
    """(code, description, error name, data) from any known error body shape."""
    if not isinstance(body, dict):
        return None, None, None, None
    lowered = {str(k).lower(): v for k, v in body.items()}
    code = lowered.get("code", lowered.get("statuscode"))
    description = lowered.get("description") or lowered.get("message")
    error_name = lowered.get("errorname")
    data = lowered.get("data")
    if isinstance(description, str):
        description = html.unescape(description).strip()
    return (
        str(code) if code is not None and code != "" else None,
        description if isinstance(description, str) and description else None,
        str(error_name) if error_name else None,
        data,
    )


def error_from_parts(
    status: int,
    text: str,
    headers: dict[str, str] | None = None,
) -> PartnerCenterError:
    """Build the typed error from a status, the body text and the response headers."""
    headers = {k.lower(): v for k, v in (headers or {}).items()}
    body: Any = None
    stripped = text.lstrip("\ufeff").strip()
    if stripped:
        try:
            body = json.loads(stripped)
        except ValueError:
            body = None
    code, description, error_name, data = _error_fields(body)
    if description is None:
        description = stripped[:500] if stripped and body is None else f"HTTP {status}"
    if status >= 500:
        cls: type[PartnerCenterError] = ServerError
    else:
        cls = _BY_STATUS.get(status, PartnerCenterError)
    return cls(
        description,
        status=status,
        code=code,
        error_name=error_name,
        request_id=headers.get("ms-requestid"),
        correlation_id=headers.get("ms-correlationid"),
        retry_after=parse_retry_after(headers.get("retry-after")),
        data=data,
    )
