"""What one customer's detail read needs beyond the lists, read where Partner Center gives it.

The sync worker's per-customer step calls :func:`complete` once with the parts it read:
subscriptions get their ``refundableQuantity`` from ``GET …/subscriptions/{id}`` where seats may
be removable (:mod:`~csp_tui.services.refundable_seats`), perpetual licences get their names from
the product catalog and their purchase dates from their orders
(:mod:`~csp_tui.services.entitlement_names`).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from csp_tui.services import entitlement_names, refundable_seats

if TYPE_CHECKING:
    from csp_tui.config import Profile
    from csp_tui.partner_center.client import PartnerCenterClient


async def complete(client: PartnerCenterClient, cache: sqlite3.Connection, profile: Profile,
                   customer_id: str, subscriptions: list[Any] | None, entitlements: list[Any] | None
                   ) -> tuple[list[Any] | None, list[Any] | None]:
    """(subscriptions, entitlements) completed; a part that was not read (None) stays None."""
    subscriptions = await refundable_seats.with_refundable_seats(
        client, cache, customer_id, subscriptions)
    named = await entitlement_names.name_entitlements(
        client, cache, profile, customer_id, entitlements)
    return subscriptions, named
