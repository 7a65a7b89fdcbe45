"""Education vetting and invitations accepted over virtual time (or on demand)."""

from __future__ import annotations

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox.entities import Customer
from csp_tui.sandbox.world import World

from . import PROVIDER, advance, client, list_all_ids, make_sandbox


def by_name(world: World, start: str) -> Customer:
    return next(c for c in world.customers if c.company_name.startswith(start))


async def test_qualifications_come_back_as_a_bare_array() -> None:
    transport, world = make_sandbox()
    university = by_name(world, "Vysoká škola")
    denied = by_name(world, "Jazyková škola")
    plain = by_name(world, "Ateliér")
    async with client(transport) as http:
        approved = (await http.get(f"/v1/customers/{university.id}/qualifications")).json()
        rejected = (await http.get(f"/v1/customers/{denied.id}/qualifications")).json()
        nothing = (await http.get(f"/v1/customers/{plain.id}/qualifications")).json()
    assert isinstance(approved, list)
    assert approved[0]["qualification"] == "Education"
    assert approved[0]["vettingStatus"] == "Approved"
    assert rejected[0] == {"qualification": "Education", "vettingStatus": "Denied",
                           "vettingReason": "Not an Education Customer",
                           "vettingCreatedDate": rejected[0]["vettingCreatedDate"]}
    assert nothing == []


async def test_school_in_review_is_approved_after_three_business_days() -> None:
    transport, world = make_sandbox()
    school = by_name(world, "ZŠ a MŠ Horní Lhota")
    path = f"/v1/customers/{school.id}/qualifications"
    async with client(transport) as http:
        start = (await http.get(path)).json()
        # Reviewed since Sunday 09:00; due Wednesday 09:00 (three business days).
        await advance(http, days=1)
        tuesday = (await http.get(path)).json()
        await advance(http, days=1, hours=1)
        wednesday = (await http.get(path)).json()
    assert start[0]["vettingStatus"] == "InReview"
    assert start[0]["vettingCreatedDate"] == "2026-03-01T09:00:00Z"
    assert tuesday[0]["vettingStatus"] == "InReview"
    assert wednesday[0]["vettingStatus"] == "Approved"
    assert "vettingReason" not in wednesday[0]


async def test_requesting_education_for_a_company_ends_denied() -> None:
    transport, world = make_sandbox()
    company = by_name(world, "Ateliér")
    path = f"/v1/customers/{company.id}/qualifications"
    body = {"qualification": "Education", "educationSegment": "K12",
            "website": "atelier-kontura.cz"}
    async with client(transport, PROVIDER) as http:
        created = await http.post(path, json=body)
        second = await http.post(path, json=body)
        await advance(http, days=2)
        pending = (await http.get(path)).json()
        await advance(http, days=2)
        decided = (await http.get(path)).json()
    assert created.status_code == 201
    assert created.json() == {"qualification": "Education", "vettingStatus": "InReview",
                              "vettingCreateDate": "2026-03-02T09:00:00Z"}
    assert second.status_code == 400 and second.json()["code"] == 3000
    assert pending[0]["vettingStatus"] == "InReview"
    assert decided[0]["vettingStatus"] == "Denied"
    assert decided[0]["vettingReason"] == "Not an Education Customer"


async def test_requesting_education_for_a_school_ends_approved() -> None:
    transport, world = make_sandbox()
    school = next(c for c in world.customers if c.state == "customer"
                  and c.company_name.startswith(("Gymnázium", "Základní škola", "ZŠ a MŠ",
                                                 "Mateřská škola", "Střední odborná"))
                  and not c.qualifications)
    path = f"/v1/customers/{school.id}/qualifications"
    async with client(transport, PROVIDER) as http:
        created = await http.post(path, json={"qualification": "education",
                                              "educationSegment": "k12"})
        await advance(http, days=5)
        decided = (await http.get(path)).json()
    assert created.status_code == 201
    assert decided == [{"qualification": "Education", "vettingStatus": "Approved",
                        "vettingCreatedDate": "2026-03-02T09:00:00Z"}]


async def test_invalid_qualification_requests() -> None:
    transport, world = make_sandbox()
    company = by_name(world, "Dvořák & syn")
    path = f"/v1/customers/{company.id}/qualifications"
    async with client(transport, PROVIDER) as http:
        responses = [await http.post(path, json=body) for body in (
            {"qualification": "Nonprofit"},
            {"qualification": "None"},
            {"qualification": "Education"},
            {"qualification": "Education", "educationSegment": "University"},
            {"qualification": "Imaginary"},
            {},
        )]
        soe = await http.post(path, json={"qualification": "StateOwnedEntity"})
        listed = (await http.get(path)).json()
    assert all(r.status_code == 400 and r.json()["source"] == "PartnerFD" for r in responses)
    assert soe.status_code == 201 and soe.json() == {"qualification": "StateOwnedEntity"}
    assert listed == [{"qualification": "StateOwnedEntity"}]


