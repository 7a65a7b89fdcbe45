"""A profile of each role with a cache that knows one customer and the Czech catalog, a state
database for the outbox, and the REST client against the in-process sandbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from csp_tui import sandbox_identity as identity
from csp_tui.cache.db import open_cache
from csp_tui.cache.store import add_created_customer
from csp_tui.config import Profile
from csp_tui.config.profiles import Role
from csp_tui.partner_center.auth import SandboxTokenProvider
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.sandbox.app import create_sandbox
from csp_tui.sandbox.entities import Customer, Qualification
from csp_tui.sandbox.transport import SandboxTransport
from csp_tui.sandbox.world import World
from csp_tui.state.db import open_state

FROZEN_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BASE = "https://sandbox.test"
BUSINESS_STANDARD = "CFQ7TTC0LDPB:0001:CFQ7TTC0K5DM"
SQL_3Y = "DG7GMGF0FKZV:0002:DG7GMGF0P8K5"
LTSC = "DG7GMGF0PX2K:0002:DG7GMGF0PQ1D"
A3_FACULTY = "CFQ7TTC0LFLX:0003:CFQ7TTC0KLBK"
#: One order of each kind: (catalog item, term, billing, quantity).
ORDER_KINDS: dict[str, tuple[str, str, str, int]] = {
    "online": (BUSINESS_STANDARD, "P1Y", "monthly", 10),
    "software": (SQL_3Y, "P3Y", "triennial", 4),
    "perpetual": (LTSC, "", "one_time", 3),
}
TENANTS = {Role.INDIRECT_RESELLER: identity.RESELLER_TENANT_ID,
           Role.INDIRECT_PROVIDER: identity.PROVIDER_TENANT_ID,
           # The direct partner stands in for the distributor (the demo world has no customers
           # of a direct partner of its own), as in tests/roles.
           Role.DIRECT: identity.PROVIDER_TENANT_ID}


async def _no_sleep(seconds: float) -> None:
    return None


@dataclass
class Shop:
    world: World
    transport: SandboxTransport
    customer: Customer
    profile: Profile
    cache: Any
    state: Any
    tmp: Path

    def client(self) -> PartnerCenterClient:
        role = str(self.profile.role)
        return PartnerCenterClient(BASE, SandboxTokenProvider(role, TENANTS[self.profile.role]),
                                   transport=self.transport, sleep=_no_sleep)

    def orders(self) -> list[Any]:
        return list(self.customer.orders)


def a_customer(world: World) -> Customer:
    """A customer of the reseller (and so of the distributor), without qualifications."""
    for customer in world.customers:
        if (customer.state == "customer" and customer.reseller_id == identity.RESELLER_TENANT_ID
                and not customer.qualifications and customer.country == "CZ"):
            return customer
    raise AssertionError("no such customer in the demo world")


def open_shop(tmp_path: Path, role: Role) -> Shop:
    app, world = create_sandbox(None, frozen_at=FROZEN_AT)
    customer = a_customer(world)
    cache = open_cache(tmp_path / "cache.db")
    state = open_state(tmp_path / "state.db")
    add_created_customer(cache, customer.id, company_name=customer.company_name,
                         domain=customer.domain)
    with cache:
        cache.execute(
            "INSERT INTO customer_relationships(customer_id, partner_id, name, "
            "relationship_type, mpn_id) VALUES (?, ?, ?, ?, ?)",
            (customer.id.lower(), identity.RESELLER_TENANT_ID, identity.RESELLER_NAME,
             "is_indirect_cloud_solution_provider_of", identity.RESELLER_MPN_ID))
    profile = Profile(name="test", role=role, tenant_id=TENANTS[role],
                      reseller_mpn_id=identity.RESELLER_MPN_ID
                      if role is Role.INDIRECT_RESELLER else "")
    return Shop(world, SandboxTransport(app), customer, profile, cache, state, tmp_path)


def qualify(shop: Shop, status: str | None) -> None:
    """The customer's Education qualification, in the cache and in the sandbox alike."""
    with shop.cache:
        shop.cache.execute("DELETE FROM qualifications WHERE customer_id = ?",
                           (shop.customer.id.lower(),))
        if status is not None:
            shop.cache.execute(
                "INSERT INTO qualifications(customer_id, qualification, vetting_status, "
                "synced_at) VALUES (?, 'education', ?, '2026-03-02T09:00:00Z')",
                (shop.customer.id.lower(), status))
    shop.customer.qualifications = ([] if status is None else
                                    [Qualification("Education", vetting_status=status)])
