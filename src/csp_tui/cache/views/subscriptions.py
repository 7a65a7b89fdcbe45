"""The subscriptions list: one customer's (with its perpetual licences) or every customer's,
filtered by text, preset and kind, sorted, read a window at a time."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from csp_tui.db.reads import ListQuery, TextSearch, like_pattern, search_needle
from csp_tui.domain.text import czech_sort_key, fold
from csp_tui.timestamps import wire_stamp


@dataclass(frozen=True, slots=True)
class SubscriptionListRow:
    id: str
    customer_id: str
    customer_name: str
    product: str  # the friendly name, else the offer name
    offer_name: str
    kind: str  # online | software | perpetual
    quantity: int
    status: str
    term_duration: str | None
    billing_cycle: str | None
    auto_renew: bool | None
    commitment_end_date: str | None
    cancellation_allowed_until: str | None
    is_trial: bool
    purchase_date: str | None = None  # perpetual licences only
    # Seats in use (domain/seats.py): bought, assigned to users, unused, how many other
    # subscriptions share the pool; or None with the reason why not.
    seats_bought: int | None = None
    seats_assigned: int | None = None
    seats_unused: int | None = None
    seats_shared: int = 0
    seats_reason: str | None = None


# A perpetual licence can be returned for a full refund within 30 days of purchase.
PERPETUAL_REFUND_DAYS = 30


# In the customer order a filter's matches are mostly one customer's rows, together at one
# place of the walk, so the walk reads every row before them (140 ms to the first window of
# "novak"'s 1,445 matches at 100k subscriptions); sorting up to this many matches costs
# 35-55 ms.
SPARSE_BELOW_BY_CUSTOMER = 10_000


def _with_text_functions(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Entitlement rows have no stored fold/sort columns; compute them the same way in SQL."""
    conn.create_function("csp_fold", 1, fold, deterministic=True)
    conn.create_function("csp_sort_key", 1, czech_sort_key, deterministic=True)
    return conn


# Each sort walks an index (status ties break on the rowid, which that index carries), so
# a window of 100k subscriptions never needs a full sort.
SUBSCRIPTION_SORTS: tuple[str, ...] = ("product", "renewal", "status", "window", "quantity",
                                       "customer", "unused")


SUBSCRIPTION_PRESETS: tuple[str, ...] = (
    "renewing_within_days", "in_window", "suspended", "auto_renew_off", "software", "perpetual",
    "expired",
)


#: What a subscription is: a seat-based online service, a software subscription (term licence
#: for on-premises servers) or a perpetual licence (an entitlement, bought once).
SUBSCRIPTION_KINDS: tuple[str, ...] = ("online", "software", "perpetual")


DEFAULT_RENEWING_DAYS = 30


_SUBSCRIPTION_COLUMNS = (
    "u.id, u.customer_id, u.customer_name, u.product, u.offer_name, u.kind, u.quantity, "
    "u.status, u.term_duration, u.billing_cycle, u.auto_renew, u.commitment_end_date, "
    "u.cancellation_allowed_until, u.is_trial, u.purchase_date, "
    "u.seats_bought, u.seats_assigned, u.seats_unused, u.seats_shared, u.seats_reason"
)


_SUBSCRIPTION_ORDER = {
    "product": (("u.sort_key", "u.id"),) * 2,
    "renewal": (("u.commitment_end_date", "u.id"),
                ("IFNULL(u.commitment_end_date, '')", "u.id")),
    "status": (("u.status", "u.rid"),) * 2,
    # The cancellation window closing soonest first ("what can I still cancel today?"); a
    # subscription without one (a perpetual licence's refund days aside, most of them once the
    # window passed) comes after every one that has one, not before (SQLite sorts NULL first).
    "window": (("u.cancellation_allowed_until IS NULL", "u.cancellation_allowed_until", "u.id"),
               ("u.cancellation_allowed_until IS NULL",
                "IFNULL(u.cancellation_allowed_until, '')", "u.id")),
    "quantity": (("u.quantity", "u.id"),) * 2,
    # By customer name, then product. The customer's id and rowid make the customer part
    # unique, so across every customer the order is a walk of customers_sort with each
    # customer's subscriptions read in order from subscriptions_customer_sort (no sort).
    "customer": (("u.customer_sort_key", "u.customer_key", "u.customer_rid", "u.sort_key",
                  "u.id"),) * 2,
    # Unused seats (most first, the order's usual direction): a walk of subscriptions_unused.
    # A subscription without a figure is NULL, which sorts first, so last when descending.
    "unused": (("u.seats_unused", "u.id"), ("IFNULL(u.seats_unused, -1)", "u.id")),
}


