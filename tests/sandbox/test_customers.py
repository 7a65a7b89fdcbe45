"""Customers: seek paging, filters, thin vs full records, roles, relationships, headers."""

from __future__ import annotations

import pytest

from csp_tui import sandbox_identity as identity
from csp_tui.sandbox_identity import DEFAULT_CUSTOMERS

from . import (
    OTHER_RESELLER,
    PROVIDER,
    RESELLER,
    advance,
    client,
    customer_filter,
    list_all_ids,
    make_sandbox,
)


async def test_paging_1200_customers_in_pages_of_500() -> None:
    transport, world = make_sandbox(customers=1200)
    async with client(transport, PROVIDER) as http:
        first = await http.get("/v1/customers", params={"size": 500})
        body = first.json()
        assert first.status_code == 200
        assert body["totalCount"] == len(body["items"]) == 500
        following = body["links"]["next"]
        assert following["uri"] == "/v1/customers?size=500&seekOperation=Next"
        assert following["headers"][0]["key"] == "MS-ContinuationToken"
        assert body["continuationToken"] == following["headers"][0]["value"]

        pages = [body]
        while "next" in pages[-1]["links"]:
            link = pages[-1]["links"]["next"]
            response = await http.get(link["uri"], headers={
                h["key"]: h["value"] for h in link["headers"]})
            assert response.status_code == 200, response.text
            pages.append(response.json())
    assert [p["totalCount"] for p in pages] == [500, 500, 200]
    assert "continuationToken" not in pages[-1]
    ids = [item["id"] for page in pages for item in page["items"]]
    expected = {c.id for c in world.customers if c.state == "customer"}
    assert len(ids) == len(set(ids)) == 1200
    assert set(ids) == expected


async def test_reseller_lists_only_its_own_customers() -> None:
    transport, world = make_sandbox()
    async with client(transport, RESELLER) as http:
        ids = await list_all_ids(http, size=7)
        other = next(c for c in world.customers
                     if c.reseller_id == identity.OTHER_RESELLER_TENANT_ID)
        hidden = await http.get(f"/v1/customers/{other.id}")
    mine = {c.id for c in world.customers if c.reseller_id == identity.RESELLER_TENANT_ID
            and c.state == "customer"}
    assert len(ids) == len(set(ids))
    assert set(ids) == mine
    assert hidden.status_code == 404
    assert hidden.json()["description"] == (
        f"A customer with the tenant Id '{other.id}' was not found.")
    async with client(transport, OTHER_RESELLER) as http:
        assert (await http.get(f"/v1/customers/{other.id}")).status_code == 200


async def test_default_and_maximum_page_size() -> None:
    transport, _ = make_sandbox(customers=650)
    async with client(transport, PROVIDER) as http:
        default = (await http.get("/v1/customers")).json()
        zero = (await http.get("/v1/customers", params={"size": 0})).json()
        capped = (await http.get("/v1/customers", params={"size": 5000})).json()
        bad = await http.get("/v1/customers", params={"size": "many"})
    assert default["totalCount"] == zero["totalCount"] == 100
    assert capped["totalCount"] == 500
    assert bad.status_code == 400


async def test_continuation_token_is_checked() -> None:
    transport, _ = make_sandbox()
    async with client(transport, PROVIDER) as http:
        first = (await http.get("/v1/customers", params={"size": 10})).json()
        token = first["continuationToken"]
        next_uri = first["links"]["next"]["uri"]
        garbage = await http.get(next_uri, headers={"MS-ContinuationToken": "bm90IGEgdG9rZW4="})
        missing = await http.get(next_uri)
        other_filter = await http.get(
            next_uri, params={"filter": customer_filter("CompanyName", "Š")},
            headers={"MS-ContinuationToken": token})
        async with client(transport, RESELLER) as reseller:
            foreign = await reseller.get(next_uri, headers={"MS-ContinuationToken": token})
        await advance(http, hours=2)
        expired = await http.get(next_uri, headers={"MS-ContinuationToken": token})
    for response in (garbage, missing, other_filter, foreign, expired):
        assert response.status_code == 400, response.text
        assert response.json()["source"] == "PartnerFD"
    assert "expired" in expired.json()["description"]


async def test_paging_stays_consistent_when_a_customer_arrives_mid_listing() -> None:
    transport, world = make_sandbox()
    async with client(transport, RESELLER) as http:
        first = (await http.get("/v1/customers", params={"size": 20})).json()
        await http.post("/_emulator/invitations/accept",
                        json={"domain": "pivovar-hradni-sklep.cz"})
        ids = [item["id"] for item in first["items"]]
        link = first["links"]["next"]
        while link:
            page = (await http.get(link["uri"], headers={
                h["key"]: h["value"] for h in link["headers"]})).json()
            ids += [item["id"] for item in page["items"]]
            link = page["links"].get("next")
    accepted = world.domain_owner("pivovar-hradni-sklep.cz")
    assert accepted is not None
    assert len(ids) == len(set(ids))
    assert ids[-1] == accepted.id


