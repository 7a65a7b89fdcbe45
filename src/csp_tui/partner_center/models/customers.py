"""Customers, their profiles and users, the body that creates one, and partner relationships."""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass
from typing import Any, ClassVar

from pydantic import Field, SecretStr

from csp_tui.partner_center.models.base import PCModel
from csp_tui.partner_center.models.enums import (
    PartnerRelationshipType,
    RelationshipToPartner,
    squash,
)
from csp_tui.partner_center.models.scalars import Bool, Id, Text, TextList


class Address(PCModel):
    _alternate_keys: ClassVar[dict[str, str]] = {"region": "state"}

    country: Text = None
    #: ``state`` in billing addresses, ``region`` in company-profile addresses.
    state: Text = None
    city: Text = None
    address_line1: Text = None
    address_line2: Text = None
    address_line3: Text = None
    postal_code: Text = None
    first_name: Text = None
    last_name: Text = None
    phone_number: Text = None

    @property
    def region(self) -> str | None:
        return self.state


class CompanyProfile(PCModel):
    tenant_id: Text = None
    domain: Text = None
    company_name: Text = None
    address: Address | None = None
    email: Text = None
    organization_registration_number: Text = None


class BillingProfile(PCModel):
    id: Text = None
    first_name: Text = None
    last_name: Text = None
    email: Text = None
    culture: Text = None
    language: Text = None
    company_name: Text = None
    default_address: Address | None = None
    #: From ``attributes.etag``; needed (quoted) as If-Match when the profile is updated.
    etag: Text = None


class Customer(PCModel):
    """A customer tenant. Listing items carry only id, company profile and relationship."""

    id: Id
    commerce_id: Text = None
    company_profile: CompanyProfile | None = None
    billing_profile: BillingProfile | None = None
    relationship_to_partner: RelationshipToPartner | None = None
    allow_delegated_access: Bool = None
    custom_domains: TextList = Field(default_factory=list)
    associated_partner_id: Text = None

    @property
    def company_name(self) -> str | None:
        profile = self.company_profile
        name = profile.company_name if profile else None
        if not name and self.billing_profile:
            name = self.billing_profile.company_name
        return name

    @property
    def domain(self) -> str | None:
        return self.company_profile.domain if self.company_profile else None


class UserCredentials(PCModel):
    """The first admin's sign-in, returned once when a tenant is created."""

    _raw_drop: ClassVar[frozenset[str]] = frozenset({"password"})

    user_name: Text = None
    password: SecretStr | None = None


class CustomerUser(PCModel):
    """A user of a customer's tenant (``/customers/{id}/users``); the password a reset sets
    never reaches ``raw``."""

    _raw_drop: ClassVar[frozenset[str]] = frozenset({"passwordprofile"})

    id: Id
    user_principal_name: Text = None
    display_name: Text = None
    state: Text = None


class CreatedCustomer(Customer):
    # The temporary password must never reach the cache through ``raw``.
    _raw_drop: ClassVar[frozenset[str]] = frozenset({"usercredentials"})

    user_credentials: UserCredentials | None = None


CustomerSearchField = typing.Literal[
    "CompanyName", "Domain", "IndirectReseller", "IndirectCloudSolutionProvider"]
_SEARCH_FIELDS: dict[str, CustomerSearchField] = {
    squash(name): name for name in typing.get_args(CustomerSearchField)}


@dataclass(frozen=True)
class CustomerFilter:
    """``GET /v1/customers?filter=…``: customers whose ``field`` starts with ``value``."""

    field: CustomerSearchField
    value: str

    def __post_init__(self) -> None:
        canonical = _SEARCH_FIELDS.get(squash(str(self.field)))
        if canonical is None:
            raise ValueError(f"unknown customer search field {self.field!r}")
        object.__setattr__(self, "field", canonical)

    def to_json(self) -> str:
        return json.dumps({"Field": self.field, "Value": self.value, "Operator": "starts_with"},
                          separators=(",", ":"), ensure_ascii=False)


class CustomerCreate(PCModel):
    """What the console asks for when it creates a tenant; :meth:`to_wire` is the POST body."""

    company_name: Id
    email: Id
    domain: Id  # the full initial domain, ``prefix.onmicrosoft.com``
    first_name: Id
    last_name: Id
    address_line1: Id
    city: Id
    country: Id
    culture: Id = "cs-CZ"
    language: Id = "cs"
    address_line2: Text = None
    state: Text = None
    postal_code: Text = None
    phone_number: Text = None
    organization_registration_number: Text = None
    associated_partner_id: Text = None
    enable_gdap_by_default: Bool = True

    def to_wire(self) -> dict[str, Any]:
        def present(mapping: dict[str, Any]) -> dict[str, Any]:
            return {key: value for key, value in mapping.items() if value not in (None, "")}

        address = present({
            "firstName": self.first_name,
            "lastName": self.last_name,
            "addressLine1": self.address_line1,
            "addressLine2": self.address_line2,
            "city": self.city,
            "state": self.state,
            "postalCode": self.postal_code,
            "country": self.country,
            "phoneNumber": self.phone_number,
        })
        body: dict[str, Any] = {
            "enableGDAPByDefault": bool(self.enable_gdap_by_default)
            if self.enable_gdap_by_default is not None else True,
            "companyProfile": present({
                "domain": self.domain,
                "organizationRegistrationNumber": self.organization_registration_number,
            }),
            "billingProfile": {
                "culture": self.culture,
                "email": self.email,
                "language": self.language,
                "companyName": self.company_name,
                "defaultAddress": address,
            },
        }
        if self.associated_partner_id:
            body["associatedPartnerId"] = self.associated_partner_id
        return body


class RelationshipRequest(PCModel):
    url: Text = None


class PartnerRelationship(PCModel):
    """A reseller or provider linked to us (``/v1/relationships``) or to a customer."""

    id: Id
    name: Text = None
    relationship_type: PartnerRelationshipType | None = None
    state: Text = None
    mpn_id: Text = None
    location: Text = None