def _subscription_select(
    customer_name: str,
    customer_order: tuple[str, str, str] = ("c.sort_key", "c.id", "c.rowid"),
) -> str:
    """The columns of a subscription row in the shape of ``u``, the customer's name read by
    ``customer_name`` (an SQL expression) and its sort key, id and rowid (the "customer"
    order) by ``customer_order`` (three SQL expressions)."""
    sort_key, key, rid = customer_order
    return (
        f"SELECT s.id AS id, s.customer_id AS customer_id, {customer_name} AS customer_name, "
        f"{sort_key} AS customer_sort_key, {key} AS customer_key, {rid} AS customer_rid, "
        "CASE WHEN s.friendly_name != '' THEN s.friendly_name ELSE s.offer_name END AS product, "
        "s.offer_name AS offer_name, s.kind AS kind, s.quantity AS quantity, s.status AS status, "
        "s.term_duration AS term_duration, s.billing_cycle AS billing_cycle, "
        "s.auto_renew AS auto_renew, s.commitment_end_date AS commitment_end_date, "
        "s.cancellation_allowed_until AS cancellation_allowed_until, s.is_trial AS is_trial, "
        "NULL AS purchase_date, s.sort_key AS sort_key, s.name_fold AS name_fold, s.rowid AS rid, "
        "s.search_fold AS search_fold, s.seats_bought AS seats_bought, "
        "s.seats_assigned AS seats_assigned, s.seats_unused AS seats_unused, "
        "s.seats_shared AS seats_shared, s.seats_reason AS seats_reason "
    )


_SUBSCRIPTION_SELECT = _subscription_select("c.company_name")


# A perpetual licence in the same shape: paid once, never renews, fully refundable for
# PERPETUAL_REFUND_DAYS after purchase (that is its "cancellation window"). Entitlements have
# no stored fold/sort columns, so they are computed (csp_fold, csp_sort_key); the negative rowid
# keeps the "status" order's tie-breaker unique next to subscriptions' rowids.
_PERPETUAL_SELECT = (
    "SELECT e.id AS id, e.customer_id AS customer_id, c.company_name AS customer_name, "
    "c.sort_key AS customer_sort_key, c.id AS customer_key, c.rowid AS customer_rid, "
    "e.product_name AS product, e.product_name AS offer_name, 'perpetual' AS kind, "
    "e.quantity AS quantity, 'active' AS status, NULL AS term_duration, "
    "'onetime' AS billing_cycle, NULL AS auto_renew, NULL AS commitment_end_date, "
    f"strftime('%Y-%m-%dT%H:%M:%SZ', e.purchase_date, '+{PERPETUAL_REFUND_DAYS} days') "
    "AS cancellation_allowed_until, 0 AS is_trial, e.purchase_date AS purchase_date, "
    "csp_sort_key(e.product_name) AS sort_key, csp_fold(e.product_name) AS name_fold, "
    "-e.rowid AS rid, '' AS search_fold, NULL AS seats_bought, NULL AS seats_assigned, "
    "NULL AS seats_unused, 0 AS seats_shared, 'not_assignable' AS seats_reason "
)


