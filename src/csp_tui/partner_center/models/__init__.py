"""Wire models for the Partner Center REST API, tolerant of everything the API really sends.

Partner Center mixes camelCase, PascalCase and lower-case keys (sometimes in one object),
sends numbers as strings and ids as numbers, spells one enum value four ways, uses ``""``,
``null`` and "absent" interchangeably, and has at least a dozen date formats. The models here
absorb all of that so the rest of the application sees one clean shape:

* keys are matched case-insensitively (``companyName``, ``CompanyName``, ``companyname`` and
  the snake_case attribute name all work); unknown keys are ignored;
* ``""`` and ``null`` count as absent, so optional fields get their default;
* numbers-as-strings become numbers, numbers-as-ids become strings; ids stay opaque;
* enums are compared case- and separator-insensitively and land in ``UNKNOWN`` rather than
  failing on a value nobody documented;
* every model keeps the dict it was read from in ``raw`` (excluded from dumps), so the cache
  can store the original JSON and a PATCH can send the whole object back.

The models are split by resource (customers, subscriptions, catalog, qualifications) over the
tolerant pieces they share (scalars, enums, the base model, collections); this package is their
one public face: import them from ``csp_tui.partner_center.models``.
"""

from __future__ import annotations

from pydantic import ValidationError

from csp_tui.partner_center.models.audit import AuditDatum, AuditRecord
from csp_tui.partner_center.models.base import (
    PCModel,
)
from csp_tui.partner_center.models.catalog import (
    Availability,
    AvailabilityTerm,
    Cart,
    CartLineItem,
    CheckoutResult,
    EntitledArtifact,
    Entitlement,
    LineProvisioning,
    Order,
    OrderLineItem,
    Product,
    QuantityDetail,
    ReferenceOrder,
    Sku,
)
from csp_tui.partner_center.models.collection import (
    Collection,
    Link,
    LinkHeader,
    Links,
    Page,
    parse_collection,
)
from csp_tui.partner_center.models.customers import (
    Address,
    BillingProfile,
    CompanyProfile,
    CreatedCustomer,
    Customer,
    CustomerCreate,
    CustomerFilter,
    CustomerUser,
    PartnerRelationship,
    RelationshipRequest,
    UserCredentials,
)
from csp_tui.partner_center.models.enums import (
    BillingCycle,
    PartnerRelationshipType,
    PCEnum,
    QualificationType,
    RelationshipToPartner,
    SubscriptionStatus,
    VettingStatus,
)
from csp_tui.partner_center.models.qualifications import (
    Qualification,
)
from csp_tui.partner_center.models.scalars import (
    Bool,
    Id,
    Int,
    PCDateTime,
    Text,
    TextList,
)
from csp_tui.partner_center.models.seats import ProductSku, ServicePlan, SubscribedSku
from csp_tui.partner_center.models.subscriptions import (
    ProductType,
    RefundableQuantity,
    RefundableQuantityDetail,
    RefundOption,
    Subscription,
)

__all__ = [
    "Address",
    "AuditDatum",
    "AuditRecord",
    "Availability",
    "AvailabilityTerm",
    "BillingCycle",
    "BillingProfile",
    "Bool",
    "Cart",
    "CartLineItem",
    "CheckoutResult",
    "Collection",
    "CompanyProfile",
    "CreatedCustomer",
    "Customer",
    "CustomerCreate",
    "CustomerFilter",
    "CustomerUser",
    "EntitledArtifact",
    "Entitlement",
    "Id",
    "Int",
    "LineProvisioning",
    "Link",
    "LinkHeader",
    "Links",
    "Order",
    "OrderLineItem",
    "PCDateTime",
    "PCEnum",
    "PCModel",
    "Page",
    "PartnerRelationship",
    "PartnerRelationshipType",
    "Product",
    "ProductSku",
    "ProductType",
    "Qualification",
    "QualificationType",
    "QuantityDetail",
    "ReferenceOrder",
    "RefundOption",
    "RefundableQuantity",
    "RefundableQuantityDetail",
    "RelationshipRequest",
    "RelationshipToPartner",
    "ServicePlan",
    "Sku",
    "SubscribedSku",
    "Subscription",
    "SubscriptionStatus",
    "Text",
    "TextList",
    "UserCredentials",
    "ValidationError",
    "VettingStatus",
    "parse_collection",
]
