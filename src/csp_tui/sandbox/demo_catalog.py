"""What the demo world sells: the online services and software subscriptions (with the terms
and billing cycles each is sold on), the perpetual licences, the product catalog Partner
Center answers from, and subscriptions and licences made in a given situation."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from csp_tui.domain import catalog as rules
from csp_tui.sandbox.clock import TERM_MONTHS, add_months, midnight, term_end
from csp_tui.sandbox.demo_names import NICKNAMES, guid, hex_id, opaque_id
from csp_tui.sandbox.entities import (
    Entitlement,
    SeatBatch,
    Subscription,
)

# -- the catalogue ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Offer:
    product_id: str
    sku_id: str
    availability_id: str
    name: str
    product_type: str  # OnlineServicesNCE | Software
    terms: tuple[tuple[str, str], ...]  # (termDuration, billingCycle) combinations sold
    min_quantity: int = 1
    max_quantity: int = 300
    is_trial: bool = False
    segment: str = "commercial"

    @property
    def offer_id(self) -> str:
        return f"{self.product_id}:{self.sku_id}:{self.availability_id}"


_NCE_TERMS = (("P1M", "monthly"), ("P1Y", "monthly"), ("P1Y", "annual"))
_SW_1Y = (("P1Y", "annual"), ("P1Y", "monthly"))
_SW_3Y = (("P3Y", "triennial"), ("P3Y", "annual"), ("P3Y", "monthly"))

OFFERS: dict[str, Offer] = {
    "m365bb": Offer("CFQ7TTC0LH18", "0001", "CFQ7TTC0K971", "Microsoft 365 Business Basic",
                    "OnlineServicesNCE", _NCE_TERMS),
    "m365bs": Offer("CFQ7TTC0LDPB", "0001", "CFQ7TTC0K5DM", "Microsoft 365 Business Standard",
                    "OnlineServicesNCE", _NCE_TERMS),
    "m365bp": Offer("CFQ7TTC0LCHC", "0002", "CFQ7TTC0K5BF", "Microsoft 365 Business Premium",
                    "OnlineServicesNCE", _NCE_TERMS),
    "exo1": Offer("CFQ7TTC0LH16", "0001", "CFQ7TTC0K8P5", "Exchange Online (Plan 1)",
                  "OnlineServicesNCE", _NCE_TERMS, max_quantity=5000),
    "teams": Offer("CFQ7TTC0QW5P", "0002", "CFQ7TTC0RM6T", "Microsoft Teams Essentials",
                   "OnlineServicesNCE", _NCE_TERMS),
    "o365e3": Offer("CFQ7TTC0LF8Q", "0001", "CFQ7TTC0K94Z", "Office 365 E3",
                    "OnlineServicesNCE", _NCE_TERMS, max_quantity=5000),
    "apps": Offer("CFQ7TTC0LH1G", "0001", "CFQ7TTC0K8RG", "Microsoft 365 Apps for business",
                  "OnlineServicesNCE", _NCE_TERMS),
    "pbi": Offer("CFQ7TTC0L3PB", "0001", "CFQ7TTC0K6P6", "Power BI Pro",
                 "OnlineServicesNCE", _NCE_TERMS, max_quantity=5000),
    "m365bp_trial": Offer("CFQ7TTC0LCHC", "0007", "CFQ7TTC0QWMB",
                          "Microsoft 365 Business Premium Trial", "OnlineServicesNCE",
                          (("P1M", "monthly"),), max_quantity=25, is_trial=True),
    "m365a3": Offer("CFQ7TTC0LFLX", "0003", "CFQ7TTC0KLBK", "Microsoft 365 A3 for faculty",
                    "OnlineServicesNCE", (("P1Y", "annual"), ("P1Y", "monthly")),
                    max_quantity=10000, segment="education"),
    "o365a3s": Offer("CFQ7TTC0LF8S", "0002", "CFQ7TTC0KLBN", "Office 365 A3 for students",
                     "OnlineServicesNCE", (("P1Y", "annual"), ("P1Y", "monthly")),
                     max_quantity=10000, segment="education"),
    "sql_std_1y": Offer("DG7GMGF0FKZV", "0001", "DG7GMGF0P8K4",
                        "SQL Server Standard - 2 Core License Pack - 1 year", "Software",
                        _SW_1Y, max_quantity=50),
    "sql_std_3y": Offer("DG7GMGF0FKZV", "0002", "DG7GMGF0P8K5",
                        "SQL Server Standard - 2 Core License Pack - 3 year", "Software",
                        _SW_3Y, max_quantity=50),
    "sql_ent_1y": Offer("DG7GMGF0FLR2", "0001", "DG7GMGF0P9D1",
                        "SQL Server Enterprise - 2 Core License Pack - 1 year", "Software",
                        _SW_1Y, max_quantity=50),
    "sql_ent_3y": Offer("DG7GMGF0FLR2", "0002", "DG7GMGF0P9D2",
                        "SQL Server Enterprise - 2 Core License Pack - 3 year", "Software",
                        _SW_3Y, max_quantity=50),
    "ws_std_1y": Offer("DG7GMGF0D65N", "0001", "DG7GMGF0M8ZQ",
                       "Windows Server Standard - 16 Core License Pack - 1 year", "Software",
                       _SW_1Y, max_quantity=50),
    "ws_std_3y": Offer("DG7GMGF0D65N", "0002", "DG7GMGF0M8ZR",
                       "Windows Server Standard - 16 Core License Pack - 3 year", "Software",
                       _SW_3Y, max_quantity=50),
}
_NCE_KEYS = ("m365bb", "m365bs", "m365bp", "exo1", "teams", "o365e3", "apps", "pbi")
_SOFTWARE_KEYS = ("sql_std_1y", "sql_std_3y", "sql_ent_1y", "sql_ent_3y", "ws_std_1y",
                  "ws_std_3y")


@dataclass(frozen=True)
class PerpetualProduct:
    product_id: str
    sku_id: str
    name: str
    included: tuple[str, ...] = ()
    availability_id: str = ""
    max_quantity: int = 100


PERPETUAL: dict[str, PerpetualProduct] = {
    "ws2025": PerpetualProduct("DG7GMGF0PWJ9", "0002",
                               "Windows Server 2025 Standard - 16 Core License Pack",
                               ("DG7GMGF0PWJ8:0001",), "DG7GMGF0PS4M"),
    "sql2022": PerpetualProduct("DG7GMGF0PV3R", "0001",
                                "SQL Server 2022 Standard - 2 Core License Pack",
                                availability_id="DG7GMGF0PT7K"),
    "ltsc2024": PerpetualProduct("DG7GMGF0PX2K", "0002", "Office LTSC Professional Plus 2024",
                                 availability_id="DG7GMGF0PQ1D"),
    "ws2025cal": PerpetualProduct("DG7GMGF0PWJB", "0003", "Windows Server 2025 - 1 User CAL",
                                  availability_id="DG7GMGF0PS5N", max_quantity=500),
}

#: The countries the sandbox sells in (the demo partners are Czech).
CATALOG_COUNTRIES = ("CZ",)

def _product_title(offer_name: str) -> str:
    """The product's title: a SKU name without its term ("... - 1 year")."""
    for suffix in (" - 1 year", " - 3 year"):
        if offer_name.endswith(suffix):
            return offer_name[: -len(suffix)]
    return offer_name.removesuffix(" Trial")


