"""Read-only queries of ``cache.db`` behind the console's lists and detail panes and the CLI's
listings. Nothing here writes, and nothing here reads ``state.db`` (its reads are
``state/views.py``).

Every list is a window query over :class:`csp_tui.db.reads.ListQuery`: ``count_*`` for the
scrollbar (kept until the cache changes), ``*_rows`` for the rows on screen (OFFSET near the
ends, the list's position index further in), and ``*_index_of`` to find where a row (by key)
sits after the data, the filter or the sort changed. This package is the cache's one reading
interface; its modules:

- :mod:`~.rows` — the row and view records returned;
- :mod:`~.customers` — the customers list;
- :mod:`~.subscriptions` — the subscriptions list (one customer's, or every customer's);
- :mod:`~.details` — one customer's tenant pane, stale parts, whole records.
"""

from __future__ import annotations

from csp_tui.cache.views.customers import (
    CUSTOMER_SORTS,
    count_customers,
    customer_index_of,
    customer_rows,
)
from csp_tui.cache.views.details import (
    customer_detail,
    customer_record,
    stale_parts,
    subscription_record,
)
from csp_tui.cache.views.rows import (
    CustomerDetailView,
    CustomerListRow,
    PartView,
    QualificationView,
    RelationshipView,
    SubscriptionListRow,
)
from csp_tui.cache.views.subscriptions import (
    DEFAULT_RENEWING_DAYS,
    PERPETUAL_REFUND_DAYS,
    SUBSCRIPTION_KINDS,
    SUBSCRIPTION_PRESETS,
    SUBSCRIPTION_SORTS,
    count_subscriptions,
    read_search_base,
    subscription_filter_search,
    subscription_index_of,
    subscription_rows,
)
from csp_tui.db.reads import like_pattern

__all__ = [
    "CUSTOMER_SORTS",
    "DEFAULT_RENEWING_DAYS",
    "PERPETUAL_REFUND_DAYS",
    "SUBSCRIPTION_KINDS",
    "SUBSCRIPTION_PRESETS",
    "SUBSCRIPTION_SORTS",
    "CustomerDetailView",
    "CustomerListRow",
    "PartView",
    "QualificationView",
    "RelationshipView",
    "SubscriptionListRow",
    "count_customers",
    "count_subscriptions",
    "customer_detail",
    "customer_index_of",
    "customer_record",
    "customer_rows",
    "like_pattern",
    "read_search_base",
    "stale_parts",
    "subscription_filter_search",
    "subscription_index_of",
    "subscription_record",
    "subscription_rows",
]
