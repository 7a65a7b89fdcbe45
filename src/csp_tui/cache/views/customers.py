"""The customers list: listed customers, filtered, sorted, read a window at a time."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from csp_tui.db.reads import ListQuery, like_pattern


@dataclass(frozen=True, slots=True)
class CustomerListRow:
    id: str
    company_name: str
    primary_domain: str
    relationship: str
    subscription_count: int
    attention: int
    attention_reason: str | None
    created_pending_at: str | None = None  # a tenant created here, not listed yet


CUSTOMER_SORTS: tuple[str, ...] = ("name", "domain", "subscriptions", "attention")


_CUSTOMER_ORDER = {
    "name": (("c.sort_key", "c.id"), ("c.sort_key", "c.id")),
    "domain": (("c.domain_fold", "c.id"), ("c.domain_fold", "c.id")),
    "subscriptions": (("c.subscription_count", "c.sort_key", "c.id"),) * 2,
    "attention": (("c.attention", "c.sort_key", "c.id"),) * 2,
}


def _customer_query(filter: str, sort: str, descending: bool) -> ListQuery:
    # The unary plus keeps the planner off the removed_at index (almost every row matches
    # it), so ORDER BY walks the sort index and LIMIT stops early.
    where: tuple[str, ...] = ("+c.removed_at IS NULL",)
    params: tuple[Any, ...] = ()
    sparse = None
    order, order_nonnull = _CUSTOMER_ORDER.get(sort, _CUSTOMER_ORDER["name"])
    columns = ("c.id, c.company_name, c.primary_domain, c.relationship, "
               "c.subscription_count, c.attention, c.attention_reason, c.created_pending_at")
    pattern = like_pattern(filter)
    if pattern:
        # Name, primary domain, any other domain of the tenant, or a pasted tenant id: all
        # in the one folded search text (store.search_fold).
        match = "c.search_fold LIKE ? ESCAPE '\\'"
        where, params = (*where, match), (pattern,)
        # Counting, or reading a window of few matches, scans the partial index of listed
        # customers' search texts: narrower than the rows, and named because the planner,
        # without statistics, would rather take the removed_at index and read every row.
        sparse = ListQuery(
            source="customers AS c INDEXED BY customers_search", columns=columns,
            key="c.id", where=("c.removed_at IS NULL", match), params=params, order=order,
            order_nonnull=order_nonnull, descending=descending,
        )
    return ListQuery(
        source="customers AS c", columns=columns, key="c.id", where=where, params=params,
        order=order, order_nonnull=order_nonnull, descending=descending, sparse=sparse,
        rid="c.rowid",
        # No index holds the counts and marks (20-30 ms to sort 20,000 customers per window).
        sorts_every_window=sort in ("subscriptions", "attention"),
    )


def count_customers(db: sqlite3.Connection, filter: str = "") -> int:
    return _customer_query(filter, "name", False).count(db)


def customer_rows(
    db: sqlite3.Connection,
    *,
    filter: str = "",
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
    total: int | None = None,
) -> list[CustomerListRow]:
    """``total`` (the count, if the caller has it) lets a deep window be read from the end."""
    rows = _customer_query(filter, sort, descending).rows(db, offset, limit, total)
    return [CustomerListRow(*row) for row in rows]


def customer_index_of(
    db: sqlite3.Connection, id: str, filter: str = "", sort: str = "name",
    descending: bool = False,
) -> int | None:
    return _customer_query(filter, sort, descending).index_of(db, id)
