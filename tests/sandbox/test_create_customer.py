"""POST /v1/customers: roles, validation, idempotency, domain checks, propagation delay."""

from __future__ import annotations

import pytest

from csp_tui import sandbox_identity as identity

from . import PROVIDER, RESELLER, advance, client, list_all_ids, make_sandbox, new_customer_body


async def test_reseller_cannot_create_customers() -> None:
    transport, world = make_sandbox()
    before = len(world.customers)
    async with client(transport, RESELLER) as http:
        response = await http.post("/v1/customers", json=new_customer_body("pekarnalhota"))
    assert response.status_code == 403
    assert response.json() == {"code": 1002, "description": "Authorization Failed", "data": [],
                               "source": "PartnerFD"}
    assert len(world.customers) == before


async def test_provider_creates_a_customer_for_its_reseller() -> None:
    transport, world = make_sandbox()
    body = new_customer_body("pekarnalhota", associatedPartnerId=identity.RESELLER_TENANT_ID)
    async with client(transport, PROVIDER) as http:
        response = await http.post("/v1/customers", json=body)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["companyProfile"]["domain"] == "pekarnalhota.onmicrosoft.com"
    assert created["associatedPartnerId"] == identity.RESELLER_TENANT_ID
    assert created["relationshipToPartner"] == "reseller"
    assert created["billingProfile"]["defaultAddress"]["postalCode"] == "39002"
    credentials = created["userCredentials"]
    assert credentials["userName"] == "admin"
    password = credentials["password"]
    assert len(password) >= 12
    assert any(c.isupper() for c in password) and any(c.isdigit() for c in password)
    stored = world.customer(created["id"])
    assert stored is not None and stored.reseller_id == identity.RESELLER_TENANT_ID
    assert stored.provider_id == identity.PROVIDER_TENANT_ID


async def test_pascal_case_input_is_accepted() -> None:
    transport, _ = make_sandbox()
    body = {
        "CompanyProfile": {"Domain": "WingtipLhota42.onmicrosoft.com"},
        "BillingProfile": {
            "Email": "gena@wingtip.cz", "Culture": "CS-cz", "Language": "Cs",
            "CompanyName": "Wingtip Lhota s.r.o.",
            "DefaultAddress": {"Country": "CZ", "City": "Brno", "AddressLine1": "Údolní 1",
                               "PostalCode": "60200", "FirstName": "Gena", "LastName": "Soto"},
        },
        "AssociatedPartnerId": identity.OTHER_RESELLER_TENANT_ID.upper(),
    }
    async with client(transport, PROVIDER) as http:
        response = await http.post("/v1/customers", json=body)
    assert response.status_code == 201, response.text
    assert response.json()["billingProfile"]["culture"] == "cs-CZ"
    assert response.json()["associatedPartnerId"] == identity.OTHER_RESELLER_TENANT_ID


async def test_without_associated_partner_the_customer_is_the_providers_own() -> None:
    transport, world = make_sandbox()
    async with client(transport, PROVIDER) as http:
        response = await http.post("/v1/customers", json=new_customer_body("primaklient"))
    assert response.status_code == 201
    assert "associatedPartnerId" not in response.json()  # only when it applies
    stored = world.customer(response.json()["id"])
    assert stored is not None and stored.reseller_id is None


async def test_associated_partner_must_be_an_active_reseller_of_the_caller() -> None:
    transport, _ = make_sandbox()
    body = new_customer_body("cizinec", associatedPartnerId="00000000-0000-0000-0000-0000000000aa")
    async with client(transport, PROVIDER) as http:
        response = await http.post("/v1/customers", json=body)
    assert response.status_code == 400
    assert response.json()["code"] == 800016


@pytest.mark.parametrize(("domain", "code"), [
    ("pekarna-lhota.onmicrosoft.com", 3000),
    ("pekárna.onmicrosoft.com", 3000),
    ("pekarnalhota.com", 3000),
    ("a" * 64 + ".onmicrosoft.com", 3000),
    ("sumavskapekarna.onmicrosoft.com", 800002),
    ("CONTOSO.onmicrosoft.com", 800002),
])
async def test_invalid_or_taken_domains_are_rejected(domain: str, code: int) -> None:
    transport, world = make_sandbox()
    before = len(world.customers)
    body = new_customer_body("x")
    body["companyProfile"]["domain"] = domain
    async with client(transport, PROVIDER) as http:
        response = await http.post("/v1/customers", json=body)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert "domain" in response.json()["description"]
    assert len(world.customers) == before


