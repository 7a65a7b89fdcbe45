"""Every write cell of the role matrix against the services that start it: where the matrix
says ``api`` the change is queued for Partner Center; ``distributor``, it is never queued and
becomes a complete, checked request for the distributor (e-mail + JSON, 0600); ``refused``, it
is refused. And the request itself: which customer, which subscription, exactly what change,
the commerce-rule facts, in English and Czech."""

from __future__ import annotations

import dataclasses
import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from csp_tui import sandbox_identity as identity
from csp_tui.cache.db import open_cache
from csp_tui.config import Profile, Role
from csp_tui.domain import roles
from csp_tui.domain.text import czech_sort_key, fold
from csp_tui.services import commerce_rules as rules
from csp_tui.services import onboarding, qualifications
from csp_tui.services import subscriptions as service
from csp_tui.services.subscriptions import (
    ActionNotAllowedError,
    DistributorRouteError,
    ReadOnlyError,
)
from csp_tui.state import outbox
from csp_tui.state.db import open_state

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
WINDOW_END = datetime(2026, 11, 27, 14, 2, tzinfo=UTC)
CUSTOMER = "c0ffee00-0000-4000-8000-00000000b4ce"
SCHOOL = "5c4001a0-0000-4000-8000-000000000001"
BAKERY = "Šumavská pekárna s.r.o."


def iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def profile_for(role: str, **changes: Any) -> Profile:
    tenant = {roles.INDIRECT_RESELLER: identity.RESELLER_TENANT_ID}.get(
        role, identity.PROVIDER_TENANT_ID)
    return Profile(name="work", language="en", role=Role(role), tenant_id=tenant,
                   reseller_mpn_id=identity.RESELLER_MPN_ID
                   if role == roles.INDIRECT_RESELLER else "", **changes)


RESELLER = profile_for(roles.INDIRECT_RESELLER)


def add_customer(cache: Any, customer_id: str, name: str, domain: str) -> None:
    Database(cache)["customers"].insert({
        "id": customer_id, "company_name": name, "name_fold": fold(name),
        "sort_key": czech_sort_key(name), "primary_domain": domain, "email": "info@" + domain,
        "city": "Vimperk", "country": "CZ", "first_seen_at": iso(NOW), "listed_at": iso(NOW),
    })


