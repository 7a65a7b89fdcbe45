"""Partner Center's refusals turned into what happened and what to do."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from csp_tui.partner_center import errors as pce
from csp_tui.services.pc_explain import code_of, explain

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
ROW = {
    "id": "sub-1", "customer_id": "cust-1", "offer_name": "Exchange Online (Plan 1)",
    "kind": "online", "status": "active", "quantity": 29,
    "commitment_end_date": "2026-12-11T00:00:00Z",
    "cancellation_allowed_until": "2026-11-20T14:02:00Z",
    "raw_json": json.dumps({"refundableQuantity": {"totalQuantity": 0, "details": []}}),
}

# (code, a phrase the explanation must contain)
CODES = [
    ("2001", "in the same request that suspends"),
    ("2002", "outside what this product allows"),
    ("2011", "cancelled (deleted), which is final"),
    ("2055", "changed in Partner Center in the meantime"),
    ("800090", "Seats can be removed only within 7 days after they were added."),
    ("800091", "A suspended subscription cannot be changed"),
    ("800093", "cannot renew automatically"),
    ("900117", "cancelled only within 7 days (168 hours)"),
    ("900213", "A software subscription can be cancelled only within 7 days"),
    ("900214", "The time allowed for this change is over"),
    ("900257", "The time allowed for this change is over"),
    ("800082", "still setting up or renewing"),
    ("900278", "wait up to 24 hours"),
    ("900311", "changed too many times"),
    ("900277", "about to expire"),
    ("900275", "buy an additional subscription"),
    ("1002", "not allowed to do this"),
    ("20002", "no reseller relationship"),
    ("13605", "Microsoft Customer Agreement"),
    ("800073", "reviewing the customer's account"),
    ("429", "limiting how many requests"),
]


@pytest.mark.parametrize(("code", "phrase"), CODES, ids=[c for c, _ in CODES])
def test_every_rule_code_has_its_own_explanation(code: str, phrase: str) -> None:
    english = explain((code, "Something Partner Center said."), "en")
    assert phrase in english
    assert f"(code {code})" in english  # what support and the distributor ask for
    assert not english.startswith("Partner Center refused the request")
    czech = explain((code, "Something Partner Center said."), "cs")
    assert f"(kód {code})" in czech and czech != english


def test_the_seat_window_explanation_carries_the_subscription_dates() -> None:
    text = explain(("800090", "Subscription quantity cannot be decreased."), "en",
                   subscription=ROW, zone=UTC)
    assert text == (
        "Seats can be removed only within 7 days after they were added. This subscription's "
        "window closed on 20 Nov 14:02. Reduce at renewal instead (schedule a change) or keep "
        "the seats. (code 800090)")
    czech = explain(("800090", ""), "cs", subscription=ROW, zone=UTC)
    assert "U tohoto předplatného lhůta skončila 20. 11. 14:02." in czech


def test_the_cancellation_explanation_names_the_window_and_the_term_end() -> None:
    text = explain(pce.BadRequestError("The subscription can only be cancelled within 7 days.",
                                       status=400, code="900117"),
                   "en", subscription=ROW, zone=UTC)
    assert "This subscription's window closed on 20 Nov 14:02." in text
    assert "until the term ends on 11 Dec 2026" in text


def test_without_a_code_the_http_status_decides() -> None:
    forbidden = pce.ForbiddenError("Forbidden", status=403)
    assert "not allowed to do this" in explain(forbidden, "en")
    throttled = pce.ThrottledError("Rate limit is exceeded.", status=429, code="429",
                                   retry_after=57)
    assert "It asks to wait 57 s." in explain(throttled, "en")
    assert "Sign in again" in explain(("", "Unauthorized", 401), "en")
    assert "busy with another operation" in explain((None, "Conflict", 409), "en")


def test_unknown_codes_fall_back_to_partner_centers_words() -> None:
    assert explain(("123456", "Something odd happened."), "en") == (
        "Partner Center refused the request: Something odd happened. (code 123456)")
    assert explain((None, "Plain failure"), "cs") == (
        "Partner Center požadavek odmítl: Plain failure")
    assert explain((3000, "quantity must be a whole number."), "en").endswith("(code 3000)")


def test_remote_descriptions_are_data() -> None:
    text = explain(("777", "Bad\x1b]52;c;ZXZpbA==\x07 [bold]thing[/]"), "en")
    assert "\x1b" not in text and "\x07" not in text
    assert "[bold]thing[/]" in text  # shown literally; rendering it is the widget's job


def test_code_of_accepts_numbers_and_text() -> None:
    assert code_of((800090, "x")) == "800090"
    assert code_of(pce.BadRequestError("x", code=" 2011 ")) == "2011"
    assert code_of((None, "x")) is None
