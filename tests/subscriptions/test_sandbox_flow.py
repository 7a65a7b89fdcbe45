"""Plan → outbox → runner → the in-process sandbox, which enforces the new-commerce rules.

Each test gets its own world (``CSP_TUI_HOME`` is a fresh directory) with the sandbox clock
frozen, so windows open and close exactly when the test moves the clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.cache import views
from csp_tui.config import load_settings
from csp_tui.sandbox.qualification_rules import looks_like_school
from csp_tui.sandbox.transport import sandbox_transport
from csp_tui.services import qualifications
from csp_tui.services.outbox_runner import KIND_PATCH_SUBSCRIPTION, OutboxRunner
from csp_tui.services.pc_explain import explain
from csp_tui.services.session import SANDBOX_BASE_URL, open_session
from csp_tui.services.subscriptions import plan_action, queue_action
from csp_tui.services.sync import SyncEngine
from csp_tui.state import outbox
from csp_tui.state.outbox import OutboxState

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
BAKERY = "Šumavská pekárna s.r.o."


class Sandbox:
    """A session on the sandbox plus the emulator's own controls on the same transport."""

    def __init__(self) -> None:
        # The distributor's profile: Partner Center refuses subscription changes and
        # qualification requests to an indirect reseller (see tests/roles).
        self.settings = load_settings("sandbox-provider")
        self.settings.locations.ensure_profile_dir()
        self.transport = sandbox_transport(self.settings.locations.sandbox_state,
                                           frozen_at=NOW)
        self.session = open_session(self.settings, transport=self.transport)
        self.profile = self.settings.profile
        self.sync = SyncEngine(self.session.client, self.session.cache, self.session.state,
                               self.profile)
        self.runner = OutboxRunner(self.session.client, self.session.state)
        self.emulator = httpx.AsyncClient(transport=self.transport, base_url=SANDBOX_BASE_URL)
        self.now = NOW

    def customer_id(self, name: str) -> str:
        return next(c.id.lower() for c in self.transport.world.customers
                    if c.company_name == name)

    async def refresh(self, customer_id: str) -> None:
        result = await self.sync.sync_customer(customer_id)
        assert result.ok, result.error

    def subscription(self, customer_id: str, offer_name: str) -> dict:
        row = self.session.cache.execute(
            "SELECT id FROM subscriptions WHERE customer_id = ? AND offer_name = ?",
            (customer_id, offer_name)).fetchone()
        assert row is not None, offer_name
        record = views.subscription_record(self.session.cache, row[0])
        assert record is not None
        return record

    async def advance(self, **amount: float) -> None:
        answer = await self.emulator.post("/_emulator/clock/advance", json=amount)
        answer.raise_for_status()
        self.now = datetime.fromisoformat(answer.json()["now"].replace("Z", "+00:00"))

    async def change(self, customer_id: str, sub_id: str, action: str, value=None):
        plan = plan_action(self.session.cache, sub_id, action, value, now=self.now,
                           profile=self.profile, zone=UTC)
        assert plan.allowed, plan.reason
        entry = queue_action(self.session.state, plan, customer_id=customer_id,
                             subscription_id=sub_id, profile=self.profile)
        assert await self.runner.run_once() == 1
        return outbox.get(self.session.state, entry.id)

    async def force(self, customer_id: str, sub_id: str, changes: dict):
        """Queue a change without planning it, as another console with stale data would."""
        entry = outbox.enqueue(self.session.state, kind=KIND_PATCH_SUBSCRIPTION, payload={
            "customer_id": customer_id, "subscription_id": sub_id, "changes": changes},
            subject="forced")
        assert await self.runner.run_once() == 1
        return outbox.get(self.session.state, entry.id)

    async def close(self) -> None:
        await self.emulator.aclose()
        await self.session.aclose()


@pytest.fixture
async def sandbox():
    box = Sandbox()
    yield box
    await box.close()


@pytest.fixture
async def bakery(sandbox):
    customer = sandbox.customer_id(BAKERY)
    await sandbox.refresh(customer)
    return customer


async def test_a_decrease_inside_the_window_reaches_partner_center(sandbox, bakery) -> None:
    sub = sandbox.subscription(bakery, "Microsoft 365 Business Standard")
    entry = await sandbox.change(bakery, sub["id"], "change_quantity", sub["quantity"] - 2)
    assert entry.state is OutboxState.DONE
    assert entry.result["quantity"] == sub["quantity"] - 2
    await sandbox.refresh(bakery)
    assert sandbox.subscription(bakery, sub["offer_name"])["quantity"] == sub["quantity"] - 2


