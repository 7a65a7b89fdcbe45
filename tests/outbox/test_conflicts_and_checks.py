"""The outbox against Partner Center's "not now" (409) and writes that are not idempotent.

Partner Center answers 409 during a renewal (800082) or while an operation is pending
(900278, "retry after 24 hours"): the write must stay queued until the hinted time, not fail
after a few minutes. An Education request is not documented as idempotent under MS-RequestId:
after a timeout the runner looks for it before sending it again.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx

from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.services.outbox_runner import (
    KIND_CREATE_QUALIFICATION,
    KIND_PATCH_SUBSCRIPTION,
    UNKNOWN_OUTCOME,
    OutboxRunner,
)
from csp_tui.state import outbox
from csp_tui.state.db import open_state
from csp_tui.state.outbox import OutboxState

CUSTOMER = "0c5d8a9e-1111-4222-8333-444455556666"
SUBSCRIPTION = "a1b2c3d4-0000-4000-8000-000000000001"


class Tokens:
    async def get_token(self, *, force_refresh: bool = False) -> str:
        return "token"


def _subscription() -> dict:
    return {"id": SUBSCRIPTION, "offerId": "CFQ7TTC0LH18:0001", "quantity": 10,
            "status": "active", "autoRenewEnabled": True,
            "attributes": {"etag": "e1", "objectType": "Subscription"}}


async def _no_sleep(seconds: float) -> None:
    return None


def _runner(tmp_path, handler) -> tuple[OutboxRunner, object, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    client = PartnerCenterClient("https://pc.test", Tokens(),
                                 transport=httpx.MockTransport(record), sleep=_no_sleep)
    state = open_state(tmp_path / "state.db")
    return OutboxRunner(client, state), state, seen


def _patch_entry(state) -> str:
    entry = outbox.enqueue(state, kind=KIND_PATCH_SUBSCRIPTION, subject="seats 10 → 12", payload={
        "customer_id": CUSTOMER, "subscription_id": SUBSCRIPTION, "changes": {"quantity": 12}})
    return entry.id


async def test_a_409_with_the_24_hour_hint_stays_queued_until_then(tmp_path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json=_subscription())
        return httpx.Response(409, json={"code": 900278, "description":
                                         "A pending operation exists. Retry after 24 hours."})

    runner, state, _ = _runner(tmp_path, handler)
    entry_id = _patch_entry(state)
    before = datetime.now(UTC)
    assert await runner.run_once() == 1
    stored = outbox.get(state, entry_id)
    assert stored.state is OutboxState.QUEUED
    assert stored.error_code == "900278"
    due = datetime.fromisoformat(stored.next_attempt_at.replace("Z", "+00:00"))
    assert before + timedelta(hours=23, minutes=59) <= due <= before + timedelta(hours=24,
                                                                                   minutes=1)


async def test_conflicts_do_not_fail_the_write_within_a_few_attempts(tmp_path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json=_subscription())
        return httpx.Response(409, json={"code": 800082, "description": "not ready"})

    runner, state, _ = _runner(tmp_path, handler)
    entry_id = _patch_entry(state)
    for _ in range(8):  # more than a failure's six attempts
        state.execute("UPDATE outbox SET next_attempt_at = NULL WHERE id = ?", (entry_id,))
        state.commit()
        assert await runner.run_once() == 1
    stored = outbox.get(state, entry_id)
    assert stored.state is OutboxState.QUEUED, stored.error_message
    assert stored.attempts == 8


def _education_entry(state, *, after_timeout: bool) -> str:
    entry = outbox.enqueue(state, kind=KIND_CREATE_QUALIFICATION, subject="Education",
                           payload={"customer_id": CUSTOMER, "body": {
                               "qualification": "Education", "educationSegment": "K12"}})
    if after_timeout:
        claimed = outbox.claim_next(state)
        assert claimed is not None and claimed.id == entry.id
        outbox.mark_retry(state, entry.id, next_attempt_at="2000-01-01T00:00:00Z",
                          code=UNKNOWN_OUTCOME, message="timed out")
    return entry.id


async def test_an_education_request_that_arrived_before_a_timeout_is_not_sent_again(
        tmp_path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json=[{"qualification": "Education",
                                              "vettingStatus": "InReview"}])
        return httpx.Response(201, json={"qualification": "Education",
                                         "vettingStatus": "InReview"})

    runner, state, seen = _runner(tmp_path, handler)
    entry_id = _education_entry(state, after_timeout=True)
    assert await runner.run_once() == 1
    assert [r.method for r in seen] == ["GET"]  # looked for, found, not posted again
    stored = outbox.get(state, entry_id)
    assert stored.state is OutboxState.DONE
    assert stored.result["vetting_status"].lower() == "inreview"


async def test_an_education_request_that_never_arrived_is_sent_after_the_check(
        tmp_path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json=[])
        body = json.loads(request.content)
        return httpx.Response(201, json={"qualification": body["qualification"],
                                         "vettingStatus": "InReview"})

    runner, state, seen = _runner(tmp_path, handler)
    entry_id = _education_entry(state, after_timeout=True)
    assert await runner.run_once() == 1
    assert [r.method for r in seen] == ["GET", "POST"]
    assert outbox.get(state, entry_id).state is OutboxState.DONE


async def test_a_first_education_request_is_sent_without_a_look_first(tmp_path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(201, json={"qualification": "Education",
                                         "vettingStatus": "InReview"})

    runner, state, seen = _runner(tmp_path, handler)
    _education_entry(state, after_timeout=False)
    assert await runner.run_once() == 1
    assert [r.method for r in seen] == ["POST"]


def test_a_waiting_change_says_why_and_when_it_is_tried_again(tmp_path) -> None:
    from csp_tui.i18n import set_language
    from csp_tui.tui.screens.subscription_facts import waiting_text

    state = open_state(tmp_path / "state.db")
    entry_id = _patch_entry(state)
    outbox.claim_next(state)
    due = datetime.now(UTC) + timedelta(hours=24)
    outbox.mark_retry(state, entry_id, next_attempt_at=due.strftime("%Y-%m-%dT%H:%M:%SZ"),
                      code="900278", message="A pending operation exists.")
    entry = outbox.get(state, entry_id)
    set_language("en")
    from csp_tui.domain import terms

    now = datetime.now(UTC)
    text = waiting_text(entry, now)
    assert "A pending operation exists." in text
    assert f"Next attempt {terms.moment_in_words(due, None, UTC, now)}" in text
    # In a sandbox three days ahead of the wall clock, the time is shown in the world's clock.
    ahead = waiting_text(entry, now + timedelta(days=3))
    assert terms.moment_in_words(due + timedelta(days=3), None, UTC,
                                 now + timedelta(days=3)) in ahead
