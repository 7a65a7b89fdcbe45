"""A deterministic, Czech demo world: customers of an indirect reseller and its distributor.

Every customer is generated from its own index and the seed alone, so ``World.generate(7, 60)``
is a prefix of ``World.generate(7, 1200)`` and ``World.grow`` continues the same sequence. The first
few customers are hand-written so the demo always shows each interesting case: a purchase inside
the cancellation window, a renewal next month, a suspended and an expired subscription, software
subscriptions billed annually, triennially and monthly, perpetual licences, a school waiting for
education vetting, an approved university and a denied application.

Dates are relative to the moment of generation (``now``): pass a fixed ``now`` for a world that
is identical to the last byte.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from csp_tui import sandbox_identity as identity
from csp_tui.domain.text import fold
from csp_tui.sandbox.clock import add_business_days
from csp_tui.sandbox.demo_catalog import (
    OFFERS,
    PERPETUAL,
    make_entitlement,
    make_subscription,
    random_subscriptions,
)
from csp_tui.sandbox.demo_names import (
    STREETS,
    contact_email,
    domain_prefix,
    guid,
    hex_id,
    make_ico,
    opaque_id,
    phone_number,
    random_contact,
    random_name,
    web_slug,
)
from csp_tui.sandbox.entities import (
    RESERVED_PREFIXES,
    ROLE_PROVIDER,
    ROLE_RESELLER,
    Customer,
    Partner,
    PartnerLink,
    Qualification,
)

# -- uniqueness across the world ---------------------------------------------------------------


class Taken:
    """Names, domains and IČO already used, so generated ones never collide."""

    def __init__(self, customers: Iterable[Customer] = ()) -> None:
        self.names: set[str] = set()
        self.domains: set[str] = set()
        self.icos: set[str] = set()
        for customer in customers:
            self.add(customer)

    def add(self, customer: Customer) -> None:
        self.names.add(customer.company_name.casefold())
        self.domains.update(d.lower() for d in [*customer.all_domains, customer.web_domain])
        if customer.ico:
            self.icos.add(customer.ico)

    def free_prefix(self, prefix: str) -> str:
        candidate, counter = prefix, 1
        while (f"{candidate}.onmicrosoft.com" in self.domains
               or candidate in RESERVED_PREFIXES):
            counter += 1
            candidate = f"{prefix}{counter}"
        return candidate

    def free_web(self, slug: str) -> str:
        candidate, counter = slug, 1
        while f"{candidate}.cz" in self.domains:
            counter += 1
            candidate = f"{slug}{counter}"
        return f"{candidate}.cz"

    def ico(self, rng: random.Random, *, public: bool) -> str:
        while True:
            value = make_ico(rng, public=public)
            if value not in self.icos:
                self.icos.add(value)
                return value


# -- customers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Special:
    name: str
    city: tuple[str, str]
    street: str
    contact: tuple[str, str]
    subscriptions: tuple[tuple[str, str, tuple[str, str] | None], ...]
    custom: tuple[str, ...] = ()
    perpetual: tuple[tuple[str, int, int], ...] = ()  # (product, quantity, days ago)
    qualification: tuple[str, str, str | None, int] | None = None  # segment, status, reason, days
    public: bool = False


SPECIALS: tuple[_Special, ...] = (
    _Special("Šumavská pekárna s.r.o.", ("Prachatice", "38301"), "Nádražní 412/7",
             ("Jana", "Kubešová"),
             (("m365bs", "new", ("P1Y", "monthly")), ("sql_std_3y", "normal", ("P3Y", "triennial")),
              ("exo1", "renewing", ("P1M", "monthly"))),
             custom=("sumavska-pekarna.cz", "pekarnasumava.cz"),
             perpetual=(("ltsc2024", 3, 410),)),
    _Special("Účetnictví Novák s.r.o.", ("Praha 4", "14000"), "Táborská 1522/53",
             ("Petr", "Novák"),
             (("m365bp", "seats_added", ("P1Y", "annual")), ("teams", "autorenew_off",
                                                              ("P1Y", "monthly")),
              ("ws_std_1y", "new", ("P1Y", "annual"))),
             custom=("ucetnictvi-novak.cz",),
             perpetual=(("ws2025", 1, 12), ("ws2025cal", 10, 12))),
    _Special("ZŠ a MŠ Horní Lhota, příspěvková organizace", ("Horní Lhota", "76323"),
             "Horní Lhota 25", ("Marie", "Doležalová"),
             (("m365bb", "normal", ("P1Y", "annual")), ("m365bp_trial", "trial", None)),
             custom=("zshornilhota.cz",), qualification=("K12", "InReview", None, 1),
             public=True),
    _Special("Vysoká škola regionálních studií Jihlava, o.p.s.", ("Jihlava", "58601"),
             "Tolstého 1556/16", ("Tomáš", "Kratochvíl"),
             (("m365a3", "normal", ("P1Y", "annual")), ("o365e3", "suspended", ("P1Y", "monthly"))),
             custom=("vsrs-jihlava.cz", "vsrs.cz"),
             qualification=("HigherEducation", "Approved", None, 200)),
    _Special("Jazyková škola Lingua Praha s.r.o.", ("Praha 2", "12000"), "Londýnská 730/41",
             ("Lucie", "Marková"),
             (("m365bs", "expired", ("P1M", "monthly")), ("m365bb", "deleted", ("P1Y", "monthly")),
              ("sql_ent_1y", "normal", ("P1Y", "monthly"))),
             qualification=("K12", "Denied", "Not an Education Customer", 40)),
    _Special("Ateliér [kontura] s.r.o.", ("Brno", "60200"), "Údolní 567/33",
             ("Ondřej", "Šťastný"),
             (("m365bb", "renewing", ("P1Y", "annual")), ("apps", "normal", ("P1M", "monthly")))),
    _Special("Dvořák & syn s.r.o.", ("Tábor", "39002"), "Budějovická 1911/4",
             ("Karel", "Dvořák"),
             (("m365bp", "normal", ("P1Y", "monthly")), ("ws_std_3y", "normal", ("P3Y", "annual")),
              ("pbi", "autorenew_off", ("P1Y", "annual"))),
             custom=("dvorakasyn.cz", "stavby-dvorak.cz", "dvorak-tabor.cz"),
             perpetual=(("sql2022", 2, 800),)),
)


def _owner(index: int) -> tuple[str | None, str]:
    """(reseller tenant, provider tenant) of the customer with this index."""
    if index == 15:
        return None, identity.PROVIDER_TENANT_ID  # a direct customer of the distributor
    if index % 11 == 9:
        return identity.OTHER_RESELLER_TENANT_ID, identity.PROVIDER_TENANT_ID
    return identity.RESELLER_TENANT_ID, identity.PROVIDER_TENANT_ID


def _customer_id(rng: random.Random, index: int) -> str:
    value = guid(rng)
    if index % 13 == 5:
        # A few ids come back in mixed case, as some real ones do; clients must not care.
        head, _, tail = value.rpartition("-")
        value = f"{head}-{tail.upper()}"
    return value


def make_customer(index: int, seed: int, now: datetime, taken: Taken) -> Customer:
    rng = random.Random(f"csp-sandbox:{seed}:customer:{index}")
    reseller_id, provider_id = _owner(index)
    special = SPECIALS[index] if index < len(SPECIALS) else None
    if special is not None:
        name, place, public = special.name, special.city, special.public
        street, (first, last) = special.street, special.contact
    else:
        name, place, public, in_village = random_name(rng, taken.names)
        first, last = random_contact(rng)
        if in_village:
            street = f"{place[0]} {rng.randint(1, 320)}"
        else:
            street = f"{rng.choice(STREETS)} {rng.randint(100, 2999)}/{rng.randint(1, 90)}"
    prefix = taken.free_prefix(domain_prefix(name))
    if special is not None:
        custom = [d for d in special.custom if d not in taken.domains]
        web = custom[0] if custom else taken.free_web(web_slug(name))
    else:
        web = taken.free_web(web_slug(name))
        custom = []
        count = rng.choices((0, 1, 2, 3), weights=(30, 40, 20, 10))[0]
        slug = web.removesuffix(".cz")
        town = re.sub(r"[^a-z0-9]+", "-", fold(place[0])).strip("-")
        candidates = [web, f"{prefix}.cz"]
        if town not in slug:
            candidates.append(f"{slug}-{town}.cz")
        for candidate in candidates[:count]:
            if candidate not in taken.domains and candidate not in custom:
                custom.append(candidate)
    created = now - timedelta(days=rng.uniform(60, 3000))
    partner_mpn = {
        identity.RESELLER_TENANT_ID: identity.RESELLER_MPN_ID,
        identity.OTHER_RESELLER_TENANT_ID: identity.OTHER_RESELLER_MPN_ID,
    }.get(reseller_id or "", "")
    customer = Customer(
        id=_customer_id(rng, index),
        commerce_id=guid(rng),
        company_name=name,
        domain=f"{prefix}.onmicrosoft.com",
        custom_domains=custom,
        web_domain=web,
        ico=taken.ico(rng, public=public),
        street=street,
        city=place[0],
        postal_code=place[1],
        country="CZ",
        phone=phone_number(rng, place[0]),
        email=contact_email(rng, first, last, web, public=public),
        first_name=first,
        last_name=last,
        culture="cs-CZ",
        language="cs",
        billing_id=guid(rng),
        created_at=created,
        provider_id=provider_id,
        reseller_id=reseller_id,
        allow_delegated_access=created < now - timedelta(days=730),
        contact_name=f"{first} {last}",
    )
    if special is not None:
        for key, scenario, term in special.subscriptions:
            customer.subscriptions.append(
                make_subscription(rng, OFFERS[key], scenario, now, partner_mpn, term))
        for number, (key, quantity, days_ago) in enumerate(special.perpetual):
            purchased = now - timedelta(days=days_ago, hours=rng.uniform(1, 8))
            order = (opaque_id(rng), hex_id(rng, 12)) if number == 0 else (
                customer.entitlements[0].order_id, customer.entitlements[0].alternate_id)
            if number:
                # Lines of one order were bought together: the order's creationDate.
                purchased = customer.entitlements[0].purchase_date
            customer.entitlements.append(
                make_entitlement(rng, key, quantity, purchased, order, line=number))
        if special.qualification is not None:
            segment, status, reason, days_ago = special.qualification
            created_q = now - timedelta(days=days_ago)
            customer.qualifications.append(Qualification(
                qualification="Education",
                vetting_status=status,
                vetting_created=created_q,
                vetting_due=add_business_days(created_q, 3) if status == "InReview" else None,
                outcome="Approved" if status == "InReview" else status,
                vetting_reason=reason,
                outcome_reason=reason,
                education_segment=segment,
                website=customer.custom_domains[0] if customer.custom_domains else None,
            ))
    else:
        customer.subscriptions = random_subscriptions(rng, now, partner_mpn, school=public)
        if not public and rng.random() < 0.25:
            keys = rng.sample(sorted(PERPETUAL), rng.randint(1, 2))
            purchased = now - timedelta(days=rng.uniform(5, 1500))
            order = (opaque_id(rng), hex_id(rng, 12))
            for line, key in enumerate(keys):
                customer.entitlements.append(make_entitlement(
                    rng, key, rng.randint(1, 10 if key == "ws2025cal" else 4), purchased,
                    order, line))
    taken.add(customer)
    return customer


# -- prospects: tenants that will accept the reseller's invitation (or never) -----------------

PROSPECTS: tuple[tuple[str, tuple[str, str], str, tuple[str, str], float | None], ...] = (
    ("Pivovar Hradní sklep s.r.o.", ("Český Krumlov", "38101"), "Latrán 54/12",
     ("Vojtěch", "Hájek"), 90.0),
    ("Zubní ordinace Úsměv s.r.o.", ("Hradec Králové", "50002"), "Gočárova třída 1754/48",
     ("Simona", "Bartošová"), 600.0),
    ("Kamenný most stavby a.s.", ("Plzeň", "30100"), "Klatovská třída 2960/77",
     ("Jiří", "Polák"), 2 * 86400.0),
    ("Zahradnictví Lípa s.r.o.", ("Kolín", "28002"), "Polepská 1068/3",
     ("Hana", "Musilová"), 5 * 86400.0),
    ("Spolek přátel Třeboňska, z.s.", ("Třeboň", "37901"), "Masarykovo náměstí 89/20",
     ("Alena", "Šimková"), None),
)


def make_prospect(number: int, seed: int, now: datetime, taken: Taken) -> Customer:
    name, place, street, (first, last), accepts_after = PROSPECTS[number]
    rng = random.Random(f"csp-sandbox:{seed}:prospect:{number}")
    prefix = taken.free_prefix(domain_prefix(name))
    web = taken.free_web(web_slug(name))
    customer = Customer(
        id=guid(rng),
        commerce_id=guid(rng),
        company_name=name,
        domain=f"{prefix}.onmicrosoft.com",
        custom_domains=[web],
        web_domain=web,
        ico=taken.ico(rng, public=False),
        street=street,
        city=place[0],
        postal_code=place[1],
        country="CZ",
        phone=phone_number(rng, place[0]),
        email=f"{fold(first)}.{fold(last)}@{web}",
        first_name=first,
        last_name=last,
        culture="cs-CZ",
        language="cs",
        billing_id=guid(rng),
        created_at=now - timedelta(days=rng.uniform(200, 2500)),
        state="prospect",
        accepts_after=accepts_after,
        was_prospect=True,
        contact_name=f"{first} {last}",
    )
    taken.add(customer)
    return customer


# -- the world ----------------------------------------------------------------------------------


def demo_partners() -> tuple[list[Partner], list[PartnerLink]]:
    partners = [
        Partner(identity.PROVIDER_TENANT_ID, identity.PROVIDER_NAME, identity.PROVIDER_MPN_ID,
                ROLE_PROVIDER),
        Partner(identity.RESELLER_TENANT_ID, identity.RESELLER_NAME, identity.RESELLER_MPN_ID,
                ROLE_RESELLER),
        Partner(identity.OTHER_RESELLER_TENANT_ID, identity.OTHER_RESELLER_NAME,
                identity.OTHER_RESELLER_MPN_ID, ROLE_RESELLER),
    ]
    links = [
        PartnerLink(identity.PROVIDER_TENANT_ID, identity.RESELLER_TENANT_ID),
        PartnerLink(identity.PROVIDER_TENANT_ID, identity.OTHER_RESELLER_TENANT_ID),
    ]
    return partners, links
