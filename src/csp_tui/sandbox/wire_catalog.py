"""The wire forms of the catalog (products, SKUs, availabilities), carts and orders, in the
documented shapes (partner-center-api §6.1, §6.3; pc-samples cart-*.json, order-*.json)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from csp_tui.domain.catalog import KIND_PERPETUAL, CatalogItem
from csp_tui.sandbox.clock import to_iso, to_iso_precise
from csp_tui.sandbox.entities import CART_LIFETIME, Cart, Customer, PlacedOrder


def _link(uri: str) -> dict[str, Any]:
    return {"uri": uri, "method": "GET", "headers": []}


def _product_type(item: CatalogItem) -> dict[str, Any]:
    if item.kind == KIND_PERPETUAL:
        return {"id": "Software", "displayName": "Software", "subType": {
            "id": "Perpetual", "displayName": "Perpetual"}}
    if item.kind == "software":
        return {"id": "Software", "displayName": "Software", "subType": {
            "id": "Subscription", "displayName": "Subscription"}}
    return {"id": "OnlineServicesNCE", "displayName": "OnlineServicesNCE"}


def product_item(item: CatalogItem) -> dict[str, Any]:
    country = item.country
    return {
        "id": item.product_id,
        "title": item.product_title,
        "description": item.product_title,
        "productType": _product_type(item),
        "isMicrosoftProduct": True,
        "publisherName": "Microsoft Corporation",
        "links": {"skus": _link(f"/products/{item.product_id}/skus?country={country}"),
                  "self": _link(f"/products/{item.product_id}?country={country}")},
        "attributes": {"objectType": "Product"},
    }


def sku_item(item: CatalogItem) -> dict[str, Any]:
    billing = sorted({choice.billing for choice in item.choices})
    return {
        "id": item.sku_id,
        "productId": item.product_id,
        "title": item.title,
        "description": item.title,
        "minimumQuantity": item.min_quantity,
        "maximumQuantity": item.max_quantity,
        "isTrial": item.is_trial,
        "supportedBillingCycles": billing,
        "purchasePrerequisites": [],
        "inventoryVariables": [],
        "provisioningVariables": [],
        "dynamicAttributes": {"isAddon": False},
        "links": {"availabilities": _link(
            f"/products/{item.product_id}/skus/{item.sku_id}/availabilities?country="
            f"{item.country}")},
        "attributes": {"objectType": "Sku"},
    }


def availability_item(item: CatalogItem) -> dict[str, Any]:
    terms = sorted({choice.term for choice in item.choices if choice.term})
    billing_by_term = {term: sorted(c.billing for c in item.choices if c.term == term)
                       for term in terms}
    return {
        "id": item.availability_id,
        "productId": item.product_id,
        "skuId": item.sku_id,
        "catalogItemId": item.catalog_item_id,
        "defaultCurrency": {"code": "CZK", "symbol": "Kč"},
        "segment": item.segment.capitalize(),
        "country": item.country,
        "isPurchasable": item.purchasable,
        "isRenewable": item.kind != KIND_PERPETUAL,
        "terms": [{"duration": term, "description": f"{term} subscription",
                   "billingCycles": billing_by_term[term]} for term in terms],
        "product": product_item(item),
        "sku": sku_item(item),
        "links": {"self": _link(
            f"/products/{item.product_id}/skus/{item.sku_id}/availabilities/"
            f"{item.availability_id}?country={item.country}")},
        "attributes": {"objectType": "Availability"},
    }


def cart_wire(customer: Customer, cart: Cart) -> dict[str, Any]:
    """``POST/GET …/carts[/{id}]`` as documented (cart-create-nce-response.json)."""
    lines = []
    for line in cart.lines:
        body: dict[str, Any] = {
            "id": line.id, "catalogItemId": line.catalog_item_id,
            "friendlyName": line.friendly_name, "quantity": line.quantity,
            "currencyCode": "CZK", "billingCycle": line.billing_cycle,
            "termDuration": line.term_duration, "provisioningContext": {}, "orderGroup": "0",
        }
        if line.transaction_reseller:
            body["participants"] = [{"key": "transaction_reseller",
                                     "value": line.transaction_reseller}]
        lines.append(body)
    return {
        "id": cart.id,
        "creationTimestamp": to_iso_precise(cart.created),
        "lastModifiedTimestamp": to_iso_precise(cart.created),
        "expirationTimestamp": to_iso_precise(cart.created + CART_LIFETIME),
        "lastModifiedUser": cart.modified_by,
        "status": cart.status,
        "lineItems": lines,
        "links": {"self": _link(f"/customers/{customer.id}/carts/{cart.id}")},
        "attributes": {"objectType": "Cart"},
    }


def placed_order_wire(customer: Customer, order: PlacedOrder, now: datetime) -> dict[str, Any]:
    """An order made by a checkout, as checkout, the list and GET by id answer it
    (cart-checkout-response.json, order-get.json): ``pending`` until provisioned."""
    base = f"/customers/{customer.id}/orders/{order.id}"
    provisioned = now >= order.provisioned_at
    lines = []
    for line in order.lines:
        body: dict[str, Any] = {
            "lineItemNumber": line.number, "offerId": line.offer_id,
            "termDuration": line.term_duration, "transactionType": "New",
            "friendlyName": line.friendly_name, "quantity": line.quantity,
            "links": {},
        }
        if line.partner_id:
            body["partnerIdOnRecord"] = line.partner_id
        if line.subscription_id and provisioned:
            # Subscription ids come back only once provisioned (partner-center-api §6.3).
            body["subscriptionId"] = line.subscription_id
            body["links"] = {"subscription": _link(
                f"/customers/{customer.id}/subscriptions/{line.subscription_id}")}
        lines.append(body)
    return {
        "id": order.id,
        "alternateId": order.alternate_id,
        "referenceCustomerId": customer.id,
        "billingCycle": order.billing_cycle,
        "currencyCode": "CZK",
        "currencySymbol": "Kč",
        "lineItems": lines,
        "creationDate": to_iso_precise(order.created),
        "status": "completed" if provisioned else "pending",
        "transactionType": "UserPurchase",
        "links": {"provisioningStatus": _link(f"{base}/provisioningstatus"),
                  "self": _link(base)},
        "attributes": {"objectType": "Order"},
    }


def provisioning_wire(order: PlacedOrder, now: datetime) -> dict[str, Any]:
    """``GET …/orders/{id}/provisioningstatus``: one entry per line item."""
    done = now >= order.provisioned_at
    items = [{"lineItemNumber": line.number,
              "status": "fulfilled" if done else "pending",
              "quantityProvisioningInformation": [{
                  "quantity": line.quantity,
                  "status": "fulfilled" if done else "pending"}],
              "resourceId": line.subscription_id or None,
              "endDate": None if done else to_iso(order.provisioned_at),
              "attributes": {"objectType": "OrderLineItemProvisioningStatus"}}
             for line in order.lines]
    return {"totalCount": len(items), "items": items,
            "attributes": {"objectType": "Collection"}}
