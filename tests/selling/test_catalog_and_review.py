"""The catalog read at most daily, the Education gate with its reason, an order checked
against its availability, the review's words, and auto-renew asked off."""

from __future__ import annotations

from datetime import timedelta

from csp_tui.cache.views.catalog import catalog_items, catalog_refreshed_at
from csp_tui.config.profiles import Role
from csp_tui.domain import catalog as rules
from csp_tui.services import orders
from csp_tui.services.catalog import offered_to, refresh_catalog
from csp_tui.services.outbox_runner import OutboxRunner
from csp_tui.services.pc_explain import explain
from csp_tui.state import outbox
from csp_tui.state.outbox import KIND_PATCH_SUBSCRIPTION, OutboxState

from .shop import A3_FACULTY, BUSINESS_STANDARD, FROZEN_AT, LTSC, open_shop, qualify


async def test_the_catalog_is_read_at_most_once_a_day(tmp_path) -> None:
    shop = open_shop(tmp_path, Role.INDIRECT_PROVIDER)
    async with shop.client() as client:
        first = await refresh_catalog(client, shop.cache, "CZ", now=FROZEN_AT)
        same_day = await refresh_catalog(client, shop.cache, "CZ",
                                         now=FROZEN_AT + timedelta(hours=23))
        forced = await refresh_catalog(client, shop.cache, "CZ",
                                       now=FROZEN_AT + timedelta(hours=23), force=True)
        next_day = await refresh_catalog(client, shop.cache, "CZ",
                                         now=FROZEN_AT + timedelta(hours=48))
    assert first and first == forced == next_day
    assert same_day is None
    assert catalog_refreshed_at(shop.cache, "CZ") == "2026-03-04T09:00:00.000000Z"
    kinds = {item.kind for item in catalog_items(shop.cache, "CZ")}
    assert kinds == {rules.KIND_ONLINE, rules.KIND_SOFTWARE, rules.KIND_PERPETUAL}
    # The lists' accent-free filter, and the kinds told apart.
    found = catalog_items(shop.cache, "cz", text="business STANDARD")
    assert [i.catalog_item_id for i in found] == [BUSINESS_STANDARD]
    perpetual = catalog_items(shop.cache, "CZ", kind=rules.KIND_PERPETUAL)
    assert LTSC in {i.catalog_item_id for i in perpetual}
    assert all(i.choices == (rules.Choice("", "one_time"),) for i in perpetual)


async def test_education_is_gated_by_the_customers_qualification(tmp_path) -> None:
    shop = open_shop(tmp_path, Role.INDIRECT_PROVIDER)
    async with shop.client() as client:
        await refresh_catalog(client, shop.cache, "CZ", now=FROZEN_AT)
    reasons = {}
    for status in (None, "InReview", "Denied", "Approved"):
        qualify(shop, status)
        draft = orders.prepare(shop.cache, shop.profile, shop.customer.id, A3_FACULTY,
                               quantity=5, term="P1Y", billing="annual", now=FROZEN_AT)
        gated = [p for p in draft.problems if p.code == rules.PROBLEM_EDUCATION]
        reasons[status] = [orders.problem_words(p, "en") for p in gated]
        offered = {o.item.catalog_item_id: o.gate
                   for o in offered_to(shop.cache, "CZ", shop.customer.id, text="A3")}
        assert offered[A3_FACULTY] == (gated[0].detail["reason"] if gated else None)
    assert "no Education qualification" in reasons[None][0]
    assert "in review" in reasons["InReview"][0]
    assert "denied" in reasons["Denied"][0]
    assert reasons["Approved"] == []
    # A commercial availability is never gated.
    plain = orders.prepare(shop.cache, shop.profile, shop.customer.id, BUSINESS_STANDARD,
                           quantity=1, term="P1M", billing="monthly", now=FROZEN_AT)
    assert plain.valid