@pytest.mark.parametrize(("field", "value", "must_include"), [
    ("CompanyName", "šumavská P", "Šumavská pekárna s.r.o."),
    ("CompanyName", "ŠUMAVSKÁ", "Šumavská pekárna s.r.o."),
    ("CompanyName", "účetnictví novák", "Účetnictví Novák s.r.o."),
    ("Domain", "SUMAVSKAPEK", "Šumavská pekárna s.r.o."),
    ("Domain", "dvorak-tabor", "Dvořák & syn s.r.o."),
])
async def test_filters_are_case_insensitive_starts_with(field: str, value: str,
                                                        must_include: str) -> None:
    transport, world = make_sandbox()
    async with client(transport, RESELLER) as http:
        response = await http.get("/v1/customers",
                                  params={"size": 0, "filter": customer_filter(field, value)})
    assert response.status_code == 200
    names = {item["companyProfile"]["companyName"] for item in response.json()["items"]}
    wanted = value.casefold()
    expected = {
        c.company_name for c in world.customers
        if c.state == "customer" and c.reseller_id == identity.RESELLER_TENANT_ID and (
            c.company_name.casefold().startswith(wanted) if field == "CompanyName"
            else any(d.casefold().startswith(wanted) for d in c.all_domains))
    }
    assert must_include in names
    assert names == expected


async def test_provider_filters_by_indirect_reseller() -> None:
    transport, world = make_sandbox()
    async with client(transport, PROVIDER) as http:
        response = await http.get("/v1/customers", params={
            "size": 0,
            "filter": customer_filter("IndirectReseller",
                                      identity.OTHER_RESELLER_TENANT_ID.upper()),
        })
        everyone = await list_all_ids(http)
    ids = {item["id"] for item in response.json()["items"]}
    expected = {c.id for c in world.customers
                if c.reseller_id == identity.OTHER_RESELLER_TENANT_ID}
    assert ids == expected and len(ids) >= 3
    assert len(everyone) == DEFAULT_CUSTOMERS


@pytest.mark.parametrize("bad", [
    '{"Field":"City","Value":"Praha","Operator":"starts_with"}',
    '{"Field":"CompanyName","Value":"a","Operator":"equals"}',
    "not json",
])
async def test_bad_filters_are_rejected(bad: str) -> None:
    transport, _ = make_sandbox()
    async with client(transport) as http:
        response = await http.get("/v1/customers", params={"filter": bad})
    assert response.status_code == 400
    assert response.json()["code"] == 3000


async def test_list_items_are_thin_and_get_by_id_is_full() -> None:
    transport, world = make_sandbox()
    async with client(transport) as http:
        item = (await http.get("/v1/customers", params={"size": 1})).json()["items"][0]
        full = (await http.get(f"/v1/customers/{item['id']}")).json()
        domains = (await http.get(f"/v1/customers/{item['id']}/customDomains")).json()
    assert set(item) == {"id", "companyProfile", "relationshipToPartner", "links", "attributes"}
    assert set(item["companyProfile"]) >= {"tenantId", "domain", "companyName"}
    assert "address" not in item["companyProfile"]
    assert item["attributes"]["objectType"] == "Customer"
    assert item["links"]["self"]["uri"] == f"/customers/{item['id']}"
    customer = world.customer(item["id"])
    assert customer is not None
    assert full["billingProfile"]["attributes"]["etag"]
    assert full["billingProfile"]["defaultAddress"]["postalCode"] == customer.postal_code
    assert full["allowDelegatedAccess"] in (True, False)
    assert full["associatedPartnerId"] == identity.RESELLER_TENANT_ID
    assert full["customDomains"] == domains == customer.all_domains
    assert full["companyProfile"]["organizationRegistrationNumber"] == customer.ico


async def test_mixed_case_ids_are_found_in_any_case() -> None:
    transport, world = make_sandbox()
    mixed = next(c for c in world.customers if c.id != c.id.lower()
                 and c.reseller_id == identity.RESELLER_TENANT_ID)
    async with client(transport) as http:
        lower = await http.get(f"/v1/customers/{mixed.id.lower()}")
        upper = await http.get(f"/v1/customers/{mixed.id.upper()}/subscriptions")
    assert lower.status_code == 200 and lower.json()["id"] == mixed.id
    assert upper.status_code == 200