def _one_customer_source() -> str:
    """Subscriptions plus perpetual licences of one customer, as one relation ``u``.

    The customer id appears twice as a parameter (once per half of the UNION).
    """
    return (
        f"({_SUBSCRIPTION_SELECT}"
        "FROM subscriptions AS s JOIN customers AS c ON c.id = s.customer_id "
        "WHERE s.customer_id = ? "
        f"UNION ALL {_PERPETUAL_SELECT}"
        "FROM entitlements AS e JOIN customers AS c ON c.id = e.customer_id "
        "WHERE e.customer_id = ?) AS u"
    )


# All customers: CROSS JOIN keeps subscriptions as the outer loop, so ORDER BY walks the
# subscription indexes and LIMIT stops early instead of sorting 100k rows per window.
_ALL_SOURCE = (
    f"({_SUBSCRIPTION_SELECT}"
    "FROM subscriptions AS s CROSS JOIN customers AS c ON c.id = s.customer_id "
    "WHERE c.removed_at IS NULL) AS u"
)


# The same rows through the search index, for counting matches of a filter and for reading
# a window of few matches. Joining every customer costs more than the filter itself (63 ms
# of the count's 200 ms at 100k subscriptions), so the listed customers are the ones *not*
# removed: a handful of ids, looked up in a small temporary index. The two agree because
# every subscription's customer exists (customer_id is a NOT NULL foreign key to the
# primary key); the name of the customer is read only for the rows of a window.
_ALL_SEARCH_SOURCE = (
    "(" + _subscription_select(
        "(SELECT c.company_name FROM customers AS c WHERE c.id = s.customer_id)",
        ("(SELECT c.sort_key FROM customers AS c WHERE c.id = s.customer_id)", "s.customer_id",
         "(SELECT c.rowid FROM customers AS c WHERE c.id = s.customer_id)"))
    + "FROM subscriptions AS s INDEXED BY subscriptions_search "
    "WHERE s.customer_id NOT IN (SELECT id FROM customers WHERE removed_at IS NOT NULL)) AS u"
)


# What the in-memory filter over every customer's subscriptions searches, by rowid (the
# position index's rowids are the subscriptions').
_SEARCH_TEXTS = "SELECT rowid, search_fold FROM subscriptions"


# The same rows with customers as the outer loop, for the "customer" order: the customers in
# their sort order, each one's subscriptions through subscriptions_customer_sort.
_ALL_BY_CUSTOMER_SOURCE = (
    f"({_SUBSCRIPTION_SELECT}"
    "FROM customers AS c INDEXED BY customers_sort CROSS JOIN subscriptions AS s "
    "ON s.customer_id = c.id WHERE c.removed_at IS NULL) AS u"
)


# The position index's pass over every customer's subscriptions (db/reads.ListQuery.positions):
# the rowid and the sort columns only, so each order's walk reads its covering index alone
# (60-100 ms for 100k rows) instead of looking up every row and its customer (500-1000 ms);
# the subscriptions of removed customers (_PASS_EXCLUDE) are dropped from it afterwards.
# Not for the customer order: its customer columns are not the subscriptions'.
_ALL_PASS_SOURCE = (
    "(SELECT s.rowid AS rid, s.id AS id, s.sort_key AS sort_key, "
    "s.commitment_end_date AS commitment_end_date, s.status AS status, "
    "s.cancellation_allowed_until AS cancellation_allowed_until, s.quantity AS quantity, "
    "s.seats_unused AS seats_unused "
    "FROM subscriptions AS s) AS u"
)
_PASS_EXCLUDE = (
    "SELECT s.rowid FROM customers AS c INDEXED BY customers_removed "
    "JOIN subscriptions AS s ON s.customer_id = c.id WHERE c.removed_at IS NOT NULL"
)


# Perpetual licences of every customer (a customer has a handful, so sorting them is cheap).
_ALL_PERPETUAL_SOURCE = (
    f"({_PERPETUAL_SELECT}"
    "FROM entitlements AS e JOIN customers AS c ON c.id = e.customer_id "
    "WHERE c.removed_at IS NULL) AS u"
)


