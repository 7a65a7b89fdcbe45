"""The outbox copes with writes Partner Center applies again.

Partner Center replays by ``MS-RequestId`` only the creation of customers, orders and carts, so
a subscription change or a qualification request whose answer was lost may already have been
acted on. The client does not resend it blindly; the outbox looks first and finds it done.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.config import load_settings
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.services.outbox_runner import (
    KIND_CREATE_QUALIFICATION,
    KIND_PATCH_SUBSCRIPTION,
    OutboxRunner,
)
from csp_tui.services.session import open_session
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxState

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


class LostAnswers(httpx.AsyncBaseTransport):
    """The sandbox; writes of ``lose`` reach it and are acted on, but their answer never
    arrives (a read timeout)."""

    def __init__(self, inner: Any, lose: str) -> None:
        self.inner = inner
        self.lose = lose
        self.writes: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method != "GET":
            self.writes.append(f"{request.method} {request.url.path}")
            if request.method == self.lose:
                await response.aread()
                raise httpx.ReadTimeout("the answer never came", request=request)
        return response


@pytest.fixture
def settings(isolated_home):
    # The distributor: a reseller's changes are requests for it, never calls.
    settings = load_settings("sandbox-provider")
    settings.locations.ensure_profile_dir()
    return settings


async def _run_again_now(runner: OutboxRunner, state: Any, entry_id: str) -> None:
    # The backoff is over: the entry is due.
    state.execute("UPDATE outbox SET next_attempt_at = NULL WHERE id = ?", (entry_id,))
    state.commit()
    assert await runner.run_once() == 1


async def test_a_cancellation_whose_answer_was_lost_is_found_done_not_sent_again(settings):
    inner = sandbox_transport(settings.locations.sandbox_state, frozen_at=NOW)
    world = inner.world
    customer, sub = next((c, s) for c in world.customers
                         if c.reseller_id == identity.RESELLER_TENANT_ID and c.state == "customer"
                         for s in c.subscriptions
                         if s.status == "active" and s.in_cancel_window(world.now()))
    transport = LostAnswers(inner, lose="PATCH")
    session = open_session(settings, transport=transport)
    try:
        runner = OutboxRunner(session.client, session.state)
        entry = outbox.enqueue(session.state, kind=KIND_PATCH_SUBSCRIPTION, payload={
            "customer_id": customer.id, "subscription_id": sub.id,
            "changes": {"status": "deleted"}}, subject="cancel")
        assert await runner.run_once() == 1
        waiting = outbox.get(session.state, entry.id)
        # Acted on once; the client did not resend a write Partner Center would apply again.
        assert sub.status == "deleted"
        assert transport.writes == [f"PATCH /v1/customers/{customer.id}/subscriptions/{sub.id}"]
        assert waiting.state is OutboxState.QUEUED and waiting.error_code == "timeout"

        await _run_again_now(runner, session.state, entry.id)
        done = outbox.get(session.state, entry.id)
    finally:
        await session.aclose()
    assert done.state is OutboxState.DONE, done.error_message
    assert done.result["status"] == "deleted"
    assert len(transport.writes) == 1  # found done; not sent a second time (that would be 2011)


async def test_a_qualification_request_whose_answer_was_lost_is_found_done(settings):
    inner = sandbox_transport(settings.locations.sandbox_state, frozen_at=NOW)
    world = inner.world
    customer = next(c for c in world.customers if c.reseller_id == identity.RESELLER_TENANT_ID
                    and c.state == "customer" and not c.qualifications)
    transport = LostAnswers(inner, lose="POST")
    session = open_session(settings, transport=transport)
    try:
        runner = OutboxRunner(session.client, session.state)
        entry = outbox.enqueue(session.state, kind=KIND_CREATE_QUALIFICATION, payload={
            "customer_id": customer.id, "body": {"qualification": "StateOwnedEntity"}},
            subject="SOE")
        assert await runner.run_once() == 1
        assert [q.qualification for q in customer.qualifications] == ["StateOwnedEntity"]
        await _run_again_now(runner, session.state, entry.id)
        done = outbox.get(session.state, entry.id)
    finally:
        await session.aclose()
    assert done.state is OutboxState.DONE, done.error_message
    assert done.result["qualification"] == "StateOwnedEntity"
    assert len(transport.writes) == 1


async def test_a_change_not_yet_made_is_sent_after_the_look(settings):
    """The look finds nothing done (the write never reached Partner Center): it is sent."""
    inner = sandbox_transport(settings.locations.sandbox_state, frozen_at=NOW)
    world = inner.world
    customer, sub = next((c, s) for c in world.customers
                         if c.reseller_id == identity.RESELLER_TENANT_ID and c.state == "customer"
                         for s in c.subscriptions if s.status == "active" and not s.is_trial)
    session = open_session(settings, transport=inner)
    try:
        runner = OutboxRunner(session.client, session.state)
        entry = outbox.enqueue(session.state, kind=KIND_PATCH_SUBSCRIPTION, payload={
            "customer_id": customer.id, "subscription_id": sub.id,
            "changes": {"friendlyName": "po výpadku"}}, subject="rename")
        claimed = outbox.claim_next(session.state)
        assert claimed is not None and claimed.id == entry.id
        outbox.mark_retry(session.state, entry.id, next_attempt_at="2000-01-01T00:00:00Z",
                          code="timeout", message="lost")
        assert await runner.run_once() == 1
        done = outbox.get(session.state, entry.id)
    finally:
        await session.aclose()
    assert done.state is OutboxState.DONE, done.error_message
    assert sub.friendly_name == "po výpadku"