async def test_an_order_is_checked_and_its_effect_said(tmp_path) -> None:
    shop = open_shop(tmp_path, Role.INDIRECT_PROVIDER)
    async with shop.client() as client:
        await refresh_catalog(client, shop.cache, "CZ", now=FROZEN_AT)
    wrong = orders.prepare(shop.cache, shop.profile, shop.customer.id, BUSINESS_STANDARD,
                           quantity=301, term="P3Y", billing="triennial", now=FROZEN_AT)
    assert {p.code for p in wrong.problems} == {rules.PROBLEM_CHOICE,
                                                rules.PROBLEM_QUANTITY_HIGH}
    assert "P1M/monthly" in orders.problem_words(
        next(p for p in wrong.problems if p.code == rules.PROBLEM_CHOICE), "en")
    draft = orders.prepare(shop.cache, shop.profile, shop.customer.id, BUSINESS_STANDARD,
                           quantity=10, term="P1Y", billing="monthly", now=FROZEN_AT)
    review = "\n".join(orders.review_lines(draft, "en"))
    assert "10 × Microsoft 365 Business Standard" in review
    assert "Term 1 year, billed monthly; the term ends on 1 Mar 2027." in review
    assert "renews for the same term on 2 Mar 2027" in review
    assert "with a refund, until 9 Mar" in review
    assert "distributor's price list" in review
    cesky = "\n".join(orders.review_lines(draft, "cs"))
    assert "obnoví se na stejné období 2. 3. 2027" in cesky
    licence = orders.prepare(shop.cache, shop.profile, shop.customer.id, LTSC, quantity=3,
                             now=FROZEN_AT)
    assert licence.valid and licence.auto_renew is False
    words = "\n".join(orders.review_lines(licence, "en"))
    assert "never renews" in words and "cannot be cancelled or refunded" in words
    assert "1 Apr" in words  # 30 days


async def test_auto_renew_off_is_switched_off_once_provisioned(tmp_path) -> None:
    shop = open_shop(tmp_path, Role.INDIRECT_PROVIDER)
    async with shop.client() as client:
        await refresh_catalog(client, shop.cache, "CZ", now=FROZEN_AT)
        draft = orders.prepare(shop.cache, shop.profile, shop.customer.id, BUSINESS_STANDARD,
                               quantity=10, term="P1Y", billing="monthly", auto_renew=False,
                               now=FROZEN_AT)
        orders.enqueue(shop.state, draft, "en")
        runner = OutboxRunner(client, shop.state, cache=shop.cache)
        await runner.run_once()
        follow = [e for e in outbox.list_entries(shop.state)
                  if e.kind == KIND_PATCH_SUBSCRIPTION]
        assert len(follow) == 1 and follow[0].payload["changes"] == {"autoRenewEnabled": False}
        assert follow[0].state is OutboxState.QUEUED  # 409 "not ready": provisioning
        shop.world.clock.advance(120)
        with shop.state:
            shop.state.execute("UPDATE outbox SET next_attempt_at = NULL")
        await runner.run_once()
    bought = shop.customer.subscriptions[-1]
    assert bought.offer_id == BUSINESS_STANDARD and bought.auto_renew is False
    assert outbox.get(shop.state, follow[0].id).state is OutboxState.DONE


def test_checkout_refusals_are_said_in_words() -> None:
    assert "still processing" in explain(("800064", "busy", 409), "en")
    assert "checked out already" in explain(("800065", "submitted", 400), "en")
    assert "kvalifikace Education není schválena" in explain(("400036", "segment", 403), "cs")
    assert "csp-tui catalog --refresh" in explain(("400019", "not found", 404), "en")


def test_choices_are_offered_shortest_term_first_monthly_first() -> None:
    listed = [rules.Choice("P3Y", "triennial"), rules.Choice("P1Y", "annual"),
              rules.Choice("P1M", "monthly"), rules.Choice("P1Y", "monthly"),
              rules.Choice("P1Y", "annual")]
    assert rules.in_order(listed) == (
        rules.Choice("P1M", "monthly"), rules.Choice("P1Y", "monthly"),
        rules.Choice("P1Y", "annual"), rules.Choice("P3Y", "triennial"))
