"""Read-only queries of ``state.db`` behind the console's lists and detail screens: the
invitation ledger, the command log, the outbox's pending count. Nothing here writes.

Window queries like the cache's (:mod:`csp_tui.db.reads`); the cache's own reads are
``cache/views``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from csp_tui.db.reads import ListQuery, like_pattern, record


@dataclass(frozen=True, slots=True)
class InvitationListRow:
    id: str
    company_name: str
    contact_name: str
    contact_email: str
    domain: str
    status: str  # pending | accepted | cancelled (stale is derived by the caller with a clock)
    created_at: str
    last_sent_at: str
    send_count: int
    customer_id: str | None
    #: Who issued it (the operator's UPN or user@host; "by" in --json).
    by: str = ""


@dataclass(frozen=True, slots=True)
class CommandLogRow:
    id: int
    at: str
    method: str
    path: str
    status: int | None
    duration_ms: int
    request_id: str | None
    error: str | None
    #: Whose process made the call ("by" in --json).
    by: str = ""


INVITATION_SORTS: tuple[str, ...] = ("sent", "company", "status")


_INVITATION_ORDER = {
    "sent": (("i.last_sent_at", "i.id"),) * 2,
    "company": (("i.name_fold", "i.id"),) * 2,
    "status": (("i.status", "i.last_sent_at", "i.id"),) * 2,
}


def _invitation_query(filter: str, sort: str, descending: bool) -> ListQuery:
    where: list[str] = []
    params: list[Any] = []
    pattern = like_pattern(filter)
    if pattern:
        where.append("(i.name_fold LIKE ? ESCAPE '\\' OR lower(i.contact_email) LIKE ? "
                     "ESCAPE '\\' OR lower(i.domain) LIKE ? ESCAPE '\\')")
        params.extend([pattern] * 3)
    order, order_nonnull = _INVITATION_ORDER.get(sort, _INVITATION_ORDER["sent"])
    return ListQuery(
        source="invitations AS i",
        columns="i.id, i.company_name, i.contact_name, i.contact_email, i.domain, i.status, "
                "i.created_at, i.last_sent_at, i.send_count, i.customer_id, i.operator",
        key="i.id", where=tuple(where), params=tuple(params), order=order,
        order_nonnull=order_nonnull, descending=descending, rid="i.rowid",
    )


def count_invitations(state: sqlite3.Connection, filter: str = "") -> int:
    return _invitation_query(filter, "sent", False).count(state)


def invitation_rows(
    state: sqlite3.Connection,
    *,
    filter: str = "",
    sort: str = "sent",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
    total: int | None = None,
) -> list[InvitationListRow]:
    query = _invitation_query(filter, sort, descending)
    rows = query.rows(state, offset, limit, total)
    return [InvitationListRow(*row) for row in rows]


def invitation_index_of(
    state: sqlite3.Connection, id: str, filter: str = "", sort: str = "sent",
    descending: bool = True,
) -> int | None:
    return _invitation_query(filter, sort, descending).index_of(state, id)


COMMAND_LOG_SORTS: tuple[str, ...] = ("time", "status", "duration")


_COMMAND_ORDER = {
    "time": (("l.at", "l.id"),) * 2,
    "status": (("l.status", "l.id"), ("IFNULL(l.status, -1)", "l.id")),
    "duration": (("l.duration_ms", "l.id"),) * 2,
}


def _command_query(filter: str, sort: str, descending: bool) -> ListQuery:
    where: list[str] = []
    params: list[Any] = []
    pattern = like_pattern(filter)
    if pattern:
        where.append("(lower(l.path) LIKE ? ESCAPE '\\' OR lower(l.method) LIKE ? ESCAPE '\\' "
                     "OR lower(IFNULL(l.request_id, '')) LIKE ? ESCAPE '\\' "
                     "OR CAST(l.status AS TEXT) LIKE ? ESCAPE '\\')")
        params.extend([pattern] * 4)
    order, order_nonnull = _COMMAND_ORDER.get(sort, _COMMAND_ORDER["time"])
    return ListQuery(
        source="command_log AS l",
        columns="l.id, l.at, l.method, l.path, l.status, l.duration_ms, l.request_id, l.error, "
                "l.operator",
        key="l.id", where=tuple(where), params=tuple(params), order=order,
        order_nonnull=order_nonnull, descending=descending, rid="l.rowid",
    )


def count_commands(state: sqlite3.Connection, filter: str = "") -> int:
    return _command_query(filter, "time", True).count(state)


def command_rows(
    state: sqlite3.Connection,
    *,
    filter: str = "",
    sort: str = "time",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
    total: int | None = None,
) -> list[CommandLogRow]:
    query = _command_query(filter, sort, descending)
    rows = query.rows(state, offset, limit, total)
    return [CommandLogRow(*row) for row in rows]


def command_index_of(
    state: sqlite3.Connection, id: int, filter: str = "", sort: str = "time",
    descending: bool = True,
) -> int | None:
    return _command_query(filter, sort, descending).index_of(state, id)


def outbox_pending(state: sqlite3.Connection) -> int:
    """Queued writes not yet done (what the status bar counts)."""
    row = state.execute(
        "SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending', 'needs_attention')"
    ).fetchone()
    return int(row[0])


def invitation_record(state: sqlite3.Connection, id: str) -> dict[str, Any] | None:
    return record(state, "SELECT * FROM invitations WHERE id = ?", (id,))


def command_record(state: sqlite3.Connection, id: int) -> dict[str, Any] | None:
    return record(state, "SELECT * FROM command_log WHERE id = ?", (id,))
