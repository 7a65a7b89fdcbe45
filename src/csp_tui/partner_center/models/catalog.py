"""Perpetual licences (entitlements), the product catalog and orders — where entitlements get
their names and purchase dates."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from csp_tui.partner_center.models.base import PCModel
from csp_tui.partner_center.models.collection import Link
from csp_tui.partner_center.models.enums import BillingCycle
from csp_tui.partner_center.models.scalars import Bool, Id, Int, PCDateTime, Text, TextList
from csp_tui.partner_center.models.subscriptions import ProductType


class ReferenceOrder(PCModel):
    id: Text = None
    line_item_id: Text = None
    alternate_id: Text = None


class EntitledArtifact(PCModel):
    artifact_type: Text = None
    resource_id: Text = None
    link: Link | None = None


class QuantityDetail(PCModel):
    quantity: Int = None
    status: Text = None


class Entitlement(PCModel):
    product_id: Text = None
    sku_id: Text = None
    quantity: Int = None
    entitlement_type: Text = None
    fulfillment_state: Text = None
    reference_order: ReferenceOrder | None = None
    included_entitlements: list[Entitlement] = Field(default_factory=list)
    entitled_artifacts: list[EntitledArtifact] = Field(default_factory=list)
    quantity_details: list[QuantityDetail] = Field(default_factory=list)
    expiry_date: PCDateTime = None
    dynamic_attributes: dict[str, Any] = Field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Product catalog and orders (where entitlements get their names and purchase dates)


class Product(PCModel):
    """``GET /v1/products/{id}?country=``: the catalog's name (``title``) of a product."""

    id: Id
    title: Text = None
    description: Text = None
    product_type: ProductType | None = None


class OrderLineItem(PCModel):
    line_item_number: Int = None
    offer_id: Text = None
    friendly_name: Text = None
    quantity: Int = None
    subscription_id: Text = None
    term_duration: Text = None
    partner_id_on_record: Text = None


class Order(PCModel):
    """``GET /v1/customers/{id}/orders/{orderId}``; ``creation_date`` is the purchase date."""

    id: Id
    alternate_id: Text = None
    reference_customer_id: Text = None
    billing_cycle: BillingCycle | None = None
    creation_date: PCDateTime = None
    status: Text = None
    line_items: list[OrderLineItem] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Selling: SKUs, availabilities, carts, checkout (partner-center-api §6.1, §6.3)


class Sku(PCModel):
    id: Id
    product_id: Text = None
    title: Text = None
    minimum_quantity: Int = None
    maximum_quantity: Int = None
    is_trial: Bool = None
    supported_billing_cycles: TextList = Field(default_factory=list)


class AvailabilityTerm(PCModel):
    duration: Text = None
    description: Text = None
    #: The billing cycles this term is sold with, where the availability says (else the SKU's).
    billing_cycles: TextList = Field(default_factory=list)


class Availability(PCModel):
    id: Id
    product_id: Text = None
    sku_id: Text = None
    catalog_item_id: Text = None
    segment: Text = None
    country: Text = None
    is_purchasable: Bool = None
    terms: list[AvailabilityTerm] = Field(default_factory=list)


class CartLineError(PCModel):
    error_code: Text = None
    error_description: Text = None


class CartLineItem(PCModel):
    id: Int = None
    catalog_item_id: Text = None
    friendly_name: Text = None
    quantity: Int = None
    billing_cycle: Text = None
    term_duration: Text = None
    error: CartLineError | None = None


class Cart(PCModel):
    id: Id
    status: Text = None  # Active | Ordered
    line_items: list[CartLineItem] = Field(default_factory=list)


class CheckoutError(PCModel):
    order_group_id: Text = None
    code: Text = None
    description: Text = None


class CheckoutResult(PCModel):
    orders: list[Order] = Field(default_factory=list)
    order_errors: list[CheckoutError] = Field(default_factory=list)


class LineProvisioning(PCModel):
    line_item_number: Int = None
    status: Text = None
    resource_id: Text = None
