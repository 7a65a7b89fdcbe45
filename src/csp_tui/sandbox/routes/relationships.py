"""Partner relationships: a customer's (who its reseller or distributor is), the partner's own
(its indirect providers or resellers), and the reseller relationship request link."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from csp_tui.sandbox.api_error import ApiError
from csp_tui.sandbox.entities import ROLE_DIRECT, ROLE_PROVIDER, ROLE_RESELLER
from csp_tui.sandbox.routes.common import (
    api,
    caller_of,
    collection,
    query_of,
    readable_customer,
    sandbox_of,
)
from csp_tui.sandbox.wire import partner_relationship


@api
async def customer_relationships(request: Request) -> Response:
    world = sandbox_of(request).world
    caller = caller_of(request)
    with world.lock:
        customer = readable_customer(request)
        items = []
        if customer.reseller_id and caller.role == ROLE_PROVIDER:
            reseller = world.partner(customer.reseller_id)
            if reseller:
                items.append(partner_relationship(reseller,
                                                  "is_indirect_cloud_solution_provider_of"))
        elif customer.reseller_id and caller.role == ROLE_RESELLER and customer.provider_id:
            provider = world.partner(customer.provider_id)
            if provider:
                items.append(partner_relationship(provider, "is_indirect_reseller_of"))
    return JSONResponse(collection(items))


@api
async def partner_relationships(request: Request) -> Response:
    world = sandbox_of(request).world
    caller = caller_of(request)
    kind = query_of(request).get("relationship_type", "").strip().lower()
    with world.lock:
        if kind == "isindirectresellerof":
            items = [partner_relationship(p, "is_indirect_reseller_of")
                     for p in world.providers_of(caller.tenant_id)]
        elif kind == "isindirectcloudsolutionproviderof":
            items = [partner_relationship(p, "is_indirect_cloud_solution_provider_of")
                     for p in world.resellers_of(caller.tenant_id)]
        else:
            raise ApiError(400, 3000, "relationship_type must be IsIndirectResellerOf or "
                                      "IsIndirectCloudSolutionProviderOf.",
                           ["relationship_type"])
    return JSONResponse(collection(items))


@api
async def relationship_request(request: Request) -> Response:
    world = sandbox_of(request).world
    caller = caller_of(request)
    query = query_of(request)
    with world.lock:
        if caller.role == ROLE_DIRECT:
            url = (f"https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship"
                   f"&partnerId={caller.tenant_id}&msppId=0&DAP=false"
                   f"#/BillingAccounts/partner-invitation")
        else:
            if caller.role == ROLE_PROVIDER:
                wanted = query.get("indirectresellerid", "").strip()
                if not wanted:
                    raise ApiError(400, 3000, "indirectResellerId is required for an indirect "
                                              "provider.", ["indirectResellerId"])
                reseller = next((p for p in world.resellers_of(caller.tenant_id)
                                 if p.tenant_id.lower() == wanted.lower()), None)
                if reseller is None:
                    raise ApiError(400, 800016, f"The PartnerID '{wanted}' is not a valid "
                                                "indirect reseller of this partner.")
                provider_id = caller.tenant_id
            else:
                reseller = world.partner(caller.tenant_id)
                providers = world.providers_of(caller.tenant_id)
                wanted = query.get("indirectcloudsolutionproviderid", "").strip()
                if wanted:
                    chosen = next((p for p in providers
                                   if p.tenant_id.lower() == wanted.lower()), None)
                    if chosen is None:
                        raise ApiError(400, 3000, f"'{wanted}' is not an indirect provider of "
                                                  "this reseller.",
                                       ["indirectCloudSolutionProviderId"])
                    provider_id = chosen.tenant_id
                elif providers:
                    provider_id = providers[0].tenant_id
                else:
                    raise ApiError(400, 3000, "This reseller has no indirect provider.")
            reseller_id = reseller.tenant_id if reseller else caller.tenant_id
            mpn = reseller.mpn_id if reseller else "0"
            # The documented answer (relationship-request.json) names no distributor; the
            # link carries ``indirectCSPId`` only when the request named the pair
            # explicitly (a reseller's indirectCloudSolutionProviderId, or a provider asking
            # on behalf of one of its resellers).
            named = caller.role == ROLE_PROVIDER or bool(
                query.get("indirectcloudsolutionproviderid", "").strip())
            distributor = f"&indirectCSPId={provider_id}" if named else ""
            url = (f"https://admin.microsoft.com/Adminportal/Home?invType="
                   f"IndirectResellerRelationship&partnerId={reseller_id}&msppId={mpn}"
                   f"{distributor}&DAP=false"
                   f"#/BillingAccounts/partner-invitation")
    return JSONResponse({"url": url, "attributes": {"objectType": "RelationshipRequest"}})
