"""A canonical dump of the business tables, to compare two caches."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

_SNAPSHOT_TABLES: dict[str, tuple[str, ...]] = {
    # Columns left out: when things were fetched (differs between two runs of the same data).
    "customers": ("listed_at", "detail_synced_at", "first_seen_at", "removed_at"),
    "domains": (),
    "customer_relationships": (),
    "subscriptions": ("synced_at",),
    "entitlements": ("synced_at",),
    "qualifications": ("synced_at",),
    "subscribed_skus": ("synced_at",),
}


def snapshot(db: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """A canonical, order-independent dump of the business tables.

    Fetch timestamps are left out; whether a customer is removed is kept as ``removed``
    (True/False) because the removal time itself differs between two runs. Used to check that
    an interrupted and resumed sync leaves the same cache as a clean one.
    """
    dump: dict[str, list[dict[str, Any]]] = {}
    for table, excluded in _SNAPSHOT_TABLES.items():
        cursor = db.execute(f"SELECT * FROM {table}")
        names = [column[0] for column in cursor.description]
        rows = []
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            if table == "customers":
                row["removed"] = row["removed_at"] is not None
            for column in excluded:
                row.pop(column, None)
            rows.append(row)
        rows.sort(key=lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False))
        dump[table] = rows
    return dump
