"""Wire models against the documented Partner Center payloads and their known quirks."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from csp_tui.partner_center.models import (
    Address,
    BillingCycle,
    Collection,
    CreatedCustomer,
    Customer,
    CustomerCreate,
    CustomerFilter,
    Entitlement,
    Int,
    PartnerRelationship,
    PartnerRelationshipType,
    PCModel,
    Qualification,
    QualificationType,
    RelationshipRequest,
    RelationshipToPartner,
    Subscription,
    SubscriptionStatus,
    Text,
    VettingStatus,
    parse_collection,
)

SAMPLES = Path(__file__).resolve().parent / "samples"
SHARED_SAMPLES = Path(__file__).resolve().parents[3] / "shared/reference/pc-samples"


def load(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def recase(value: Any, how) -> Any:  # type: ignore[no-untyped-def]
    """The same payload with every key re-spelled (PascalCase, lower case ...)."""
    if isinstance(value, dict):
        return {how(key): recase(item, how) for key, item in value.items()}
    if isinstance(value, list):
        return [recase(item, how) for item in value]
    return value


def pascal(key: str) -> str:
    return key[:1].upper() + key[1:]


def test_sample_copies_match_the_reference_set() -> None:
    if not SHARED_SAMPLES.is_dir():
        pytest.skip("reference samples are not beside the repository")
    for copy in sorted(SAMPLES.glob("*.json")):
        original = SHARED_SAMPLES / copy.name
        assert original.is_file(), copy.name
        assert json.loads(copy.read_text()) == json.loads(original.read_text()), copy.name


# -- customers ----------------------------------------------------------------------------------


def test_customer_list_items_are_thin() -> None:
    page = parse_collection(Customer, load("customers-list.json"))
    assert [c.id for c in page.items] == [
        "b44bb1fb-c595-45b0-9e09-d657365580bf", "45c44870-ef77-4fdd-b6fe-3dacb075cff2"]
    first = page.items[0]
    assert first.relationship_to_partner is RelationshipToPartner.RESELLER
    assert first.company_profile is not None
    assert first.company_profile.company_name == "companyName"
    assert first.billing_profile is None
    assert first.allow_delegated_access is None
    assert first.custom_domains == []
    assert page.total_count == 2
    assert page.links is not None and page.links.self is not None
    assert page.links.self.uri == "/v1/customers?size=40"
    assert page.links.next is None
    assert page.continuation_token is None


def test_customer_get_full_record() -> None:
    customer = Customer.parse(load("customer-get.json"))
    assert customer.id == "eebd1b55-5360-4438-a11d-5c06918c3014"
    assert customer.commerce_id == "99e6a635-48e7-424d-9059-c9db944e3c54"
    profile = customer.company_profile
    assert profile is not None and profile.address is not None
    assert profile.domain == "abcdefgh1234.ccsctp.net"
    assert profile.email == "a@a.com"
    # company-profile addresses say "region", billing addresses "state": one attribute.
    assert profile.address.state == "wa" == profile.address.region
    assert profile.address.phone_number == "1234567890"
    billing = customer.billing_profile
    assert billing is not None and billing.default_address is not None
    assert billing.etag == "-4242348048554929329"
    assert billing.culture == "en-US"
    assert billing.default_address.state == "WA"
    assert billing.default_address.first_name == "1kl as"
    assert customer.allow_delegated_access is True
    assert customer.custom_domains == ["abcdefgh1234.ccsctp.net"]
    assert customer.company_name == "1kl as kjk"
    assert customer.domain == "abcdefgh1234.ccsctp.net"


@pytest.mark.parametrize("how", [pascal, str.lower, str.upper], ids=["Pascal", "lower", "UPPER"])
def test_keys_in_any_case_read_the_same(how) -> None:  # type: ignore[no-untyped-def]
    original = Customer.parse(load("customer-get.json"))
    variant = Customer.parse(recase(load("customer-get.json"), how))
    assert variant.model_dump() == original.model_dump()  # every field, raw aside
    assert variant.company_profile is not None
    assert variant.company_profile.company_name == "1kl as kjk"
    assert variant.billing_profile is not None
    assert variant.billing_profile.etag == "-4242348048554929329"


def test_snake_case_attribute_names_are_accepted_too() -> None:
    customer = Customer.model_validate({"id": "x", "company_profile": {"company_name": "Šumava"}})
    assert customer.company_profile is not None
    assert customer.company_profile.company_name == "Šumava"


def test_customer_without_id_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Customer.parse({"companyProfile": {"companyName": "x"}})
    with pytest.raises(ValidationError):
        Customer.parse({"id": "", "companyProfile": {"companyName": "x"}})


def test_blank_null_and_absent_are_alike() -> None:
    data = {"id": "c1", "commerceId": "", "associatedPartnerId": None, "customDomains": None,
            "allowDelegatedAccess": "", "companyProfile": "", "relationshipToPartner": "  "}
    customer = Customer.parse(data)
    assert customer.commerce_id is None
    assert customer.associated_partner_id is None
    assert customer.custom_domains == []
    assert customer.allow_delegated_access is None
    assert customer.company_profile is None
    assert customer.relationship_to_partner is None


def test_ids_stay_opaque_strings_even_when_sent_as_numbers() -> None:
    relationship = PartnerRelationship.parse({"id": 12345, "mpnId": 0, "name": "Reseller s.r.o."})
    assert relationship.id == "12345"
    assert relationship.mpn_id == "0"
    upper = Subscription.parse(load("subscription-get.json"))
    assert upper.id == "A356AC8C-E310-44F4-BF85-C7F29044AF99"  # case kept as sent


def test_raw_is_the_original_dict_and_is_not_dumped() -> None:
    data = load("customer-get.json")
    customer = Customer.parse(data)
    assert customer.raw == data
    assert "raw" not in customer.model_dump()
    assert "raw" not in json.loads(customer.model_dump_json())
    assert "raw=" not in repr(customer)


def test_created_customer_keeps_the_password_secret() -> None:
    data = load("customer-create-response.json")
    created = CreatedCustomer.parse(data)
    assert created.id == "dfd8cc0a-c592-468c-8461-869a38d24738"
    assert created.relationship_to_partner is RelationshipToPartner.NONE
    credentials = created.user_credentials
    assert credentials is not None
    assert credentials.user_name == "admin"
    assert isinstance(credentials.password, SecretStr)
    assert credentials.password.get_secret_value() == "=;;n.=s9Z"
    for text in (repr(created), str(created), created.model_dump_json(),
                 json.dumps(created.raw), json.dumps(credentials.raw)):
        assert "=;;n.=s9Z" not in text
    # What the cache stores (raw) carries neither the credentials nor the password.
    assert not any(key.lower() == "usercredentials" for key in created.raw)
    assert created.billing_profile is not None
    assert created.billing_profile.default_address is not None
    assert created.billing_profile.default_address.phone_number is None  # "" means absent


def test_created_customer_for_an_indirect_reseller() -> None:
    created = CreatedCustomer.parse(load("customer-create-indirect-response.json"))
    assert created.associated_partner_id == "484e548c-f5f3-4528-93a9-c16c6373cb59"
    assert created.relationship_to_partner is RelationshipToPartner.RESELLER
    assert created.user_credentials is not None
    assert created.user_credentials.password is not None
    assert created.user_credentials.password.get_secret_value() == "0Krha*Io"
    assert created.billing_profile is not None and created.billing_profile.language == "En"


# -- customer create body -----------------------------------------------------------------------


def _create(**changes: Any) -> CustomerCreate:
    fields: dict[str, Any] = {
        "company_name": "Wingtip Toys", "email": "gena@wingtiptoys.com", "culture": "en-US",
        "language": "en", "first_name": "Gena", "last_name": "Soto",
        "address_line1": "One Microsoft Way", "city": "Redmond", "state": "WA",
        "postal_code": "98052", "country": "US", "phone_number": "4255550101",
        "domain": "wingtiptoys678.onmicrosoft.com",
        "associated_partner_id": "484e548c-f5f3-4528-93a9-c16c6373cb59",
    }
    fields.update(changes)
    return CustomerCreate(**fields)


def test_customer_create_wire_body_is_the_documented_one() -> None:
    # partner-center-api.md §3.4, key for key.
    assert _create().to_wire() == {
        "enableGDAPByDefault": True,
        "companyProfile": {"domain": "wingtiptoys678.onmicrosoft.com"},
        "billingProfile": {
            "culture": "en-US", "email": "gena@wingtiptoys.com", "language": "en",
            "companyName": "Wingtip Toys",
            "defaultAddress": {
                "firstName": "Gena", "lastName": "Soto", "addressLine1": "One Microsoft Way",
                "city": "Redmond", "state": "WA", "postalCode": "98052", "country": "US",
                "phoneNumber": "4255550101"},
        },
        "associatedPartnerId": "484e548c-f5f3-4528-93a9-c16c6373cb59",
    }


def test_customer_create_optional_parts() -> None:
    body = _create(associated_partner_id=None, phone_number="", state=None,
                   organization_registration_number="12345678", address_line2="2. patro",
                   enable_gdap_by_default=False).to_wire()
    assert "associatedPartnerId" not in body  # direct customer of the provider
    assert body["enableGDAPByDefault"] is False
    assert body["companyProfile"]["organizationRegistrationNumber"] == "12345678"
    address = body["billingProfile"]["defaultAddress"]
    assert "phoneNumber" not in address and "state" not in address
    assert address["addressLine2"] == "2. patro"


def test_customer_create_accepts_camel_case_and_requires_the_essentials() -> None:
    camel = CustomerCreate.model_validate({
        "companyName": "Pekárna Novák", "email": "jan@pekarna.cz", "firstName": "Jan",
        "lastName": "Novák", "addressLine1": "Hlavní 1", "city": "Brno", "country": "CZ",
        "domain": "pekarnanovak.onmicrosoft.com", "postalCode": 60200})
    assert camel.postal_code == "60200"
    assert camel.to_wire()["billingProfile"]["companyName"] == "Pekárna Novák"
    with pytest.raises(ValidationError):
        CustomerCreate(company_name="x")


def test_customer_filter_query_json() -> None:
    search = CustomerFilter(field="domain", value="cont")  # type: ignore[arg-type]
    assert search.field == "Domain"
    assert json.loads(search.to_json()) == {
        "Field": "Domain", "Value": "cont", "Operator": "starts_with"}
    assert CustomerFilter("indirect_reseller", "x").field == "IndirectReseller"  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        CustomerFilter("Email", "x")  # type: ignore[arg-type]


# -- subscriptions ------------------------------------------------------------------------------


def test_nce_subscription_every_field() -> None:
    sub = Subscription.parse(load("subscription-get-nce.json"))
    assert sub.id == "a4c1340d-6911-4758-bba3-0c4c6007d161"
    assert sub.offer_id == "CFQ7TTC0LH18:0001:CFQ7TTC0K971"
    assert sub.offer_name == "Microsoft 365 Business Basic"
    assert sub.product_type is not None
    assert (sub.product_type.id, sub.product_type.display_name) == (
        "OnlineServicesNCE", "OnlineServicesNCE")
    assert sub.quantity == 1
    assert sub.unit_type == "Licenses"
    assert sub.creation_date == datetime(2021, 1, 14, 16, 57, 15, 96672, tzinfo=UTC)
    assert sub.commitment_end_date == datetime(2022, 1, 13, tzinfo=UTC)
    assert sub.status is SubscriptionStatus.EXPIRED
    assert sub.auto_renew_enabled is False
    assert sub.is_trial is False
    assert sub.billing_type == "license"
    assert sub.billing_cycle is BillingCycle.MONTHLY
    assert sub.term_duration == "P1Y"
    assert sub.renewal_term_duration is None  # "" on the wire
    assert sub.partner_id is None  # "" on the wire
    assert len(sub.refund_options) == 1
    assert sub.refund_options[0].type == "Full"
    assert sub.refund_options[0].expires_at == datetime(2021, 1, 15, tzinfo=UTC)
    assert sub.order_id == "34b37d7340cc"
    assert sub.publisher_name == "Microsoft Corporation"
    assert sub.etag is None  # no attributes.etag in this sample


def test_legacy_subscription_list_quirks() -> None:
    page = parse_collection(Subscription, load("subscriptions-list.json"))
    assert page.total_count == 37 and len(page.items) == 1  # never trust totalCount
    sub = page.items[0]
    assert sub.creation_date == datetime(2015, 11, 25, 6, 41, 12, tzinfo=UTC)  # "06: 41: 12Z"
    assert sub.etag == "<etag>"
    assert sub.entitlement_id == "a356ac8c-e310-44f4-bf85-C7f29044af99"
    assert sub.unit_type == "none"
    assert sub.status is SubscriptionStatus.ACTIVE
    assert sub.billing_cycle is None


def test_open_ended_azure_subscription() -> None:
    sub = Subscription.parse(load("subscription-get.json"))
    assert sub.commitment_end_date is None  # 9999-12-10 sentinel
    assert sub.etag is not None and sub.etag.startswith("eyJpZCI6ImEzNTZhYzhj")
    assert sub.unit_type == "Usage-based"


def test_pascal_case_patch_body_with_nulls() -> None:
    sub = Subscription.parse(load("subscription-patch-request.json"))
    assert sub.id == "83ef9d05-4169-4ef9-9657-0e86b1eab1de"
    assert sub.quantity == 2
    assert sub.parent_subscription_id is None
    assert sub.partner_id is None
    assert sub.etag == "<etag>"  # from Attributes.Etag


def test_refundable_quantity_and_numbers_as_strings() -> None:
    sub = Subscription.parse({
        "id": "s1", "quantity": "10", "autoRenewEnabled": "true", "isTrial": "False",
        "refundableQuantity": {"totalQuantity": "10", "details": [
            {"quantity": 4, "allowedUntilDateTime": "2021-01-24T20:39:17Z"},
            {"quantity": "6.0", "allowedUntilDateTime": "2021-01-25T00:00:00"}]},
        "refundOptions": [{"type": "Partial", "expiresAfter": "2021-02-01T00:00:00Z"}],
        "suspensionReasons": "CustomerCancellation", "actions": ["edit", None, "cancel"],
    })
    assert sub.quantity == 10
    assert sub.auto_renew_enabled is True and sub.is_trial is False
    assert sub.refundable_quantity is not None
    assert sub.refundable_quantity.total_quantity == 10
    assert [d.quantity for d in sub.refundable_quantity.details] == [4, 6]
    assert sub.refundable_quantity.details[1].allowed_until_date_time == datetime(
        2021, 1, 25, tzinfo=UTC)
    assert sub.refund_options[0].expires_at == datetime(2021, 2, 1, tzinfo=UTC)
    assert sub.suspension_reasons == ["CustomerCancellation"]
    assert sub.actions == ["edit", "cancel"]


def test_unreadable_numbers_do_not_sink_the_record() -> None:
    sub = Subscription.parse({"id": "s1", "quantity": "lots", "autoRenewEnabled": "maybe",
                              "creationDate": "yesterday"})
    assert sub.quantity is None
    assert sub.auto_renew_enabled is None
    assert sub.creation_date is None


def test_to_wire_sends_back_the_whole_object_with_changes() -> None:
    data = load("subscription-get-nce.json")
    sub = Subscription.parse(data)
    assert sub.to_wire() == data  # unchanged: exactly what came
    sub.quantity = 5
    sub.auto_renew_enabled = True
    body = sub.to_wire()
    assert body["quantity"] == 5
    assert body["autoRenewEnabled"] is True
    changed = {key for key in data if body[key] != data[key]}
    assert changed == {"quantity", "autoRenewEnabled"}
    assert data["quantity"] == 1  # the parsed raw is not modified in place


def test_to_wire_keeps_the_original_key_spelling() -> None:
    data = load("subscription-patch-request.json")
    sub = Subscription.parse(data).model_copy(update={"status": SubscriptionStatus.SUSPENDED})
    body = sub.to_wire()
    assert body["Status"] == "suspended"
    assert "status" not in body
    assert body["AutoRenewEnabled"] is False  # untouched fields travel unchanged
    assert body["Attributes"] == {"Etag": "<etag>", "ObjectType": "Subscription"}


# -- enums --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "member"),
    [("Monthly", BillingCycle.MONTHLY), ("monthly", BillingCycle.MONTHLY),
     (" MONTHLY ", BillingCycle.MONTHLY), ("OneTime", BillingCycle.ONE_TIME),
     ("one_time", BillingCycle.ONE_TIME), ("onetime", BillingCycle.ONE_TIME),
     ("One-Time", BillingCycle.ONE_TIME), ("triennial", BillingCycle.TRIENNIAL),
     ("Annual", BillingCycle.ANNUAL), ("yearly", BillingCycle.ANNUAL),
     ("none", BillingCycle.NONE), ("unknown", BillingCycle.UNKNOWN),
     ("biweekly", BillingCycle.UNKNOWN), (12, BillingCycle.UNKNOWN)],
)
def test_billing_cycle_spellings(text: object, member: BillingCycle) -> None:
    assert Subscription.parse({"id": "s", "billingCycle": text}).billing_cycle is member


@pytest.mark.parametrize(
    ("enum", "text", "member"),
    [(SubscriptionStatus, "Active", SubscriptionStatus.ACTIVE),
     (SubscriptionStatus, "Started ", SubscriptionStatus.UNKNOWN),
     (SubscriptionStatus, "disabled", SubscriptionStatus.DISABLED),
     (RelationshipToPartner, "MicrosoftSupport", RelationshipToPartner.MICROSOFT_SUPPORT),
     (RelationshipToPartner, "microsoft_support", RelationshipToPartner.MICROSOFT_SUPPORT),
     (RelationshipToPartner, "Reseller", RelationshipToPartner.RESELLER),
     (RelationshipToPartner, "partner", RelationshipToPartner.UNKNOWN),
     (QualificationType, "education", QualificationType.EDUCATION),
     (QualificationType, "governmentcommunitycloud",
      QualificationType.GOVERNMENT_COMMUNITY_CLOUD),
     (QualificationType, "state_owned_entity", QualificationType.STATE_OWNED_ENTITY),
     (QualificationType, "nonprofit", QualificationType.NONPROFIT),
     (QualificationType, "Charity", QualificationType.UNKNOWN),
     (VettingStatus, "in_review", VettingStatus.IN_REVIEW),
     (VettingStatus, "APPROVED", VettingStatus.APPROVED),
     (VettingStatus, "Escalated", VettingStatus.UNKNOWN),
     (PartnerRelationshipType, "IsIndirectCloudSolutionProviderOf",
      PartnerRelationshipType.IS_INDIRECT_CLOUD_SOLUTION_PROVIDER_OF),
     (PartnerRelationshipType, "is_indirect_reseller_of",
      PartnerRelationshipType.IS_INDIRECT_RESELLER_OF)],
)
def test_enum_normalisation(enum, text: str, member) -> None:  # type: ignore[no-untyped-def]
    assert enum.parse(text) is member
    assert enum(text) is member


def test_enum_parse_blank_is_none_and_value_is_wire_text() -> None:
    assert SubscriptionStatus.parse("") is None
    assert SubscriptionStatus.parse(None) is None
    assert str(BillingCycle.ONE_TIME) == "one_time"
    assert f"{SubscriptionStatus.ACTIVE}" == "active"


# -- entitlements, qualifications, relationships ------------------------------------------------


def test_entitlements_with_included_items_and_artifacts() -> None:
    items = parse_collection(Entitlement, load("entitlements-list.json")).items
    reserved, software = items
    assert reserved.entitlement_type == "reservedinstance"
    assert reserved.entitled_artifacts[0].artifact_type == "reservedinstance"
    assert reserved.entitled_artifacts[0].resource_id == "ebf2e74b-630e-4a09-857d-a1f6c6351336"
    assert reserved.entitled_artifacts[0].link is not None
    assert reserved.dynamic_attributes == {"reservationType": "virtualmachines"}
    assert (software.product_id, software.sku_id, software.quantity) == ("DG7GMGF0DWTK", "0002", 1)
    assert software.reference_order is not None
    assert software.reference_order.id == "NUXMSvmS20EQ4kFsZmzkSqb747fqKmNk1"
    assert software.reference_order.line_item_id == "0"
    assert [e.product_id for e in software.included_entitlements] == [
        "DG7GMGF0DWTJ", "DG7GMGF0DWLG"]
    assert software.expiry_date is None


def test_software_entitlement_expiry_and_alternate_id() -> None:
    items = parse_collection(Entitlement, load("entitlements-list-software-expiry.json")).items
    assert items[0].reference_order is not None
    assert items[0].reference_order.alternate_id == "8f3af3dea1ea"
    assert items[1].expiry_date == datetime(2022, 1, 28, tzinfo=UTC)


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("qualifications-get-approved.json", [("Education", "Approved", None, None)]),
        ("qualifications-get-denied.json",
         [("Education", "Denied", "Not an Education Customer",
           datetime(2020, 12, 3, 10, 37, 38, 885000, tzinfo=UTC))]),
        ("qualifications-get-inreview.json",
         [("Education", "InReview", None, datetime(2020, 12, 3, 10, 37, 38, 885000, tzinfo=UTC))]),
        ("qualifications-get-education-and-soe.json",
         [("Education", "Approved", None, None), ("StateOwnedEntity", None, None, None)]),
        # vettingCreateDate (sic) is the same field.
        ("qualifications-get-gcc-and-soe.json",
         [("GovernmentCommunityCloud", "Approved", None,
           datetime(2021, 5, 6, 19, 59, 56, 683202, tzinfo=UTC)),
          ("StateOwnedEntity", None, None, None)]),
        ("qualifications-get-soe.json", [("StateOwnedEntity", None, None, None)]),
        ("qualification-get-sync.json", [("Education", None, None, None)]),  # bare "education"
    ],
)
def test_qualification_samples(file: str, expected: list[tuple]) -> None:
    items = parse_collection(Qualification, load(file)).items
    seen = [(q.qualification.value if q.qualification else None,
             q.vetting_status.value if q.vetting_status else None,
             q.vetting_reason, q.vetting_created_date) for q in items]
    assert seen == expected


def test_qualification_post_response_object() -> None:
    created = Qualification.parse(load("qualifications-post-response.json"))
    assert created.qualification is QualificationType.EDUCATION
    assert created.vetting_status is VettingStatus.IN_REVIEW
    assert created.vetting_created_date == datetime(2020, 12, 4, 20, 54, 24, tzinfo=UTC)


def test_both_vetting_date_spellings_prefer_the_documented_one() -> None:
    q = Qualification.parse({"qualification": "Education",
                             "vettingCreateDate": "2020-01-01T00:00:00Z",
                             "vettingCreatedDate": "2021-01-01T00:00:00Z"})
    assert q.vetting_created_date == datetime(2021, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize("file", ["indirect-resellers.json", "customer-relationships.json"])
def test_partner_relationships(file: str) -> None:
    items = parse_collection(PartnerRelationship, load(file)).items
    first = items[0]
    assert first.id == "484e548c-f5f3-4528-93a9-c16c6373cb59"
    assert first.name == "First Up Consultants"
    assert first.mpn_id == "4847383"
    assert first.relationship_type is PartnerRelationshipType.IS_INDIRECT_CLOUD_SOLUTION_PROVIDER_OF


def test_indirect_resellers_state_and_location() -> None:
    items = parse_collection(PartnerRelationship, load("indirect-resellers.json")).items
    assert [(r.name, r.state, r.location) for r in items] == [
        ("First Up Consultants", "Active", "US"), ("ReleCloud", "Active", "BR")]


def test_relationship_request_link() -> None:
    link = RelationshipRequest.parse(load("relationship-request.json"))
    assert link.url is not None
    assert link.url.startswith("https://admin.microsoft.com/Adminportal/Home?invType=")


# -- collections and paging envelopes -----------------------------------------------------------


class LineItem(PCModel):
    invoice_number: Text = None
    quantity: Int = None
    reseller_mpn_id: Text = None


def test_seek_page_with_header_token_and_top_level_token() -> None:
    page = parse_collection(LineItem, load("paging-seek-first-page.json"))
    assert len(page.items) == 4 and page.total_count == 3  # the count lies
    assert [item.quantity for item in page.items] == [25, 50, 1, 1]  # "25" and 1 alike
    assert [item.reseller_mpn_id for item in page.items] == ["4649221", "0", "0", "0"]
    assert page.links is not None and page.links.next is not None
    token = page.links.next.header("ms-continuationtoken")
    assert token is not None and token.startswith("d19617b8-fbe5-4684-a5d8-0230972fb0cf,")
    assert page.continuation_token == token
    assert page.links.next.uri is not None and page.links.next.uri.endswith(
        "size=2?seekOperation=Next")


def test_seek_pages_header_only_and_last() -> None:
    first = parse_collection(LineItem, load("paging-seek-header-only-first.json"))
    assert first.continuation_token is None
    assert first.links is not None and first.links.next is not None
    assert first.links.next.header("MS-ContinuationToken")
    for last_file in ("paging-seek-header-only-last.json", "paging-seek-next-page.json"):
        last = parse_collection(LineItem, load(last_file))
        assert last.continuation_token is None
        assert last.links is None or last.links.next is None


def test_collection_shapes() -> None:
    assert parse_collection(Customer, None).items == []
    bare = parse_collection(Customer, [{"id": "a"}, {"id": "b"}, None, "junk"])
    assert [c.id for c in bare.items] == ["a", "b"]
    assert parse_collection(Customer, {"items": None}).items == []
    assert isinstance(bare, Collection)
    with pytest.raises(TypeError):
        parse_collection(Customer, 42)
    # An item that cannot be read spoils only itself: left out, named, the rest kept.
    mixed = parse_collection(Customer, {"items": [{"companyProfile": {}}, {"id": "c"}]})
    assert [c.id for c in mixed.items] == ["c"]
    assert mixed.skipped_items == ["items[0]: id: Field required"]


def test_a_number_beyond_64_bits_spoils_only_its_item() -> None:
    page = parse_collection(Subscription, {"totalCount": "9" * 40, "items": [
        {"id": "huge", "quantity": "999999999999999999999999999999"},
        {"id": "float", "quantity": 1e300},
        {"id": "digits", "quantity": "9" * 5000},
        {"id": "fine", "quantity": "12"},
    ]})
    assert [(s.id, s.quantity) for s in page.items] == [("fine", 12)]
    assert [line.split(":")[0] for line in page.skipped_items] == [
        "items[0] (id huge)", "items[1] (id float)", "items[2] (id digits)"]
    assert all("number out of range" in line for line in page.skipped_items)
    assert page.total_count is None  # informative only: out of range counts as absent


def test_address_prefers_state_over_region() -> None:
    both = Address.parse({"Region": "jm", "State": "JM", "City": "Brno"})
    assert both.state == "JM"
    assert Address.parse({"region": "jm"}).state == "jm"