async def test_prospects_are_not_customers_until_they_accept() -> None:
    transport, world = make_sandbox()
    async with client(transport) as http:
        prospects = (await http.get("/_emulator/prospects")).json()["items"]
        ids_before = set(await list_all_ids(http))
        await advance(http, seconds=91)
        ids_after_90s = set(await list_all_ids(http))
        listed_after = (await http.get("/_emulator/prospects")).json()["items"]
        await advance(http, days=3)
        ids_after_3d = set(await list_all_ids(http))
        await advance(http, days=400)
        ids_after_a_year = set(await list_all_ids(http))
    assert len(prospects) >= 4
    assert all(p["status"] == "waiting" for p in prospects)
    assert {p["tenantId"] for p in prospects}.isdisjoint(ids_before)
    first = prospects[0]
    assert first["acceptsAfter"] == 90
    assert first["contactEmail"].endswith(first["customDomains"][0])
    assert ids_after_90s - ids_before == {first["tenantId"]}
    assert listed_after[0]["status"] == "accepted"
    by_delay = {p["acceptsAfter"]: p["tenantId"] for p in prospects}
    assert by_delay[600] in ids_after_3d and by_delay[2 * 86400] in ids_after_3d
    never = by_delay[None]
    assert never not in ids_after_a_year
    accepted = world.customer(first["tenantId"])
    assert accepted is not None and accepted.reseller_id == identity.RESELLER_TENANT_ID


async def test_accepting_an_invitation_on_demand() -> None:
    transport, world = make_sandbox()
    never = next(c for c in world.customers if c.state == "prospect" and c.accepts_after is None)
    async with client(transport) as http:
        unknown = await http.post("/_emulator/invitations/accept",
                                  json={"domain": "nikdo-takovy.cz"})
        existing = await http.post("/_emulator/invitations/accept",
                                   json={"domain": "sumavskapekarna.onmicrosoft.com"})
        accepted = await http.post("/_emulator/invitations/accept",
                                   json={"domain": never.custom_domains[0].upper()})
        again = await http.post("/_emulator/invitations/accept", json={"tenantId": never.id})
        visible = await http.get(f"/v1/customers/{never.id}")
        relationships = (await http.get(f"/v1/customers/{never.id}/relationships")).json()
    async with client(transport, PROVIDER) as http:
        provider_view = await http.get(f"/v1/customers/{never.id}")
    assert unknown.status_code == 404
    assert existing.status_code == 404
    assert accepted.status_code == 200 and accepted.json()["alreadyAccepted"] is False
    assert again.status_code == 200 and again.json()["alreadyAccepted"] is True
    assert visible.status_code == 200
    assert visible.json()["associatedPartnerId"] == identity.RESELLER_TENANT_ID
    assert relationships["items"][0]["id"] == identity.PROVIDER_TENANT_ID
    assert provider_view.status_code == 200


async def test_a_denied_education_review_may_be_requested_again_up_to_three_times() -> None:
    # Domain facts §6: verification may be resubmitted up to 3 times per customer; an
    # approved or pending one cannot be asked for again.
    transport, world = make_sandbox()
    company = by_name(world, "Ateliér")
    path = f"/v1/customers/{company.id}/qualifications"
    body = {"qualification": "Education", "educationSegment": "K12"}
    statuses = []
    async with client(transport, PROVIDER) as http:
        for _ in range(3):
            asked = await http.post(path, json=body)
            assert asked.status_code == 201, asked.text
            in_review = await http.post(path, json=body)  # while in review: refused
            assert in_review.status_code == 400 and in_review.json()["code"] == 3000
            await advance(http, days=5)
            statuses.append((await http.get(path)).json()[0]["vettingStatus"])
        fourth = await http.post(path, json=body)
    assert statuses == ["Denied", "Denied", "Denied"]
    assert fourth.status_code == 400 and fourth.json()["code"] == 3000
    assert len(company.qualifications) == 1


async def test_the_seeded_denied_school_may_be_requested_again() -> None:
    transport, world = make_sandbox()
    denied = by_name(world, "Jazyková škola")
    path = f"/v1/customers/{denied.id}/qualifications"
    async with client(transport, PROVIDER) as http:
        again = await http.post(path, json={"qualification": "Education",
                                            "educationSegment": "K12"})
        now = (await http.get(path)).json()
    assert again.status_code == 201, again.text
    assert now[0]["vettingStatus"] == "InReview"
