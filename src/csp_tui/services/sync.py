"""The sync worker: Partner Center -> cache.db.

A full sync lists every customer (seek-paged), then reads each customer's details (full record
with domains, subscriptions, entitlements, qualifications, relationships) with bounded
concurrency. The shared rate limiter keeps the request rate *under* Partner Center's documented
500 requests/minute instead of bouncing off 429s.

Consistency rules:
- every unit (a listing page, one customer's details) is written in one transaction;
- customers missing from a listing are marked removed only after the listing *completed*;
- an interrupted run (killed process) leaves complete units behind; the next run starts with
  the customers whose details are oldest, so it finishes what the last one did not;
- a refused sign-in (401 after a token refresh, or no token at all) ends the run, recorded as
  failed, and is raised to the caller, which asks the person to sign in.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from csp_tui.cache import store
from csp_tui.config import Profile, Role
from csp_tui.i18n import t
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center import limits
from csp_tui.partner_center.auth import AuthError, SignInRequiredError
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.services import events, mapping
from csp_tui.state import invitations

log = logging.getLogger(__name__)

Publish = Callable[[events.Event], None]

# Partner Center refused the token (401) or there is no token to send: only signing in again
# helps, so the run stops and the caller asks the person to sign in.
SIGN_IN_ERRORS = (pce.AuthenticationError, SignInRequiredError)


async def _gather_or_cancel(*aws: Any) -> list[Any]:
    """``asyncio.gather`` that cancels the others when one fails: a plain gather leaves them
    running, still calling Partner Center and writing the cache after the run has ended."""
    tasks = [asyncio.ensure_future(aw) for aw in aws]
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


@dataclass
class SyncResult:
    run_id: int
    kind: str
    ok: bool
    customers_listed: int = 0
    customers_done: int = 0
    failed_customers: dict[str, str] = field(default_factory=dict)
    changes: list[events.Change] = field(default_factory=list)
    error: str | None = None
    # Items Partner Center sent that could not be read or stored, one line each (where, which
    # item, why): left out, everything else kept.
    skipped_items: list[str] = field(default_factory=list)


class _DetailQueue:
    """Customers waiting for a detail read; an on-demand refresh jumps the queue."""

    def __init__(self) -> None:
        self._heap: list[tuple[int, int, str]] = []
        self._counter = itertools.count()
        self._queued: set[str] = set()
        self._wakeup = asyncio.Event()

    def put(self, customer_id: str, *, urgent: bool = False) -> None:
        if customer_id in self._queued and not urgent:
            return
        self._queued.add(customer_id)
        heapq.heappush(self._heap, (0 if urgent else 1, next(self._counter), customer_id))
        self._wakeup.set()

    def pop(self) -> str | None:
        while self._heap:
            _, _, customer_id = heapq.heappop(self._heap)
            if customer_id in self._queued:
                self._queued.discard(customer_id)
                return customer_id
        return None

    def __len__(self) -> int:
        return len(self._queued)


class SyncEngine:
    def __init__(
        self,
        client: PartnerCenterClient,
        cache: sqlite_utils.Database,
        state: sqlite_utils.Database,
        profile: Profile,
        *,
        publish: Publish | None = None,
        concurrency: int | None = None,
    ) -> None:
        self.client = client
        self.cache = cache
        self.state = state
        self.profile = profile
        self.publish: Publish = publish or (lambda event: None)
        self.concurrency = concurrency or profile.sync_concurrency
        self._queue: _DetailQueue | None = None
        # One customer's detail read may take at most this long (None: from the client's
        # deadline, see partner_center.limits).
        self.step_deadline_s: float | None = None

    # -- public -------------------------------------------------------------------------

    def jump_queue(self, customer_id: str) -> bool:
        """During a running full sync, read this customer next. False if no sync is running."""
        if self._queue is None:
            return False
        self._queue.put(customer_id.lower(), urgent=True)
        return True

    async def full_sync(self) -> SyncResult:
        store.mark_interrupted(self.cache)
        run_id = store.start_run(self.cache, "full")
        result = SyncResult(run_id=run_id, kind="full", ok=False)
        self._emit(events.SyncStarted(run_id=run_id, kind="full"))
        requests_before = self.client.stats.requests
        throttled_before = self.client.stats.throttled
        try:
            listed = await self._list_customers(result)
            result.changes += store.mark_missing_removed(self.cache, listed, run_id=run_id)
            self._emit(events.CacheChanged(tables=frozenset({"customers"})))
            await self._read_details(result, self._detail_order(listed))
            result.changes += self._accept_invitations(run_id)
            result.ok = not result.failed_customers and not result.skipped_items
            if result.failed_customers:
                sample = next(iter(result.failed_customers.values()))
                result.error = t("sync.customers_failed", count=len(result.failed_customers),
                                 error=sample)
            elif result.skipped_items:
                result.error = skipped_summary(result.skipped_items)
        except (*SIGN_IN_ERRORS, AuthError) as exc:  # the caller asks for a sign-in
            result.error = str(exc)
            self._finish(result, requests_before, throttled_before)
            raise
        except pce.PartnerCenterError as exc:
            result.error = str(exc)
        except asyncio.CancelledError:
            result.error = t("sync.cancelled")
            self._finish(result, requests_before, throttled_before, status="interrupted")
            raise
        except Exception as exc:  # a bug or data nobody foresaw: the run must still end
            log.exception("full sync stopped")
            result.ok = False
            result.error = t("sync.unexpected", error=_short(exc))
        self._finish(result, requests_before, throttled_before)
        return result

    async def sync_customer(self, customer_id: str) -> SyncResult:
        customer_id = customer_id.lower()
        run_id = store.start_run(self.cache, "customer")
        result = SyncResult(run_id=run_id, kind="customer", ok=False, customers_listed=1)
        self._emit(events.SyncStarted(run_id=run_id, kind="customer", customer_id=customer_id))
        requests_before = self.client.stats.requests
        throttled_before = self.client.stats.throttled
        try:
            customer = await self.client.get_customer(customer_id)
            row = mapping.customer_row(customer)
            result.changes += store.upsert_customer_page(self.cache, [row], run_id=run_id)
            await self._read_one(customer_id, result)
            result.changes += self._accept_invitations(run_id)
            result.ok = not result.failed_customers and not result.skipped_items
            if result.failed_customers:
                result.error = result.failed_customers[customer_id]
            elif result.skipped_items:
                result.error = skipped_summary(result.skipped_items)
        except (*SIGN_IN_ERRORS, AuthError) as exc:  # the caller asks for a sign-in
            result.error = str(exc)
            self._finish(result, requests_before, throttled_before)
            raise
        except pce.PartnerCenterError as exc:
            result.error = str(exc)
        except asyncio.CancelledError:
            self._finish(result, requests_before, throttled_before, status="interrupted")
            raise
        except Exception as exc:  # a bug or data nobody foresaw: the run must still end
            log.exception("customer sync stopped")
            result.ok = False
            result.error = t("sync.unexpected", error=_short(exc))
        self._finish(result, requests_before, throttled_before)
        return result

    # -- steps --------------------------------------------------------------------------

    async def _list_customers(self, result: SyncResult) -> set[str]:
        listed: set[str] = set()
        async for page in self.client.iter_customer_pages(size=500):
            result.skipped_items += skipped_of(page)
            rows = [mapping.customer_row(customer) for customer in page]
            result.changes += store.upsert_customer_page(self.cache, rows, run_id=result.run_id)
            listed.update(row.id for row in rows)
            result.customers_listed = len(listed)
            self._emit(events.SyncProgress(result.run_id, "customers", len(listed), None))
            self._emit(events.CacheChanged(tables=frozenset({"customers"})))
        return listed

    def _detail_order(self, listed: set[str]) -> list[str]:
        """Oldest details first: after an interrupted run, the unfinished customers go first."""
        rows = self.cache.conn.execute(
            "SELECT id FROM customers WHERE removed_at IS NULL "
            "ORDER BY detail_synced_at IS NOT NULL, detail_synced_at, sort_key"
        ).fetchall()
        return [row[0] for row in rows if row[0] in listed]

    async def _read_details(self, result: SyncResult, order: list[str]) -> None:
        queue = _DetailQueue()
        for customer_id in order:
            queue.put(customer_id)
        total = len(queue)
        self._queue = queue
        done = 0

        async def worker() -> None:
            nonlocal done, total
            while True:
                customer_id = queue.pop()
                if customer_id is None:
                    return
                await self._read_one(customer_id, result)
                done += 1
                total = max(total, done + len(queue))
                result.customers_done = done
                self._emit(events.SyncProgress(result.run_id, "details", done, total))

        try:
            await _gather_or_cancel(*(worker() for _ in range(max(1, self.concurrency))))
        finally:
            self._queue = None

    async def _read_one(self, customer_id: str, result: SyncResult) -> None:
        """Read and write one customer; errors are recorded, never abort the whole run."""
        step_deadline = self.step_deadline_s or max(
            60.0, getattr(self.client, "deadline_s", 120.0) * limits.STEP_DEADLINE_FACTOR)
        try:
            async with asyncio.timeout(step_deadline):
                detail = await self._fetch_detail(customer_id)
        except TimeoutError:
            result.failed_customers[customer_id] = t("sync.step_deadline",
                                                     seconds=f"{step_deadline:g}")
            return
        except pce.NotFoundError:
            # Gone between listing and detail (or not yet visible after creation): keep the
            # listing row; the next complete listing decides whether it was removed.
            return
        except (*SIGN_IN_ERRORS, AuthError):
            raise
        except pce.PartnerCenterError as exc:
            result.failed_customers[customer_id] = str(exc)
            return
        except Exception as exc:  # data nobody foresaw spoils this customer, not the run
            log.exception("customer %s could not be read", customer_id)
            result.failed_customers[customer_id] = t("sync.customer_unexpected",
                                                     error=_short(exc))
            return
        try:
            changes = store.write_customer_detail(self.cache, detail, run_id=result.run_id)
        except Exception as exc:  # a bad customer spoils only itself, never the run
            log.exception("customer %s could not be stored", customer_id)
            result.failed_customers[customer_id] = t("sync.customer_unexpected",
                                                     error=_short(exc))
            return
        result.skipped_items += detail.skipped
        result.changes += changes
        self._emit(events.CacheChanged(
            tables=frozenset({"customers", "subscriptions", "domains", "entitlements",
                              "qualifications", "customer_relationships"}),
            customer_ids=frozenset({customer_id}),
        ))

    async def _fetch_detail(self, customer_id: str) -> store.CustomerDetail:
        customer = await self.client.get_customer(customer_id)

        async def optional(call):  # type: ignore[no-untyped-def]
            # A role may not read every part (an indirect reseller gets 403 on some routes):
            # keep what the cache had for that part instead of failing the customer.
            try:
                return await call
            except pce.ForbiddenError:
                return None

        subscriptions, entitlements, qualifications, relationships = await _gather_or_cancel(
            self.client.list_subscriptions(customer_id),
            optional(self.client.list_entitlements(customer_id)),
            optional(self.client.list_qualifications(customer_id)),
            optional(self.client.customer_relationships(customer_id)),
        )
        detail = mapping.customer_detail(
            customer_id,
            customer=customer,
            subscriptions=subscriptions,
            entitlements=entitlements,
            qualifications=qualifications,
            relationships=relationships,
        )
        for part in (subscriptions, entitlements, qualifications, relationships):
            detail.skipped += skipped_of(part)
        return detail

    def _accept_invitations(self, run_id: int) -> list[events.Change]:
        """Close pending invitations whose domain now belongs to one of our customers."""
        pending = invitations.list_invitations(self.state, status="pending")
        if not pending:
            return []
        wanted = sorted({candidate for inv in pending if inv.domain
                         for candidate in invitations.domain_candidates(inv.domain)})
        if not wanted:
            return []
        placeholders = ",".join("?" for _ in wanted)
        rows = self.cache.conn.execute(
            f"SELECT c.id, c.company_name, d.domain FROM domains d "
            f"JOIN customers c ON c.id = d.customer_id "
            f"WHERE c.removed_at IS NULL AND lower(d.domain) IN ({placeholders}) "
            f"UNION SELECT c.id, c.company_name, c.primary_domain FROM customers c "
            f"WHERE c.removed_at IS NULL AND lower(c.primary_domain) IN ({placeholders})",
            [*wanted, *wanted],
        ).fetchall()
        by_customer: dict[str, dict] = {}
        for customer_id, name, domain in rows:
            entry = by_customer.setdefault(customer_id, {"id": customer_id, "company_name": name,
                                                         "domains": []})
            entry["domains"].append(domain)
        accepted = invitations.accept_matching(self.state, list(by_customer.values()))
        changes = []
        for invitation in accepted:
            change = events.Change(
                kind="invitation_accepted",
                customer_id=invitation.customer_id,
                detail={"invitation_id": invitation.id, "company_name": invitation.company_name,
                        "domain": invitation.domain},
            )
            changes.append(change)
            store.record_events(self.cache, run_id, [change])
            self._emit(events.InvitationAccepted(invitation.id, invitation.company_name,
                                                 invitation.customer_id or ""))
        return changes

    def _finish(self, result: SyncResult, requests_before: int, throttled_before: int,
                *, status: str | None = None) -> None:
        final = status or ("ok" if result.ok else "failed")
        store.finish_run(
            self.cache, result.run_id, final, error=result.error,
            customers_listed=result.customers_listed, customers_done=result.customers_done,
            requests=self.client.stats.requests - requests_before,
            throttled=self.client.stats.throttled - throttled_before,
        )
        self._emit(events.SyncFinished(result.run_id, result.kind, result.ok, result.error,
                                       tuple(result.changes)))

    def _emit(self, event: events.Event) -> None:
        try:
            self.publish(event)
        except Exception:  # a subscriber's bug must not stop the sync
            log.exception("sync event subscriber failed")


def skipped_of(items: Any) -> list[str]:
    """The lines naming items a listing left out (see ``partner_center.models.Page``)."""
    return list(getattr(items, "skipped", None) or ())


def skipped_summary(skipped: list[str]) -> str:
    return t("sync.items_skipped", count=len(skipped), sample=skipped[0])


def _short(exc: BaseException) -> str:
    """An exception in one line for a person (the traceback goes to the log file)."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def role_can_create_customers(profile: Profile) -> bool:
    return profile.role is not Role.INDIRECT_RESELLER
