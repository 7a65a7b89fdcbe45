"""Queued writes to Partner Center: never lost, never sent twice.

A write is first a row here (with an idempotency key sent as ``MS-RequestId`` on every attempt),
then the runner executes it. Life of an entry::

    queued --claim--> sending --> done
       ^                 |  \\--> failed            (final unless the user re-queues it)
       |                 |   \\-> needs_attention   (outcome unknown / a person must look)
       +----- retry -----+
    failed | needs_attention --requeue--> queued    (same idempotency key)
    failed | needs_attention --discard--> failed    (kept for the record)

``dedupe_key`` (e.g. the new tenant's domain) allows one live entry per key: enqueueing the same
tenant twice returns the entry already there. A failed entry no longer holds its key.
Payloads and results are JSON and must never hold a secret: they are checked on the way in.

In a team (PostgreSQL, ``state/store.py``) the queue is shared: a claim locks the row
(``FOR UPDATE SKIP LOCKED``) and holds a lease (``lease_until``), so exactly one operator's
runner sends an entry; an entry whose sender died is taken over once its lease has ended and
checked before any resend. Every entry records who queued it (``by``); the second operator
asking for the same dedupe key gets the first one's entry.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from csp_tui.db import Transaction
from csp_tui.domain.text import safe_text
from csp_tui.i18n import t
from csp_tui.state import NotFoundError, reject_secrets, timestamp
from csp_tui.state.operator import current_operator, engine_of
from csp_tui.timestamps import parse_timestamp, stamp


class OutboxState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    DONE = "done"
    FAILED = "failed"
    NEEDS_ATTENTION = "needs_attention"


# What an entry asks Partner Center to do. Defined with the outbox, not with the runner that
# sends them, so that queueing work never imports the REST client.
KIND_CREATE_CUSTOMER = "create_customer"
KIND_PATCH_SUBSCRIPTION = "patch_subscription"
KIND_CREATE_QUALIFICATION = "create_qualification"

PENDING_STATES = (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.NEEDS_ATTENTION)


class OutboxError(ValueError):
    """An illegal outbox operation (e.g. re-queueing an entry that is done)."""


@dataclass(frozen=True)
class OutboxEntry:
    id: str
    idempotency_key: str
    kind: str
    customer_id: str | None
    subject: str
    payload: dict[str, Any]
    dedupe_key: str | None
    state: OutboxState
    attempts: int
    created_at: str
    updated_at: str
    next_attempt_at: str | None
    error_code: str | None
    error_message: str | None
    result: dict[str, Any] | None
    #: Who queued it: the operator's UPN or user@host (shown as "by").
    by: str = ""


#: How long a claim holds an entry: longer than any one send (request timeout and retries of
#: the REST client), so a live sender is never overtaken; a dead one's entry waits this long.
LEASE_SECONDS = 300.0

_COLUMNS = (
    "id, idempotency_key, kind, customer_id, subject, payload, dedupe_key, state, attempts, "
    "created_at, updated_at, next_attempt_at, error_code, error_message, result, operator"
)


def _from_row(row: tuple) -> OutboxEntry:
    (entry_id, key, kind, customer_id, subject, payload, dedupe_key, state, attempts, created_at,
     updated_at, next_attempt_at, error_code, error_message, result, by) = row
    return OutboxEntry(
        id=entry_id,
        idempotency_key=key,
        kind=kind,
        customer_id=customer_id,
        subject=subject,
        payload=json.loads(payload),
        dedupe_key=dedupe_key,
        state=OutboxState(state),
        attempts=int(attempts),
        created_at=created_at,
        updated_at=updated_at,
        next_attempt_at=next_attempt_at,
        error_code=error_code,
        error_message=error_message,
        result=json.loads(result) if result else None,
        by=by or "",
    )


def _fetch(conn: sqlite3.Connection, entry_id: str, *, lock: bool = False) -> OutboxEntry | None:
    # On PostgreSQL a transition locks the row it checks: two operators cannot both move one
    # entry on (SQLite's write lock already serialises them).
    suffix = " FOR UPDATE" if lock and engine_of(conn) == "postgres" else ""
    row = conn.execute(f"SELECT {_COLUMNS} FROM outbox WHERE id = ?{suffix}",
                       (entry_id,)).fetchone()
    return _from_row(row) if row else None


def _dumps(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def enqueue(
    db: sqlite3.Connection,
    *,
    kind: str,
    payload: dict[str, Any],
    subject: str,
    customer_id: str | None = None,
    dedupe_key: str | None = None,
    now: str | None = None,
) -> OutboxEntry:
    """Queue a write. With ``dedupe_key``, an entry with the same key that has not failed is
    returned instead of a second one being created — also when another operator of the
    team queued it a moment ago (its ``by`` says who)."""
    reject_secrets(payload)
    at = timestamp(now)
    try:
        with Transaction(db) as conn:
            if dedupe_key is not None:
                live = _live_with_key(conn, dedupe_key)
                if live is not None:
                    return live
            import uuid  # here: its import is not paid on the console's start path

            entry_id = str(uuid.uuid4())
            conn.execute(
                "INSERT INTO outbox(id, idempotency_key, kind, customer_id, subject, payload, "
                "dedupe_key, state, attempts, created_at, updated_at, operator) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)",
                (entry_id, str(uuid.uuid4()), kind, customer_id, subject, _dumps(payload),
                 dedupe_key, OutboxState.QUEUED.value, at, at, current_operator()),
            )
            created = _fetch(conn, entry_id)
    except sqlite3.IntegrityError:
        # Two operators, one key, the same moment (PostgreSQL does not serialise the look-up
        # above as SQLite's write lock does): the unique index let the first one in, and the
        # second gets the first one's entry.
        if dedupe_key is None:
            raise
        live = _live_with_key(db, dedupe_key)
        if live is None:
            raise
        return live
    assert created is not None
    return created


def _live_with_key(conn: sqlite3.Connection, dedupe_key: str) -> OutboxEntry | None:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM outbox WHERE dedupe_key = ? AND state != ? "
        "ORDER BY created_at DESC, rowid DESC LIMIT 1",
        (dedupe_key, OutboxState.FAILED.value),
    ).fetchone()
    return _from_row(row) if row else None


# Random, not a uuid4: uuid's import (with platform) is not paid on the console's start path.
_PROCESS_NONCE = os.urandom(6).hex()


def process_owner() -> str:
    """Identifies this process as the sender of an entry: host, pid and a per-start nonce (a
    recycled pid is not mistaken for the old process)."""
    return f"{socket.gethostname()}:{os.getpid()}:{_PROCESS_NONCE}"


def _owner_alive(owner: str | None) -> bool:
    if not owner:
        return False
    try:
        host, pid_text, nonce = owner.rsplit(":", 2)
        pid = int(pid_text)
    except ValueError:
        return False
    if host != socket.gethostname():
        # Another machine sharing the profile: cannot look; treat as alive, the age rule of
        # recover_stale_sending decides.
        return True
    if pid == os.getpid():
        return nonce == _PROCESS_NONCE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def claim_next(db: sqlite3.Connection, *, now: str | None = None,
               owner: str | None = None) -> OutboxEntry | None:
    """Take the oldest due queued entry and mark it sending (attempts + 1), leased to this
    process for :data:`LEASE_SECONDS`.

    On SQLite the select and the update run under one write lock (BEGIN IMMEDIATE); on
    PostgreSQL the row is locked (``FOR UPDATE SKIP LOCKED``: another runner takes the next
    entry instead of waiting). Either way two processes never claim the same entry.
    """
    at = timestamp(now)
    lock = " FOR UPDATE SKIP LOCKED" if engine_of(db) == "postgres" else ""
    with Transaction(db) as conn:
        row = conn.execute(
            "SELECT id FROM outbox WHERE state = ? "
            "AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
            f"ORDER BY created_at, rowid LIMIT 1{lock}",
            (OutboxState.QUEUED.value, at),
        ).fetchone()
        if row is None:
            return None
        conn.execute(
            "UPDATE outbox SET state = ?, attempts = attempts + 1, updated_at = ?, "
            "claimed_by = ?, lease_until = ? WHERE id = ? AND state = ?",
            (OutboxState.SENDING.value, at, owner or process_owner(), _lease_end(at), row[0],
             OutboxState.QUEUED.value),
        )
        return _fetch(conn, row[0])


def _lease_end(at: str) -> str:
    moment = parse_timestamp(at)
    if moment is None:  # pragma: no cover - ``at`` comes from timestamp()
        return at
    return stamp(moment + timedelta(seconds=LEASE_SECONDS))


def take_over_expired(db: sqlite3.Connection, *, now: str | None = None,
                      owner: str | None = None) -> list[OutboxEntry]:
    """A team's entries left ``sending`` whose lease has ended (their sender died or lost the
    database): taken over by this process — still ``sending``, with a new lease — for the
    runner to look their outcome up before any resend. Each is taken by one process only."""
    at = timestamp(now)
    lock = " FOR UPDATE SKIP LOCKED" if engine_of(db) == "postgres" else ""
    taken: list[OutboxEntry] = []
    with Transaction(db) as conn:
        rows = conn.execute(
            "SELECT id FROM outbox WHERE state = ? AND lease_until IS NOT NULL "
            f"AND lease_until < ? ORDER BY created_at, rowid{lock}",
            (OutboxState.SENDING.value, at),
        ).fetchall()
        for (entry_id,) in rows:
            conn.execute(
                "UPDATE outbox SET claimed_by = ?, lease_until = ?, updated_at = ? "
                "WHERE id = ?", (owner or process_owner(), _lease_end(at), at, entry_id))
            entry = _fetch(conn, entry_id)
            if entry is not None:
                taken.append(entry)
    return taken


def next_due_at(db: sqlite3.Connection) -> str | None:
    """When the earliest waiting retry becomes due (None: nothing queued for later)."""
    row = db.execute(
        "SELECT min(next_attempt_at) FROM outbox WHERE state = ? AND next_attempt_at IS NOT NULL",
        (OutboxState.QUEUED.value,),
    ).fetchone()
    return row[0] if row else None


def _transition(
    db: sqlite3.Connection,
    entry_id: str,
    *,
    action: str,
    allowed: Iterable[OutboxState],
    assignments: dict[str, Any],
) -> OutboxEntry:
    allowed_values = [state.value for state in allowed]
    with Transaction(db) as conn:
        entry = _fetch(conn, entry_id, lock=True)
        if entry is None:
            raise NotFoundError(t("state.error.outbox_missing", id=entry_id))
        if entry.state.value not in allowed_values:
            raise OutboxError(t(
                "state.error.outbox_transition",
                subject=safe_text(entry.subject),
                state=t(f"state.outbox.state.{entry.state.value}"),
                action=t(f"state.outbox.action.{action}"),
            ))
        columns = ", ".join(f"{column} = ?" for column in assignments)
        try:
            conn.execute(f"UPDATE outbox SET {columns} WHERE id = ?",
                         [*assignments.values(), entry_id])
        except sqlite3.IntegrityError as exc:  # also PostgreSQL's (db.postgres.IntegrityError)
            # Only the one-live-entry-per-dedupe-key index can refuse an update.
            raise OutboxError(t("state.error.outbox_duplicate",
                                subject=safe_text(entry.subject))) from exc
        updated = _fetch(conn, entry_id)
    assert updated is not None
    return updated


def mark_done(db: sqlite3.Connection, entry_id: str, result: dict[str, Any], *,
              now: str | None = None) -> OutboxEntry:
    reject_secrets(result)
    return _transition(db, entry_id, action="done", allowed=(OutboxState.SENDING,), assignments={
        "state": OutboxState.DONE.value, "result": _dumps(result), "updated_at": timestamp(now),
        "next_attempt_at": None, "error_code": None, "error_message": None,
    })


def mark_failed(db: sqlite3.Connection, entry_id: str, *, code: str | None, message: str,
                now: str | None = None) -> OutboxEntry:
    return _transition(
        db, entry_id, action="failed", allowed=(OutboxState.SENDING, OutboxState.QUEUED),
        assignments={"state": OutboxState.FAILED.value, "error_code": code or None,
                     "error_message": message, "next_attempt_at": None,
                     "updated_at": timestamp(now)},
    )


def mark_retry(db: sqlite3.Connection, entry_id: str, *, next_attempt_at: str,
               code: str | None = None, message: str | None = None,
               now: str | None = None) -> OutboxEntry:
    """Back to the queue, not before ``next_attempt_at`` (same idempotency key)."""
    return _transition(
        db, entry_id, action="retry", allowed=(OutboxState.SENDING,),
        assignments={"state": OutboxState.QUEUED.value, "next_attempt_at":
                     timestamp(next_attempt_at), "error_code": code, "error_message": message,
                     "updated_at": timestamp(now)},
    )


def mark_needs_attention(db: sqlite3.Connection, entry_id: str, *, message: str,
                         now: str | None = None) -> OutboxEntry:
    """The outcome is unknown or a person must decide; the runner leaves it alone."""
    return _transition(
        db, entry_id, action="needs_attention",
        allowed=(OutboxState.SENDING, OutboxState.QUEUED),
        assignments={"state": OutboxState.NEEDS_ATTENTION.value, "error_message": message,
                     "next_attempt_at": None, "updated_at": timestamp(now)},
    )


def recover_stale_sending(db: sqlite3.Connection, *, now: str | None = None,
                          older_than_seconds: float = 0.0) -> list[OutboxEntry]:
    """Entries left ``sending`` (by a crashed process): their outcome is unknown, so they are
    returned — still ``sending`` — for the runner to *check* before any resend.

    ``older_than_seconds`` skips entries claimed more recently than that, for when another
    live process may be sending right now (pass more than the request timeout).

    In a team's database another operator's process cannot be looked at: there the lease
    decides, and the entries are taken over (:func:`take_over_expired`).
    """
    if engine_of(db) == "postgres":
        return take_over_expired(db, now=now)
    moment = timestamp(now)
    rows = db.execute(
        f"SELECT {_COLUMNS}, claimed_by FROM outbox WHERE state = ? ORDER BY created_at, rowid",
        (OutboxState.SENDING.value,),
    ).fetchall()
    # An entry whose sender is still running (another console, another CLI) is not stale.
    entries = [_from_row(row[:-1]) for row in rows if not _owner_alive(row[-1])]
    if older_than_seconds <= 0:
        return entries
    current = parse_timestamp(moment)
    stale = []
    for entry in entries:
        claimed = parse_timestamp(entry.updated_at)
        if current is None or claimed is None or (
                (current - claimed).total_seconds() >= older_than_seconds):
            stale.append(entry)
    return stale


def requeue(db: sqlite3.Connection, entry_id: str, *, now: str | None = None) -> OutboxEntry:
    """A person asks to try again: back to the queue with the SAME idempotency key (so a
    request that did reach Partner Center is replayed, not repeated) and a fresh attempt
    budget."""
    return _transition(
        db, entry_id, action="requeue",
        allowed=(OutboxState.FAILED, OutboxState.NEEDS_ATTENTION),
        assignments={"state": OutboxState.QUEUED.value, "attempts": 0, "next_attempt_at": None,
                     "updated_at": timestamp(now)},
    )


def discard(db: sqlite3.Connection, entry_id: str, *, now: str | None = None) -> OutboxEntry:
    """A person gives up on it: failed, kept for the record (its dedupe key is released)."""
    return _transition(
        db, entry_id, action="discard",
        allowed=(OutboxState.FAILED, OutboxState.NEEDS_ATTENTION),
        assignments={"state": OutboxState.FAILED.value, "next_attempt_at": None,
                     "updated_at": timestamp(now)},
    )


def get(db: sqlite3.Connection, entry_id: str) -> OutboxEntry | None:
    return _fetch(db, entry_id)


def list_entries(db: sqlite3.Connection, *, states: Iterable[str] | None = None,
                 limit: int = 200) -> list[OutboxEntry]:
    """Newest first; ``states`` filters (OutboxState members or their values)."""
    sql = f"SELECT {_COLUMNS} FROM outbox"
    params: list[Any] = []
    if states is not None:
        wanted = [OutboxState(state).value for state in states]
        if not wanted:
            return []
        sql += f" WHERE state IN ({', '.join('?' for _ in wanted)})"
        params += wanted
    sql += " ORDER BY created_at DESC, rowid DESC LIMIT ?"
    params.append(limit)
    return [_from_row(row) for row in db.execute(sql, params).fetchall()]


def pending_count(db: sqlite3.Connection) -> int:
    """Entries not finished: queued, sending, or waiting for a person."""
    row = db.execute(
        f"SELECT count(*) FROM outbox WHERE state IN ({', '.join('?' for _ in PENDING_STATES)})",
        [state.value for state in PENDING_STATES],
    ).fetchone()
    return int(row[0])


def pending_count_of_file(path: Path) -> int:
    """:func:`pending_count` of a state file, on a connection of its own (a thread that holds
    none, e.g. a team's watcher counting its fresh copy)."""
    conn = sqlite3.connect(str(path))
    try:
        return pending_count(conn)
    finally:
        conn.close()
