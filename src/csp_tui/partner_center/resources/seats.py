"""A customer's licence pools (seats bought and assigned)."""

from __future__ import annotations

from csp_tui.partner_center.models.seats import SubscribedSku
from csp_tui.partner_center.paging import PagingClient
from csp_tui.partner_center.urls import segment


class SeatCalls(PagingClient):
    """A customer's licence pools (``subscribedskus``)."""

    async def list_subscribed_skus(self, customer_id: str) -> list[SubscribedSku]:
        """``GET /v1/customers/{id}/subscribedskus``: every licence pool of the customer, with
        its units bought (``totalUnits``) and assigned (``consumedUnits``). App+User only."""
        target = f"/v1/customers/{segment(customer_id, 'customer_id')}/subscribedskus"
        return await self._collect(target, SubscribedSku)