@pytest.mark.parametrize(("path", "value", "code"), [
    (("billingProfile", "email"), None, 3000),
    (("billingProfile", "email"), "not-an-address", 3000),
    (("billingProfile", "defaultAddress", "postalCode"), "1234", 3000),
    (("billingProfile", "defaultAddress", "country"), "Czechia", 3000),
    (("billingProfile", "defaultAddress", "firstName"), "J" * 51, 3000),
    (("companyProfile", "organizationRegistrationNumber"), "27082441", 600050),
])
async def test_billing_profile_validation(path: tuple[str, ...], value: object,
                                          code: int) -> None:
    transport, _ = make_sandbox()
    body = new_customer_body("validace")
    target = body
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    async with client(transport, PROVIDER) as http:
        response = await http.post("/v1/customers", json=body)
    assert response.status_code == 400, response.text
    assert response.json()["code"] == code


async def test_inn_countries_need_a_registration_number() -> None:
    transport, _ = make_sandbox()
    body = new_customer_body("madarsko")
    body["billingProfile"]["defaultAddress"].update(country="HU", postalCode="1051")
    async with client(transport, PROVIDER) as http:
        missing = await http.post("/v1/customers", json=body)
        body["companyProfile"]["organizationRegistrationNumber"] = "01-09-123456"
        given = await http.post("/v1/customers", json=body)
    assert missing.status_code == 400 and missing.json()["code"] == 600049
    assert given.status_code == 201


async def test_create_is_idempotent_per_request_id() -> None:
    transport, world = make_sandbox()
    body = new_customer_body("jednou", associatedPartnerId=identity.RESELLER_TENANT_ID)
    headers = {"MS-RequestId": "6a0c1e0e-0d1b-4c55-9a53-2a8f3c6b1d01"}
    async with client(transport, PROVIDER) as http:
        first = await http.post("/v1/customers", json=body, headers=headers)
        again = await http.post("/v1/customers", json=body, headers=headers)
        fresh = await http.post("/v1/customers", json=body,
                                headers={"MS-RequestId": "6a0c1e0e-0d1b-4c55-9a53-2a8f3c6b1d02"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["MS-RequestId"] == headers["MS-RequestId"]
    assert sum(1 for c in world.customers if c.domain == "jednou.onmicrosoft.com") == 1
    # A new request id is a new request: the domain is taken by then.
    assert fresh.status_code == 400 and fresh.json()["code"] == 800002


async def test_domain_availability_head() -> None:
    transport, world = make_sandbox()
    prospect = next(c for c in world.customers if c.state == "prospect")
    async with client(transport, RESELLER) as http:
        taken = await http.head("/v1/domains/sumavskapekarna.onmicrosoft.com")
        taken_upper = await http.head("/v1/domains/SumavskaPekarna.OnMicrosoft.com")
        custom = await http.head("/v1/domains/sumavska-pekarna.cz")
        prospect_domain = await http.head(f"/v1/domains/{prospect.domain}")
        reserved = await http.head("/v1/domains/contoso.onmicrosoft.com")
        free = await http.head("/v1/domains/volnadomena123.onmicrosoft.com")
    for response in (taken, taken_upper, custom, prospect_domain, reserved):
        assert response.status_code == 200
    assert free.status_code == 404
    assert free.content == b"" and taken.content == b""
    async with client(transport, PROVIDER) as http:
        await http.post("/v1/customers", json=new_customer_body("volnadomena123"))
        now_taken = await http.head("/v1/domains/volnadomena123.onmicrosoft.com")
    assert now_taken.status_code == 200


async def test_a_new_customer_appears_only_after_the_propagation_delay() -> None:
    transport, _ = make_sandbox()
    body = new_customer_body("pomalu", associatedPartnerId=identity.RESELLER_TENANT_ID)
    async with client(transport, PROVIDER) as provider, client(transport, RESELLER) as reseller:
        created = (await provider.post("/v1/customers", json=body)).json()
        customer_id = created["id"]
        early = await provider.get(f"/v1/customers/{customer_id}")
        early_subs = await provider.get(f"/v1/customers/{customer_id}/subscriptions")
        assert customer_id not in await list_all_ids(provider)

        await advance(provider, seconds=31)
        readable = await provider.get(f"/v1/customers/{customer_id}")
        assert customer_id not in await list_all_ids(provider)
        assert customer_id not in await list_all_ids(reseller)

        await advance(provider, seconds=60)
        assert customer_id in await list_all_ids(provider)
        assert customer_id in await list_all_ids(reseller)
    assert early.status_code == 404
    assert early.json()["description"] == (
        f"A customer with the tenant Id '{customer_id}' was not found.")
    assert early_subs.status_code == 404
    assert readable.status_code == 200
