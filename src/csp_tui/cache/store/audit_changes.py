"""Who changed a subscription in Partner Center (``audit_changes``), from the audit log.

The refresh cycle reads the audit log to know which customers to read again; the records that
name a subscription and a user are kept here too, for 90 days like the log itself, so Today
can say who made a change the sync found.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta

from csp_tui.db import Transaction
from csp_tui.timestamps import stamp

#: Partner Center keeps its audit log this long; older records say nothing new.
KEEP = timedelta(days=90)


def record_audit_changes(db: sqlite3.Connection,
                         rows: Iterable[tuple[str, str, str, str, datetime]], *,
                         now: datetime) -> None:
    """Keep (subscription, customer, user, operation, when) rows; forget those past KEEP."""
    values = [(subscription.lower(), customer.lower(), user, operation, stamp(at))
              for subscription, customer, user, operation, at in rows]
    with Transaction(db) as conn:
        conn.executemany("INSERT OR IGNORE INTO audit_changes(subscription_id, customer_id, "
                         "user, operation, at) VALUES (?, ?, ?, ?, ?)", values)
        conn.execute("DELETE FROM audit_changes WHERE at < ?", (stamp(now - KEEP),))


def last_change_by(db: sqlite3.Connection, subscription_id: str, before: str) -> str | None:
    """The user of the last audit record of the subscription at or before ``before``."""
    row = db.execute("SELECT user FROM audit_changes WHERE subscription_id = ? AND at <= ? "
                     "ORDER BY at DESC LIMIT 1", (subscription_id.lower(), before)).fetchone()
    return None if row is None else str(row[0])
