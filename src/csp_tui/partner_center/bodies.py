"""Reading an answer's body (a BOM, noise around the JSON, lone surrogates) and the errors for
an answer that cannot be used: not JSON, not the documented shape, beyond the limits."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
from pydantic import ValidationError

from csp_tui.partner_center import errors as pce
from csp_tui.partner_center import limits
from csp_tui.partner_center.urls import loggable_path


def body_text(response: httpx.Response) -> str:
    content = response.content
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return response.text


# A "\ud800"-style escape of half a surrogate pair: json.loads turns it into a lone surrogate,
# which no terminal can show and SQLite refuses to store (the whole sync would stop on it).
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _without_lone_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(key): _without_lone_surrogates(item)
                for key, item in value.items()}
    return value


def parse_body(response: httpx.Response) -> Any:
    """The JSON body (``None`` when empty). Raises ``ValueError`` when it is not JSON.

    Lone surrogates from ``\\uD8xx`` escapes become U+FFFD (pairs decode as usual)."""
    text = pce.strip_body_noise(body_text(response))
    if not text:
        return None
    body = json.loads(text)
    if _SURROGATE_ESCAPE.search(text):
        body = _without_lone_surrogates(body)
    return body


def malformed(message_key: str, target: str, *, detail: str | None = None,
              **params: object) -> pce.MalformedResponseError:
    """An answer that is not the documented shape: words from the catalog (shown in the
    current language), the path as the command log shows it (secrets removed), the technical
    detail untranslated."""
    return pce.MalformedResponseError(message_key=message_key, params=params,
                                      where=loggable_path(target), detail=detail)


def beyond_limits(exc: Exception, where: str, request_id: str,
                  correlation_id: str) -> pce.TransportError:
    if isinstance(exc, limits.DeadlineExceeded):
        return pce.TransportError(message_key="pc.transport.deadline",
                                  params={"seconds": f"{exc.seconds:g}"}, where=where,
                                  request_id=request_id, correlation_id=correlation_id)
    assert isinstance(exc, limits.BodyTooLarge)
    return pce.MalformedResponseError(message_key="pc.malformed.too_large",
                                      params={"megabytes": exc.limit // (1024 * 1024)},
                                      where=where, request_id=request_id,
                                      correlation_id=correlation_id)


def error_label(error: pce.PartnerCenterError) -> str:
    if error.code:
        return f"code {error.code}"
    if error.status is not None:
        return f"HTTP {error.status}"
    return error.description


def first_error(exc: ValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return str(exc)
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg', '')}"
