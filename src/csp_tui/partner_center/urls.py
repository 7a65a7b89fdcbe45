"""Where a call goes, and how it is shown: path segments quoted, query strings, the server's
next links made safe (never to another host), and the path as the command log shows it (values
of unknown query parameters, which may be secrets, never written)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode

import httpx

from csp_tui.domain.text import safe_text

# Query parameters whose values the command log keeps (lower case): those csp-tui itself
# sends and Partner Center's documented paging and filtering ones. A next link may carry any
# other name (``auth``, ``jwt``, ``SharedAccessKey``...): its value is never written.
_SAFE_QUERY_KEYS = frozenset({
    "size", "filter", "seekoperation", "relationship_type", "indirectresellerid",
    "indirectcloudsolutionproviderid", "offset", "top", "skip", "startdate", "enddate",
    "country", "targetview", "targetsegment", "pagesize", "view",
})


def segment(value: str, what: str) -> str:
    """One path segment. Ids come from remote data: quote everything, refuse empties.

    ``what`` names the argument. An empty one is a caller's bug (ids come from the cache or
    are checked where a person types them), so the ValueError stays English: no one reads it
    but a developer.
    """
    text = str(value).strip()
    if not text:
        raise ValueError(f"{what} must not be empty")
    return quote(text, safe="")


def _query(params: Mapping[str, Any]) -> str:
    present = {k: v for k, v in params.items() if v is not None}
    return urlencode(present, quote_via=quote) if present else ""


def with_query(path: str, params: Mapping[str, Any] | None = None) -> str:
    query = _query(params or {})
    return f"{path}?{query}" if query else path


def split_target(target: str) -> tuple[str, str]:
    path, _, query = target.partition("?")
    return path, query


def normalise_link(uri: str, base_url: httpx.URL) -> str | None:
    """A server-provided link as a ``/v1/...`` target relative to ``base_url``, or ``None``.

    Links are relative and inconsistent: with or without ``/v1``, a doubled ``/v1//v1/``, a
    second ``?`` where ``&`` belongs. An absolute link to another host is refused (it would
    receive the bearer token), as is anything with whitespace or control characters.
    """
    text = uri.strip()
    if not text or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return None
    if "://" in text or text.startswith("//"):
        try:
            absolute = httpx.URL(text if "://" in text else f"{base_url.scheme}:{text}")
        except (httpx.InvalidURL, ValueError):
            return None
        if (absolute.scheme, absolute.host, absolute.port) != (
                base_url.scheme, base_url.host, base_url.port):
            return None
        text = absolute.raw_path.decode("ascii", "replace")
        base_path = base_url.raw_path.decode("ascii", "replace").split("?")[0].rstrip("/")
        if base_path and (text == base_path or text.startswith(base_path + "/")):
            text = text[len(base_path):]
    text = text.split("#", 1)[0]
    path, _, query = text.partition("?")
    query = "&".join(part for part in query.replace("?", "&").split("&") if part)
    segments = [segment for segment in path.split("/") if segment and segment != "."]
    if ".." in segments:
        return None
    while len(segments) >= 2 and segments[0].lower() == "v1" and segments[1].lower() == "v1":
        segments.pop(0)
    if not segments:
        return None
    if segments[0].lower() != "v1":
        segments.insert(0, "v1")
    return "/" + "/".join(segments) + (f"?{query}" if query else "")


# Creations Partner Center documents as idempotent by MS-RequestId (customer, order, cart,
# checkout): resending one with the same id returns the first result instead of acting again.
_REPLAYED_WRITES = (
    re.compile(r"^/v1/customers/?$"),
    re.compile(r"^/v1/customers/[^/]+/orders/?$"),
    re.compile(r"^/v1/customers/[^/]+/carts/?$"),
    re.compile(r"^/v1/customers/[^/]+/carts/[^/]+/checkout/?$"),
)


def replayed_by_request_id(method: str, target: str) -> bool:
    """Whether resending this write with the same ``MS-RequestId`` cannot act twice."""
    path = split_target(target)[0].lower()
    return method.upper() == "POST" and any(p.match(path) for p in _REPLAYED_WRITES)


def with_seek_next(target: str) -> str:
    path, query = split_target(target)
    parts = [p for p in query.split("&") if p and not p.lower().startswith("seekoperation=")]
    parts.append("seekOperation=Next")
    return f"{path}?{'&'.join(parts)}"


def loggable_path(target: str) -> str:
    """The path and query as a person reads them in the command log, secrets removed."""
    path, query = split_target(target)
    if not query:
        return safe_text(unquote(path))
    shown = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key.strip().lower() not in _SAFE_QUERY_KEYS:
            value = "***"
        shown.append(f"{key}={value}")
    return safe_text(f"{unquote(path)}?{'&'.join(shown)}")
