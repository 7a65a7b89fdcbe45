"""A console's databases with something for every part of Today, at fixed moments.

The synthetic cache (tests/tui/conftest.py) has customers, subscriptions and invitations as
of DATA_NOW; this adds what a sync, the outbox and the ledger would have recorded since the
person last looked (LOOKED), so pictures and assertions never depend on the machine's clock.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from csp_tui.cache import store
from csp_tui.domain.changes import Change
from csp_tui.state import outbox, seen_marks

from .conftest import Console

LOOKED = "2026-11-23T18:00:00.000000Z"
SYNCED = "2026-11-24T07:30:00.000000Z"


def _first(cache: sqlite3.Connection, sql: str, *params: Any) -> tuple[Any, ...]:
    row = cache.execute(sql, params).fetchone()
    assert row is not None, sql
    return tuple(row)


def seed_today(console: Console) -> dict[str, Any]:
    """Record a night's changes after LOOKED; returns the ids they are about."""
    cache, state = console.cache, console.state
    seen_marks.mark_seen(state, now=LOOKED)
    customer, sub, quantity, name = _first(
        cache, "SELECT customer_id, id, quantity, offer_name FROM subscriptions "
               "WHERE status = 'active' ORDER BY sort_key, id LIMIT 1")
    other_customer, other_sub, other_name = _first(
        cache, "SELECT customer_id, id, offer_name FROM subscriptions WHERE status = 'active' "
               "AND customer_id != ? ORDER BY sort_key, id LIMIT 1", customer)
    added, added_name = _first(
        cache, "SELECT id, company_name FROM customers WHERE removed_at IS NULL "
               "ORDER BY sort_key DESC, id LIMIT 1")
    run = store.start_run(cache, "full", now=SYNCED)
    store.record_events(cache, run, [
        Change("customer_added", added, detail={"company_name": added_name}),
        Change("quantity_changed", customer, sub,
               {"old": quantity + 5, "new": quantity, "name": name}),
        Change("auto_renew_changed", other_customer, other_sub,
               {"old": True, "new": False, "name": other_name}),
        Change("qualification_changed", added,
               detail={"qualification": "education", "old": "InReview", "new": "Approved"}),
    ], now=SYNCED)
    store.finish_run(cache, run, "ok", now=SYNCED)
    failed = store.start_run(cache, "customer", now="2026-11-24T08:00:00.000000Z")
    store.finish_run(cache, failed, "failed", error="Partner Center did not answer",
                     now="2026-11-24T08:00:05.000000Z")
    entry = outbox.enqueue(state, kind="patch_subscription", customer_id=other_customer,
                           subject=other_name,
                           payload={"customer_id": other_customer,
                                    "subscription_id": other_sub,
                                    "changes": {"autoRenewEnabled": False}},
                           now="2026-11-23T19:00:00.000000Z")
    outbox.claim_next(state, now="2026-11-23T19:00:01.000000Z")
    outbox.mark_done(state, entry.id, {}, now="2026-11-23T19:00:02.000000Z")
    return {"customer": customer, "subscription": sub, "added": added,
            "other_customer": other_customer, "other_subscription": other_sub}
