"""Read-only queries behind the console's lists and detail panes.

Every list is a *window* query: ``count_*`` for the scrollbar, ``*_rows`` with LIMIT/OFFSET for
the rows on screen, and ``*_index_of`` to find where a row (by key) sits after the data, the
filter or the sort changed, so the cursor can stay on it. Filtering is SQL on the ``*_fold``
columns (``LIKE`` with a folded, escaped needle: "sumavska" finds "Šumavská"); sorting is an
``ORDER BY`` on indexed columns with the row id as the last tie-breaker, so the order is total.
Nothing here writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils

from csp_tui.domain.text import czech_sort_key, fold

# A perpetual licence can be returned for a full refund within 30 days of purchase.
PERPETUAL_REFUND_DAYS = 30


# --------------------------------------------------------------------------------------------
# Row types


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


@dataclass(frozen=True, slots=True)
class InvitationListRow:
    id: str
    company_name: str
    contact_name: str
    contact_email: str
    domain: str
    status: str  # pending | accepted | cancelled (stale is derived by the caller with a clock)
    created_at: str
    last_sent_at: str
    send_count: int
    customer_id: str | None


@dataclass(frozen=True, slots=True)
class CommandLogRow:
    id: int
    at: str
    method: str
    path: str
    status: int | None
    duration_ms: int
    request_id: str | None
    error: str | None


@dataclass(frozen=True, slots=True)
class RelationshipView:
    partner_id: str
    name: str
    relationship_type: str
    mpn_id: str | None


@dataclass(frozen=True, slots=True)
class QualificationView:
    qualification: str
    vetting_status: str | None
    vetting_reason: str | None
    vetting_created_at: str | None


@dataclass(frozen=True, slots=True)
class PartView:
    """How the last read of one part of a customer went (``customer_parts``)."""

    part: str  # customer | subscriptions | entitlements | qualifications | relationships
    state: str  # ok | refused | missing | failed
    read_at: str
    last_ok_at: str | None = None  # the last complete read; None: never
    status: int | None = None
    code: str | None = None
    message: str | None = None  # Partner Center's words (remote text)

    @property
    def ok(self) -> bool:
        return self.state == "ok"


@dataclass(frozen=True, slots=True)
class CustomerDetailView:
    """What the tenant pane shows for one customer."""

    id: str
    company_name: str
    primary_domain: str
    initial_domain: str | None
    other_domains: tuple[str, ...]
    relationship: str
    relationships: tuple[RelationshipView, ...]
    allow_delegated_access: bool | None
    qualifications: tuple[QualificationView, ...]
    subscription_count: int
    entitlement_count: int
    attention: int
    attention_reason: str | None
    email: str | None
    city: str | None
    country: str | None
    detail_synced_at: str | None
    listed_at: str
    #: Set while a tenant created here waits for Partner Center to list it.
    created_pending_at: str | None = None
    #: The parts the last sync could not read (their rows are from an earlier read, if any).
    stale_parts: tuple[PartView, ...] = ()
    #: What the customer's subscriptions list holds now, counted from the same rows: every
    #: subscription whatever its status, and of them the expired (or disabled) and the
    #: cancelled ones. ``subscription_count`` is the sync's count, without the cancelled.
    subscriptions_listed: int = 0
    subscriptions_expired: int = 0
    subscriptions_cancelled: int = 0


# --------------------------------------------------------------------------------------------
# The generic window query


@dataclass(frozen=True)
class _ListQuery:
    """One list: a FROM clause, conditions and a total order.

    ``order`` holds SQL expressions for ORDER BY (index-friendly, may be NULL);
    ``order_nonnull`` the same expressions made NULL-free for row-value comparisons in
    ``index_of`` (SQLite sorts NULL first, and '' sorts before any other text, so both orders
    agree). The last expression must be unique (the row key).
    """

    source: str
    columns: str
    key: str
    where: tuple[str, ...]
    params: tuple[Any, ...]
    order: tuple[str, ...]
    order_nonnull: tuple[str, ...]
    descending: bool
    # The same rows through a filter index, sorted afterwards: what counts them, and what
    # reads a window when the matches are few (see ``rows``).
    sparse: _ListQuery | None = None
    # Below this many matches ``sparse`` reads every window, whatever its offset: for an order
    # in which matches bunch together (see SPARSE_BELOW_BY_CUSTOMER).
    sparse_below: int = 0

    def _where_sql(self, extra: str = "") -> str:
        parts = [*self.where, *([extra] if extra else [])]
        return f" WHERE {' AND '.join(parts)}" if parts else ""

    def count(self, conn: sqlite3.Connection) -> int:
        """How many rows match (for the scrollbar and the pane title)."""
        query = self.sparse or self
        sql = f"SELECT count(*) FROM {query.source}{query._where_sql()}"
        return int(conn.execute(sql, query.params).fetchone()[0])

    def rows(
        self, conn: sqlite3.Connection, offset: int, limit: int, total: int | None = None
    ) -> list[tuple[Any, ...]]:
        """Rows ``offset`` .. ``offset + limit``. With ``total`` known, a window in the second
        half is read backwards from the end: OFFSET costs a walk over the skipped rows, and
        this halves the longest walk (jumping to the end of 100k rows stays quick).

        Walking the sort index visits about ``(offset + limit) * all / total`` rows to find
        the window, so when few rows match it would read most of the table; then the
        ``sparse`` plan reads only the matches and sorts them."""
        offset, limit = max(0, offset), max(0, limit)
        if limit == 0 or (total is not None and offset >= total):
            return []  # nothing to read: a filter that matches nothing costs no walk at all
        reverse = total is not None and offset > total // 2
        if reverse:
            assert total is not None
            end = min(total, offset + limit)
            offset, limit = max(0, total - end), max(0, end - offset)
        query = self
        if (self.sparse is not None and total is not None
                and total < max(SPARSE_MATCHES_PER_ROW * (offset + limit),
                                self.sparse_below)):
            query = self.sparse
        descending = self.descending != reverse
        direction = " DESC" if descending else ""
        order = ", ".join(f"{expr}{direction}" for expr in self.order)
        sql = (f"SELECT {self.columns} FROM {query.source}{query._where_sql()} "
               f"ORDER BY {order} LIMIT ? OFFSET ?")
        rows = conn.execute(sql, (*query.params, limit, offset)).fetchall()
        if reverse:
            rows.reverse()
        return rows

    def index_of(self, conn: sqlite3.Connection, key: object) -> int | None:
        values = ", ".join(self.order_nonnull)
        found = conn.execute(
            f"SELECT {values} FROM {self.source}{self._where_sql(f'{self.key} = ?')}",
            (*self.params, key),
        ).fetchone()
        if found is None:
            return None
        op = ">" if self.descending else "<"
        placeholders = ", ".join("?" * len(found))
        before = conn.execute(
            f"SELECT count(*) FROM {self.source}"
            f"{self._where_sql(f'({values}) {op} ({placeholders})')}",
            (*self.params, *found),
        ).fetchone()[0]
        return int(before)


# A filtered window is read through the sort index while at least this many rows match per
# row wanted (offset + limit), else by sorting the matches. Measured on 20,000 customers: the
# walk wins above about 1,000 matches for a 200-row window, the sort below (5-12 ms).
SPARSE_MATCHES_PER_ROW = 5
# In the customer order a filter's matches are mostly one customer's rows, together at one
# place of the walk, so the walk reads every row before them (140 ms to the first window of
# "novak"'s 1,445 matches at 100k subscriptions); sorting up to this many matches costs
# 35-55 ms.
SPARSE_BELOW_BY_CUSTOMER = 10_000

# SQLite refuses a LIKE pattern over 50 000 bytes ("pattern too complex"). No name, domain
# or id comes near this length, so a longer needle (a paste gone wrong) is cut to it.
MAX_NEEDLE = 1000


def like_pattern(needle: str) -> str | None:
    """The folded needle as a ``LIKE`` pattern (``%``, ``_`` and ``\\`` escaped), or None."""
    folded = fold(needle.strip())[:MAX_NEEDLE]
    if not folded:
        return None
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _conn(db: sqlite_utils.Database | sqlite3.Connection) -> sqlite3.Connection:
    return db if isinstance(db, sqlite3.Connection) else db.conn


def _with_text_functions(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Entitlement rows have no stored fold/sort columns; compute them the same way in SQL."""
    conn.create_function("csp_fold", 1, fold, deterministic=True)
    conn.create_function("csp_sort_key", 1, czech_sort_key, deterministic=True)
    return conn


