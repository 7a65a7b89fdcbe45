"""A small Partner Center for sync tests: ``httpx.MockTransport`` answers made from the
documented payloads (``tests/partner_center/samples``, copies of the reference samples), with
one fault at a time on any part of any customer.

``version`` moves the world: every part's payload changes with it (a billing e-mail, a seat
count, a vetting status, a partner's name, an entitlement quantity, seats assigned), so a
test can tell a part that was written from one whose earlier rows were kept.
"""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

import httpx

SAMPLES = Path(__file__).resolve().parents[1] / "partner_center" / "samples"
BASE = "https://pc.test"

CUSTOMER_A = "b44bb1fb-c595-45b0-9e09-d657365580bf"  # the ids of customers-list.json
CUSTOMER_B = "45c44870-ef77-4fdd-b6fe-3dacb075cff2"
CREATED = "dfd8cc0a-c592-468c-8461-869a38d24738"  # the id of customer-create-response.json

# The part a route serves (the last path segment; the customer record has none).
ROUTE_PARTS = {"subscriptions": "subscriptions", "entitlements": "entitlements",
               "orders": "orders",
               "qualifications": "qualifications", "relationships": "relationships",
               "subscribedskus": "seats"}

# Partner Center's classic error body (error-404-mpn-not-found.json has the same shape).
FAULT_BODIES = {
    401: {"code": 900421, "description": "The access token is not valid.", "data": [],
          "source": "PartnerFD"},
    403: {"code": 2000, "description": "Access is denied for this operation.",
          "errorName": "Forbidden", "data": [], "source": "PartnerFD"},
    404: {"code": 2001, "description": "The resource was not found.",
          "errorName": "NotFound", "data": [], "source": "PartnerFD"},
    500: {"code": 3000, "description": "Internal server error.", "data": [],
          "source": "PartnerFD"},
}


def sample(name: str) -> Any:
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def catalog_sample(name: str) -> Any:
    """A documented product or order payload (kept with the shape tests' fixtures)."""
    path = Path(__file__).resolve().parents[1] / "fixtures" / "pc_samples" / name
    return json.loads(path.read_text(encoding="utf-8"))


class FakeTokens:
    async def get_token(self, *, force_refresh: bool = False) -> str:
        return "test-token"


async def no_sleep(seconds: float) -> None:
    return None


class FakePartnerCenter:
    def __init__(self) -> None:
        self.version = 1
        self.listed = [CUSTOMER_A, CUSTOMER_B]
        self.readable = {CUSTOMER_A, CUSTOMER_B}
        #: (customer id, part) -> 403 | 404 | 500 | "timeout" | "malformed"
        self.faults: dict[tuple[str, str], int | str] = {}
        self.requests: list[str] = []

    # -- payloads made from the documented samples ------------------------------------------

    def _name(self, customer_id: str) -> str:
        return {CUSTOMER_A: "Alfa s.r.o.", CUSTOMER_B: "Beta a.s.",
                CREATED: "test company"}[customer_id]

    def _domain(self, customer_id: str) -> str:
        return {CUSTOMER_A: "alfa.onmicrosoft.com", CUSTOMER_B: "beta.onmicrosoft.com",
                CREATED: "xyz.onmicrosoft.com"}[customer_id]

    def customers_page(self) -> Any:
        page = sample("customers-list.json")
        template = page["items"][0]
        items = []
        for customer_id in self.listed:
            item = copy.deepcopy(template)
            item["id"] = customer_id
            item["companyProfile"].update(tenantId=customer_id,
                                          domain=self._domain(customer_id),
                                          companyName=self._name(customer_id))
            items.append(item)
        page["items"], page["totalCount"] = items, len(items)
        return page

    def customer(self, customer_id: str) -> Any:
        body = sample("customer-get.json")
        body["id"] = customer_id
        body["companyProfile"].update(tenantId=customer_id, domain=self._domain(customer_id),
                                      companyName=self._name(customer_id))
        # Only the record says this (a listing never does).
        body["billingProfile"]["email"] = f"v{self.version}@{self._domain(customer_id)}"
        return body

    def subscriptions(self, customer_id: str) -> Any:
        body = sample("subscriptions-list.json")
        for index, item in enumerate(body["items"]):
            item["id"] = str(uuid.uuid5(uuid.UUID(customer_id), f"subscription-{index}"))
            item["quantity"] = 10 * self.version
        return body

    def entitlements(self, customer_id: str) -> Any:
        body = sample("entitlements-list.json")
        for item in body["items"]:
            item["quantity"] = self.version
        return body

    def qualifications(self, customer_id: str) -> Any:
        return sample("qualifications-get-approved.json" if self.version % 2
                      else "qualifications-get-inreview.json")

    def relationships(self, customer_id: str) -> Any:
        body = sample("customer-relationships.json")
        for item in body["items"]:
            item["name"] = f"{item['name']} v{self.version}"
        return body

    def seats(self, customer_id: str) -> Any:
        """The licence pools (the documented shape, tests/fixtures/pc_samples): one more seat
        assigned per version."""
        body = catalog_sample("subscribedskus-list.json")
        for item in body["items"]:
            item["consumedUnits"] = self.version
            item["activeUnits"] = item["totalUnits"] = 10 * self.version
        return body

    def created(self) -> Any:
        body = sample("customer-create-response.json")
        body["companyProfile"]["domain"] = self._domain(CREATED)
        return body

    # -- the transport ----------------------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.rstrip("/")
        self.requests.append(f"{request.method} {path}")
        segments = path.split("/")[2:]  # after "/v1"
        if request.method == "POST" and segments == ["customers"]:
            return httpx.Response(201, json=self.created())
        if segments == ["customers"]:
            return httpx.Response(200, json=self.customers_page())
        if segments[:1] == ["products"] and len(segments) == 2:
            # The catalog is the partner's, not a customer's part: it answers as documented.
            return httpx.Response(200, json=catalog_sample("product-get.json"))
        if len(segments) < 2 or segments[0] != "customers":
            return httpx.Response(404, json=FAULT_BODIES[404])
        customer_id = segments[1].lower()
        part = ROUTE_PARTS.get(segments[2], segments[2]) if len(segments) > 2 else "customer"
        fault = self.faults.get((customer_id, part))
        if fault == "timeout":
            raise httpx.ReadTimeout("no answer", request=request)
        if fault == "malformed":
            return httpx.Response(200, content=b'{"totalCount": 1, "items": [{"id"')
        if isinstance(fault, int):
            return httpx.Response(fault, json=FAULT_BODIES[fault])
        if customer_id not in self.readable:
            return httpx.Response(404, json=FAULT_BODIES[404])
        if part == "customer":
            return httpx.Response(200, json=self.customer(customer_id))
        if len(segments) == 4 and part == "subscriptions":  # one subscription by id
            wanted = segments[3].lower()
            items = self.subscriptions(customer_id)["items"]
            found = next((item for item in items if item["id"].lower() == wanted), None)
            return httpx.Response(200, json=found) if found else \
                httpx.Response(404, json=FAULT_BODIES[404])
        if len(segments) == 4 and part == "orders":  # the order a licence was bought in
            return httpx.Response(200, json={**catalog_sample("order-get.json"),
                                             "id": segments[3]})
        return httpx.Response(200, json=getattr(self, part)(customer_id))
