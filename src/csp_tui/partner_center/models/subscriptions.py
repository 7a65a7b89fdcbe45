"""Subscriptions, with what a PATCH may change and the refundable seats."""

from __future__ import annotations

from enum import Enum
from typing import Any, ClassVar

from pydantic import Field

from csp_tui.partner_center.models.base import PCModel
from csp_tui.partner_center.models.collection import Links
from csp_tui.partner_center.models.enums import BillingCycle, SubscriptionStatus
from csp_tui.partner_center.models.scalars import Bool, Id, Int, PCDateTime, Text, TextList


class ProductType(PCModel):
    id: Text = None
    display_name: Text = None
    sub_type: Text = None


class RefundOption(PCModel):
    _alternate_keys: ClassVar[dict[str, str]] = {"expiresafter": "expires_at"}

    type: Text = None
    expires_at: PCDateTime = None


class RefundableQuantityDetail(PCModel):
    quantity: Int = None
    allowed_until_date_time: PCDateTime = None


class RefundableQuantity(PCModel):
    total_quantity: Int = None
    details: list[RefundableQuantityDetail] = Field(default_factory=list)


# Fields a PATCH may change, with their camelCase wire key.
_WRITABLE_SUBSCRIPTION_FIELDS = {
    "quantity": "quantity",
    "friendly_name": "friendlyName",
    "status": "status",
    "auto_renew_enabled": "autoRenewEnabled",
    "billing_cycle": "billingCycle",
    "term_duration": "termDuration",
    "partner_id": "partnerId",
}


class Subscription(PCModel):
    id: Id
    offer_id: Text = None
    offer_name: Text = None
    friendly_name: Text = None
    entitlement_id: Text = None
    product_type: ProductType | None = None
    quantity: Int = None
    unit_type: Text = None
    has_purchasable_addons: Bool = None
    creation_date: PCDateTime = None
    effective_start_date: PCDateTime = None
    commitment_end_date: PCDateTime = None
    cancellation_allowed_until_date: PCDateTime = None
    status: SubscriptionStatus | None = None
    auto_renew_enabled: Bool = None
    is_trial: Bool = None
    billing_type: Text = None
    billing_cycle: BillingCycle | None = None
    term_duration: Text = None
    renewal_term_duration: Text = None
    refund_options: list[RefundOption] = Field(default_factory=list)
    refundable_quantity: RefundableQuantity | None = None
    is_microsoft_product: Bool = None
    publisher_name: Text = None
    contract_type: Text = None
    partner_id: Text = None
    order_id: Text = None
    parent_subscription_id: Text = None
    promotion_id: Text = None
    suspension_reasons: TextList = Field(default_factory=list)
    actions: TextList = Field(default_factory=list)
    links: Links | None = None
    #: From ``attributes.etag``; sent (quoted) as If-Match on PATCH.
    etag: Text = None

    def to_wire(self) -> dict[str, Any]:
        """The whole object as Partner Center sent it, with this model's changes applied.

        A PATCH must carry the complete subscription: a minimal body silently switches
        auto-renew off and drops scheduled next-term instructions. Only fields whose value
        differs from ``raw`` are rewritten, so untouched values keep their original spelling.
        """
        body = dict(self.raw)
        original = type(self).model_validate(self.raw) if self.raw else None
        existing = {str(key).lower(): key for key in body}
        for name, wire_key in _WRITABLE_SUBSCRIPTION_FIELDS.items():
            value = getattr(self, name)
            if original is not None and getattr(original, name) == value:
                continue
            if value is None and original is None:
                continue
            key = existing.get(wire_key.lower(), wire_key)
            body[key] = value.value if isinstance(value, Enum) else value
        if "id" not in existing:
            body["id"] = self.id
        return body