def _preset_condition(
    preset: str | None, now: datetime, days: int
) -> tuple[str | None, tuple[Any, ...]]:
    stamp = wire_stamp(now)
    if not preset:
        return None, ()
    if preset == "renewing_within_days":
        until = wire_stamp(now + timedelta(days=days))
        return ("(u.status = 'active' AND u.auto_renew = 1 AND u.commitment_end_date >= ? "
                "AND u.commitment_end_date <= ?)", (stamp, until))
    if preset == "in_window":
        # Only what can still be cancelled: an expired or cancelled subscription may carry a
        # window date that is still ahead, yet nothing can be done with it.
        return ("(u.cancellation_allowed_until > ? AND u.status IN ('active', 'suspended'))",
                (stamp,))
    if preset == "suspended":
        return "u.status = 'suspended'", ()
    if preset == "auto_renew_off":
        return "(u.auto_renew = 0 AND u.status = 'active')", ()
    if preset == "software":
        return "u.kind IN ('software', 'perpetual')", ()
    if preset == "perpetual":
        return "u.kind = 'perpetual'", ()
    if preset == "expired":
        return "u.status IN ('expired', 'disabled')", ()
    raise ValueError(f"unknown subscription preset {preset!r}")


def _kind_condition(kind: str | None) -> tuple[str | None, tuple[Any, ...]]:
    if not kind:
        return None, ()
    if kind not in SUBSCRIPTION_KINDS:
        raise ValueError(f"unknown subscription kind {kind!r}")
    return "u.kind = ?", (kind,)


def _subscription_query(
    customer_id: str | None, filter: str, sort: str, descending: bool, preset: str | None,
    now: datetime | None, renewing_days: int, kind: str | None = None,
) -> ListQuery:
    where: list[str] = []
    params: list[Any] = []
    pattern = like_pattern(filter)
    search_source = None
    if customer_id is not None:
        source = _one_customer_source()
        params.extend([customer_id, customer_id])
        match = "u.name_fold LIKE ? ESCAPE '\\'"
        match_count = 1
    else:
        # Across customers perpetual licences are their own list (they never renew and have
        # no term, so they mix badly with subscriptions in the renewal order).
        perpetual = preset == "perpetual" or kind == "perpetual"
        source = (_ALL_PERPETUAL_SOURCE if perpetual
                  else _ALL_BY_CUSTOMER_SOURCE if sort == "customer" else _ALL_SOURCE)
        if not perpetual and pattern and "\n" not in pattern:
            # Product name or customer name, both in the one search text
            # (store.subscription_search_fold); a needle without a line break cannot span
            # the two.
            match = "u.search_fold LIKE ? ESCAPE '\\'"
            match_count = 1
            search_source = _ALL_SEARCH_SOURCE
        else:
            # The customers whose name matches are found first (20k short names, a few ms)
            # and then looked up by id.
            match = ("(u.name_fold LIKE ? ESCAPE '\\' OR u.customer_id IN "
                     "(SELECT id FROM customers WHERE name_fold LIKE ? ESCAPE '\\'))")
            match_count = 2
    if pattern:
        where.append(match)
        params.extend([pattern] * match_count)
    for condition, condition_params in (
            _preset_condition(preset, now or datetime.now(UTC), renewing_days),
            _kind_condition(kind)):
        if condition:
            where.append(condition)
            params.extend(condition_params)
    order, order_nonnull = _SUBSCRIPTION_ORDER.get(sort, _SUBSCRIPTION_ORDER["product"])
    sparse = None
    if search_source is not None:
        sparse = ListQuery(
            source=search_source, columns=_SUBSCRIPTION_COLUMNS, key="u.id",
            where=tuple(where), params=tuple(params), order=order,
            order_nonnull=order_nonnull, descending=descending,
        )
    search = None
    if search_source is not None and pattern:
        # Typed at speed over every subscription: narrowed in memory (db/reads.TextSearch).
        needle = search_needle(filter)
        if needle is not None:
            search = TextSearch(
                base=_subscription_query(None, "", sort, descending, preset, now,
                                         renewing_days, kind),
                texts=_SEARCH_TEXTS, needle=needle)
    return ListQuery(
        source=source, columns=_SUBSCRIPTION_COLUMNS, key="u.id", where=tuple(where),
        params=tuple(params), order=order, order_nonnull=order_nonnull, descending=descending,
        search=search,
        sparse=sparse, sparse_below=SPARSE_BELOW_BY_CUSTOMER if sort == "customer" else 0,
        # Rows by rowid: subscriptions as the outer loop (a rowid look-up each), not the
        # customer order's walk of every customer.
        rid="u.rid", lookup=_ALL_SOURCE if source is _ALL_BY_CUSTOMER_SOURCE else None,
        pass_source=_ALL_PASS_SOURCE if source is _ALL_SOURCE else None,
        pass_exclude=_PASS_EXCLUDE if source is _ALL_SOURCE else None,
    )