def catalog_product(product_id: str) -> tuple[str, str, str] | None:
    """(title, description, productType id) of a product the sandbox sells, or None.

    Products included in a perpetual licence (e.g. the previous version a licence grants
    downgrade rights to) are deliberately not in the catalog: Partner Center answers 404
    (400013) for retired products, and a client must say so rather than show a bare id.
    """
    wanted = product_id.strip().upper()
    for product in PERPETUAL.values():
        if product.product_id == wanted:
            return (product.name, f"{product.name} (perpetual licence).", "Software")
    for offer in OFFERS.values():
        if offer.product_id == wanted:
            title = _product_title(offer.name)
            return (title, title, offer.product_type)
    return None


def catalog_items(country: str) -> list[rules.CatalogItem]:
    """Every availability the sandbox sells in ``country`` (none outside its countries):
    online services and software subscriptions with their terms, perpetual licences
    (``one_time``, no term), commercial and Education."""
    code = country.strip().upper()
    if code not in CATALOG_COUNTRIES:
        return []
    items = []
    for offer in OFFERS.values():
        kind = rules.kind_of(offer.product_type, [term for term, _ in offer.terms])
        items.append(rules.CatalogItem(
            offer.product_id, offer.sku_id, offer.availability_id, offer.name,
            _product_title(offer.name), kind, offer.segment, code,
            tuple(rules.Choice(term, billing) for term, billing in offer.terms),
            offer.min_quantity, offer.max_quantity, offer.is_trial))
    for product in PERPETUAL.values():
        if not product.availability_id:
            continue
        items.append(rules.CatalogItem(
            product.product_id, product.sku_id, product.availability_id, product.name,
            product.name, rules.KIND_PERPETUAL, rules.SEGMENT_COMMERCIAL, code,
            (rules.Choice("", rules.ONE_TIME),), 1, product.max_quantity))
    return items


def catalog_item(catalog_item_id: str, country: str) -> rules.CatalogItem | None:
    wanted = rules.split_catalog_item_id(catalog_item_id)
    for item in catalog_items(country):
        if wanted == (item.product_id, item.sku_id, item.availability_id):
            return item
    return None


# -- subscriptions -------------------------------------------------------------------------------


