"""Wire models (Partner Center JSON) -> rows for the cache.

The cache stores dates as ISO-8601 UTC text and enums as their lower-case wire value, so SQL
can sort and filter them; the raw JSON is kept beside the row for the detail views.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from csp_tui.cache.store import CustomerDetail, CustomerRow, PartRead
from csp_tui.domain.caps import capped, capped_json, capped_row
from csp_tui.services.entitlement_names import NamedEntitlement, unavailable_name


def iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def enum_value(value: Any, default: str = "unknown") -> str:
    if value is None:
        return default
    if isinstance(value, Enum):
        value = value.value
    text = str(value).strip()
    return text.lower() if text else default


def raw_json(model: Any) -> str | None:
    raw = getattr(model, "raw", None)
    if raw is None:
        return None
    return json.dumps(capped_json(raw), ensure_ascii=False, sort_keys=True)


def customer_row(customer: Any) -> CustomerRow:
    profile = customer.company_profile
    return CustomerRow(
        id=str(customer.id).lower(),
        company_name=capped((profile.company_name if profile else None) or ""),
        primary_domain=capped(((profile.domain if profile else None) or "").lower()),
        relationship=enum_value(customer.relationship_to_partner),
        associated_partner_id=customer.associated_partner_id or None,
        raw_json=raw_json(customer),
    )


def _subscription_kind(subscription: Any) -> str:
    product_type = getattr(subscription, "product_type", None)
    type_id = (getattr(product_type, "id", None) or "").lower()
    return "software" if type_id.startswith("software") else "online"


def subscription_row(subscription: Any) -> dict[str, Any]:
    refundable = subscription.refundable_quantity
    refundable_total = refundable.total_quantity if refundable else None
    refundable_until = None
    if refundable and refundable.details:
        ends = [d.allowed_until_date_time for d in refundable.details if d.allowed_until_date_time]
        refundable_until = iso(max(ends)) if ends else None
    product_type = subscription.product_type
    return capped_row({
        "id": str(subscription.id).lower(),
        "offer_id": subscription.offer_id or "",
        "offer_name": subscription.offer_name or "",
        "friendly_name": subscription.friendly_name or "",
        "product_type": (product_type.id if product_type else None) or "",
        "kind": _subscription_kind(subscription),
        "quantity": int(subscription.quantity or 0),
        "unit_type": subscription.unit_type,
        "status": enum_value(subscription.status),
        "term_duration": subscription.term_duration or None,
        "billing_cycle": enum_value(subscription.billing_cycle, default="none"),
        "auto_renew": None if subscription.auto_renew_enabled is None
        else int(bool(subscription.auto_renew_enabled)),
        "is_trial": int(bool(subscription.is_trial)),
        "creation_date": iso(subscription.creation_date),
        "effective_start_date": iso(subscription.effective_start_date),
        "commitment_end_date": iso(subscription.commitment_end_date),
        "cancellation_allowed_until": iso(subscription.cancellation_allowed_until_date),
        "refundable_quantity": refundable_total,
        "refundable_until": refundable_until,
        "partner_id": subscription.partner_id or None,
        "etag": subscription.etag or None,
        "raw_json": raw_json(subscription),
    })


def entitlement_row(customer_id: str, entitlement: Any, index: int) -> dict[str, Any]:
    """One licence. Partner Center's entitlement has neither a product name nor a purchase
    date: they come from the catalog and the order
    (:class:`~csp_tui.services.entitlement_names.NamedEntitlement`). A bare entitlement that
    was not named gets words saying so, never its product id as the name."""
    purchase: str | None = None
    if isinstance(entitlement, NamedEntitlement):
        name, purchase = entitlement.product_name, entitlement.purchase_date
        entitlement = entitlement.entitlement
    else:
        name = unavailable_name("failed", entitlement.product_id or "")
    order = entitlement.reference_order
    order_id = (order.id if order else None) or ""
    line = (order.line_item_id if order else None) or str(index)
    return capped_row({
        "id": f"{customer_id}:{entitlement.product_id}:{entitlement.sku_id}:{order_id}:{line}",
        "customer_id": customer_id,
        "product_id": entitlement.product_id or "",
        "sku_id": entitlement.sku_id or "",
        "product_name": name,
        "quantity": int(entitlement.quantity or 0),
        "entitlement_type": enum_value(entitlement.entitlement_type, default="software"),
        "order_id": order_id or None,
        "purchase_date": str(purchase) if purchase else None,
        "expiry_date": iso(entitlement.expiry_date),
        "raw_json": raw_json(entitlement),
    })


def qualification_row(qualification: Any) -> dict[str, Any]:
    return capped_row({
        "qualification": enum_value(qualification.qualification),
        "vetting_status": enum_value(qualification.vetting_status, default="")
        or None,
        "vetting_reason": qualification.vetting_reason or None,
        "vetting_created_at": iso(qualification.vetting_created_date),
    })


def relationship_row(relationship: Any) -> dict[str, Any]:
    return capped_row({
        "partner_id": str(relationship.id).lower(),
        "name": relationship.name or "",
        "relationship_type": enum_value(relationship.relationship_type, default=""),
        "mpn_id": relationship.mpn_id or None,
    })


def seat_pool_row(pool: Any) -> dict[str, Any]:
    """One licence pool (``SubscribedSku``): its SKU and units."""
    sku = pool.product_sku
    return capped_row({
        "sku_id": str(sku.id),
        "sku_part_number": sku.sku_part_number or "",
        "name": sku.name or "",
        "target_type": sku.target_type,
        "license_group_id": sku.license_group_id,
        "available_units": pool.available_units,
        "active_units": pool.active_units,
        "consumed_units": int(pool.consumed_units or 0),
        "suspended_units": pool.suspended_units,
        "total_units": pool.total_units,
        "warning_units": pool.warning_units,
        "capability_status": pool.capability_status,
        "raw_json": raw_json(pool),
    })


def customer_detail(
    customer_id: str,
    *,
    customer: Any | None,
    subscriptions: list[Any] | None,
    entitlements: list[Any] | None,
    qualifications: list[Any] | None,
    relationships: list[Any] | None,
    parts: dict[str, PartRead] | None = None,
    seats: list[Any] | None = None,
) -> CustomerDetail:
    """Assemble one customer's detail; a part that could not be read (None) is marked partial
    so the store leaves what it had. ``parts`` says how each read went (why one is None), for
    the store to record."""
    partial: set[str] = set()
    customer_fields: dict[str, Any] | None = None
    domains: list[tuple[str, bool]] = []
    if customer is None:
        partial.update({"customer", "domains"})
    else:
        profile = customer.company_profile
        billing = customer.billing_profile
        address = (billing.default_address if billing else None) or (
            profile.address if profile else None)
        initial = ((profile.domain if profile else None) or "").lower()
        customer_fields = capped_row({
            "company_name": (profile.company_name if profile else None) or "",
            "primary_domain": initial,
            "allow_delegated_access": customer.allow_delegated_access,
            "email": (billing.email if billing else None) or (profile.email if profile else None),
            "city": address.city if address else None,
            "country": address.country if address else None,
            "culture": billing.culture if billing else None,
            "associated_partner_id": customer.associated_partner_id or None,
            "raw_json": raw_json(customer),
        })
        seen: set[str] = set()
        for name in [initial, *(customer.custom_domains or [])]:
            domain = capped((name or "").strip().lower())
            if domain and domain not in seen:
                seen.add(domain)
                domains.append((domain, domain == initial and domain.endswith(".onmicrosoft.com")))
    if subscriptions is None:
        partial.add("subscriptions")
    if entitlements is None:
        partial.add("entitlements")
    if qualifications is None:
        partial.add("qualifications")
    if relationships is None:
        partial.add("relationships")
    if seats is None:
        partial.add("seats")
    return CustomerDetail(
        customer_id=customer_id,
        customer=customer_fields,
        domains=domains,
        relationships=[relationship_row(r) for r in relationships or []],
        subscriptions=[subscription_row(s) for s in subscriptions or []],
        entitlements=[entitlement_row(customer_id, e, i) for i, e in enumerate(entitlements or [])],
        qualifications=[qualification_row(q) for q in qualifications or []],
        seats=[seat_pool_row(pool) for pool in seats or []],
        partial=frozenset(partial),
        parts=dict(parts or {}),
    )
