"""Partner relationships: the invitation link, a customer's partners, the partner's own."""

from __future__ import annotations

from csp_tui.partner_center.bodies import malformed
from csp_tui.partner_center.models import PartnerRelationship, RelationshipRequest
from csp_tui.partner_center.paging import PagingClient
from csp_tui.partner_center.urls import segment, with_query

_RELATIONSHIP_TYPES = {
    "isindirectresellerof": "IsIndirectResellerOf",
    "isindirectcloudsolutionproviderof": "IsIndirectCloudSolutionProviderOf",
}


class RelationshipCalls(PagingClient):
    """Partner relationships: the invitation link, a customer's partners, the partner's own."""

    async def relationship_request_link(
        self, *, indirect_reseller_id: str | None = None, indirect_csp_id: str | None = None
    ) -> str:
        """The reseller-relationship invitation URL (the same for every customer)."""
        target = with_query("/v1/customers/relationshiprequests", {
            "indirectResellerId": indirect_reseller_id or None,
            "indirectCloudSolutionProviderId": indirect_csp_id or None,
        })
        request = self._model(RelationshipRequest, await self._get(target), target)
        if not request.url:
            raise malformed("pc.malformed.no_url", target)
        return request.url

    async def customer_relationships(self, customer_id: str) -> list[PartnerRelationship]:
        target = f"/v1/customers/{segment(customer_id, 'customer_id')}/relationships"
        # Empty lists sometimes come back as null or an empty body.
        return await self._collect(target, PartnerRelationship, empty_ok=True)

    async def partner_relationships(self, relationship_type: str) -> list[PartnerRelationship]:
        """``IsIndirectResellerOf`` (a reseller's providers) or
        ``IsIndirectCloudSolutionProviderOf`` (a provider's resellers)."""
        key = "".join(ch for ch in relationship_type.lower() if ch.isalnum())
        wire = _RELATIONSHIP_TYPES.get(key)
        if wire is None:
            raise ValueError(f"unknown relationship type {relationship_type!r}")
        return await self._collect(with_query("/v1/relationships", {"relationship_type": wire}),
                                   PartnerRelationship)
