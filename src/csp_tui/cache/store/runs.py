"""Sync runs (``sync_runs``) and the changes each found (``sync_events``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from csp_tui.cache.store.sql import moment_or_now
from csp_tui.db import Transaction
from csp_tui.domain.changes import Change


def start_run(db: sqlite3.Connection, kind: str, *, now: str | None = None) -> int:
    """A new ``sync_runs`` row in status ``running``; returns its id."""
    with Transaction(db) as conn:
        cursor = conn.execute(
            "INSERT INTO sync_runs(kind, started_at, status) VALUES (?, ?, 'running')",
            (kind, moment_or_now(now)),
        )
        return int(cursor.lastrowid or 0)


def finish_run(
    db: sqlite3.Connection,
    run_id: int,
    status: str,
    *,
    error: str | None = None,
    customers_listed: int = 0,
    customers_done: int = 0,
    requests: int = 0,
    throttled: int = 0,
    now: str | None = None,
) -> None:
    with Transaction(db) as conn:
        conn.execute(
            "UPDATE sync_runs SET status = ?, finished_at = ?, error = ?, customers_listed = ?, "
            "customers_done = ?, requests = ?, throttled = ? WHERE id = ?",
            (status, moment_or_now(now), error, customers_listed, customers_done, requests,
             throttled, run_id),
        )


def interrupted_runs(db: sqlite3.Connection) -> list[int]:
    """Runs still marked ``running``: left behind by a process that was killed."""
    rows = db.execute("SELECT id FROM sync_runs WHERE status = 'running' ORDER BY id")
    return [int(row[0]) for row in rows.fetchall()]


def mark_interrupted(db: sqlite3.Connection, *, now: str | None = None) -> int:
    """Close every run left ``running`` as ``interrupted``; returns how many there were."""
    with Transaction(db) as conn:
        cursor = conn.execute(
            "UPDATE sync_runs SET status = 'interrupted', finished_at = ? "
            "WHERE status = 'running'",
            (moment_or_now(now),),
        )
        return cursor.rowcount


def insert_events(conn: sqlite3.Connection, run_id: int, changes: Iterable[Change],
                  at: str) -> None:
    """Record changes in the caller's transaction (the one that wrote the rows they describe)."""
    conn.executemany(
        "INSERT INTO sync_events(run_id, at, kind, customer_id, subscription_id, detail) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (run_id, at, change.kind, change.customer_id, change.subscription_id,
             json.dumps(change.detail, ensure_ascii=False, sort_keys=True))
            for change in changes
        ],
    )


def record_events(db: sqlite3.Connection, run_id: int, changes: Iterable[Change], *,
                  now: str | None = None) -> None:
    """Record changes found outside the store's own writes (e.g. an accepted invitation)."""
    changes = list(changes)
    if not changes:
        return
    with Transaction(db) as conn:
        insert_events(conn, run_id, changes, moment_or_now(now))


def events_for_run(db: sqlite3.Connection, run_id: int) -> list[Change]:
    """The changes recorded for one run, in the order they were recorded."""
    rows = db.execute(
        "SELECT kind, customer_id, subscription_id, detail FROM sync_events "
        "WHERE run_id = ? ORDER BY id",
        (run_id,),
    ).fetchall()
    return [
        Change(kind=kind, customer_id=customer_id, subscription_id=subscription_id,
               detail=json.loads(detail) if detail else {})
        for kind, customer_id, subscription_id, detail in rows
    ]
