"""The catalog for the profile's country: read from Partner Center (products → SKUs →
availabilities, partner-center-api §6.1) at most once a day into ``cache.db``, and offered to
one customer with the Education gate applied (an Education availability only to a customer
whose Education qualification is approved, with the reason otherwise).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from csp_tui.cache.store.catalog import replace_catalog
from csp_tui.cache.views import customer_detail
from csp_tui.cache.views.catalog import catalog_items, catalog_refreshed_at
from csp_tui.config import Profile
from csp_tui.domain import catalog as rules
from csp_tui.domain.text import safe_text
from csp_tui.i18n import tl
from csp_tui.partner_center.client import PartnerCenterClient
from csp_tui.partner_center.models import Availability, Sku
from csp_tui.timestamps import parse_timestamp, stamp

#: The catalog changes monthly at most; one read a day is plenty (and 2 requests per SKU).
REFRESH_EVERY = timedelta(hours=24)
#: The views read: online services (new commerce) and software (subscriptions and perpetual).
VIEWS = ("OnlineServices", "Software")


def profile_country(profile: Profile) -> str:
    return (profile.country or "CZ").strip().upper()


def catalog_is_fresh(cache: sqlite3.Connection, country: str, now: datetime) -> bool:
    last = parse_timestamp(catalog_refreshed_at(cache, country) or "")
    return last is not None and now - last < REFRESH_EVERY


def _choices(availability: Availability, sku: Sku) -> tuple[rules.Choice, ...]:
    sku_billing = [b.strip().lower() for b in sku.supported_billing_cycles if b.strip()]
    choices: list[rules.Choice] = []
    for term in availability.terms:
        duration = (term.duration or "").strip().upper()
        billing = [b.strip().lower() for b in term.billing_cycles if b.strip()] or sku_billing
        choices += [rules.Choice(duration, cycle) for cycle in billing if duration]
    if not choices:
        # No term: a perpetual licence, bought once.
        choices = [rules.Choice("", rules.ONE_TIME)]
    return rules.in_order(choices)


async def read_catalog(client: PartnerCenterClient, country: str) -> list[rules.CatalogItem]:
    """Every availability of every SKU of every product of the views, for ``country``."""
    items: dict[str, rules.CatalogItem] = {}
    for view in VIEWS:
        for product in await client.list_products(country=country, target_view=view):
            product_type = product.product_type.id if product.product_type else None
            for sku in await client.list_skus(product.id, country=country):
                for availability in await client.list_availabilities(product.id, sku.id,
                                                                     country=country):
                    choices = _choices(availability, sku)
                    item = rules.CatalogItem(
                        product_id=product.id.upper(), sku_id=sku.id.upper(),
                        availability_id=availability.id.upper(),
                        title=safe_text(sku.title or product.title or sku.id, 200),
                        product_title=safe_text(product.title or product.id, 200),
                        kind=rules.kind_of(product_type, [c.term for c in choices]),
                        segment=(availability.segment or "commercial").strip().lower(),
                        country=country.upper(), choices=choices,
                        min_quantity=max(1, sku.minimum_quantity or 1),
                        max_quantity=max(1, sku.maximum_quantity or 1),
                        is_trial=bool(sku.is_trial),
                        purchasable=availability.is_purchasable is not False)
                    items[item.catalog_item_id] = item
    return list(items.values())


async def refresh_catalog(client: PartnerCenterClient, cache: sqlite3.Connection,
                          country: str, *, now: datetime | None = None,
                          force: bool = False) -> int | None:
    """Read the catalog into the cache unless it was read less than a day ago (``force``
    reads anyway). Returns how many availabilities were written, None when it was fresh."""
    moment = now or datetime.now(UTC)
    if not force and catalog_is_fresh(cache, country, moment):
        return None
    items = await read_catalog(client, country)
    return replace_catalog(cache, country, items, now=stamp(moment))


def qualifications_of(cache: sqlite3.Connection,
                      customer_id: str) -> list[tuple[str, str | None]]:
    detail = customer_detail(cache, customer_id.strip().lower())
    if detail is None:
        return []
    return [(q.qualification, q.vetting_status) for q in detail.qualifications]


@dataclass(frozen=True)
class Offered:
    item: rules.CatalogItem
    #: Why it may not be bought for this customer (None: it may).
    gate: str | None


def offered_to(cache: sqlite3.Connection, country: str, customer_id: str | None, *,
               text: str = "", kind: str | None = None,
               limit: int | None = None) -> list[Offered]:
    """The catalog (filtered, the first ``limit``) as offered to a customer; without one,
    ungated."""
    held = qualifications_of(cache, customer_id) if customer_id else None
    return [Offered(item, None if held is None else rules.education_gate(item, held))
            for item in catalog_items(cache, country, text=text, kind=kind, limit=limit)]


def gate_words(gate: str | None, language: str) -> str:
    """Why an Education availability is not offered, in words ("" when it is)."""
    return tl(f"selling.gate.{gate}", language) if gate else ""
