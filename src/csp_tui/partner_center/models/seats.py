"""Licence pools of a customer: ``GET /v1/customers/{id}/subscribedskus`` (partner-center-api
§5.1) — for each SKU the customer holds, how many units it has (``totalUnits``), how many are
active, suspended or in warning, and how many are assigned to users (``consumedUnits``)."""

from __future__ import annotations

from pydantic import Field

from csp_tui.partner_center.models.base import PCModel
from csp_tui.partner_center.models.scalars import Id, Int, Text


class ProductSku(PCModel):
    """The SKU a pool is of: ``id`` (the directory's SKU id, or a catalog SKU id),
    ``skuPartNumber`` (``O365_BUSINESS_PREMIUM``), its name, ``targetType`` (User/Company) and
    the licence group it belongs to."""

    id: Id
    name: Text = None
    sku_part_number: Text = None
    target_type: Text = None
    license_group_id: Text = None


class ServicePlan(PCModel):
    id: Text = None
    display_name: Text = None
    service_name: Text = None
    capability_status: Text = None
    target_type: Text = None


class SubscribedSku(PCModel):
    """One licence pool (``SubscribedSku``)."""

    product_sku: ProductSku
    available_units: Int = None
    active_units: Int = None
    consumed_units: Int = None
    suspended_units: Int = None
    total_units: Int = None
    warning_units: Int = None
    capability_status: Text = None
    service_plans: list[ServicePlan] = Field(default_factory=list)
