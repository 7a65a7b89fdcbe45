"""Planning a change from the cache and queueing it in the outbox (no network)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlite_utils import Database

from csp_tui.cache.db import open_cache
from csp_tui.config import Profile, Role
from csp_tui.domain.text import czech_sort_key, fold
from csp_tui.services import subscriptions as service
from csp_tui.services.subscriptions import (
    ActionNotAllowedError,
    ReadOnlyError,
    plan_action,
    queue_action,
)
from csp_tui.state import NotFoundError, outbox
from csp_tui.state.db import open_state
from csp_tui.state.outbox import OutboxState

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
WINDOW_END = datetime(2026, 11, 27, 14, 2, tzinfo=UTC)
CUSTOMER = "c0ffee00-0000-4000-8000-000000000001"
OTHER_CUSTOMER = "c0ffee00-0000-4000-8000-000000000002"


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def add_customer(cache, customer_id: str, name: str, *, removed: bool = False) -> None:
    Database(cache)["customers"].insert({
        "id": customer_id, "company_name": name, "name_fold": fold(name),
        "sort_key": czech_sort_key(name), "primary_domain": f"{customer_id[:8]}.onmicrosoft.com",
        "first_seen_at": iso(NOW), "listed_at": iso(NOW),
        "removed_at": iso(NOW) if removed else None,
    })


def add_subscription(cache, sub_id: str, *, customer_id: str = CUSTOMER,
                     refundable: list[tuple[int, datetime]] | None = None, **columns: Any) -> None:
    name = columns.pop("offer_name", "Microsoft 365 Business Standard")
    row: dict[str, Any] = {
        "id": sub_id, "customer_id": customer_id, "offer_name": name, "name_fold": fold(name),
        "sort_key": czech_sort_key(name), "kind": "online", "quantity": 12, "status": "active",
        "term_duration": "P1Y", "billing_cycle": "monthly", "auto_renew": 1, "is_trial": 0,
        "commitment_end_date": "2026-12-31T00:00:00Z",
        "cancellation_allowed_until": iso(NOW - timedelta(days=330)),
        "synced_at": iso(NOW),
    }
    row.update(columns)
    raw: dict[str, Any] = {"id": sub_id}
    if refundable is not None:
        raw["refundableQuantity"] = {"totalQuantity": sum(q for q, _ in refundable), "details": [
            {"quantity": q, "allowedUntilDateTime": iso(u)} for q, u in refundable]}
    row["raw_json"] = json.dumps(raw)
    Database(cache)["subscriptions"].insert(row)


@pytest.fixture
def cache(tmp_path):
    db = open_cache(tmp_path / "cache.db")
    add_customer(db, CUSTOMER, "Šumavská pekárna s.r.o.")
    add_subscription(db, "sub-new", cancellation_allowed_until=iso(WINDOW_END),
                     refundable=[(12, WINDOW_END)])
    add_subscription(db, "sub-old", offer_name="Exchange Online (Plan 1)", quantity=29)
    add_subscription(db, "sub-suspended", offer_name="Office 365 E3", status="suspended",
                     auto_renew=0)
    yield db
    db.close()


@pytest.fixture
def state(tmp_path):
    db = open_state(tmp_path / "state.db")
    yield db
    db.close()


# A distributor's profile: Partner Center refuses these writes to an indirect reseller (whose
# way is a request for the distributor, see tests/roles).
PROFILE = Profile(name="work", language="en", role=Role.INDIRECT_PROVIDER)
READ_ONLY = Profile(name="audit", read_only=True, language="en")


def test_a_decrease_inside_the_window_is_planned_and_queued_exactly(cache, state) -> None:
    plan = plan_action(cache, "sub-new", "change_quantity", 10, now=NOW, profile=PROFILE,
                       zone=UTC)
    assert plan.allowed and plan.reason == ""
    assert plan.effect_text == (
        "Microsoft 365 Business Standard for Šumavská pekárna s.r.o.: 12 → 10 seats, allowed "
        "until 27 Nov 14:02; the removed seats are refunded pro rata")
    assert plan.changes == {"quantity": 10}
    assert plan.subject == (
        "Šumavská pekárna s.r.o.: Microsoft 365 Business Standard — 12 → 10 seats")

    entry = queue_action(state, plan, customer_id=CUSTOMER, subscription_id="sub-new",
                         profile=PROFILE)
    assert entry.kind == "patch_subscription"
    assert entry.payload == {"customer_id": CUSTOMER, "subscription_id": "sub-new",
                             "changes": {"quantity": 10}}
    assert entry.dedupe_key == "sub:sub-new:change_quantity"
    assert entry.customer_id == CUSTOMER and entry.state is OutboxState.QUEUED
    assert entry.subject == plan.subject


@pytest.mark.parametrize(("sub_id", "action", "value", "changes"), [
    ("sub-old", "toggle_auto_renew", None, {"autoRenewEnabled": False}),
    ("sub-old", "toggle_auto_renew", False, {"autoRenewEnabled": False}),
    ("sub-old", "suspend", None, {"status": "suspended"}),
    ("sub-suspended", "reactivate", None, {"status": "active"}),
    ("sub-new", "cancel", None, {"status": "deleted"}),
    ("sub-old", "change_quantity", 30, {"quantity": 30}),
])
def test_each_action_becomes_the_wire_change_the_runner_merges(cache, state, sub_id, action,
                                                               value, changes) -> None:
    plan = plan_action(cache, sub_id, action, value, now=NOW, profile=PROFILE)
    assert plan.allowed, plan.reason
    entry = queue_action(state, plan, customer_id=CUSTOMER, subscription_id=sub_id,
                         profile=PROFILE)
    assert entry.payload["changes"] == changes
    assert entry.dedupe_key == f"sub:{sub_id}:{action}"


def test_a_double_keypress_queues_one_change(cache, state) -> None:
    plan = plan_action(cache, "sub-new", "change_quantity", 10, now=NOW, profile=PROFILE)
    first = queue_action(state, plan, customer_id=CUSTOMER, subscription_id="sub-new",
                         profile=PROFILE)
    again = queue_action(state, plan, customer_id=CUSTOMER, subscription_id="sub-new",
                         profile=PROFILE)
    assert again.id == first.id
    assert len(outbox.list_entries(state)) == 1


def test_a_change_can_be_made_again_once_the_earlier_one_finished(cache, state) -> None:
    plan = plan_action(cache, "sub-old", "toggle_auto_renew", False, now=NOW, profile=PROFILE)
    first = queue_action(state, plan, customer_id=CUSTOMER, subscription_id="sub-old",
                         profile=PROFILE)
    claimed = outbox.claim_next(state)
    assert claimed is not None and claimed.id == first.id
    outbox.mark_done(state, first.id, {"auto_renew": False})

    second = queue_action(state, plan, customer_id=CUSTOMER, subscription_id="sub-old",
                          profile=PROFILE)
    assert second.id != first.id and second.state is OutboxState.QUEUED
    assert second.dedupe_key == "sub:sub-old:toggle_auto_renew#2"
    # …and that one, too, is queued only once.
    assert queue_action(state, plan, customer_id=CUSTOMER, subscription_id="sub-old",
                        profile=PROFILE).id == second.id


def test_a_failed_change_releases_its_key(cache, state) -> None:
    plan = plan_action(cache, "sub-old", "suspend", None, now=NOW, profile=PROFILE)
    first = queue_action(state, plan, customer_id=CUSTOMER, subscription_id="sub-old",
                         profile=PROFILE)
    outbox.claim_next(state)
    outbox.mark_failed(state, first.id, code="800082", message="not ready")
    second = queue_action(state, plan, customer_id=CUSTOMER, subscription_id="sub-old",
                          profile=PROFILE)
    assert second.id != first.id and second.dedupe_key == "sub:sub-old:suspend"


def test_a_read_only_profile_plans_nothing_and_queues_nothing(cache, state) -> None:
    plan = plan_action(cache, "sub-new", "change_quantity", 10, now=NOW, profile=READ_ONLY)
    assert not plan.allowed and plan.changes == {}
    assert plan.reason == "The profile “audit” is read-only: nothing can be changed from it."
    allowed = plan_action(cache, "sub-new", "change_quantity", 10, now=NOW, profile=PROFILE)
    with pytest.raises(ReadOnlyError, match="audit"):
        queue_action(state, allowed, customer_id=CUSTOMER, subscription_id="sub-new",
                     profile=READ_ONLY)
    assert outbox.list_entries(state) == []


def test_a_refused_plan_cannot_be_queued(cache, state) -> None:
    plan = plan_action(cache, "sub-old", "change_quantity", 20, now=NOW, profile=PROFILE,
                       zone=UTC)
    assert not plan.allowed
    assert plan.reason.startswith("Seats can only be reduced within 7 days")
    with pytest.raises(ActionNotAllowedError, match="within 7 days"):
        queue_action(state, plan, customer_id=CUSTOMER, subscription_id="sub-old",
                     profile=PROFILE)
    assert outbox.list_entries(state) == []


def test_a_plan_is_queued_only_for_its_own_subscription(cache, state) -> None:
    plan = plan_action(cache, "sub-old", "suspend", None, now=NOW, profile=PROFILE)
    with pytest.raises(ActionNotAllowedError):
        queue_action(state, plan, customer_id=CUSTOMER, subscription_id="sub-new",
                     profile=PROFILE)
    with pytest.raises(ActionNotAllowedError):
        queue_action(state, plan, customer_id=OTHER_CUSTOMER, subscription_id="sub-old",
                     profile=PROFILE)


def test_plans_speak_the_profiles_language(cache) -> None:
    plan = plan_action(cache, "sub-old", "cancel", None, now=NOW,
                       profile=Profile(language="cs"), zone=UTC)
    assert not plan.allowed
    assert plan.reason.startswith("Předplatné lze zrušit jen do 7 dní od nákupu nebo obnovení")
    # A date in another year than now says the year.
    assert "lhůta skončila 29. 12. 2025 09:00" in plan.reason
    suspend = plan_action(cache, "sub-old", "suspend", None, now=NOW,
                          profile=Profile(language="cs"), zone=UTC)
    assert suspend.notes == ("Po opětovné aktivaci zůstane automatické obnovení vypnuté, dokud "
                             "ho nezapnete.",)


def test_unknown_subscription_and_action(cache) -> None:
    with pytest.raises(NotFoundError):
        plan_action(cache, "nope", "suspend", None, now=NOW, profile=PROFILE)
    with pytest.raises(ValueError, match="unknown subscription action"):
        plan_action(cache, "sub-old", "transfer", None, now=NOW, profile=PROFILE)
    missing_value = plan_action(cache, "sub-old", "change_quantity", None, now=NOW,
                                profile=PROFILE)
    assert not missing_value.allowed and "whole number" in missing_value.reason


def test_hostile_remote_names_stay_out_of_the_terminal(tmp_path, state) -> None:
    cache = open_cache(tmp_path / "hostile.db")
    add_customer(cache, CUSTOMER, "Evil\x1b]52;c;ZXZpbA==\x07 s.r.o.")
    add_subscription(cache, "sub-x", offer_name="[bold red]X[/]")
    plan = plan_action(cache, "sub-x", "suspend", None, now=NOW, profile=PROFILE)
    entry = queue_action(state, plan, customer_id=CUSTOMER, subscription_id="sub-x",
                         profile=PROFILE)
    for text in (plan.effect_text, plan.subject, entry.subject):
        assert "\x1b" not in text and "\x07" not in text
    assert entry.subject.startswith("Evil]52;c;ZXZpbA== s.r.o.: [bold red]X[/] — suspend")
    cache.close()


# -- named views ---------------------------------------------------------------------------


@pytest.fixture
def views_cache(tmp_path):
    db = open_cache(tmp_path / "views.db")
    add_customer(db, CUSTOMER, "Šumavská pekárna s.r.o.")
    add_customer(db, OTHER_CUSTOMER, "Účetnictví Novák s.r.o.")
    add_customer(db, "c0ffee00-0000-4000-8000-000000000003", "Zrušený zákazník s.r.o.",
                 removed=True)
    add_subscription(db, "renewing", commitment_end_date=iso(NOW + timedelta(days=10)))
    add_subscription(db, "later", commitment_end_date=iso(NOW + timedelta(days=200)))
    add_subscription(db, "window", customer_id=OTHER_CUSTOMER,
                     cancellation_allowed_until=iso(WINDOW_END))
    add_subscription(db, "paused", status="suspended", auto_renew=0)
    add_subscription(db, "no-renew", auto_renew=0, customer_id=OTHER_CUSTOMER)
    add_subscription(db, "sql", kind="software", offer_name="SQL Server Standard")
    add_subscription(db, "gone", status="expired", auto_renew=0)
    for customer_id, product, days_ago in (
            (CUSTOMER, "Office LTSC Professional Plus 2024", 5),
            (OTHER_CUSTOMER, "Windows Server 2025 Standard - 16 Core License Pack", 400),
            ("c0ffee00-0000-4000-8000-000000000003", "SQL Server 2022 Standard", 1)):
        Database(db)["entitlements"].insert({
            "id": f"{customer_id}:{product}", "customer_id": customer_id, "product_name": product,
            "quantity": 1, "purchase_date": iso(NOW - timedelta(days=days_ago)),
            "synced_at": iso(NOW),
        })
    yield db
    db.close()


@pytest.mark.parametrize(("name", "expected"), [
    ("renewing", {"renewing"}),
    ("in_window", {"window"}),
    ("suspended", {"paused"}),
    ("auto_renew_off", {"no-renew"}),
    ("software", {"sql"}),
    ("expired", {"gone"}),
])
def test_named_views_across_customers(views_cache, name, expected) -> None:
    rows = service.preset_rows(views_cache, name, now=NOW, days=30)
    assert {row.id for row in rows} == expected
    assert service.preset_count(views_cache, name, now=NOW, days=30) == len(expected)


def test_renewing_within_takes_the_number_of_days(views_cache) -> None:
    assert [r.id for r in service.renewing_within(views_cache, 5, now=NOW)] == []
    # Active, auto-renewing, term ending within 250 days; ties on the date go by id.
    assert [r.id for r in service.renewing_within(views_cache, 250, now=NOW, sort="renewal")] \
        == ["renewing", "sql", "window", "later"]


def test_perpetual_licences_across_customers(views_cache) -> None:
    rows = service.perpetual(views_cache, now=NOW)
    assert [(r.customer_name, r.product) for r in rows] == [
        ("Šumavská pekárna s.r.o.", "Office LTSC Professional Plus 2024"),
        ("Účetnictví Novák s.r.o.", "Windows Server 2025 Standard - 16 Core License Pack"),
    ]
    assert {r.kind for r in rows} == {"perpetual"}
    # The full refund is possible for 30 days after purchase.
    assert rows[0].cancellation_allowed_until == iso(NOW + timedelta(days=25))
    assert service.preset_count(views_cache, "perpetual", now=NOW) == 2
    assert [r.product for r in service.preset_rows(views_cache, "perpetual", now=NOW,
                                                   filter="ltsc")] == [
        "Office LTSC Professional Plus 2024"]


def test_preset_labels_and_unknown_presets(views_cache) -> None:
    assert service.preset_label("renewing", "en", days=14) == "Renewing within 14 days"
    assert service.preset_label("in_window", "cs") == "Ve lhůtě pro zrušení"
    with pytest.raises(ValueError, match="unknown subscription preset"):
        service.preset_rows(views_cache, "everything", now=NOW)
