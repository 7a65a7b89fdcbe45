"""Customers: the list (page by page), one customer, creating one, domains."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping

from csp_tui.partner_center.bodies import malformed
from csp_tui.partner_center.models import (
    CreatedCustomer,
    Customer,
    CustomerCreate,
    CustomerFilter,
    Page,
)
from csp_tui.partner_center.paging import PagingClient
from csp_tui.partner_center.urls import segment, with_query


class CustomerCalls(PagingClient):
    """Customers: the list (page by page), one customer, creating one, domains."""

    async def iter_customer_pages(
        self, *, filter: CustomerFilter | None = None, size: int = 500
    ) -> AsyncIterator[Page[Customer]]:
        """The customer list page by page (items are thin: id, company profile, relationship)."""
        first = with_query("/v1/customers", {
            "size": max(0, int(size)),
            "filter": filter.to_json() if filter is not None else None,
        })
        async for page in self._iter_pages(first, Customer):
            yield page

    async def list_customers(
        self, *, filter: CustomerFilter | None = None, size: int = 500
    ) -> Page[Customer]:
        result: Page[Customer] = Page()
        async for page in self.iter_customer_pages(filter=filter, size=size):
            result.extend(page)
            result.skipped.extend(page.skipped)
        return result

    async def get_customer(self, customer_id: str) -> Customer:
        target = f"/v1/customers/{segment(customer_id, 'customer_id')}"
        return self._model(Customer, await self._get(target), target)

    async def create_customer(self, body: CustomerCreate, *, request_id: str) -> CreatedCustomer:
        """Create a tenant. ``request_id`` is the idempotency key: resending with the same key
        returns the first result instead of creating a second tenant."""
        target = "/v1/customers"
        answer = await self._call("POST", target, json_body=body.to_wire(),
                                  request_id=request_id, require_body=True)
        return self._model(CreatedCustomer, answer.body, target)

    async def domain_exists(self, domain: str) -> bool:
        """``HEAD /v1/domains/{domain}``: 200 means taken, 404 means free."""
        target = f"/v1/domains/{segment(domain, 'domain')}"
        answer = await self._call("HEAD", target, expected=frozenset({404}))
        return answer.status != 404

    async def custom_domains(self, customer_id: str) -> list[str]:
        target = f"/v1/customers/{segment(customer_id, 'customer_id')}/customDomains"
        body = await self._get(target)
        if isinstance(body, Mapping):
            lowered = {str(k).lower(): v for k, v in body.items()}
            body = lowered.get("items", lowered.get("value"))
        if not isinstance(body, list):
            raise malformed("pc.malformed.not_domain_list", target)
        domains = []
        for item in body:
            if isinstance(item, Mapping):
                item = {str(k).lower(): v for k, v in item.items()}.get("domain")
            if isinstance(item, str) and item.strip():
                domains.append(item.strip())
        return domains