def make_subscription(
    rng: random.Random,
    offer: Offer,
    scenario: str,
    now: datetime,
    partner_id: str,
    term: tuple[str, str] | None = None,
    quantity: int | None = None,
) -> Subscription:
    """One subscription in a given situation.

    Scenarios: ``normal`` (active, outside every window), ``renewing`` (term ends within 30
    days), ``new`` (bought less than 7 days ago), ``seats_added`` (a few seats added this week),
    ``autorenew_off``, ``suspended``, ``expired``, ``deleted`` (cancelled in its window),
    ``trial``.
    """
    term_duration, billing_cycle = term or rng.choice(offer.terms)
    months = TERM_MONTHS[term_duration]
    if quantity is None:
        top = min(offer.max_quantity, 16 if offer.product_type == "Software" else 40)
        quantity = rng.randint(max(offer.min_quantity, 1), max(top, 2))
    if offer.is_trial:
        quantity = offer.max_quantity
    today = now.date()
    status, auto_renew = "active", True
    changed: datetime | None = None
    batches_extra: list[SeatBatch] = []

    if scenario in ("new", "trial"):
        hours = rng.uniform(3, 6.5 * 24) if scenario == "new" else rng.uniform(3 * 24, 20 * 24)
        term_start = now - timedelta(hours=hours)
        creation = term_start
        end = term_end(term_start, term_duration)
        auto_renew = scenario == "new"
    elif scenario in ("expired", "deleted"):
        if scenario == "expired":
            end_day = today - timedelta(days=rng.randint(1, 25))
            start_day = add_months(end_day + timedelta(days=1), -months)
            term_start = midnight(start_day) + timedelta(hours=rng.uniform(8, 17))
            changed = midnight(end_day + timedelta(days=1))
        else:
            term_start = now - timedelta(days=rng.uniform(20, 200))
            changed = term_start + timedelta(days=rng.uniform(1, 6))
        creation = term_start
        end = term_end(term_start, term_duration)
        status, auto_renew = scenario, False
    else:
        term_days = (add_months(today, months) - today).days
        latest = max(1, term_days - 8)  # the term began more than 7 days ago
        if scenario == "renewing":
            days_left = rng.randint(1, min(30, latest))
        else:
            days_left = rng.randint(min(31, latest), latest)
        end_day = today + timedelta(days=days_left)
        start_day = add_months(end_day + timedelta(days=1), -months)
        renewals = rng.randint(0, 12 if months == 1 else 2)
        first_day = add_months(start_day, -months * renewals)
        creation = midnight(first_day) + timedelta(hours=rng.uniform(8, 17))
        term_start = creation if renewals == 0 else midnight(start_day)
        end = midnight(end_day)
        if scenario == "autorenew_off":
            auto_renew = False
        elif scenario == "suspended":
            status, auto_renew = "suspended", False
            changed = max(term_start, now - timedelta(days=rng.uniform(2, 20)))
        elif scenario == "seats_added":
            quantity = max(quantity, 4)
            added = rng.randint(1, min(5, quantity - 1))
            batches_extra = [SeatBatch(added, now - timedelta(days=rng.uniform(1, 5)))]

    extra = sum(b.quantity for b in batches_extra)
    friendly = offer.name if rng.random() < 0.8 else f"{offer.name} – {rng.choice(NICKNAMES)}"
    return Subscription(
        id=guid(rng),
        offer_id=offer.offer_id,
        offer_name=offer.name,
        friendly_name=friendly,
        product_type=offer.product_type,
        quantity=quantity,
        min_quantity=offer.min_quantity,
        max_quantity=offer.max_quantity,
        billing_cycle=billing_cycle,
        term_duration=term_duration,
        status=status,
        auto_renew=auto_renew and not offer.is_trial,
        is_trial=offer.is_trial,
        creation_date=creation,
        term_start=term_start,
        commitment_end=end,
        partner_id=partner_id,
        order_id=hex_id(rng, 12),
        batches=[SeatBatch(quantity - extra, term_start), *batches_extra],
        status_changed_at=changed,
    )


def random_subscriptions(rng: random.Random, now: datetime, partner_id: str,
                          *, school: bool) -> list[Subscription]:
    count = rng.choices((1, 2, 3, 4, 5, 6), weights=(22, 30, 22, 13, 8, 5))[0]
    scenarios = ("normal", "renewing", "new", "seats_added", "autorenew_off", "suspended",
                 "expired", "deleted")
    weights = (55, 10, 6, 5, 8, 4, 5, 4)
    subs = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.03:
            subs.append(make_subscription(rng, OFFERS["m365bp_trial"], "trial", now, partner_id))
            continue
        if roll < 0.2 and not school:
            offer = OFFERS[rng.choice(_SOFTWARE_KEYS)]
        else:
            offer = OFFERS[rng.choice(_NCE_KEYS)]
        scenario = rng.choices(scenarios, weights=weights)[0]
        subs.append(make_subscription(rng, offer, scenario, now, partner_id))
    return subs


def make_entitlement(rng: random.Random, key: str, quantity: int, purchased: datetime,
                     order: tuple[str, str] | None = None, line: int = 0) -> Entitlement:
    product = PERPETUAL[key]
    order_id, alternate = order or (opaque_id(rng), hex_id(rng, 12))
    return Entitlement(
        product_id=product.product_id,
        sku_id=product.sku_id,
        product_name=product.name,
        quantity=quantity,
        order_id=order_id,
        alternate_id=alternate,
        line_item_id=str(line),
        purchase_date=purchased,
        included=list(product.included),
    )
