"""The refresh cycle's bookkeeping (``refresh_marks``) and the cache's reads that plan a cycle.

- ``audit_from``: audit records dated after this moment have not been handled yet;
- ``audit_seen``: fingerprints of records handled within the overlap before ``audit_from``
  (the next read starts a little earlier, for records Partner Center files late);
- ``owed``: customers a cycle should have re-read but could not (read next time).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from csp_tui.db import Transaction

AUDIT_FROM = "audit_from"
AUDIT_SEEN = "audit_seen"
OWED = "owed"


def mark(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM refresh_marks WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def json_mark(db: sqlite3.Connection, key: str) -> list[str]:
    text = mark(db, key)
    try:
        value = json.loads(text) if text else []
    except ValueError:  # a damaged mark costs a re-read at most
        return []
    return [str(item) for item in value] if isinstance(value, list) else []


def set_marks(db: sqlite3.Connection, values: dict[str, str | list[str] | None]) -> None:
    """Set (or, with None, clear) marks in one transaction."""
    with Transaction(db) as conn:
        for key, value in values.items():
            if value is None:
                conn.execute("DELETE FROM refresh_marks WHERE key = ?", (key,))
            else:
                text = value if isinstance(value, str) else json.dumps(sorted(set(value)))
                conn.execute("INSERT OR REPLACE INTO refresh_marks(key, value) VALUES (?, ?)",
                             (key, text))


def known_customers(db: sqlite3.Connection) -> dict[str, str | None]:
    """Every customer not removed: id -> its last full read (None: never read)."""
    rows = db.execute("SELECT id, detail_synced_at FROM customers WHERE removed_at IS NULL")
    return {str(row[0]): row[1] for row in rows.fetchall()}


def due_by_dates(db: sqlite3.Connection, now: str) -> set[str]:
    """Customers whose cached data foretold a change since their last full read: a term
    ended (renewal or expiry), a cancellation window closed, a commitment ended; or whose
    Education (or other) qualification was under review; or a tenant created here that a
    listing has not confirmed yet."""
    rows = db.execute(
        "SELECT DISTINCT s.customer_id FROM subscriptions s JOIN customers c "
        "ON c.id = s.customer_id WHERE c.removed_at IS NULL AND ("
        " (s.commitment_end_date IS NOT NULL AND s.commitment_end_date <= ? AND "
        "  (c.detail_synced_at IS NULL OR s.commitment_end_date > c.detail_synced_at)) OR"
        " (s.cancellation_allowed_until IS NOT NULL AND s.cancellation_allowed_until <= ? AND "
        "  (c.detail_synced_at IS NULL OR s.cancellation_allowed_until > c.detail_synced_at)))"
        " UNION SELECT q.customer_id FROM qualifications q JOIN customers c "
        "ON c.id = q.customer_id WHERE c.removed_at IS NULL AND "
        "lower(replace(coalesce(q.vetting_status, ''), '_', '')) IN ('inreview', 'pending')"
        " UNION SELECT id FROM customers WHERE removed_at IS NULL "
        "AND created_pending_at IS NOT NULL",
        (now, now),
    ).fetchall()
    return {str(row[0]) for row in rows}


def oldest_first(db: sqlite3.Connection, limit: int, skip: Iterable[str]) -> list[str]:
    """The ``limit`` customers read longest ago (never read first), leaving out ``skip``."""
    if limit <= 0:
        return []
    skipped = set(skip)
    chosen: list[str] = []
    rows = db.execute("SELECT id FROM customers WHERE removed_at IS NULL "
                      "ORDER BY detail_synced_at IS NOT NULL, detail_synced_at, id")
    for (customer_id,) in rows:
        if customer_id not in skipped:
            chosen.append(str(customer_id))
            if len(chosen) >= limit:
                break
    return chosen

