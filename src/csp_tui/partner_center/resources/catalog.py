"""Perpetual licences (entitlements), the product catalog and orders."""

from __future__ import annotations

from typing import Any

from csp_tui.partner_center.models import (
    Availability,
    Cart,
    CheckoutResult,
    Entitlement,
    LineProvisioning,
    Order,
    Product,
    Sku,
)
from csp_tui.partner_center.paging import PagingClient
from csp_tui.partner_center.urls import segment, with_query


class CatalogCalls(PagingClient):
    """Perpetual licences (entitlements), the product catalog and orders."""

    async def list_entitlements(self, customer_id: str) -> list[Entitlement]:
        """Every entitlement, with ``expiryDate`` where one applies (only sent when asked for
        with ``showExpiry=true``). Names and purchase dates are not part of an entitlement:
        see :meth:`get_product` and :meth:`get_order`."""
        target = with_query(f"/v1/customers/{segment(customer_id, 'customer_id')}/entitlements",
                            {"showExpiry": "true"})
        return await self._collect(target, Entitlement)

    async def get_product(self, product_id: str, *, country: str) -> Product:
        """``GET /v1/products/{id}?country=``: the catalog entry (its ``title`` is the name)."""
        target = with_query(f"/v1/products/{segment(product_id, 'product_id')}",
                            {"country": segment(country, "country").upper()})
        return self._model(Product, await self._get(target), target)

    async def get_order(self, customer_id: str, order_id: str) -> Order:
        """``GET /v1/customers/{id}/orders/{orderId}`` (``creationDate``: when it was bought)."""
        target = (f"/v1/customers/{segment(customer_id, 'customer_id')}/orders/"
                  f"{segment(order_id, 'order_id')}")
        return self._model(Order, await self._get(target), target)

    # -- selling: the catalog, carts, checkout, orders (partner-center-api §6.1, §6.3) -----------

    async def list_products(self, *, country: str, target_view: str,
                            target_segment: str | None = None) -> list[Product]:
        """``GET /v1/products?country=&targetView=[&targetSegment=]``."""
        query = {"country": segment(country, "country").upper(), "targetView": target_view}
        if target_segment:
            query["targetSegment"] = target_segment
        return await self._collect(with_query("/v1/products", query), Product, empty_ok=True)

    async def list_skus(self, product_id: str, *, country: str) -> list[Sku]:
        target = with_query(f"/v1/products/{segment(product_id, 'product_id')}/skus",
                            {"country": segment(country, "country").upper()})
        return await self._collect(target, Sku, empty_ok=True)

    async def list_availabilities(self, product_id: str, sku_id: str, *,
                                  country: str) -> list[Availability]:
        target = with_query(f"/v1/products/{segment(product_id, 'product_id')}/skus/"
                            f"{segment(sku_id, 'sku_id')}/availabilities",
                            {"country": segment(country, "country").upper()})
        return await self._collect(target, Availability, empty_ok=True)

    async def list_customer_availabilities(self, customer_id: str, product_id: str,
                                           sku_id: str) -> list[Availability]:
        """The availabilities offered to this customer (its country and qualifications)."""
        target = (f"/v1/customers/{segment(customer_id, 'customer_id')}/products/"
                  f"{segment(product_id, 'product_id')}/skus/{segment(sku_id, 'sku_id')}"
                  "/availabilities")
        return await self._collect(target, Availability, empty_ok=True)

    async def create_cart(self, customer_id: str, body: dict[str, Any], *,
                          request_id: str) -> Cart:
        """``POST /v1/customers/{id}/carts`` (replayed by ``MS-RequestId``)."""
        target = f"/v1/customers/{segment(customer_id, 'customer_id')}/carts"
        answer = await self._call("POST", target, json_body=body, request_id=request_id,
                                  require_body=True)
        return self._model(Cart, answer.body, target)

    async def get_cart(self, customer_id: str, cart_id: str) -> Cart:
        target = (f"/v1/customers/{segment(customer_id, 'customer_id')}/carts/"
                  f"{segment(cart_id, 'cart_id')}")
        return self._model(Cart, await self._get(target), target)

    async def checkout_cart(self, customer_id: str, cart_id: str, *,
                            request_id: str) -> CheckoutResult:
        """``POST …/carts/{id}/checkout`` (replayed by ``MS-RequestId``)."""
        target = (f"/v1/customers/{segment(customer_id, 'customer_id')}/carts/"
                  f"{segment(cart_id, 'cart_id')}/checkout")
        answer = await self._call("POST", target, request_id=request_id, require_body=True)
        return self._model(CheckoutResult, answer.body, target)

    async def list_orders(self, customer_id: str) -> list[Order]:
        """A customer's orders (an order may take up to 15 minutes to be listed)."""
        target = f"/v1/customers/{segment(customer_id, 'customer_id')}/orders"
        return await self._collect(target, Order, empty_ok=True)

    async def order_provisioning(self, customer_id: str, order_id: str) -> list[LineProvisioning]:
        target = (f"/v1/customers/{segment(customer_id, 'customer_id')}/orders/"
                  f"{segment(order_id, 'order_id')}/provisioningstatus")
        return await self._collect(target, LineProvisioning, empty_ok=True)