async def test_a_decrease_sent_after_the_window_fails_with_800090(sandbox, bakery) -> None:
    sub = sandbox.subscription(bakery, "Microsoft 365 Business Standard")
    # Planned while the window is open …
    plan = plan_action(sandbox.session.cache, sub["id"], "change_quantity", sub["quantity"] - 1,
                       now=sandbox.now, profile=sandbox.profile)
    assert plan.allowed
    entry = queue_action(sandbox.session.state, plan, customer_id=bakery,
                         subscription_id=sub["id"], profile=sandbox.profile)
    # … but sent only after it closed: Partner Center is the final judge.
    await sandbox.advance(days=8)
    assert await sandbox.runner.run_once() == 1
    failed = outbox.get(sandbox.session.state, entry.id)
    assert failed.state is OutboxState.FAILED and failed.error_code == "800090"

    text = explain((failed.error_code, failed.error_message), "en", subscription=sub, zone=UTC)
    assert text.startswith("Seats can be removed only within 7 days after they were added. "
                           "This subscription's window closed on ")
    assert "Reduce at renewal instead (schedule a change) or keep the seats." in text
    # With the clock where it is now, the plan itself refuses.
    await sandbox.refresh(bakery)
    again = plan_action(sandbox.session.cache, sub["id"], "change_quantity",
                        sub["quantity"] - 1, now=sandbox.now, profile=sandbox.profile)
    assert not again.allowed and "within 7 days" in again.reason


async def test_suspending_turns_auto_renew_off_and_reactivating_leaves_it_off(sandbox,
                                                                             bakery) -> None:
    sub = sandbox.subscription(bakery, "Exchange Online (Plan 1)")
    assert sub["status"] == "active" and sub["auto_renew"] == 1
    suspended = await sandbox.change(bakery, sub["id"], "suspend")
    assert suspended.state is OutboxState.DONE
    assert suspended.result["status"] == "suspended" and suspended.result["auto_renew"] is False
    await sandbox.refresh(bakery)
    row = sandbox.subscription(bakery, sub["offer_name"])
    assert (row["status"], row["auto_renew"]) == ("suspended", 0)

    reactivated = await sandbox.change(bakery, sub["id"], "reactivate")
    assert reactivated.result["status"] == "active"
    assert reactivated.result["auto_renew"] is False


async def test_cancel_outside_the_window_is_refused_twice(sandbox, bakery) -> None:
    sub = sandbox.subscription(bakery, "Exchange Online (Plan 1)")
    plan = plan_action(sandbox.session.cache, sub["id"], "cancel", None, now=sandbox.now,
                       profile=sandbox.profile, zone=UTC)
    assert not plan.allowed
    assert plan.reason.startswith("A subscription can be cancelled only within 7 days")

    failed = await sandbox.force(bakery, sub["id"], {"status": "deleted"})
    assert failed.state is OutboxState.FAILED and failed.error_code == "900117"
    assert "cancelled only within 7 days (168 hours)" in explain(
        (failed.error_code, failed.error_message), "en", subscription=sub)
    await sandbox.refresh(bakery)
    assert sandbox.subscription(bakery, sub["offer_name"])["status"] == "active"


async def test_a_cancelled_subscription_is_final(sandbox, bakery) -> None:
    sub = sandbox.subscription(bakery, "Microsoft 365 Business Standard")
    cancelled = await sandbox.change(bakery, sub["id"], "cancel")
    assert cancelled.state is OutboxState.DONE and cancelled.result["status"] == "deleted"
    await sandbox.refresh(bakery)
    row = sandbox.subscription(bakery, sub["offer_name"])
    assert row["status"] == "deleted"
    refused = plan_action(sandbox.session.cache, sub["id"], "reactivate", None,
                          now=sandbox.now, profile=sandbox.profile)
    assert not refused.allowed and "final" in refused.reason

    failed = await sandbox.force(bakery, sub["id"], {"quantity": 5})
    assert failed.state is OutboxState.FAILED and failed.error_code == "2011"
    assert "which is final" in explain((failed.error_code, failed.error_message), "en")


async def test_an_education_request_moves_from_review_to_approved(sandbox) -> None:
    world = sandbox.transport.world
    school = next(c for c in world.customers
                  if c.state == "customer" and c.reseller_id == identity.RESELLER_TENANT_ID
                  and not c.qualifications and looks_like_school(c))
    customer = school.id.lower()
    await sandbox.refresh(customer)

    entry = qualifications.request_education(sandbox.session.state, sandbox.session.cache,
                                             customer, "K12", school.custom_domains[0]
                                             if school.custom_domains else None,
                                             profile=sandbox.profile)
    assert await sandbox.runner.run_once() == 1
    done = outbox.get(sandbox.session.state, entry.id)
    assert done.state is OutboxState.DONE
    assert done.result == {"qualification": "Education", "vetting_status": "InReview"}

    await sandbox.refresh(customer)
    (status,) = qualifications.qualification_status(sandbox.session.cache, customer,
                                                    sandbox.now, "en")
    assert status.status == "in_review" and not status.overdue
    with pytest.raises(qualifications.QualificationExistsError):
        qualifications.request_education(sandbox.session.state, sandbox.session.cache,
                                         customer, "K12", None, profile=sandbox.profile)

    # Vetting takes up to 3 working days; a week later it is decided.
    await sandbox.advance(days=7)
    await sandbox.refresh(customer)
    (status,) = qualifications.qualification_status(sandbox.session.cache, customer,
                                                    sandbox.now, "en")
    assert status.status == "approved"
    assert status.text == "Education: approved"
    assert sandbox.now - NOW == timedelta(days=7)