async def test_authentication_and_tracing_headers() -> None:
    transport, _ = make_sandbox()
    async with client(transport, token=None) as http:
        missing = await http.get("/v1/customers")
        wrong = await http.get("/v1/customers", headers={"Authorization": "Basic abc"})
        controls = await http.get("/_emulator/state")
    assert missing.status_code == wrong.status_code == 401
    assert missing.json() == {"code": 800001, "description": missing.json()["description"],
                              "data": [], "source": "PartnerFD"}
    assert controls.status_code == 200
    # A token the sandbox did not issue is refused, as Partner Center refuses one Entra ID
    # did not issue for it.
    async with client(transport, token="any-opaque-token") as http:
        unknown = await http.get("/v1/customers")
    assert unknown.status_code == 401 and unknown.json()["code"] == 800001
    assert "invalid_token" in unknown.headers["WWW-Authenticate"]
    async with client(transport, token=RESELLER) as http:
        echoed = await http.get("/v1/customers", headers={
            "MS-RequestId": "11111111-2222-3333-4444-555555555555",
            "MS-CorrelationId": "corr-1"})
        generated = await http.get("/v1/customers")
    assert echoed.status_code == 200
    assert echoed.headers["MS-RequestId"] == "11111111-2222-3333-4444-555555555555"
    assert echoed.headers["MS-CorrelationId"] == "corr-1"
    assert echoed.headers["MS-CV"] and echoed.headers["MS-ServerId"]
    assert len(generated.headers["MS-RequestId"]) == 36
    assert generated.headers["MS-CorrelationId"]


async def test_relationship_request_links_per_role() -> None:
    transport, _ = make_sandbox()
    async with client(transport, RESELLER) as http:
        reseller = (await http.get("/v1/customers/relationshiprequests")).json()
        named = (await http.get("/v1/customers/relationshiprequests", params={
            "indirectCloudSolutionProviderId": identity.PROVIDER_TENANT_ID})).json()
    async with client(transport, PROVIDER) as http:
        without = await http.get("/v1/customers/relationshiprequests")
        provider = await http.get("/v1/customers/relationshiprequests", params={
            "indirectResellerId": identity.OTHER_RESELLER_TENANT_ID})
        stranger = await http.get("/v1/customers/relationshiprequests", params={
            "indirectResellerId": "00000000-0000-0000-0000-000000000001"})
    direct_token = identity.sandbox_token("direct", "12345678-1234-1234-1234-123456789012")
    async with client(transport, direct_token) as http:
        direct = (await http.get("/v1/customers/relationshiprequests")).json()
    assert reseller["attributes"] == {"objectType": "RelationshipRequest"}
    # As documented (relationship-request.json): no distributor unless the request named it.
    assert reseller["url"] == (
        "https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship"
        f"&partnerId={identity.RESELLER_TENANT_ID}&msppId={identity.RESELLER_MPN_ID}"
        "&DAP=false#/BillingAccounts/partner-invitation")
    assert named["url"] == (
        "https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship"
        f"&partnerId={identity.RESELLER_TENANT_ID}&msppId={identity.RESELLER_MPN_ID}"
        f"&indirectCSPId={identity.PROVIDER_TENANT_ID}&DAP=false"
        "#/BillingAccounts/partner-invitation")
    assert without.status_code == 400
    assert stranger.status_code == 400
    assert f"partnerId={identity.OTHER_RESELLER_TENANT_ID}" in provider.json()["url"]
    assert f"msppId={identity.OTHER_RESELLER_MPN_ID}" in provider.json()["url"]
    assert "invType=ResellerRelationship&partnerId=12345678-" in direct["url"]


async def test_partner_and_customer_relationships() -> None:
    transport, world = make_sandbox()
    mine = next(c for c in world.customers if c.reseller_id == identity.RESELLER_TENANT_ID)
    async with client(transport, RESELLER) as http:
        providers = (await http.get("/v1/relationships",
                                    params={"relationship_type": "IsIndirectResellerOf"})).json()
        of_customer = (await http.get(f"/v1/customers/{mine.id}/relationships")).json()
        bad = await http.get("/v1/relationships")
    async with client(transport, PROVIDER) as http:
        resellers = (await http.get("/v1/relationships", params={
            "relationship_type": "IsIndirectCloudSolutionProviderOf"})).json()
        seen_by_provider = (await http.get(f"/v1/customers/{mine.id}/relationships")).json()
    assert [p["id"] for p in providers["items"]] == [identity.PROVIDER_TENANT_ID]
    assert providers["items"][0]["relationshipType"] == "is_indirect_reseller_of"
    assert {p["id"] for p in resellers["items"]} == {identity.RESELLER_TENANT_ID,
                                                     identity.OTHER_RESELLER_TENANT_ID}
    assert all(p["state"] == "Active" and p["mpnId"] for p in resellers["items"])
    assert of_customer["items"][0]["id"] == identity.PROVIDER_TENANT_ID
    assert seen_by_provider["items"][0]["id"] == identity.RESELLER_TENANT_ID
    assert seen_by_provider["items"][0]["relationshipType"] == (
        "is_indirect_cloud_solution_provider_of")
    assert "links" not in of_customer
    assert bad.status_code == 400


async def test_unknown_routes_answer_with_the_classic_error_body() -> None:
    transport, _ = make_sandbox()
    async with client(transport) as http:
        unknown = await http.get("/v1/invoices")
        wrong_method = await http.delete("/v1/customers")
    assert unknown.status_code == 404 and unknown.json()["source"] == "PartnerFD"
    assert wrong_method.status_code == 405 and wrong_method.json()["source"] == "PartnerFD"