def add_subscription(cache: Any, sub_id: str, *,
                     refundable: list[tuple[int, datetime]] | None = None,
                     **columns: Any) -> None:
    name = columns.pop("offer_name", "Microsoft 365 Business Standard")
    row: dict[str, Any] = {
        "id": sub_id, "customer_id": CUSTOMER, "offer_id": "CFQ7TTC0LDPB:0001:CFQ7TTC0N8SS",
        "offer_name": name, "name_fold": fold(name), "sort_key": czech_sort_key(name),
        "kind": "online", "quantity": 12, "status": "active", "term_duration": "P1Y",
        "billing_cycle": "monthly", "auto_renew": 1, "is_trial": 0,
        "commitment_end_date": "2027-11-20T00:00:00Z",
        "cancellation_allowed_until": iso(NOW - timedelta(days=330)), "synced_at": iso(NOW),
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
    add_customer(db, CUSTOMER, BAKERY, "sumavskapekarna.onmicrosoft.com")
    add_subscription(db, "sub-new", cancellation_allowed_until=iso(WINDOW_END),
                     refundable=[(12, WINDOW_END)])
    add_subscription(db, "sub-old", offer_name="Exchange Online (Plan 1)", quantity=29)
    add_subscription(db, "sub-suspended", offer_name="Office 365 E3", status="suspended",
                     auto_renew=0)
    add_customer(db, SCHOOL, "ZŠ a MŠ Horní Lhota, příspěvková organizace",
                 "zshornilhota.onmicrosoft.com")
    yield db
    db.close()


@pytest.fixture
def state(tmp_path):
    db = open_state(tmp_path / "state.db")
    yield db
    db.close()


@pytest.fixture
def exports(tmp_path) -> Path:
    return tmp_path / "exports"


#: A change each subscription action may make on the fixture's data.
CHANGES = {
    rules.CHANGE_QUANTITY: ("sub-new", 10),
    rules.TOGGLE_AUTO_RENEW: ("sub-old", False),
    rules.SUSPEND: ("sub-old", None),
    rules.REACTIVATE: ("sub-suspended", None),
    rules.CANCEL: ("sub-new", None),
}


def saved_files(exports: Path) -> list[Path]:
    return sorted(exports.glob("*.json")) if exports.exists() else []


# -- every write cell ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", roles.ROLES)
@pytest.mark.parametrize("action", rules.ACTIONS)
def test_each_subscription_change_takes_the_matrixs_way(cache, state, exports, role,
                                                          action) -> None:
    profile = profile_for(role)
    sub_id, value = CHANGES[action]
    plan = service.plan_action(cache, sub_id, action, value, now=NOW, profile=profile, zone=UTC)
    access = roles.access(role, service.ACTION_OPERATIONS[action])
    assert plan.allowed and plan.route is access
    if access is roles.Access.API:
        entry = service.queue_action(state, plan, customer_id=CUSTOMER, subscription_id=sub_id,
                                     profile=profile)
        assert entry.kind == "patch_subscription" and entry.payload["changes"] == plan.changes
        with pytest.raises(ActionNotAllowedError):
            service.distributor_request(cache, plan, profile=profile, exports_dir=exports,
                                        now=NOW)
        assert saved_files(exports) == []
    else:
        assert access is roles.Access.DISTRIBUTOR
        with pytest.raises(DistributorRouteError, match="distributor"):
            service.queue_action(state, plan, customer_id=CUSTOMER, subscription_id=sub_id,
                                 profile=profile)
        request = service.distributor_request(cache, plan, profile=profile,
                                              exports_dir=exports, now=NOW, zone=UTC)
        assert saved_files(exports) == [request.saved_path]
        document = json.loads(request.saved_path.read_text(encoding="utf-8"))
        assert document["change"]["to"] == plan.changes
        assert document["partner_center"]["method"] == "PATCH"
        assert outbox.list_entries(state) == []


@pytest.mark.parametrize("role", roles.ROLES)
def test_the_education_request_takes_the_matrixs_way(cache, state, exports, role) -> None:
    profile = profile_for(role)
    access = roles.access(role, roles.QUALIFICATION_CREATE)
    assert qualifications.route(profile) is access
    if access is roles.Access.API:
        entry = qualifications.request_education(state, cache, SCHOOL, "K12", None,
                                                 profile=profile)
        assert entry.kind == "create_qualification"
        with pytest.raises(ActionNotAllowedError):
            qualifications.education_request_for_distributor(
                cache, SCHOOL, "K12", None, profile=profile, exports_dir=exports, now=NOW)
    else:
        with pytest.raises(DistributorRouteError):
            qualifications.request_education(state, cache, SCHOOL, "K12", None,
                                             profile=profile)
        request = qualifications.education_request_for_distributor(
            cache, SCHOOL, "K12", "https://www.zshornilhota.cz/", profile=profile,
            exports_dir=exports, now=NOW)
        assert saved_files(exports) == [request.saved_path]
        assert outbox.list_entries(state) == []


@pytest.mark.parametrize("role", roles.ROLES)
def test_tenant_creation_takes_the_matrixs_way(role) -> None:
    expected = {roles.Access.API: "create", roles.Access.DISTRIBUTOR: "request_distributor",
                roles.Access.REFUSED: "read_only"}
    capability = onboarding.capability(profile_for(role))
    assert capability == expected[roles.access(role, roles.CUSTOMER_CREATE)]
    assert onboarding.capability(profile_for(role, read_only=True)) == "read_only"


def test_a_change_no_route_leads_to_is_refused_by_the_plan(cache, state, exports,
                                                            monkeypatch) -> None:
    """Were a role refused a change outright, the plan says so and nothing queues or saves."""
    operation = roles.operation(roles.SUBSCRIPTION_SUSPEND)
    refused = dataclasses.replace(operation, cells={
        **operation.cells,
        roles.INDIRECT_PROVIDER: roles.Cell(roles.Access.REFUSED, "this test's own table")})
    monkeypatch.setitem(roles._BY_ID, roles.SUBSCRIPTION_SUSPEND, refused)
    profile = profile_for(roles.INDIRECT_PROVIDER)
    plan = service.plan_action(cache, "sub-old", rules.SUSPEND, None, now=NOW, profile=profile)
    assert not plan.allowed and plan.changes == {}
    assert plan.route is roles.Access.REFUSED
    assert plan.reason.startswith("This role cannot make this change")
    with pytest.raises(ActionNotAllowedError):
        service.queue_action(state, plan, customer_id=CUSTOMER, subscription_id="sub-old",
                             profile=profile)
    with pytest.raises(ActionNotAllowedError):
        service.distributor_request(cache, plan, profile=profile, exports_dir=exports, now=NOW)
    assert outbox.list_entries(state) == [] and saved_files(exports) == []


# -- the request for the distributor ----------------------------------------------------------


def test_a_seat_reduction_request_says_everything_the_distributor_needs(cache, exports) -> None:
    plan = service.plan_action(cache, "sub-new", rules.CHANGE_QUANTITY, 10, now=NOW,
                               profile=RESELLER, zone=UTC)
    request = service.distributor_request(cache, plan, profile=RESELLER, exports_dir=exports,
                                          now=NOW, language="en", zone=UTC)
    email = request.email_text
    assert email.startswith(f"Subject: Subscription change for {BAKERY}: Microsoft 365 "
                            "Business Standard, 12 → 10 seats")
    assert "nothing has been sent to Partner Center" in email
    assert f"Reseller: {identity.RESELLER_NAME}, MPN ID {identity.RESELLER_MPN_ID}" in email
    for line in (f"Company: {BAKERY}", f"Tenant ID: {CUSTOMER}",
                 "Domain: sumavskapekarna.onmicrosoft.com", "Subscription ID: sub-new",
                 "Offer ID: CFQ7TTC0LDPB:0001:CFQ7TTC0N8SS", "Seats: 12", "Status: active",
                 "Term: 1 year", "Billing: billed monthly", "Term ends: 20 Nov 2027",
                 "Auto-renew: yes", "Cancellable until: 27 Nov 14:02"):
        assert f"  {line}" in email, line
    assert "  12 → 10 seats" in email
    assert "Partner Center accepts it only until 27 Nov 14:02 (3 d 5 h left from the check)" \
        in email
    assert 'PATCH /v1/customers/' + CUSTOMER + '/subscriptions/sub-new' in email
    assert '{"quantity": 10}' in email

    document = json.loads(request.json_text)
    assert document["kind"] == "csp-tui/subscription-change-request"
    assert document["customer"] == {"name": BAKERY, "tenant_id": CUSTOMER,
                                    "domain": "sumavskapekarna.onmicrosoft.com"}
    assert document["subscription"]["quantity"] == 12
    assert document["subscription"]["billing_cycle"] == "monthly"
    assert document["change"]["from"] == {"quantity": 12}
    assert document["change"]["to"] == {"quantity": 10}
    assert document["rules"] == {
        "checked_at": "2026-11-24T09:00:00Z", "allowed_until": "2026-11-27T14:02:00Z",
        "facts": ["Partner Center accepts it only until 27 Nov 14:02 (3 d 5 h left from the "
                  "check)."]}
    assert document["partner_center"]["path"] == f"/v1/customers/{CUSTOMER}/subscriptions/sub-new"
    # Saved as shown, for the owner only, under the exports directory.
    assert request.saved_path.parent == exports
    assert request.saved_path.read_text(encoding="utf-8") == request.json_text
    assert stat.S_IMODE(request.saved_path.stat().st_mode) == 0o600


def test_a_cancellation_request_names_the_window(cache, exports) -> None:
    plan = service.plan_action(cache, "sub-new", rules.CANCEL, None, now=NOW, profile=RESELLER)
    request = service.distributor_request(cache, plan, profile=RESELLER, exports_dir=exports,
                                          now=NOW, language="en", zone=UTC)
    document = json.loads(request.json_text)
    assert document["change"]["to"] == {"status": "deleted"}
    assert document["change"]["from"] == {"status": "active"}
    assert document["rules"]["allowed_until"] == "2026-11-27T14:02:00Z"
    assert "Partner Center accepts it only until 27 Nov 14:02" in request.email_text
    assert any("final" in fact.lower() for fact in document["rules"]["facts"])


def test_the_request_speaks_czech(cache, exports) -> None:
    plan = service.plan_action(cache, "sub-old", rules.SUSPEND, None, now=NOW,
                               profile=RESELLER)
    request = service.distributor_request(cache, plan, profile=RESELLER, exports_dir=exports,
                                          now=NOW, language="cs", zone=UTC)
    email = request.email_text
    assert email.startswith(f"Předmět: Změna předplatného pro {BAKERY}: Exchange Online "
                            "(Plan 1), ")
    assert "do Partner Center nebylo nic odesláno" in email
    assert "  Počet licencí: 29" in email and "  Fakturace: " in email
    assert json.loads(request.json_text)["language"] == "cs"


def test_the_rules_still_decide_before_anything_is_requested(cache, state, exports) -> None:
    # Outside the 7-day window the reduction is refused, not requested.
    refused = service.plan_action(cache, "sub-old", rules.CHANGE_QUANTITY, 20, now=NOW,
                                  profile=RESELLER)
    assert not refused.allowed and "7 days" in refused.reason
    with pytest.raises(ActionNotAllowedError, match="7 days"):
        service.distributor_request(cache, refused, profile=RESELLER, exports_dir=exports,
                                    now=NOW)
    # A plan made while the window was open, requested after it closed: refused too.
    plan = service.plan_action(cache, "sub-new", rules.CANCEL, None, now=NOW, profile=RESELLER)
    assert plan.allowed
    with pytest.raises(ActionNotAllowedError, match="window"):
        service.distributor_request(cache, plan, profile=RESELLER, exports_dir=exports,
                                    now=WINDOW_END + timedelta(minutes=1))
    assert saved_files(exports) == [] and outbox.list_entries(state) == []


def test_a_read_only_reseller_prepares_nothing(cache, exports) -> None:
    plan = service.plan_action(cache, "sub-old", rules.SUSPEND, None, now=NOW,
                               profile=RESELLER)
    with pytest.raises(ReadOnlyError):
        service.distributor_request(cache, plan, profile=profile_for(
            roles.INDIRECT_RESELLER, read_only=True), exports_dir=exports, now=NOW)
    with pytest.raises(ReadOnlyError):
        qualifications.education_request_for_distributor(
            cache, SCHOOL, "K12", None, profile=profile_for(roles.INDIRECT_RESELLER,
                                                            read_only=True),
            exports_dir=exports, now=NOW)
    assert saved_files(exports) == []


def test_an_education_request_for_the_distributor(cache, state, exports) -> None:
    request = qualifications.education_request_for_distributor(
        cache, SCHOOL, "higher education", "https://www.zshornilhota.cz/", profile=RESELLER,
        exports_dir=exports, now=NOW, language="en")
    email = request.email_text
    assert email.startswith("Subject: Education qualification for ZŠ a MŠ Horní Lhota")
    for line in (f"Tenant ID: {SCHOOL}", "Domain: zshornilhota.onmicrosoft.com",
                 "E-mail: info@zshornilhota.onmicrosoft.com", "City: Vimperk",
                 "Country: CZ", "Website: https://www.zshornilhota.cz",
                 "Current qualifications: none"):
        assert f"  {line}" in email, line
    assert "A qualification cannot be removed once it is set" in email
    document = json.loads(request.json_text)
    assert document["kind"] == "csp-tui/education-qualification-request"
    assert document["qualification"] == {"qualification": "Education",
                                         "educationSegment": "HigherEducation",
                                         "website": "https://www.zshornilhota.cz"}
    assert document["partner_center"] == {
        "method": "POST", "path": f"/v1/customers/{SCHOOL}/qualifications",
        "body": document["qualification"]}
    assert stat.S_IMODE(request.saved_path.stat().st_mode) == 0o600
    assert outbox.list_entries(state) == []


def test_an_education_request_is_checked_first(cache, exports) -> None:
    with pytest.raises(qualifications.QualificationInputError) as error:
        qualifications.education_request_for_distributor(
            cache, SCHOOL, "University", "not a website", profile=RESELLER,
            exports_dir=exports, now=NOW)
    assert set(error.value.problems) == {"segment", "website"}
    Database(cache)["qualifications"].insert({"customer_id": SCHOOL, "qualification": "Education",
                                    "vetting_status": "InReview",
                                    "vetting_created_at": iso(NOW - timedelta(days=1)),
                                    "synced_at": iso(NOW)})
    with pytest.raises(qualifications.QualificationExistsError, match="review"):
        qualifications.education_request_for_distributor(
            cache, SCHOOL, "K12", None, profile=RESELLER, exports_dir=exports, now=NOW)
    assert saved_files(exports) == []
