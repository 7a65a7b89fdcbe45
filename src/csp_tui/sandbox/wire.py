"""The wire forms of the emulated entities: the documented JSON shapes (camelCase), rendered in
one place so every route answers with the same shape for the same thing."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from csp_tui.sandbox.clock import to_iso, to_iso_precise
from csp_tui.sandbox.entities import (
    CANCEL_WINDOW,
    Customer,
    Entitlement,
    Partner,
    Qualification,
    Subscription,
)


def _link(uri: str) -> dict[str, Any]:
    return {"uri": uri, "method": "GET", "headers": []}


def customer_thin(customer: Customer) -> dict[str, Any]:
    """A list item: only what ``GET /v1/customers`` returns."""
    return {
        "id": customer.id,
        "companyProfile": {
            "tenantId": customer.id,
            "domain": customer.domain,
            "companyName": customer.company_name,
            "links": {"self": _link(f"/customers/{customer.id}/profiles/company")},
            "attributes": {"objectType": "CustomerCompanyProfile"},
        },
        "relationshipToPartner": "reseller",
        "links": {"self": _link(f"/customers/{customer.id}")},
        "attributes": {"objectType": "Customer"},
    }


def company_profile(customer: Customer) -> dict[str, Any]:
    return {
        "tenantId": customer.id,
        "domain": customer.domain,
        "companyName": customer.company_name,
        "address": {
            "country": customer.country,
            "city": customer.city,
            "addressLine1": customer.street,
            "postalCode": customer.postal_code,
            "phoneNumber": customer.phone,
        },
        "email": customer.email,
        "organizationRegistrationNumber": customer.ico,
        "links": {"self": _link(f"/customers/{customer.id}/profiles/company")},
        "attributes": {"objectType": "CustomerCompanyProfile"},
    }


def billing_profile(customer: Customer) -> dict[str, Any]:
    return {
        "id": customer.billing_id,
        "firstName": customer.first_name,
        "lastName": customer.last_name,
        "email": customer.email,
        "culture": customer.culture,
        "language": customer.language,
        "companyName": customer.company_name,
        "defaultAddress": {
            "country": customer.country,
            "city": customer.city,
            "addressLine1": customer.street,
            "postalCode": customer.postal_code,
            "firstName": customer.first_name,
            "lastName": customer.last_name,
            "phoneNumber": customer.phone,
        },
        "links": {"self": _link(f"/customers/{customer.id}/profiles/billing")},
        "attributes": {"etag": customer.billing_etag, "objectType": "CustomerBillingProfile"},
    }


def customer_full(customer: Customer) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": customer.id,
        "commerceId": customer.commerce_id,
        "companyProfile": company_profile(customer),
        "billingProfile": billing_profile(customer),
        "relationshipToPartner": "reseller",
        "allowDelegatedAccess": customer.allow_delegated_access,
        "links": {"self": _link(f"/customers/{customer.id}")},
        "attributes": {"objectType": "Customer"},
    }
    # Only when they apply: the documented customers carry neither key (customer-get.json);
    # a customer without verified domains or an indirect reseller has nothing to say here.
    if customer.custom_domains:
        body["customDomains"] = customer.all_domains
    if customer.reseller_id:
        body["associatedPartnerId"] = customer.reseller_id
    return body


def subscription_wire(customer: Customer, sub: Subscription, now: datetime, *,
                      detail: bool = True) -> dict[str, Any]:
    """One subscription. ``detail``: the GET-by-id (and PATCH) answer, the only one that
    carries ``refundableQuantity``; list items leave it out, as Partner Center does."""
    product_id, sku_id, availability_id = [*sub.offer_id.split(":"), "", ""][:3]
    refundable = sub.refundable(now)
    refund_options: list[dict[str, Any]] = []
    if sub.status == "active" and sub.in_cancel_window(now):
        full_until = sub.term_start + timedelta(days=1)
        if now < full_until:
            refund_options.append({"type": "Full", "expiresAt": to_iso(full_until)})
        refund_options.append({"type": "Partial", "expiresAt": to_iso(sub.cancel_until)})
    product_type = "Software" if sub.is_software else "OnlineServicesNCE"
    body: dict[str, Any] = {
        "id": sub.id,
        "offerId": sub.offer_id,
        "offerName": sub.offer_name,
        "friendlyName": sub.friendly_name,
        "productType": {"id": product_type, "displayName": product_type},
        "quantity": sub.quantity,
        "unitType": "Licenses",
        "hasPurchasableAddons": False,
        "creationDate": to_iso(sub.creation_date),
        "effectiveStartDate": to_iso(sub.term_start),
        "commitmentEndDate": to_iso(sub.commitment_end),
        "cancellationAllowedUntilDate": to_iso(sub.cancel_until),
        "status": ("pending" if sub.provisioned_at is not None and now < sub.provisioned_at
                   else sub.status),
        "autoRenewEnabled": sub.auto_renew,
        "isTrial": sub.is_trial,
        "billingType": "license",
        "billingCycle": sub.billing_cycle,
        "termDuration": sub.term_duration,
        "renewalTermDuration": "",
        "refundOptions": refund_options,
        "isMicrosoftProduct": True,
        "publisherName": "Microsoft Corporation",
        "partnerId": sub.partner_id,
        "attentionNeeded": False,
        "actionTaken": False,
        "contractType": "subscription",
        "orderId": sub.order_id,
        "links": {
            "product": _link(f"/products/{product_id}?country={customer.country}"),
            "sku": _link(f"/products/{product_id}/skus/{sku_id}?country={customer.country}"),
            "availability": _link(f"/products/{product_id}/skus/{sku_id}/availabilities/"
                                  f"{availability_id}?country={customer.country}"),
            "self": _link(f"/customers/{customer.id}/subscriptions/{sub.id}"),
        },
        "attributes": {"etag": sub.etag, "objectType": "Subscription"},
    }
    if detail:
        body["refundableQuantity"] = {
            "totalQuantity": sum(b.quantity for b in refundable),
            "details": [
                {"quantity": b.quantity, "allowedUntilDateTime": to_iso(b.added_at + CANCEL_WINDOW)}
                for b in refundable
            ],
        }
    if sub.status == "suspended":
        body["suspensionReasons"] = ["PartnerInitiated"]
    return body


def entitlement_wire(ent: Entitlement, *, show_expiry: bool = False) -> dict[str, Any]:
    """A software entitlement, in the documented shape (entitlements-list.json): no product
    name and no purchase date - a client reads those from the product catalog and from the
    order (``referenceOrder.id``). Perpetual licences never expire, so ``showExpiry`` adds
    nothing to them (only some items carry ``expiryDate`` in the documented answer)."""
    del show_expiry  # accepted for the route's sake; no perpetual licence has an expiry
    order = {
        "id": ent.order_id,
        "lineItemId": ent.line_item_id,
        "alternateId": ent.alternate_id,
    }
    included = []
    for item in ent.included:
        product_id, _, sku_id = item.partition(":")
        included.append({
            "includedEntitlements": [], "referenceOrder": dict(order), "productId": product_id,
            "quantity": ent.quantity, "entitledArtifacts": [], "skuId": sku_id,
            "entitlementType": "software",
        })
    return {
        "includedEntitlements": included,
        "referenceOrder": order,
        "productId": ent.product_id,
        "skuId": ent.sku_id,
        "quantity": ent.quantity,
        "entitledArtifacts": [],
        "entitlementType": "software",
    }


def product_wire(product_id: str, title: str, description: str, product_type: str,
                 country: str) -> dict[str, Any]:
    """``GET /v1/products/{id}?country=`` as documented (get-a-product-by-id)."""
    return {
        "id": product_id,
        "title": title,
        "description": description,
        "productType": {"id": product_type, "displayName": product_type},
        "links": {
            "skus": _link(f"/products/{product_id}/skus?country={country}"),
            "self": _link(f"/products/{product_id}?country={country}"),
        },
    }


def order_wire(customer: Customer, order_id: str, *, billing_cycle: str, created: datetime,
               lines: list[tuple[str, str, int]], country: str) -> dict[str, Any]:
    """``GET /v1/customers/{id}/orders/{orderId}`` as documented (order-get.json).

    ``lines``: (offer id ``product:sku[:availability]``, friendly name, quantity)."""
    line_items = []
    for number, (offer_id, name, quantity) in enumerate(lines):
        product_id, _, rest = offer_id.partition(":")
        sku_id = rest.split(":")[0]
        line_items.append({
            "lineItemNumber": number,
            "offerId": offer_id,
            "friendlyName": name,
            "quantity": quantity,
            "links": {"sku": _link(f"/products/{product_id}/skus/{sku_id}?country={country}")},
        })
    base = f"/customers/{customer.id}/orders/{order_id}"
    return {
        "id": order_id,
        "referenceCustomerId": customer.id,
        "billingCycle": billing_cycle,
        "currencyCode": "CZK",
        "currencySymbol": "Kč",
        "lineItems": line_items,
        "creationDate": to_iso_precise(created),
        "status": "completed",
        "links": {
            "provisioningStatus": _link(f"{base}/provisioningstatus"),
            "self": _link(base),
        },
        "attributes": {"objectType": "Order"},
    }


def qualification_wire(q: Qualification) -> dict[str, Any]:
    body: dict[str, Any] = {"qualification": q.qualification}
    if q.vetting_status:
        body["vettingStatus"] = q.vetting_status
        if q.vetting_reason:
            body["vettingReason"] = q.vetting_reason
        if q.vetting_created:
            body["vettingCreatedDate"] = to_iso(q.vetting_created)
    return body


def partner_relationship(partner: Partner, relationship_type: str) -> dict[str, Any]:
    return {
        "id": partner.tenant_id,
        "name": partner.name,
        "relationshipType": relationship_type,
        "state": "Active",
        "mpnId": partner.mpn_id,
        "location": partner.location,
        "attributes": {"objectType": "PartnerRelationship"},
    }