# --------------------------------------------------------------------------------------------
# Customers

CUSTOMER_SORTS: tuple[str, ...] = ("name", "domain", "subscriptions", "attention")
_CUSTOMER_ORDER = {
    "name": (("c.sort_key", "c.id"), ("c.sort_key", "c.id")),
    "domain": (("c.domain_fold", "c.id"), ("c.domain_fold", "c.id")),
    "subscriptions": (("c.subscription_count", "c.sort_key", "c.id"),) * 2,
    "attention": (("c.attention", "c.sort_key", "c.id"),) * 2,
}


def _customer_query(filter: str, sort: str, descending: bool) -> _ListQuery:
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
        sparse = _ListQuery(
            source="customers AS c INDEXED BY customers_search", columns=columns,
            key="c.id", where=("c.removed_at IS NULL", match), params=params, order=order,
            order_nonnull=order_nonnull, descending=descending,
        )
    return _ListQuery(
        source="customers AS c", columns=columns, key="c.id", where=where, params=params,
        order=order, order_nonnull=order_nonnull, descending=descending, sparse=sparse,
    )


def count_customers(db: sqlite_utils.Database, filter: str = "") -> int:
    return _customer_query(filter, "name", False).count(_conn(db))


def customer_rows(
    db: sqlite_utils.Database,
    *,
    filter: str = "",
    sort: str = "name",
    descending: bool = False,
    offset: int = 0,
    limit: int = 200,
    total: int | None = None,
) -> list[CustomerListRow]:
    """``total`` (the count, if the caller has it) lets a deep window be read from the end."""
    rows = _customer_query(filter, sort, descending).rows(_conn(db), offset, limit, total)
    return [CustomerListRow(*row) for row in rows]


