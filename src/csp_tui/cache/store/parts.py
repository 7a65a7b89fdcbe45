"""How each part of a customer was last read (``customer_parts``)."""

from __future__ import annotations

import sqlite3

from csp_tui.cache.store.rows import PartRead


def read_whole_before(conn: sqlite3.Connection, customer_id: str, part: str) -> bool:
    """Whether this part of the customer was ever read whole (a cache from before parts were
    recorded: whether the customer's details were)."""
    row = conn.execute("SELECT last_ok_at FROM customer_parts WHERE customer_id = ? AND "
                       "part = ?", (customer_id, part)).fetchone()
    if row is not None:
        return row[0] is not None
    row = conn.execute("SELECT detail_synced_at FROM customers WHERE id = ?",
                       (customer_id,)).fetchone()
    return row is not None and row[0] is not None


def part_read_before(db: sqlite3.Connection, customer_id: str, part: str) -> bool:
    """Whether this part of the customer was ever read whole: its rows are filled silently
    the first time (not announced one by one as new)."""
    return read_whole_before(db, customer_id.lower(), part)


def write_parts(conn: sqlite3.Connection, customer_id: str, parts: dict[str, PartRead],
                at: str) -> None:
    """Record how each part's read went; a part not read keeps when it was last read whole."""
    for part, read in parts.items():
        conn.execute(
            "INSERT INTO customer_parts(customer_id, part, state, read_at, last_ok_at, status, "
            "code, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(customer_id, part) DO UPDATE SET state = excluded.state, "
            "read_at = excluded.read_at, "
            "last_ok_at = coalesce(excluded.last_ok_at, customer_parts.last_ok_at), "
            "status = excluded.status, code = excluded.code, message = excluded.message",
            (customer_id, part, read.state, at, at if read.ok else None,
             None if read.ok else read.status, None if read.ok else read.code,
             None if read.ok else read.message),
        )
