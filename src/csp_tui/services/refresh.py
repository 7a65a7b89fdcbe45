"""A refresh cycle: after the first full read, read what changed instead of everything.

Partner Center's guidance is not to poll every customer but to follow the audit log
(partner-center-api §1.5, §8). One cycle reads:

1. the customer listing (seek-paged, ~1 request per 500 customers): new and removed customers;
2. the audit log since the last cycle: every customer it names (a change by anyone in the
   partner organisation — this console, another operator, another tool) is re-read. An
   operation type nobody foresaw still names its customer, so it is re-read too;
3. customers the cache itself says are due: a term or commitment that ended, a cancellation
   window that closed since their last full read, a qualification under review, a tenant
   created here that is not confirmed yet;
4. a slow sweep of the customers read longest ago, under a request budget (a share of the
   rate limit, ``refresh_budget_percent`` of the profile, per sync interval), so stale data has
   a known maximum age: the oldest full read is reported after every cycle.

The cycle falls back to the full read when there is nothing to refresh from (no complete read
before, the last audit position older than the log keeps) and when the audit log cannot be
read (a role it is refused to, an error that stayed after the client's retries): then every
customer is read, said in words. Bookkeeping is in ``cache.db`` (``refresh_marks``).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from csp_tui.cache import store
from csp_tui.cache.freshness import oldest_read
from csp_tui.cache.store import refresh_marks as marks
from csp_tui.config import Profile
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center.auth import AuthError, SignInRequiredError
from csp_tui.partner_center.models import AuditRecord
from csp_tui.services import events
from csp_tui.services.sync_run import SyncResult
from csp_tui.timestamps import parse_timestamp, stamp

if TYPE_CHECKING:
    from csp_tui.services.sync import SyncEngine

#: The audit log keeps 90 days; a position older than this (with a day's margin) cannot be
#: refreshed from.
AUDIT_KEPT = timedelta(days=89)
#: Each read of the log starts this much before the last position, for records filed late
#: (or stamped by a clock a little behind ours); records already handled are skipped.
OVERLAP = timedelta(hours=1)
#: Requests one customer's full read costs (record, subscriptions, entitlements,
#: qualifications, relationships, licence pools — the seats in use): the budget's unit. A
#: customer the audit log names is read whole, so a subscription changed anywhere has its
#: seats in use read again with it.
REQUESTS_PER_CUSTOMER = 6
#: Partner Center's documented limit (requests per minute per tenant); the budget is a share
#: of the lower of it and the profile's own limit.
DOCUMENTED_RATE = 500
#: When the profile has no interval (0: no background sync), a cycle's budget is this long.
DEFAULT_CYCLE_MINUTES = 30

FULL, REFRESH, FALLBACK = "full", "refresh", "fallback"


def sweep_size(profile: Profile) -> int:
    """Customers the sweep re-reads in one cycle: the budget in requests over a cycle's
    minutes, divided by what one customer costs."""
    rate = min(profile.rate_limit_per_minute, DOCUMENTED_RATE)
    minutes = profile.sync_interval_minutes or DEFAULT_CYCLE_MINUTES
    budget = rate * minutes * profile.refresh_budget_percent / 100
    return max(1, math.floor(budget / REQUESTS_PER_CUSTOMER))


def why_full(engine: SyncEngine, now: datetime) -> str | None:
    """Why this cycle must be a full read (a ``refresh.why.*`` key), or None."""
    position = parse_timestamp(marks.mark(engine.cache, marks.AUDIT_FROM))
    if position is None or not store.had_complete_listing(engine.cache):
        return "first"
    if now - position > AUDIT_KEPT:
        return "too_old"
    return None


def fingerprint(record: AuditRecord) -> str:
    when = stamp(record.operation_date) if record.operation_date else ""
    return "|".join((when, (record.customer_id or "").lower(), record.operation_type or "",
                     record.id or "", record.resource_type or ""))


def after_full_read(engine: SyncEngine, started: datetime, result: SyncResult) -> None:
    """A full read that got through covers every change before it started."""
    if not result.completed:
        return
    marks.set_marks(engine.cache, {
        marks.AUDIT_FROM: stamp(started),
        marks.AUDIT_SEEN: None,
        marks.OWED: sorted(result.failed_customers),
    })


async def refresh(engine: SyncEngine, *, full: bool = False) -> SyncResult:
    """One cycle: a refresh when the cache allows it, else (or with ``full``) the full read."""
    reason = "forced" if full else why_full(engine, engine.clock())
    if reason is not None:
        result = await engine.full_sync()
        result.cycle, result.cycle_reason = FULL, reason
        result.oldest_read = oldest_read(engine.cache)
        return result
    return await _cycle(engine)


async def _cycle(engine: SyncEngine) -> SyncResult:
    cache = engine.cache
    store.mark_interrupted(cache)
    run_id = store.start_run(cache, "refresh")
    result = SyncResult(run_id=run_id, kind="refresh", ok=False, cycle=REFRESH)
    engine._emit(events.SyncStarted(run_id=run_id, kind="refresh"))

    async def steps() -> None:
        started = engine.clock()
        known = marks.known_customers(cache)
        listed = await engine._list_customers(result)
        result.changes += store.mark_missing_removed(cache, listed, run_id=run_id)
        engine._emit(events.CacheChanged(tables=frozenset({"customers"})))
        new = {c for c in listed if known.get(c) is None}
        position = parse_timestamp(marks.mark(cache, marks.AUDIT_FROM)) or started
        try:
            records = await engine.client.list_audit_records(position - OVERLAP)
        except (pce.AuthenticationError, SignInRequiredError, AuthError):
            raise
        except pce.PartnerCenterError as exc:
            # Without the log nothing says who changed: read everybody, and say so.
            result.cycle, result.cycle_reason = FALLBACK, str(exc)
            await engine._read_details(result, engine._detail_order(listed))
            engine._conclude(result)
            after_full_read(engine, started, result)
            return
        result.skipped_items += records.skipped
        seen = set(marks.json_mark(cache, marks.AUDIT_SEEN))
        named: set[str] = set()
        newest = position
        handled: list[tuple[datetime, str]] = []
        changed_by: list[tuple[str, str, str, str, datetime]] = []
        for record in records:
            if record.operation_date is None or not record.customer_id:
                continue
            key = fingerprint(record)
            handled.append((record.operation_date, key))
            newest = max(newest, record.operation_date)
            if key in seen or not record.succeeded:
                continue
            named.add(record.customer_id.lower())
            subscription = record.datum("SubscriptionId")
            if subscription and record.user_principal_name:
                # Who changed it, for Today ("by jana@… in Partner Center").
                changed_by.append((subscription, record.customer_id,
                                   record.user_principal_name, record.operation_type or "",
                                   record.operation_date))
        if changed_by:
            store.record_audit_changes(cache, changed_by, now=started)
        named &= listed
        dated = marks.due_by_dates(cache, stamp(started)) & listed
        owed = set(marks.json_mark(cache, marks.OWED)) & listed
        targeted = new | named | dated | owed
        sweep = [c for c in marks.oldest_first(cache, sweep_size(engine.profile), targeted)
                 if c in listed]
        result.reread = {"new": len(new), "audit": len(named - new),
                         "dates": len(dated - new - named),
                         "sweep": len(sweep)}
        order = [c for c in engine._detail_order(listed) if c in targeted] + sweep
        await engine._read_details(result, order)
        # A customer new in the listing may be an invitation accepted: the ledger says so, as
        # after a full read (without this, routine syncs never closed an invitation).
        result.changes += engine._accept_invitations(run_id)
        engine._conclude(result)
        # The position moves to the newest record seen; records within the overlap before it
        # are remembered so the next read skips them.
        floor = newest - OVERLAP
        marks.set_marks(cache, {
            marks.AUDIT_FROM: stamp(newest),
            marks.AUDIT_SEEN: [key for when, key in handled if when >= floor],
            marks.OWED: sorted(set(result.failed_customers) | (owed - set(order))),
        })

    result = await engine._run(result, steps())
    result.oldest_read = oldest_read(cache)
    return result
