"""A customer's qualifications: the list, and a request."""

from __future__ import annotations

from typing import Any

from csp_tui.partner_center.bodies import malformed
from csp_tui.partner_center.models import Qualification
from csp_tui.partner_center.paging import PagingClient
from csp_tui.partner_center.urls import segment


class QualificationCalls(PagingClient):
    """A customer's qualifications: the list, and a request."""

    async def list_qualifications(self, customer_id: str) -> list[Qualification]:
        """A bare JSON array (or, from old services, a bare string); no qualification = []."""
        target = f"/v1/customers/{segment(customer_id, 'customer_id')}/qualifications"
        answer = await self._call("GET", target)
        items, _ = self._items(Qualification, answer.body, target)
        return items

    async def create_qualification(
        self, customer_id: str, body: dict[str, Any], *, request_id: str
    ) -> Qualification:
        target = f"/v1/customers/{segment(customer_id, 'customer_id')}/qualifications"
        answer = await self._call("POST", target, json_body=body, request_id=request_id,
                                  require_body=True)
        result = answer.body
        if isinstance(result, list):
            if not result:
                raise malformed("pc.malformed.empty_answer", target)
            result = result[0]
        return self._model(Qualification, result, target)
