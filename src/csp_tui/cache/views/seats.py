"""Seats in use across customers: each subscription's seats bought, assigned and unused (or
why not), for ``csp-tui seats``."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SeatRow:
    """One subscription's seats in use; the field names are the listing's (stable
    snake_case: scripts read them)."""

    customer_id: str
    customer_name: str
    subscription_id: str
    product: str
    offer_id: str
    kind: str
    status: str
    quantity: int
    seats_bought: int | None
    seats_assigned: int | None
    seats_unused: int | None
    pool_shared_with: int
    seats_reason: str | None


_SELECT = (
    "SELECT s.customer_id, c.company_name, s.id, "
    "CASE WHEN s.friendly_name != '' THEN s.friendly_name ELSE s.offer_name END, "
    "s.offer_id, s.kind, s.status, s.quantity, s.seats_bought, s.seats_assigned, "
    "s.seats_unused, s.seats_shared, s.seats_reason "
    "FROM subscriptions AS s JOIN customers AS c ON c.id = s.customer_id "
    "WHERE c.removed_at IS NULL"
)


def seat_rows(db: sqlite3.Connection, *, customer_id: str | None = None,
              unused_only: bool = False) -> list[SeatRow]:
    """Every subscription (of one customer, or of all), or with ``unused_only`` those with
    seats nobody uses — most unused first, then by customer and product."""
    sql, params = _SELECT, []
    if customer_id is not None:
        sql += " AND s.customer_id = ?"
        params.append(customer_id.lower())
    if unused_only:
        sql += " AND s.seats_unused > 0"
        order = " ORDER BY s.seats_unused DESC, c.sort_key, c.id, s.sort_key, s.id"
    else:
        order = " ORDER BY c.sort_key, c.id, s.sort_key, s.id"
    return [SeatRow(customer_id=row[0], customer_name=row[1], subscription_id=row[2],
                    product=row[3], offer_id=row[4], kind=row[5], status=row[6],
                    quantity=int(row[7] or 0), seats_bought=row[8], seats_assigned=row[9],
                    seats_unused=row[10], pool_shared_with=int(row[11] or 0),
                    seats_reason=row[12])
            for row in db.execute(sql + order, params)]
