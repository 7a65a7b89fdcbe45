"""The async Partner Center REST client: one place for headers, retries, paging and errors.

Everything above this module (sync, outbox, screens) calls typed methods and gets typed models
or a :class:`~csp_tui.partner_center.errors.PartnerCenterError`; nothing else knows about
HTTP. The same client talks to the real endpoint and to the embedded sandbox — only the httpx
transport differs.

What it does on every call:

* sends ``Authorization``, ``Accept``, ``MS-RequestId`` (the caller's idempotency key for
  writes, otherwise a fresh one per logical call, reused on every retry of that call),
  ``MS-CorrelationId``, ``X-Locale`` and ``MS-PartnerCenter-Application``;
* waits for the shared :class:`~csp_tui.partner_center.ratelimit.RateLimiter` before each
  attempt;
* retries 5xx answers, timeouts, dropped connections and unreadable GET bodies with exponential
  backoff and full jitter; waits out 429 (and 409 with Retry-After) and pauses the limiter so
  parallel workers slow down too; refreshes the token once on 401 (but never on an MFA
  requirement: :mod:`csp_tui.partner_center.mfa`);
* reports every attempt as a :class:`~csp_tui.partner_center.calls.CallRecord` (never a token,
  never a body).
"""

from __future__ import annotations

from csp_tui.partner_center.resources.audit import AuditCalls
from csp_tui.partner_center.resources.catalog import CatalogCalls
from csp_tui.partner_center.resources.customers import CustomerCalls
from csp_tui.partner_center.resources.qualifications import QualificationCalls
from csp_tui.partner_center.resources.relationships import RelationshipCalls
from csp_tui.partner_center.resources.seats import SeatCalls
from csp_tui.partner_center.resources.subscriptions import SubscriptionCalls
from csp_tui.partner_center.resources.users import UserCalls


class PartnerCenterClient(CustomerCalls, RelationshipCalls, SubscriptionCalls, UserCalls,
                          CatalogCalls, QualificationCalls, AuditCalls, SeatCalls):
    """Typed access to the Partner Center REST API (or the sandbox that emulates it).

    The request loop, retries and records are :class:`~csp_tui.partner_center.calls.CallingClient`,
    paging is :class:`~csp_tui.partner_center.paging.PagingClient`; each resource's calls are a
    module of :mod:`csp_tui.partner_center.resources`."""