def customer_index_of(
    db: sqlite_utils.Database, id: str, filter: str = "", sort: str = "name",
    descending: bool = False,
) -> int | None:
    return _customer_query(filter, sort, descending).index_of(_conn(db), id)


# --------------------------------------------------------------------------------------------
# Subscriptions (and, in one customer's view, perpetual licences from entitlements)

# Each sort walks an index (status ties break on the rowid, which that index carries), so
# a window of 100k subscriptions never needs a full sort.
SUBSCRIPTION_SORTS: tuple[str, ...] = ("product", "renewal", "status", "window", "quantity",
                                       "customer")
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
    "u.cancellation_allowed_until, u.is_trial, u.purchase_date"
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
        "s.search_fold AS search_fold "
    )


# Customers joined as ``c``.
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
    "-e.rowid AS rid, '' AS search_fold "
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
# The same rows with customers as the outer loop, for the "customer" order: the customers in
# their sort order, each one's subscriptions through subscriptions_customer_sort.
_ALL_BY_CUSTOMER_SOURCE = (
    f"({_SUBSCRIPTION_SELECT}"
    "FROM customers AS c INDEXED BY customers_sort CROSS JOIN subscriptions AS s "
    "ON s.customer_id = c.id WHERE c.removed_at IS NULL) AS u"
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
    stamp = _iso(now)
    if not preset:
        return None, ()
    if preset == "renewing_within_days":
        until = _iso(now + timedelta(days=days))
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
) -> _ListQuery:
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
        sparse = _ListQuery(
            source=search_source, columns=_SUBSCRIPTION_COLUMNS, key="u.id",
            where=tuple(where), params=tuple(params), order=order,
            order_nonnull=order_nonnull, descending=descending,
        )
    return _ListQuery(
        source=source, columns=_SUBSCRIPTION_COLUMNS, key="u.id", where=tuple(where),
        params=tuple(params), order=order, order_nonnull=order_nonnull, descending=descending,
        sparse=sparse, sparse_below=SPARSE_BELOW_BY_CUSTOMER if sort == "customer" else 0,
    )


def _subscription_row(row: Sequence[Any]) -> SubscriptionListRow:
    values = list(row)
    values[10] = None if values[10] is None else bool(values[10])
    values[13] = bool(values[13])
    return SubscriptionListRow(*values)


