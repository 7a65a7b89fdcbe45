"""Submit and run: queue the tenant's creation once, then send the outbox until it settles."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from csp_tui.config import Profile, Role
from csp_tui.domain.tenant import to_customer_create_payload
from csp_tui.i18n import t
from csp_tui.services.onboarding.capability import capability, ensure_writable
from csp_tui.services.onboarding.credentials import (
    expect_credentials,
    forget_route,
    route_credentials,
)
from csp_tui.services.onboarding.errors import InvalidRequestError, NotAllowedError
from csp_tui.services.onboarding.prepare import Prepared
from csp_tui.services.onboarding.tenant_domain import dedupe_key_for
from csp_tui.services.outbox_runner import KIND_CREATE_CUSTOMER, OutboxRunner, SecretSink
from csp_tui.state import NotFoundError, outbox
from csp_tui.state.outbox import OutboxEntry, OutboxState
from csp_tui.timestamps import parse_timestamp

if TYPE_CHECKING:
    from csp_tui.services.work_session import WorkSession

SETTLED_STATES = frozenset({OutboxState.DONE, OutboxState.FAILED, OutboxState.NEEDS_ATTENTION})
# How often to look again while another process is sending the entry.
_POLL_SECONDS = 0.5


def submit(session: WorkSession, prepared: Prepared, *,
           secret_sink: SecretSink | None = None) -> OutboxEntry:
    """Queue the creation of the tenant and return its outbox entry.

    A second submit of the same tenant (a double keypress, the CLI re-run with the same file)
    returns the SAME entry — also when it is already done — so a tenant is never created twice.
    ``secret_sink`` receives the credentials whichever runner of this process sends the entry
    (:func:`run_until_settled` now, or a background worker routing through
    :func:`route_credentials` later). Raises :class:`ReadOnlyError`,
    :class:`NotAllowedError` (a reseller: use :func:`distributor_package`) or
    :class:`InvalidRequestError`.
    """
    profile: Profile = session.settings.profile
    ensure_writable(profile)
    if capability(profile) != "create":
        raise NotAllowedError(t("onboarding.error.reseller_cannot_create"))
    request = prepared.request
    if request is None or not prepared.ok:
        raise InvalidRequestError(prepared.results)
    associated = request.reseller_id if profile.role is Role.INDIRECT_PROVIDER else None
    payload = to_customer_create_payload(request, associated_partner_id=associated)
    entry = outbox.enqueue(
        session.state,
        kind=KIND_CREATE_CUSTOMER,
        payload=payload,
        subject=f"{request.company_name} ({request.domain})",
        dedupe_key=dedupe_key_for(request.domain),
    )
    if secret_sink is not None and entry.state is not OutboxState.DONE:
        expect_credentials(entry.id, secret_sink)
    return entry


async def run_until_settled(session: WorkSession, entry_id: str, *, secret_sink: SecretSink | None,
                            timeout: float) -> OutboxEntry:
    """Send the outbox until entry ``entry_id`` is done, failed or needs a person, or until
    ``timeout`` seconds have passed; returns the entry as it then is.

    At least one pass is made. Entries ahead of it in the queue are sent too, as the
    background worker would. On timeout the entry simply stays queued (same idempotency key)
    for the background worker — the console or ``csp-tui sync`` — and nothing is lost.
    ``secret_sink`` gets this entry's credentials; another entry's go to the sink its
    submitter registered, else to ``secret_sink`` as well (they exist only once).
    """
    profile: Profile = session.settings.profile
    ensure_writable(profile)
    if outbox.get(session.state, entry_id) is None:
        raise NotFoundError(t("state.error.outbox_missing", id=entry_id))

    def deliver(delivered_id: str, credentials: dict[str, str]) -> None:
        if delivered_id == entry_id and secret_sink is not None:
            forget_route(delivered_id)
            secret_sink(delivered_id, credentials)
        elif not route_credentials(delivered_id, credentials) and secret_sink is not None:
            secret_sink(delivered_id, credentials)

    runner = OutboxRunner(session.client, session.state, secret_sink=deliver,
                          cache=getattr(session, "cache", None))
    loop = asyncio.get_running_loop()
    deadline = loop.time() + max(0.0, timeout)
    await runner.recover()
    while True:
        entry = _current(session.state, entry_id)
        if entry.state is OutboxState.QUEUED:
            await runner.run_once()
            entry = _current(session.state, entry_id)
        if entry.state in SETTLED_STATES:
            return entry
        remaining = deadline - loop.time()
        if remaining <= 0:
            return entry
        await asyncio.sleep(min(remaining, _seconds_until_due(entry)))


def _current(state: sqlite3.Connection, entry_id: str) -> OutboxEntry:
    entry = outbox.get(state, entry_id)
    if entry is None:  # removed by another process meanwhile
        raise NotFoundError(t("state.error.outbox_missing", id=entry_id))
    return entry


def _seconds_until_due(entry: OutboxEntry) -> float:
    """How long to wait before looking again: until a queued retry is due, or a short poll
    while another process is sending it."""
    if entry.state is OutboxState.QUEUED and entry.next_attempt_at:
        due = parse_timestamp(entry.next_attempt_at)
        if due is None:
            return _POLL_SECONDS
        return max(0.05, (due - datetime.now(UTC)).total_seconds())
    return _POLL_SECONDS
