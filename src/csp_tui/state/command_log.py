"""The command log: every call the app made to Partner Center (time, status, request id).

People trust a tool that shows what it did on their behalf, and a support case needs the
request and correlation ids. Only the method and path are kept — no bodies — and anything that
looks like a credential is redacted before it is written, even though the REST client should
never put one in a path or an error text in the first place.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from csp_tui.db import Transaction
from csp_tui.state import JWT, timestamp
from csp_tui.state.operator import current_operator

DEFAULT_KEEP = 50_000
# The log trims itself every this many rows, so it stays bounded without a separate job.
_PRUNE_EVERY = 1_000
REDACTED = "[redacted]"

_COLUMNS = ("id", "at", "method", "path", "status", "duration_ms", "request_id",
            "correlation_id", "error")

# Parameter names that carry a credential: anything containing these words ...
_SECRET_WORDS = ("token", "password", "passwd", "secret", "credential")
# ... and these exact names (assertions, signed-URL signatures, API keys). Not "code": Partner
# Center error bodies carry a numeric "code" that the log must keep.
_SECRET_NAMES = frozenset({
    "pwd", "assertion", "client_assertion", "code_verifier", "sig", "signature", "apikey",
    "api_key", "api-key", "authorization",
})

_KEY = r"[A-Za-z0-9_.\-]+"
# "Authorization: Bearer xyz", "authorization=xyz", '"Authorization": "Basic xyz"'
_AUTH_HEADER = re.compile(
    r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?)(?:(?:bearer|basic|negotiate)\s+)?[^\s\"'&,;]+"
)
_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9\-._~+/]+=*")
# name=value in a query string, a form body or a log line
_PAIR = re.compile(rf"(?P<key>{_KEY})=(?P<value>[^&\s#;,\"']*)")
# "name": "value" / 'name': value in JSON-ish text
_JSON_PAIR = re.compile(
    rf"(?P<q>[\"']?)(?P<key>{_KEY})(?P=q)\s*:\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s,}}&;]+)"
)


def _is_secret_name(name: str) -> bool:
    lowered = name.lower()
    return lowered in _SECRET_NAMES or any(word in lowered for word in _SECRET_WORDS)


def _redact_pair(match: re.Match[str]) -> str:
    if not _is_secret_name(match["key"]) or match["value"] in ("", REDACTED):
        return match[0]
    return f"{match['key']}={REDACTED}"


def _redact_json_pair(match: re.Match[str]) -> str:
    if not _is_secret_name(match["key"]):
        return match[0]
    quote = match["q"]
    value = match["value"]
    wrap = value[0] if value[:1] in ("\"", "'") else ""
    return f"{quote}{match['key']}{quote}: {wrap}{REDACTED}{wrap}"


def redact(text: str | None) -> str | None:
    """Remove credentials from a path or an error text: authorization headers, bearer tokens,
    ``token=``/``password=``-style parameters, JSON fields named like secrets, and JWTs."""
    if text is None:
        return None
    cleaned = _AUTH_HEADER.sub(lambda m: m[1] + REDACTED, text)
    cleaned = _BEARER.sub(lambda m: f"{m[1]} {REDACTED}", cleaned)
    cleaned = _PAIR.sub(_redact_pair, cleaned)
    cleaned = _JSON_PAIR.sub(_redact_json_pair, cleaned)
    return JWT.sub(REDACTED, cleaned)


def _values(*, at: str, method: str, path: str, status: int | None, duration_ms: int | float,
            request_id: str | None, correlation_id: str | None,
            error: str | None) -> tuple[Any, ...]:
    return (timestamp(at), method.upper(), redact(path) or "",
            None if status is None else int(status), round(duration_ms), request_id,
            correlation_id, redact(error), current_operator())


_INSERT = (
    "INSERT INTO command_log(at, method, path, status, duration_ms, request_id, "
    "correlation_id, error, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def append(db: sqlite3.Connection, *, at: str, method: str, path: str, status: int | None,
           duration_ms: int | float, request_id: str | None, correlation_id: str | None,
           error: str | None) -> int:
    """Log one call (redacted); returns the row id."""
    with Transaction(db) as conn:
        # RETURNING, not lastrowid: PostgreSQL has no lastrowid (SQLite has RETURNING since
        # 3.35).
        cursor = conn.execute(_INSERT + " RETURNING id", _values(
            at=at, method=method, path=path, status=status, duration_ms=duration_ms,
            request_id=request_id, correlation_id=correlation_id, error=error))
        row_id = int(cursor.fetchone()[0])
    if row_id % _PRUNE_EVERY == 0:
        prune(db, keep=DEFAULT_KEEP)
    return row_id


def append_many(db: sqlite3.Connection, records: Iterable[Mapping[str, Any]]) -> int:
    """Log several calls in one transaction; each record has :func:`append`'s keywords.
    Returns how many were written."""
    rows = [
        _values(at=record["at"], method=record["method"], path=record["path"],
                status=record.get("status"), duration_ms=record.get("duration_ms", 0),
                request_id=record.get("request_id"),
                correlation_id=record.get("correlation_id"), error=record.get("error"))
        for record in records
    ]
    if not rows:
        return 0
    with Transaction(db) as conn:
        conn.executemany(_INSERT, rows)
    prune(db, keep=DEFAULT_KEEP)
    return len(rows)


def recent(db: sqlite3.Connection, limit: int = 500, *, errors_only: bool = False
           ) -> list[dict[str, Any]]:
    """The newest calls first. ``errors_only``: no response, a 4xx/5xx status, or an error."""
    sql = f"SELECT {', '.join(_COLUMNS)} FROM command_log"
    if errors_only:
        sql += " WHERE status IS NULL OR status >= 400 OR error IS NOT NULL"
    sql += " ORDER BY id DESC LIMIT ?"
    return [dict(zip(_COLUMNS, row, strict=True))
            for row in db.execute(sql, (limit,)).fetchall()]


def prune(db: sqlite3.Connection, keep: int = DEFAULT_KEEP) -> int:
    """Keep the newest ``keep`` rows; returns how many were deleted."""
    with Transaction(db) as conn:
        cursor = conn.execute(
            "DELETE FROM command_log WHERE id <= "
            "(SELECT id FROM command_log ORDER BY id DESC LIMIT 1 OFFSET ?)",
            (max(0, keep),),
        )
        return cursor.rowcount


def last_status(db: sqlite3.Connection, request_id: str) -> int | None:
    """The status Partner Center last answered a request with this ``MS-RequestId`` (None: no
    answer was logged). In a team the log is shared: what another operator's runner got before
    it died is known here too."""
    row = db.execute(
        "SELECT status FROM command_log WHERE request_id = ? AND status IS NOT NULL "
        "ORDER BY id DESC LIMIT 1", (request_id,)).fetchone()
    return int(row[0]) if row else None
