"""The sync worker: Partner Center -> cache.db.

A full sync lists every customer (seek-paged), then reads each customer's details (full record
with domains, subscriptions, entitlements, qualifications, relationships) with bounded
concurrency. The shared rate limiter keeps the request rate *under* Partner Center's documented
500 requests/minute instead of bouncing off 429s.

Consistency rules:
- every unit (a listing page, one customer's details) is written in one transaction;
- each part of a customer (its record, subscriptions, entitlements, qualifications,
  relationships, licence pools — the seats in use) is read on its own: a part Partner
  Center refuses (403), does not offer (404 on the part's route) or keeps failing after the
  client's retries keeps its previous rows and is recorded in ``customer_parts`` with the
  reason; the other parts are written and the run ends ``partial``. Only a 404 on the
  customer record itself means "not visible";
- customers missing from a listing are marked removed only after the listing *completed*;
- an interrupted run (killed process) leaves complete units behind; the next run starts with
  the customers whose details are oldest, so it finishes what the last one did not;
- a refused sign-in (401 after a token refresh, or no token at all) ends the run, recorded as
  failed, and is raised to the caller, which asks the person to sign in.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from csp_tui.cache import store
from csp_tui.config import Profile
from csp_tui.i18n import t
from csp_tui.partner_center import errors as pce
from csp_tui.partner_center import limits
from csp_tui.partner_center.auth import AuthError, SignInRequiredError
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.services import detail_reads, events, mapping, refresh
from csp_tui.services.sync_order import DetailQueue, gather_or_cancel
from csp_tui.services.sync_run import (
    PartProblem,
    SyncResult,
    part_read,
    short_error,
    skipped_of,
    skipped_summary,
)
from csp_tui.state import invitations
from csp_tui.timestamps import stamp

log = logging.getLogger(__name__)

Publish = Callable[[events.Event], None]

# Partner Center refused the token (401) or there is no token to send: only signing in again
# helps, so the run stops and the caller asks the person to sign in.
SIGN_IN_ERRORS = (pce.AuthenticationError, SignInRequiredError)


class SyncEngine:
    def __init__(
        self,
        client: PartnerCenterClient,
        cache: sqlite3.Connection,
        state: sqlite3.Connection,
        profile: Profile,
        *,
        publish: Publish | None = None,
        concurrency: int | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        #: The clock of the world being read (the sandbox's virtual one, or the wall clock):
        #: what needs attention now (a window closing, a term ending) is judged by it.
        self.clock = clock or (lambda: datetime.now(UTC))
        self.client = client
        self.cache = cache
        self.state = state
        self.profile = profile
        self.publish: Publish = publish or (lambda event: None)
        self.concurrency = concurrency or profile.sync_concurrency
        self._queue: DetailQueue | None = None
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

    async def refresh(self, *, full: bool = False) -> SyncResult:
        """A refresh cycle (what changed, see services.refresh) when the cache allows it,
        else — or with ``full`` — the full read."""
        return await refresh.refresh(self, full=full)

    async def full_sync(self) -> SyncResult:
        started = self.clock()
        store.mark_interrupted(self.cache)
        run_id = store.start_run(self.cache, "full")
        result = SyncResult(run_id=run_id, kind="full", ok=False)
        self._emit(events.SyncStarted(run_id=run_id, kind="full"))

        async def steps() -> None:
            first_fill = not store.had_complete_listing(self.cache)
            listed = await self._list_customers(result)
            result.changes += store.mark_missing_removed(self.cache, listed, run_id=run_id)
            self._emit(events.CacheChanged(tables=frozenset({"customers"})))
            await self._read_details(result, self._detail_order(listed))
            result.changes += self._accept_invitations(run_id)
            if first_fill:
                result.added = store.content_counts(self.cache)
            self._conclude(result)
            refresh.after_full_read(self, started, result)

        return await self._run(result, steps())

    async def sync_customer(self, customer_id: str) -> SyncResult:
        customer_id = customer_id.lower()
        run_id = store.start_run(self.cache, "customer")
        result = SyncResult(run_id=run_id, kind="customer", ok=False, customers_listed=1)
        self._emit(events.SyncStarted(run_id=run_id, kind="customer", customer_id=customer_id))

        async def steps() -> None:
            first_fill = not store.content_counts(self.cache, customer_id)["customers"]
            found = await self._read_one(customer_id, result, from_listing=False)
            if not found and store.created_pending_at(self.cache, customer_id) is None:
                raise pce.NotFoundError(t("sync_parts.customer_not_found", customer=customer_id),
                                        status=404)
            # (A tenant created here that Partner Center does not show yet is not an error:
            # it is still waiting, as the tenant pane says.)
            result.customers_done = 1 if found else 0
            result.changes += self._accept_invitations(run_id)
            if first_fill and found:
                result.added = store.content_counts(self.cache, customer_id)
            self._conclude(result)

        return await self._run(result, steps())

    async def _run(self, result: SyncResult, steps: Coroutine[Any, Any, None]) -> SyncResult:
        """Run a sync's ``steps`` and end the run whatever happens in them — recorded in
        sync_runs with its error and announced (``SyncFinished``). One function for the full
        and the one-customer sync, so the two cannot drift apart: a sign-in error is recorded
        and raised (the caller asks for a sign-in), a Partner Center error or a bug is
        recorded as the run's failure, a cancellation is recorded as interrupted, with its
        message, and raised."""
        requests_before = self.client.stats.requests
        throttled_before = self.client.stats.throttled
        try:
            await steps
        except (*SIGN_IN_ERRORS, AuthError) as exc:
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
            log.exception("%s sync stopped", result.kind)
            result.ok = False
            result.error = t("sync.unexpected", error=short_error(exc))
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
        rows = self.cache.execute(
            "SELECT id FROM customers WHERE removed_at IS NULL "
            "ORDER BY detail_synced_at IS NOT NULL, detail_synced_at, sort_key"
        ).fetchall()
        return [row[0] for row in rows if row[0] in listed]

    async def _read_details(self, result: SyncResult, order: list[str]) -> None:
        queue = DetailQueue()
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
            await gather_or_cancel(*(worker() for _ in range(max(1, self.concurrency))))
        finally:
            self._queue = None

    def _conclude(self, result: SyncResult) -> None:
        """The run got through: ok, or partial with what could not be read said in words."""
        result.completed = True
        result.ok = not (result.failed_customers or result.incomplete or result.skipped_items)
        if result.failed_customers:
            sample = next(iter(result.failed_customers.values()))
            result.error = t("sync.customers_failed", count=len(result.failed_customers),
                             error=sample)
        elif result.incomplete:
            customers = {problem.customer_id for problem in result.incomplete}
            result.error = t("sync_parts.incomplete_short", parts=len(result.incomplete),
                             customers=len(customers))
        elif result.skipped_items:
            result.error = skipped_summary(result.skipped_items)

    async def _read_one(self, customer_id: str, result: SyncResult, *,
                        from_listing: bool = True) -> bool:
        """Read and write one customer, part by part; a part that cannot be read is recorded
        and never aborts the run (a refused sign-in does), and neither does a customer whose
        data nobody foresaw or that takes longer than its step deadline: that customer fails,
        the others go on. False when Partner Center does not show the customer record at all
        (404)."""
        step_deadline = self.step_deadline_s or max(
            60.0, getattr(self.client, "deadline_s", 120.0) * limits.STEP_DEADLINE_FACTOR)
        try:
            async with asyncio.timeout(step_deadline):
                customer, detail = await self._fetch_detail(customer_id)
        except TimeoutError:
            result.failed_customers[customer_id] = t("sync.step_deadline",
                                                     seconds=f"{step_deadline:g}")
            return True
        except pce.NotFoundError:
            # Gone between listing and detail (or not yet visible after creation): keep the
            # listing row; the next complete listing decides whether it was removed.
            return False
        except (*SIGN_IN_ERRORS, AuthError):
            raise
        except pce.PartnerCenterError as exc:
            result.failed_customers[customer_id] = str(exc)
            return True
        except Exception as exc:  # data nobody foresaw spoils this customer, not the run
            log.exception("customer %s could not be read", customer_id)
            result.failed_customers[customer_id] = t("sync.customer_unexpected",
                                                     error=short_error(exc))
            return True
        if (not from_listing and customer is not None
                and store.created_pending_at(self.cache, customer_id) is None):
            # Asked for by id: the record stands in for the listing row (a customer the cache
            # does not know yet appears). A tenant created here keeps its "waiting" mark
            # until a real listing includes it.
            result.changes += store.upsert_customer_page(
                self.cache, [mapping.customer_row(customer)], run_id=result.run_id)
        fresh = {part: not store.part_read_before(self.cache, customer_id, part)
                 for part in ("subscriptions", "entitlements")
                 if detail.parts.get(part, store.PartRead()).ok}
        try:
            changes = store.write_customer_detail(
                self.cache, detail, run_id=result.run_id,
                now=stamp(self.clock()))
        except Exception as exc:  # a bad customer spoils only itself, never the run
            log.exception("customer %s could not be stored", customer_id)
            result.failed_customers[customer_id] = t("sync.customer_unexpected",
                                                     error=short_error(exc))
            return True
        result.skipped_items += detail.skipped
        result.changes += changes
        for part, key, rows in (("subscriptions", "subscriptions", detail.subscriptions),
                                ("entitlements", "perpetual", detail.entitlements)):
            if fresh.get(part) and rows:
                result.first_read[key] = result.first_read.get(key, 0) + len(rows)
        for part, read in detail.parts.items():
            if not read.ok:
                result.incomplete.append(PartProblem(customer_id, part, read.state, read.status,
                                                     read.code, read.message or ""))
        self._emit(events.CacheChanged(
            tables=frozenset({"customers", "subscriptions", "domains", "entitlements",
                              "qualifications", "customer_relationships", "subscribed_skus"}),
            customer_ids=frozenset({customer_id}),
        ))
        return True

    async def _fetch_detail(self, customer_id: str) -> tuple[Any, store.CustomerDetail]:
        """(the customer record or None, the detail). Each part is read on its own; only a
        404 on the customer record itself is raised (the customer is not visible)."""
        try:
            customer = await self.client.get_customer(customer_id)
            customer_read = store.PartRead()
        except (pce.NotFoundError, *SIGN_IN_ERRORS):
            raise
        except pce.PartnerCenterError as exc:
            customer, customer_read = None, part_read(exc)

        async def part(call: Awaitable[Any]) -> tuple[Any, store.PartRead]:
            # A role may not read every part (a 403, or a 404 on a route it cannot use), and
            # a part may keep failing: keep what the cache had for it, say why, go on.
            try:
                return await call, store.PartRead()
            except SIGN_IN_ERRORS:
                raise
            except pce.PartnerCenterError as exc:
                return None, part_read(exc)

        reads = await gather_or_cancel(
            part(self.client.list_subscriptions(customer_id)),
            part(self.client.list_entitlements(customer_id)),
            part(self.client.list_qualifications(customer_id)),
            part(self.client.customer_relationships(customer_id)),
            part(self.client.list_subscribed_skus(customer_id)),
        )
        (subscriptions, subscriptions_read), (entitlements, entitlements_read), \
            (qualifications, qualifications_read), (relationships, relationships_read), \
            (seats, seats_read) = reads
        # Items left out of the lists as unreadable, named before the lists are completed.
        skipped = [line for read in (subscriptions, entitlements, qualifications, relationships,
                                     seats)
                   for line in skipped_of(read)]
        subscriptions, entitlements = await detail_reads.complete(
            self.client, self.cache, self.profile, customer_id, subscriptions, entitlements)
        detail = mapping.customer_detail(
            customer_id,
            customer=customer,
            subscriptions=subscriptions,
            entitlements=entitlements,
            qualifications=qualifications,
            relationships=relationships,
            parts={"customer": customer_read, "subscriptions": subscriptions_read,
                   "entitlements": entitlements_read, "qualifications": qualifications_read,
                   "relationships": relationships_read, "seats": seats_read},
            seats=seats,
        )
        detail.skipped += skipped
        return customer, detail

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
        rows = self.cache.execute(
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
        final = status or result.status
        result.requests = self.client.stats.requests - requests_before
        store.finish_run(
            self.cache, result.run_id, final, error=result.error,
            customers_listed=result.customers_listed, customers_done=result.customers_done,
            requests=result.requests,
            throttled=self.client.stats.throttled - throttled_before,
        )
        self._emit(events.SyncFinished(result.run_id, result.kind, result.ok, result.error,
                                       tuple(result.changes), partial=result.partial))

    def _emit(self, event: events.Event) -> None:
        try:
            self.publish(event)
        except Exception:  # a subscriber's bug must not stop the sync
            log.exception("sync event subscriber failed")
