"""The status line's "oldest data": the oldest full read of a listed customer, from an index."""

from __future__ import annotations

from csp_tui.cache.db import open_cache
from csp_tui.cache.freshness import oldest_read


def add(db, customer_id: str, *, read_at: str | None, removed_at: str | None = None) -> None:
    db.execute("INSERT INTO customers (id, first_seen_at, listed_at, detail_synced_at, "
               "removed_at) VALUES (?, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', ?, ?)",
               (customer_id, read_at, removed_at))


def test_oldest_read_is_the_oldest_listed_customer_and_unknown_while_one_was_never_read(
        tmp_path):
    db = open_cache(tmp_path / "cache.db")
    assert oldest_read(db) is None  # nothing read yet
    add(db, "a", read_at="2026-11-20T08:00:00Z")
    add(db, "b", read_at="2026-11-24T09:00:00Z")
    # A removed customer's old read and its missing one do not count.
    add(db, "gone", read_at="2026-10-01T00:00:00Z", removed_at="2026-11-02T00:00:00Z")
    add(db, "gone-unread", read_at=None, removed_at="2026-11-02T00:00:00Z")
    assert oldest_read(db) == "2026-11-20T08:00:00Z"
    add(db, "new", read_at=None)  # a listed customer never read: no known maximum age
    assert oldest_read(db) is None


def test_oldest_read_seeks_an_index_instead_of_walking_every_customer(tmp_path):
    db = open_cache(tmp_path / "cache.db")
    plans = [
        " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + sql))
        for sql in ("SELECT EXISTS (SELECT 1 FROM customers WHERE removed_at IS NULL "
                    "AND detail_synced_at IS NULL)",
                    "SELECT min(detail_synced_at) FROM customers WHERE removed_at IS NULL")
    ]
    for plan in plans:
        assert "customers_read_age" in plan and "SCAN customers" not in plan, plan
