"""Seats in use: a customer's licence pools (``subscribed_skus``) and what the matching rule
(:mod:`csp_tui.domain.seats`) makes of them on each of its subscriptions."""

from __future__ import annotations

import sqlite3
from typing import Any

from csp_tui.cache.store.sql import insert_row
from csp_tui.domain.seats import Pool, SeatSubscription, match_seats

_POOL_DEFAULTS: dict[str, Any] = {
    "sku_part_number": "",
    "name": "",
    "target_type": None,
    "license_group_id": None,
    "available_units": None,
    "active_units": None,
    "consumed_units": 0,
    "suspended_units": None,
    "total_units": None,
    "warning_units": None,
    "capability_status": None,
    "raw_json": None,
}


def pool_values(pool: dict[str, Any], customer_id: str, at: str) -> dict[str, Any]:
    values = {key: pool.get(key, default) for key, default in _POOL_DEFAULTS.items()}
    values["sku_part_number"] = values["sku_part_number"] or ""
    values["name"] = values["name"] or ""
    values["consumed_units"] = int(values["consumed_units"] or 0)
    values.update(id=str(pool["sku_id"]), customer_id=customer_id, synced_at=at)
    return values


def write_pool(conn: sqlite3.Connection, values: dict[str, Any]) -> None:
    """One pool (``values`` from :func:`pool_values`; its ``id`` is the SKU id)."""
    row = dict(values)
    row["sku_id"] = row.pop("id")
    insert_row(conn, "subscribed_skus", row)


def _pools_read(conn: sqlite3.Connection, customer_id: str) -> bool:
    row = conn.execute("SELECT last_ok_at FROM customer_parts WHERE customer_id = ? AND "
                       "part = 'seats'", (customer_id,)).fetchone()
    return row is not None and row[0] is not None


def refresh_seat_use(conn: sqlite3.Connection, customer_id: str) -> None:
    """Match the customer's subscriptions, as stored, with its pools, as stored (either may be
    an earlier read kept because the newer one was refused) and write the result on each
    subscription. Pools never read leave every subscription blank, saying so."""
    pools = None
    if _pools_read(conn, customer_id):
        pools = [Pool(sku_id, part or "", int(consumed or 0)) for sku_id, part, consumed in
                 conn.execute("SELECT sku_id, sku_part_number, consumed_units FROM "
                              "subscribed_skus WHERE customer_id = ? ORDER BY sku_id",
                              (customer_id,))]
    subscriptions = [SeatSubscription(id, offer_id or "", kind or "online", status or "",
                                      int(quantity or 0))
                     for id, offer_id, kind, status, quantity in conn.execute(
                         "SELECT id, offer_id, kind, status, quantity FROM subscriptions "
                         "WHERE customer_id = ? ORDER BY id", (customer_id,))]
    conn.executemany(
        "UPDATE subscriptions SET seats_bought = ?, seats_assigned = ?, seats_unused = ?, "
        "seats_shared = ?, seats_pool = ?, seats_reason = ? WHERE customer_id = ? AND id = ?",
        [(use.bought, use.assigned, use.unused, use.shared_with, use.pool_sku_id, use.reason,
          customer_id, use.subscription_id)
         for use in match_seats(subscriptions, pools)])
