"""Perpetual licences (entitlements), the product catalog and orders."""

from __future__ import annotations

from csp_tui.partner_center.models import Entitlement, Order, Product
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