def count_subscriptions(
    db: sqlite_utils.Database,
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
    return query.count(_with_text_functions(_conn(db)))


def subscription_rows(
    db: sqlite_utils.Database,
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
    rows = query.rows(_with_text_functions(_conn(db)), offset, limit, total)
    return [_subscription_row(row) for row in rows]


def subscription_index_of(
    db: sqlite_utils.Database,
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
    return query.index_of(_with_text_functions(_conn(db)), id)


# --------------------------------------------------------------------------------------------
# Invitations (state.db)

INVITATION_SORTS: tuple[str, ...] = ("sent", "company", "status")
_INVITATION_ORDER = {
    "sent": (("i.last_sent_at", "i.id"),) * 2,
    "company": (("i.name_fold", "i.id"),) * 2,
    "status": (("i.status", "i.last_sent_at", "i.id"),) * 2,
}


def _invitation_query(filter: str, sort: str, descending: bool) -> _ListQuery:
    where: list[str] = []
    params: list[Any] = []
    pattern = like_pattern(filter)
    if pattern:
        where.append("(i.name_fold LIKE ? ESCAPE '\\' OR lower(i.contact_email) LIKE ? "
                     "ESCAPE '\\' OR lower(i.domain) LIKE ? ESCAPE '\\')")
        params.extend([pattern] * 3)
    order, order_nonnull = _INVITATION_ORDER.get(sort, _INVITATION_ORDER["sent"])
    return _ListQuery(
        source="invitations AS i",
        columns="i.id, i.company_name, i.contact_name, i.contact_email, i.domain, i.status, "
                "i.created_at, i.last_sent_at, i.send_count, i.customer_id",
        key="i.id", where=tuple(where), params=tuple(params), order=order,
        order_nonnull=order_nonnull, descending=descending,
    )


def count_invitations(state: sqlite_utils.Database, filter: str = "") -> int:
    return _invitation_query(filter, "sent", False).count(_conn(state))


def invitation_rows(
    state: sqlite_utils.Database,
    *,
    filter: str = "",
    sort: str = "sent",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
    total: int | None = None,
) -> list[InvitationListRow]:
    rows = _invitation_query(filter, sort, descending).rows(_conn(state), offset, limit, total)
    return [InvitationListRow(*row) for row in rows]


def invitation_index_of(
    state: sqlite_utils.Database, id: str, filter: str = "", sort: str = "sent",
    descending: bool = True,
) -> int | None:
    return _invitation_query(filter, sort, descending).index_of(_conn(state), id)


# --------------------------------------------------------------------------------------------
# Command log (state.db)

COMMAND_LOG_SORTS: tuple[str, ...] = ("time", "status", "duration")
_COMMAND_ORDER = {
    "time": (("l.at", "l.id"),) * 2,
    "status": (("l.status", "l.id"), ("IFNULL(l.status, -1)", "l.id")),
    "duration": (("l.duration_ms", "l.id"),) * 2,
}


def _command_query(filter: str, sort: str, descending: bool) -> _ListQuery:
    where: list[str] = []
    params: list[Any] = []
    pattern = like_pattern(filter)
    if pattern:
        where.append("(lower(l.path) LIKE ? ESCAPE '\\' OR lower(l.method) LIKE ? ESCAPE '\\' "
                     "OR lower(IFNULL(l.request_id, '')) LIKE ? ESCAPE '\\' "
                     "OR CAST(l.status AS TEXT) LIKE ? ESCAPE '\\')")
        params.extend([pattern] * 4)
    order, order_nonnull = _COMMAND_ORDER.get(sort, _COMMAND_ORDER["time"])
    return _ListQuery(
        source="command_log AS l",
        columns="l.id, l.at, l.method, l.path, l.status, l.duration_ms, l.request_id, l.error",
        key="l.id", where=tuple(where), params=tuple(params), order=order,
        order_nonnull=order_nonnull, descending=descending,
    )


def count_commands(state: sqlite_utils.Database, filter: str = "") -> int:
    return _command_query(filter, "time", True).count(_conn(state))


def command_rows(
    state: sqlite_utils.Database,
    *,
    filter: str = "",
    sort: str = "time",
    descending: bool = True,
    offset: int = 0,
    limit: int = 200,
    total: int | None = None,
) -> list[CommandLogRow]:
    rows = _command_query(filter, sort, descending).rows(_conn(state), offset, limit, total)
    return [CommandLogRow(*row) for row in rows]


def command_index_of(
    state: sqlite_utils.Database, id: int, filter: str = "", sort: str = "time",
    descending: bool = True,
) -> int | None:
    return _command_query(filter, sort, descending).index_of(_conn(state), id)


def outbox_pending(state: sqlite_utils.Database) -> int:
    """Queued writes not yet done (what the status bar counts)."""
    row = _conn(state).execute(
        "SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending', 'needs_attention')"
    ).fetchone()
    return int(row[0])


# --------------------------------------------------------------------------------------------
# One customer


def customer_detail(db: sqlite_utils.Database, id: str) -> CustomerDetailView | None:
    """The tenant pane's data for one listed customer, or None (unknown or removed)."""
    conn = _conn(db)
    row = conn.execute(
        "SELECT id, company_name, primary_domain, relationship, allow_delegated_access, "
        "subscription_count, attention, attention_reason, email, city, country, "
        "detail_synced_at, listed_at, created_pending_at FROM customers "
        "WHERE id = ? AND removed_at IS NULL",
        (id,),
    ).fetchone()
    if row is None:
        return None
    domains = conn.execute(
        "SELECT domain, is_initial FROM domains WHERE customer_id = ? "
        "ORDER BY is_initial DESC, domain", (id,),
    ).fetchall()
    initial = next((domain for domain, is_initial in domains if is_initial), None)
    if initial is None and row[2].endswith(".onmicrosoft.com"):
        initial = row[2]
    others = tuple(domain for domain, _ in domains if domain != initial)
    relationships = tuple(
        RelationshipView(*rel) for rel in conn.execute(
            "SELECT partner_id, name, relationship_type, mpn_id FROM customer_relationships "
            "WHERE customer_id = ? ORDER BY relationship_type, name, partner_id", (id,),
        )
    )
    qualifications = tuple(
        QualificationView(*q) for q in conn.execute(
            "SELECT qualification, vetting_status, vetting_reason, vetting_created_at "
            "FROM qualifications WHERE customer_id = ? ORDER BY qualification", (id,),
        )
    )
    entitlements = conn.execute(
        "SELECT count(*) FROM entitlements WHERE customer_id = ?", (id,)).fetchone()[0]
    listed, expired, cancelled = conn.execute(
        "SELECT count(*), IFNULL(sum(status IN ('expired', 'disabled')), 0), "
        "IFNULL(sum(status = 'deleted'), 0) FROM subscriptions WHERE customer_id = ?", (id,),
    ).fetchone()
    delegated = None if row[4] is None else bool(row[4])
    return CustomerDetailView(
        id=row[0], company_name=row[1], primary_domain=row[2], initial_domain=initial,
        other_domains=others, relationship=row[3], relationships=relationships,
        allow_delegated_access=delegated, qualifications=qualifications,
        subscription_count=row[5], entitlement_count=int(entitlements), attention=row[6],
        attention_reason=row[7], email=row[8], city=row[9], country=row[10],
        detail_synced_at=row[11], listed_at=row[12], created_pending_at=row[13],
        stale_parts=tuple(stale_parts(db, id)), subscriptions_listed=int(listed),
        subscriptions_expired=int(expired), subscriptions_cancelled=int(cancelled),
    )


_PART_ORDER = ("customer", "subscriptions", "entitlements", "qualifications", "relationships")


def stale_parts(db: sqlite_utils.Database, customer_id: str,
                parts: Sequence[str] | None = None) -> list[PartView]:
    """The parts of one customer the last sync could not read (all, or only ``parts``), in
    the order the panes show them."""
    rows = _conn(db).execute(
        "SELECT part, state, read_at, last_ok_at, status, code, message FROM customer_parts "
        "WHERE customer_id = ? AND state != 'ok'", (customer_id,),
    ).fetchall()
    found = [PartView(*row) for row in rows if parts is None or row[0] in parts]
    return sorted(found, key=lambda view: (_PART_ORDER.index(view.part)
                                           if view.part in _PART_ORDER else len(_PART_ORDER),
                                           view.part))


# --------------------------------------------------------------------------------------------
# Whole records, for the detail screens (every column, literally)


def _record(conn: sqlite3.Connection, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
    cursor = conn.execute(sql, tuple(params))
    row = cursor.fetchone()
    if row is None:
        return None
    return {description[0]: value for description, value in zip(cursor.description, row,
                                                                  strict=True)}


def customer_record(db: sqlite_utils.Database, id: str) -> dict[str, Any] | None:
    return _record(_conn(db), "SELECT * FROM customers WHERE id = ?", (id,))


def subscription_record(db: sqlite_utils.Database, id: str, *,
                        customer_id: str | None = None) -> dict[str, Any] | None:
    """A subscription's row, or a perpetual licence's row from entitlements (same key space).

    Subscriptions are keyed by (customer, id): the same id may come back under two customers,
    so a screen that knows whose row the person selected passes ``customer_id`` and gets that
    row, never the other customer's."""
    conn = _conn(db)
    if customer_id is None:
        return (_record(conn, "SELECT * FROM subscriptions WHERE id = ?", (id,))
                or _record(conn, "SELECT * FROM entitlements WHERE id = ?", (id,)))
    owner = (customer_id.lower(),)
    return (_record(conn, "SELECT * FROM subscriptions WHERE id = ? AND customer_id = ?",
                    (id, *owner))
            or _record(conn, "SELECT * FROM entitlements WHERE id = ? AND customer_id = ?",
                       (id, *owner)))


def invitation_record(state: sqlite_utils.Database, id: str) -> dict[str, Any] | None:
    return _record(_conn(state), "SELECT * FROM invitations WHERE id = ?", (id,))


def command_record(state: sqlite_utils.Database, id: int) -> dict[str, Any] | None:
    return _record(_conn(state), "SELECT * FROM command_log WHERE id = ?", (id,))