def _subscription_row(row: Sequence[Any]) -> SubscriptionListRow:
    values = list(row)
    values[10] = None if values[10] is None else bool(values[10])
    values[13] = bool(values[13])
    values[18] = int(values[18] or 0)
    return SubscriptionListRow(*values)


def count_subscriptions(
    db: sqlite3.Connection,
    *,
    customer_id: str | None = None,
    filter: str = "",
    preset: str | None = None,
    now: datetime | None = None,
    renewing_days: int = DEFAULT_RENEWING_DAYS,
    kind: str | None = None,
) -> int:
    query = _subscription_query(customer_id, filter, "product", False, preset, now,
                                renewing_days, kind)
    return query.count(_with_text_functions(db))


def subscription_rows(
    db: sqlite3.Connection,
    *,
    customer_id: str | None = None,
    filter: str = "",
    sort: str = "product",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
    preset: str | None = None,
    now: datetime | None = None,
    renewing_days: int = DEFAULT_RENEWING_DAYS,
    total: int | None = None,
    kind: str | None = None,
) -> list[SubscriptionListRow]:
    """One window of subscriptions (``customer_id``: of one customer, with its perpetual
    licences; None: of every customer). ``preset`` is one of :data:`SUBSCRIPTION_PRESETS`,
    ``kind`` one of :data:`SUBSCRIPTION_KINDS`."""
    query = _subscription_query(customer_id, filter, sort, descending, preset, now,
                                renewing_days, kind)
    rows = query.rows(_with_text_functions(db), offset, limit, total)
    return [_subscription_row(row) for row in rows]


def subscription_filter_search(
    *,
    customer_id: str | None = None,
    sort: str = "product",
    descending: bool = False,
    preset: str | None = None,
    now: datetime | None = None,
    renewing_days: int = DEFAULT_RENEWING_DAYS,
    kind: str | None = None,
) -> TextSearch | None:
    """The in-memory search a filter over this list would use (``db.reads.TextSearch``), or
    None when its filter is SQL: what the console reads ahead when the filter line opens."""
    return _subscription_query(customer_id, "a", sort, descending, preset, now,
                               renewing_days, kind).search


def read_search_base(conn: sqlite3.Connection, search: TextSearch) -> Any:
    """``search``'s unfiltered list and texts, read on ``conn`` (any connection to the cache)."""
    return search.read_base(_with_text_functions(conn))


def subscription_index_of(
    db: sqlite3.Connection,
    id: str,
    *,
    customer_id: str | None = None,
    filter: str = "",
    sort: str = "product",
    descending: bool = False,
    preset: str | None = None,
    now: datetime | None = None,
    renewing_days: int = DEFAULT_RENEWING_DAYS,
    kind: str | None = None,
) -> int | None:
    query = _subscription_query(customer_id, filter, sort, descending, preset, now,
                                renewing_days, kind)
    return query.index_of(_with_text_functions(db), id)
