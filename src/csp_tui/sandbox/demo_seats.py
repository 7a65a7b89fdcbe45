"""A demo customer's licence pools (``GET …/subscribedskus``), made from what it holds.

A pool is one SKU of the tenant: every active or suspended seat-based subscription of that SKU
adds its seats (suspended ones as ``suspendedUnits``), whoever the partner of record is — the
tenant's pools are the tenant's. Its users hold some of them (``consumedUnits``): the seats
bought more than :data:`ASSIGNED_AFTER` ago, less a few the customer never handed out — about
two customers in five keep a handful unused, the others use every seat. Seats added lately are
not assigned yet, so a purchase shows as unused until the users get them. Everything follows
from the customer's id, its subscriptions and the virtual clock: no state of its own.

Pools carry the catalog's ``PRODUCT:SKU`` as ``productSku.id`` and the directory's part number
as ``skuPartNumber`` — except where Partner Center is known to give the directory's SKU GUID
(Teams Essentials here) and a free SKU nobody bought (Power Automate Free), which match no
subscription, as happens in the real answer.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from csp_tui.sandbox.entities import Customer

#: Seats bought at least this long ago are assigned to users (less the customer's spares).
ASSIGNED_AFTER = timedelta(days=2)


@dataclass(frozen=True)
class PoolSpec:
    part_number: str
    plans: tuple[tuple[str, str], ...]  # (serviceName, displayName)
    #: The directory's SKU GUID is the pool's id (no offer id names it), else PRODUCT:SKU.
    directory_id: str | None = None


_EXCHANGE = ("EXCHANGE_S_STANDARD", "Exchange Online (Plan 1)")
_TEAMS = ("TEAMS1", "Microsoft Teams")
_SHAREPOINT = ("SHAREPOINTSTANDARD", "SharePoint Online (Plan 1)")
_OFFICE = ("OFFICESUBSCRIPTION", "Microsoft 365 Apps for business")

# Keyed by the catalog's PRODUCT:SKU (demo_catalog.OFFERS).
POOLS: dict[str, PoolSpec] = {
    "CFQ7TTC0LH18:0001": PoolSpec("O365_BUSINESS_ESSENTIALS", (_EXCHANGE, _TEAMS, _SHAREPOINT)),
    "CFQ7TTC0LDPB:0001": PoolSpec("O365_BUSINESS_PREMIUM",
                                  (_EXCHANGE, _TEAMS, _SHAREPOINT, _OFFICE)),
    "CFQ7TTC0LCHC:0002": PoolSpec("SPB", (_EXCHANGE, _TEAMS, _SHAREPOINT, _OFFICE,
                                          ("INTUNE_A", "Microsoft Intune"))),
    "CFQ7TTC0LCHC:0007": PoolSpec("SPB", (_EXCHANGE, _TEAMS, _SHAREPOINT, _OFFICE)),
    "CFQ7TTC0LH16:0001": PoolSpec("EXCHANGESTANDARD", (_EXCHANGE,)),
    "CFQ7TTC0QW5P:0002": PoolSpec("TEAMS_ESSENTIALS_AAD", (_TEAMS,),
                                  directory_id="3ab6abff-666f-4424-bfb7-f0bc274ec7bc"),
    "CFQ7TTC0LF8Q:0001": PoolSpec("ENTERPRISEPACK", (_EXCHANGE, _TEAMS, _SHAREPOINT,
                                                     ("OFFICESUBSCRIPTION", "Office 365 apps"))),
    "CFQ7TTC0LH1G:0001": PoolSpec("O365_BUSINESS", (_OFFICE,)),
    "CFQ7TTC0L3PB:0001": PoolSpec("POWER_BI_PRO", (("BI_AZURE_P2", "Power BI Pro"),)),
    "CFQ7TTC0LFLX:0003": PoolSpec("M365EDU_A3_FACULTY", (_EXCHANGE, _TEAMS, _SHAREPOINT)),
}

_FREE_POOL = ("f30db892-07e9-47e9-837c-80727f46fd3d", "FLOW_FREE", "Microsoft Power Automate Free")


def _roll(customer: Customer, salt: str) -> int:
    digest = hashlib.sha256(f"{customer.id.lower()}/{salt}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def spares(customer: Customer, key: str) -> int:
    """Seats of this pool the customer never assigned (0 for about three customers in five)."""
    if _roll(customer, "spares") % 5 >= 2:
        return 0
    return 1 + _roll(customer, key) % 5


def _plans(spec: PoolSpec, status: str) -> list[dict[str, Any]]:
    return [{"displayName": display, "serviceName": service,
             "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"csp-tui-sandbox/plan/{service}")),
             "capabilityStatus": status, "targetType": "User"}
            for service, display in spec.plans]


def _pool(sku_id: str, name: str, part_number: str, *, active: int, suspended: int,
          consumed: int, plans: list[dict[str, Any]]) -> dict[str, Any]:
    total = active + suspended
    status = "Enabled" if active else "Suspended"
    return {
        "availableUnits": max(0, total - consumed),
        "activeUnits": active,
        "consumedUnits": consumed,
        "suspendedUnits": suspended,
        "totalUnits": total,
        "warningUnits": 0,
        "productSku": {"id": sku_id, "name": name, "skuPartNumber": part_number,
                       "targetType": "User", "licenseGroupId": "group1"},
        "servicePlans": [{**plan, "capabilityStatus": status} for plan in plans],
        "capabilityStatus": status,
        "attributes": {"objectType": "SubscribedSku"},
    }


def subscribed_skus(customer: Customer, now: datetime) -> list[dict[str, Any]]:
    """The customer's pools, in the documented shape, at the virtual time ``now``."""
    units: dict[str, dict[str, Any]] = {}
    for sub in customer.subscriptions:
        if sub.is_software or sub.status not in ("active", "suspended"):
            continue
        key = ":".join(sub.offer_id.upper().split(":")[:2])
        spec = POOLS.get(key)
        if spec is None:
            continue
        entry = units.setdefault(key, {"name": sub.offer_name.removesuffix(" Trial"),
                                       "active": 0, "suspended": 0, "settled": 0})
        entry["suspended" if sub.status == "suspended" else "active"] += sub.quantity
        # Seats are assigned some time after they were bought.
        entry["settled"] += sum(batch.quantity for batch in sub.batches
                                if batch.added_at <= now - ASSIGNED_AFTER) if sub.batches \
            else sub.quantity
    pools = []
    for key, entry in sorted(units.items()):
        spec = POOLS[key]
        held = entry["active"] + entry["suspended"]
        consumed = max(0, min(held, entry["settled"]) - spares(customer, key))
        pools.append(_pool(spec.directory_id or key, entry["name"], spec.part_number,
                           active=entry["active"], suspended=entry["suspended"],
                           consumed=consumed, plans=_plans(spec, "Enabled")))
    if pools and _roll(customer, "free") % 3 == 0:
        sku_id, part, name = _FREE_POOL
        pools.append(_pool(sku_id, name, part, active=10000, suspended=0,
                           consumed=1 + _roll(customer, "free-users") % 4,
                           plans=[{"displayName": "Power Automate Free",
                                   "serviceName": "FLOW_P2_VIRAL",
                                   "id": str(uuid.uuid5(uuid.NAMESPACE_URL,
                                                        "csp-tui-sandbox/plan/FLOW_P2_VIRAL")),
                                   "capabilityStatus": "Enabled", "targetType": "User"}]))
    return pools
