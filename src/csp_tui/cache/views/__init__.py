"""Read-only queries of ``cache.db`` behind the console's lists and detail panes and the CLI's
listings. Nothing here writes, and nothing here reads ``state.db`` (its reads are
``state/views.py``).

Every list is a window query over :class:`csp_tui.db.reads.ListQuery`: ``count_*`` for the
scrollbar (kept until the cache changes), ``*_rows`` for the rows on screen (OFFSET near the
ends, the list's position index further in), and ``*_index_of`` to find where a row (by key)
sits after the data, the filter or the sort changed. This package is the cache's one reading
interface; its modules, each with the records it returns:

- :mod:`~.customers` — the customers list;
- :mod:`~.subscriptions` — the subscriptions list (one customer's, or every customer's);
- :mod:`~.details` — one customer's tenant pane, stale parts, whole records.

A name of this package is imported from its module when it is first used (PEP 562): the
console's first frame reads the customers list only, and the other modules' records and
queries are not built for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from csp_tui.cache.views.customers import (
        CUSTOMER_SORTS,
        CustomerListRow,
        count_customers,
        customer_index_of,
        customer_rows,
    )
    from csp_tui.cache.views.details import (
        CustomerDetailView,
        PartView,
        QualificationView,
        RelationshipView,
        customer_detail,
        customer_record,
        stale_parts,
        subscription_record,
    )
    from csp_tui.cache.views.subscriptions import (
        DEFAULT_RENEWING_DAYS,
        PERPETUAL_REFUND_DAYS,
        SUBSCRIPTION_KINDS,
        SUBSCRIPTION_PRESETS,
        SUBSCRIPTION_SORTS,
        SubscriptionListRow,
        count_subscriptions,
        read_search_base,
        subscription_filter_search,
        subscription_index_of,
        subscription_rows,
    )
    from csp_tui.db.reads import like_pattern

#: Where each name lives (the module is imported on the name's first use).
_MODULES: dict[str, tuple[str, ...]] = {
    "csp_tui.cache.views.customers": (
        "CUSTOMER_SORTS", "CustomerListRow", "count_customers", "customer_index_of",
        "customer_rows"),
    "csp_tui.cache.views.details": (
        "CustomerDetailView", "PartView", "QualificationView", "RelationshipView",
        "customer_detail", "customer_record", "stale_parts", "subscription_record"),
    "csp_tui.cache.views.subscriptions": (
        "DEFAULT_RENEWING_DAYS", "PERPETUAL_REFUND_DAYS", "SUBSCRIPTION_KINDS",
        "SUBSCRIPTION_PRESETS", "SUBSCRIPTION_SORTS", "SubscriptionListRow",
        "count_subscriptions", "read_search_base", "subscription_filter_search",
        "subscription_index_of", "subscription_rows"),
    "csp_tui.db.reads": ("like_pattern",),
}
_MODULE_OF = {name: module for module, names in _MODULES.items() for name in names}

# The same names, spelled out for readers and linters (tests/cache/test_views_facade.py).
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


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULE_OF})
