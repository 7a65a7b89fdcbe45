"""The new-commerce rules over synthetic cache rows, and the words of a confirmation."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from csp_tui.services import commerce_rules as rules

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def sub_row(*, refundable: list[tuple[int, datetime]] | None = None,
            raw_extra: dict[str, Any] | None = None, **columns: Any) -> dict[str, Any]:
    """A ``subscriptions`` row as the cache holds it: an active 12-seat annual online service,
    bought long ago, auto-renewing on 31 Dec 2026."""
    row: dict[str, Any] = {
        "id": "sub-1", "customer_id": "cust-1", "offer_id": "CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM",
        "offer_name": "Microsoft 365 Business Standard", "friendly_name": "",
        "product_type": "OnlineServicesNCE", "kind": "online", "quantity": 12,
        "status": "active", "term_duration": "P1Y", "billing_cycle": "monthly",
        "auto_renew": 1, "is_trial": 0,
        "commitment_end_date": "2026-12-31T00:00:00Z",
        "cancellation_allowed_until": iso(NOW - timedelta(days=300)),
        "refundable_quantity": 0, "refundable_until": None,
    }
    row.update(columns)
    raw: dict[str, Any] = {"id": row["id"], "quantity": row["quantity"]}
    if refundable is not None:
        raw["refundableQuantity"] = {
            "totalQuantity": sum(q for q, _ in refundable),
            "details": [{"quantity": q, "allowedUntilDateTime": iso(u)} for q, u in refundable],
        }
    raw.update(raw_extra or {})
    row["raw_json"] = json.dumps(raw)
    return row


IN_WINDOW = NOW + timedelta(days=3, hours=5, minutes=2)
SCENARIOS: dict[str, dict[str, Any]] = {
    "old": sub_row(),
    "new": sub_row(cancellation_allowed_until=iso(IN_WINDOW), refundable=[(12, IN_WINDOW)]),
    "seats_added": sub_row(refundable=[(2, NOW + timedelta(days=2))]),
    "software_new": sub_row(kind="software", product_type="Software",
                            cancellation_allowed_until=iso(IN_WINDOW),
                            refundable=[(12, IN_WINDOW)]),
    "software_old": sub_row(kind="software", product_type="Software"),
    "suspended": sub_row(status="suspended", auto_renew=0),
    "suspended_term_over": sub_row(status="suspended", auto_renew=0,
                                   commitment_end_date="2026-11-20T00:00:00Z"),
    "suspended_in_window": sub_row(status="suspended", auto_renew=0,
                                   cancellation_allowed_until=iso(IN_WINDOW)),
    "trial": sub_row(is_trial=1, auto_renew=0, quantity=25, billing_cycle="none"),
    "auto_renew_off": sub_row(auto_renew=0),
    "expired": sub_row(status="expired", auto_renew=0),
    "disabled": sub_row(status="disabled", auto_renew=0),
    "deleted": sub_row(status="deleted", auto_renew=0,
                       cancellation_allowed_until=iso(IN_WINDOW)),
    "pending": sub_row(status="pending"),
}
PERPETUAL = {"id": "cust-1:DG7GMGF0PX2K:0002:ord:0", "customer_id": "cust-1",
             "product_id": "DG7GMGF0PX2K", "sku_id": "0002",
             "product_name": "Office LTSC Professional Plus 2024", "quantity": 3,
             "entitlement_type": "software", "purchase_date": iso(NOW - timedelta(days=5)),
             "raw_json": None}

CQ, AR, SU, RE, CA = (rules.CHANGE_QUANTITY, rules.TOGGLE_AUTO_RENEW, rules.SUSPEND,
                      rules.REACTIVATE, rules.CANCEL)
OK = None  # allowed: no reason

# (scenario, action, the reason key or OK)
TABLE = [
    ("old", CQ, OK), ("old", AR, OK), ("old", SU, OK),
    ("old", RE, "sub.reason.not_suspended"), ("old", CA, "sub.reason.cancel_window_closed"),
    ("new", CQ, OK), ("new", CA, OK), ("new", SU, OK),
    ("seats_added", CQ, OK), ("seats_added", CA, "sub.reason.cancel_window_closed"),
    ("software_new", CQ, OK), ("software_new", CA, OK),
    ("software_old", CQ, "sub.reason.software_no_change"), ("software_old", AR, OK),
    ("software_old", CA, "sub.reason.cancel_window_closed"),
    ("suspended", CQ, "sub.reason.suspended_locked"),
    ("suspended", AR, "sub.reason.suspended_locked"),
    ("suspended", SU, "sub.reason.already_suspended"), ("suspended", RE, OK),
    ("suspended", CA, "sub.reason.cancel_window_closed"),
    ("suspended_term_over", RE, "sub.reason.term_over"),
    ("suspended_in_window", CA, OK),
    ("trial", AR, "sub.reason.trial_no_renew"), ("trial", SU, OK),
    ("auto_renew_off", AR, OK),
    *[(state, action, f"sub.reason.{state}")
      for state in ("expired", "disabled", "deleted") for action in rules.ACTIONS],
    *[("pending", action, "sub.reason.not_ready") for action in rules.ACTIONS],
]


@pytest.mark.parametrize(("scenario", "action", "reason"), TABLE,
                         ids=[f"{s}-{a}" for s, a, _ in TABLE])
def test_allowed_actions(scenario: str, action: str, reason: str | None) -> None:
    result = rules.allowed_actions(SCENARIOS[scenario], NOW)[action]
    assert result.ok is (reason is None)
    assert result.reason_key == reason
    if reason is not None:
        assert rules.reason_text(result, "en", UTC)
        assert rules.reason_text(result, "cs", UTC) != rules.reason_text(result, "en", UTC)


def test_a_perpetual_licence_has_no_actions() -> None:
    result = rules.allowed_actions(PERPETUAL, NOW)
    assert {a.reason_key for a in result.values()} == {"sub.reason.perpetual"}
    assert rules.facts(PERPETUAL).kind == "perpetual"


def test_the_quantity_range_offered() -> None:
    new = rules.allowed_actions(SCENARIOS["new"], NOW)[CQ].params
    assert (new["min"], new["can_decrease"], new["can_increase"]) == (1, True, True)
    assert new["decrease_until"] == IN_WINDOW.replace(second=0)
    added = rules.allowed_actions(SCENARIOS["seats_added"], NOW)[CQ].params
    assert (added["min"], added["can_decrease"]) == (10, True)
    old = rules.allowed_actions(SCENARIOS["old"], NOW)[CQ].params
    assert (old["min"], old["can_decrease"], old["can_increase"]) == (12, False, True)
    software = rules.allowed_actions(SCENARIOS["software_new"], NOW)[CQ].params
    assert (software["can_increase"], software["max"]) == (False, 12)


# (scenario, new quantity, reason key or OK)
QUANTITIES = [
    ("old", 15, OK),
    ("old", 10, "sub.reason.decrease_window_closed"),
    ("new", 1, OK),
    ("new", 0, "sub.reason.quantity_below_min"),
    ("seats_added", 10, OK),
    ("seats_added", 9, "sub.reason.decrease_too_many"),
    ("software_new", 13, "sub.reason.software_no_increase"),
    ("software_new", 8, OK),
    ("software_old", 8, "sub.reason.decrease_window_closed"),
    ("old", 12, "sub.reason.quantity_same"),
    ("old", "12", "sub.reason.quantity_not_number"),
    ("old", True, "sub.reason.quantity_not_number"),
    ("suspended", 13, "sub.reason.suspended_locked"),
    ("expired", 13, "sub.reason.expired"),
]


@pytest.mark.parametrize(("scenario", "value", "reason"), QUANTITIES,
                         ids=[f"{s}-{v}" for s, v, _ in QUANTITIES])
def test_quantity_changes(scenario: str, value: Any, reason: str | None) -> None:
    result = rules.check(SCENARIOS[scenario], CQ, value, NOW)
    assert result.reason_key == reason
    assert result.ok is (reason is None)


def test_sku_limits_travel_with_the_row_when_known() -> None:
    row = sub_row(raw_extra={"maximumQuantity": 20, "minimumQuantity": 5},
                  refundable=[(12, IN_WINDOW)])
    assert rules.check(row, CQ, 21, NOW).reason_key == "sub.reason.quantity_above_max"
    assert rules.check(row, CQ, 20, NOW).ok
    below = rules.check(row, CQ, 4, NOW)
    assert below.reason_key == "sub.reason.quantity_below_min"
    assert "below 5" in rules.reason_text(below, "en")


def test_seat_windows_are_per_batch_and_close_one_by_one() -> None:
    row = sub_row(refundable=[(2, NOW + timedelta(hours=1)), (3, NOW + timedelta(days=2))])
    assert rules.check(row, CQ, 7, NOW).ok
    later = NOW + timedelta(hours=2)  # the first batch's window has closed
    assert rules.check(row, CQ, 7, later).reason_key == "sub.reason.decrease_too_many"
    assert rules.check(row, CQ, 9, later).ok
    too_many = rules.check(row, CQ, 8, later)
    assert too_many.params["removable"] == 3 and too_many.params["lowest"] == 9
    assert rules.reason_text(too_many, "en", UTC) == (
        "Only 3 seat(s), bought or renewed in the last 7 days, can be removed (until "
        "26 Nov 09:00): the quantity can go down to 9, not lower.")


def test_without_details_the_summary_columns_are_used() -> None:
    row = sub_row(refundable_quantity=4, refundable_until=iso(NOW + timedelta(days=1)))
    assert rules.check(row, CQ, 8, NOW).ok
    assert rules.check(row, CQ, 7, NOW).reason_key == "sub.reason.decrease_too_many"


def test_the_reason_names_the_date_the_window_closed() -> None:
    row = sub_row(cancellation_allowed_until="2026-11-20T14:02:00Z")
    refused = rules.check(row, CQ, 10, NOW)
    assert rules.reason_text(refused, "en", UTC) == (
        "Seats can only be reduced within 7 days of purchase or renewal; the window closed on "
        "20 Nov 14:02. Reduce at renewal instead.")
    assert "lhůta skončila 20. 11. 14:02" in rules.reason_text(refused, "cs", UTC)
    cancel = rules.check(row, CA, None, NOW)
    assert rules.reason_text(cancel, "en", UTC) == (
        "A subscription can be cancelled only within 7 days of purchase or renewal; the window "
        "closed on 20 Nov 14:02. It runs (and is billed) until the term ends on 31 Dec 2026: "
        "turn auto-renew off so it does not renew.")


def test_auto_renew_target_and_refusal_to_set_it_twice() -> None:
    assert rules.check(SCENARIOS["old"], AR, None, NOW).params == {"to": False}
    assert rules.check(SCENARIOS["auto_renew_off"], AR, None, NOW).params == {"to": True}
    assert rules.check(SCENARIOS["old"], AR, True, NOW).reason_key == \
        "sub.reason.auto_renew_already_on"
    assert rules.check(SCENARIOS["old"], AR, "yes", NOW).reason_key == \
        "sub.reason.auto_renew_not_bool"


def test_warnings_that_go_with_a_confirmation() -> None:
    suspend = rules.check(SCENARIOS["old"], SU, None, NOW)
    notes = rules.notes_text(suspend, SCENARIOS["old"], "en", UTC)
    # Billing until the term ends and auto-renew turning off are in the effect itself
    # (effect_only); the note says only what the effect does not.
    assert notes == ["After reactivation auto-renew stays off until you turn it on."]
    effect = rules.effect_only(rules.facts(SCENARIOS["old"]), SU, None, NOW, "en", UTC)
    assert "billed until the term ends on 31 Dec 2026" in effect
    assert "auto-renew turns off" in effect
    reactivate = rules.check(SCENARIOS["suspended"], RE, None, NOW)
    assert rules.notes_text(reactivate, SCENARIOS["suspended"], "cs", UTC) == [
        "Automatické obnovení zůstane vypnuté: zapněte ho, pokud se má předplatné obnovit."]
    cancel = rules.check(SCENARIOS["new"], CA, None, NOW)
    assert "final" in rules.notes_text(cancel, SCENARIOS["new"], "en")[0]


def test_unknown_action_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown subscription action"):
        rules.check(SCENARIOS["old"], "upgrade", None, NOW)


# -- describe_effect ---------------------------------------------------------------------------

DECREASE_ROW = sub_row(cancellation_allowed_until="2026-11-27T14:02:00Z",
                       refundable=[(12, datetime(2026, 11, 27, 14, 2, tzinfo=UTC))])
CUSTOMER = "Šumavská pekárna s.r.o."


@pytest.mark.parametrize(("action", "value", "row", "en", "cs"), [
    (CQ, 10, DECREASE_ROW,
     "Microsoft 365 Business Standard for Šumavská pekárna s.r.o.: 12 → 10 seats, allowed until "
     "27 Nov 14:02; the removed seats are refunded pro rata",
     "Microsoft 365 Business Standard pro zákazníka Šumavská pekárna s.r.o.: 12 → 10 licencí, "
     "možné do 27. 11. 14:02; za odebrané licence se poměrně vrátí peníze"),
    (CQ, 14, SCENARIOS["old"],
     "Microsoft 365 Business Standard for Šumavská pekárna s.r.o.: 12 → 14 seats; the added "
     "seats are billed pro rata until the term ends on 31 Dec 2026",
     "Microsoft 365 Business Standard pro zákazníka Šumavská pekárna s.r.o.: 12 → 14 licencí; "
     "přidané licence se účtují poměrně do konce období 31. 12. 2026"),
    (AR, None, SCENARIOS["old"],
     "Microsoft 365 Business Standard for Šumavská pekárna s.r.o.: auto-renew on → off: the "
     "subscription will expire on 31 Dec 2026",
     "Microsoft 365 Business Standard pro zákazníka Šumavská pekárna s.r.o.: automatické "
     "obnovení zap. → vyp.: předplatné vyprší 31. 12. 2026"),
    (AR, True, SCENARIOS["auto_renew_off"],
     "Microsoft 365 Business Standard for Šumavská pekárna s.r.o.: auto-renew off → on: it "
     "renews on 1 Jan 2027 for another 1 year",
     "Microsoft 365 Business Standard pro zákazníka Šumavská pekárna s.r.o.: automatické "
     "obnovení vyp. → zap.: obnoví se 1. 1. 2027 na další 1 rok"),
    (CA, None, SCENARIOS["new"],
     "Microsoft 365 Business Standard for Šumavská pekárna s.r.o.: cancel: final; prorated "
     "refund; service stops at once",
     "Microsoft 365 Business Standard pro zákazníka Šumavská pekárna s.r.o.: zrušit: nevratné; "
     "poměrné vrácení peněz; služba okamžitě končí"),
])
def test_describe_effect_in_both_languages(action, value, row, en, cs) -> None:
    assert rules.describe_effect(row, action, value, NOW, "en", customer_name=CUSTOMER,
                                 zone=UTC) == en
    assert rules.describe_effect(row, action, value, NOW, "cs", customer_name=CUSTOMER,
                                 zone=UTC) == cs


def test_describe_suspend_and_reactivate() -> None:
    suspend = rules.describe_effect(SCENARIOS["old"], SU, None, NOW, "en", zone=UTC)
    assert suspend.startswith("Microsoft 365 Business Standard: suspend: users lose access")
    assert "billed until the term ends on 31 Dec 2026" in suspend
    assert "auto-renew turns off" in suspend
    reactivate = rules.describe_effect(SCENARIOS["suspended"], RE, None, NOW, "cs", zone=UTC)
    assert "automatické obnovení zůstane vypnuté" in reactivate


def test_effect_times_are_in_the_given_zone() -> None:
    text = rules.describe_effect(DECREASE_ROW, CQ, 10, NOW, "cs",
                                 zone=timezone(timedelta(hours=1)))
    assert "možné do 27. 11. 15:02" in text


def test_remote_names_cannot_control_the_terminal() -> None:
    row = sub_row(friendly_name="Kancelář\x1b]52;c;ZXZpbA==\x07")
    text = rules.describe_effect(row, SU, None, NOW, "en", customer_name="Evil\x1b[2J s.r.o.",
                                 zone=UTC)
    assert "\x1b" not in text and "\x07" not in text
    assert text.startswith("Kancelář]52;c;ZXZpbA== for Evil[2J s.r.o.: suspend")
