"""Writes done by the sync worker: customer pages, customer details, runs and their events.

Every unit (a listing page, one customer's details) is one transaction, so a killed process
leaves whole units behind and the next run can finish the job. Changes a person cares about
(a new customer, a seat count that moved) are computed here, against the rows being replaced,
and recorded in ``sync_events`` inside the same transaction as the rows themselves. The rules
of what needs a person (attention) are the domain's (``domain/attention.py``).

The functions take plain dicts/dataclasses rather than wire models: the worker converts, the
store stays independent of the REST client. This package is the cache's one writing interface;
its modules, by what they write:

- :mod:`~.rows` — the records the worker hands in;
- :mod:`~.runs` — sync runs and their events;
- :mod:`~.listing` — customer listing pages, removals;
- :mod:`~.details` — one customer's details (with :mod:`~.parts`, how each part's read went);
- :mod:`~.created` — a tenant created here, waiting to be listed;
- :mod:`~.search` — the folded search texts;
- :mod:`~.snapshot` — a canonical dump, to compare two caches.
"""

from __future__ import annotations

from csp_tui.cache.store.audit_changes import last_change_by, record_audit_changes
from csp_tui.cache.store.created import (
    CREATED_PENDING_WINDOW,
    add_created_customer,
    created_pending_at,
)
from csp_tui.cache.store.details import write_customer_detail
from csp_tui.cache.store.listing import (
    content_counts,
    had_complete_listing,
    mark_missing_removed,
    upsert_customer_page,
)
from csp_tui.cache.store.parts import part_read_before
from csp_tui.cache.store.rows import PART_STATES, PARTS, CustomerDetail, CustomerRow, PartRead
from csp_tui.cache.store.runs import (
    events_for_run,
    finish_run,
    interrupted_runs,
    mark_interrupted,
    record_events,
    start_run,
)
from csp_tui.cache.store.search import search_fold, subscription_search_fold
from csp_tui.cache.store.snapshot import snapshot

__all__ = [
    "CREATED_PENDING_WINDOW", "PARTS", "PART_STATES", "CustomerDetail", "CustomerRow",
    "PartRead", "add_created_customer", "content_counts", "created_pending_at",
    "events_for_run", "finish_run", "had_complete_listing", "interrupted_runs",
    "last_change_by",
    "mark_interrupted", "mark_missing_removed", "part_read_before",
    "record_audit_changes",
    "record_events",
    "search_fold", "snapshot", "start_run", "subscription_search_fold",
    "upsert_customer_page", "write_customer_detail",
]
