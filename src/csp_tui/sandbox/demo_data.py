"""A deterministic, Czech demo world: customers of an indirect reseller and its distributor.

Every customer is generated from its own index and the seed alone, so ``World.generate(7, 60)``
is a prefix of ``World.generate(7, 1200)`` and ``grow`` continues the same sequence. The first
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
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from csp_tui import sandbox_identity as identity
from csp_tui.domain.text import fold
from csp_tui.sandbox.clock import VirtualClock, add_business_days, add_months, midnight, utc_now
from csp_tui.sandbox.rules import TERM_MONTHS, ico_check_digit, term_end
from csp_tui.sandbox.world import (
    RESERVED_PREFIXES,
    ROLE_PROVIDER,
    ROLE_RESELLER,
    Customer,
    Entitlement,
    Partner,
    PartnerLink,
    Qualification,
    SeatBatch,
    Subscription,
    World,
)
from csp_tui.sandbox_identity import DEFAULT_CUSTOMERS

# -- IČO -----------------------------------------------------------------------------------


def make_ico(rng: random.Random, *, public: bool = False) -> str:
    # Public bodies (schools, municipalities) tend to have old numbers starting with 0 or 7.
    lead = rng.choice("07") if public else rng.choice("2345678")
    first_seven = lead + f"{rng.randrange(10**6):06d}"
    return first_seven + str(ico_check_digit(first_seven))


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
                    max_quantity=10000),
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


PERPETUAL: dict[str, PerpetualProduct] = {
    "ws2025": PerpetualProduct("DG7GMGF0PWJ9", "0002",
                               "Windows Server 2025 Standard - 16 Core License Pack",
                               ("DG7GMGF0PWJ8:0001",)),
    "sql2022": PerpetualProduct("DG7GMGF0PV3R", "0001",
                                "SQL Server 2022 Standard - 2 Core License Pack"),
    "ltsc2024": PerpetualProduct("DG7GMGF0PX2K", "0002", "Office LTSC Professional Plus 2024"),
    "ws2025cal": PerpetualProduct("DG7GMGF0PWJB", "0003", "Windows Server 2025 - 1 User CAL"),
}

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


# -- Czech names and places --------------------------------------------------------------------

# (city, PSČ) — the PSČ's first digit matches the region (1 Praha, 2 Central Bohemia, 3 South
# and West Bohemia, 4 North Bohemia, 5 East Bohemia, 6 South Moravia, 7 North Moravia).
CITIES: tuple[tuple[str, str], ...] = (
    ("Praha 1", "11000"), ("Praha 2", "12000"), ("Praha 3", "13000"), ("Praha 4", "14000"),
    ("Praha 5", "15000"), ("Praha 6", "16000"), ("Praha 7", "17000"), ("Praha 8", "18000"),
    ("Praha 9", "19000"), ("Praha 10", "10000"),
    ("Brno", "60200"), ("Brno", "61200"), ("Brno", "61500"), ("Brno", "62300"),
    ("Ostrava", "70200"), ("Ostrava", "70800"), ("Plzeň", "30100"), ("Plzeň", "32600"),
    ("České Budějovice", "37001"), ("České Budějovice", "37004"), ("Liberec", "46001"),
    ("Olomouc", "77900"), ("Hradec Králové", "50002"), ("Hradec Králové", "50003"),
    ("Pardubice", "53002"), ("Ústí nad Labem", "40001"), ("Zlín", "76001"),
    ("Jihlava", "58601"), ("Karlovy Vary", "36001"), ("Kladno", "27201"), ("Tábor", "39002"),
    ("Prachatice", "38301"), ("Třebíč", "67401"), ("Mladá Boleslav", "29301"),
    ("Kolín", "28002"), ("Znojmo", "66902"), ("Opava", "74601"), ("Trutnov", "54101"),
    ("Písek", "39701"), ("Klatovy", "33901"), ("Teplice", "41501"),
    ("Havlíčkův Brod", "58001"), ("Kroměříž", "76701"), ("Uherské Hradiště", "68601"),
    ("Přerov", "75002"), ("Český Krumlov", "38101"), ("Třeboň", "37901"),
)
VILLAGES: tuple[tuple[str, str], ...] = (
    ("Horní Lhota", "76323"), ("Dolní Lhota", "74766"), ("Lhotka", "59451"),
    ("Nová Ves", "46331"), ("Březová", "68767"), ("Petrovice", "26255"),
    ("Olešnice", "67974"), ("Kamenice", "25168"), ("Radostín", "59203"),
    ("Záboří", "38734"), ("Strážov", "34021"), ("Heřmanice", "54212"),
)
STREETS = (
    "Husova", "Masarykova", "Nádražní", "Palackého", "Komenského", "Tyršova", "Žižkova",
    "Jiráskova", "Smetanova", "Riegrova", "Dlouhá", "Školní", "Zahradní", "Lidická",
    "Sokolská", "Průmyslová", "Pražská", "Brněnská", "Havlíčkova", "Nerudova", "Wilsonova",
    "Legionářů", "U Stadionu", "Na Výsluní", "Krátká", "Polní", "Lipová", "Okružní",
    "Bezručova", "Čechova", "Třída Svobody", "Náměstí Míru",
)
MALE_FIRST = ("Jan", "Petr", "Josef", "Pavel", "Martin", "Tomáš", "Jiří", "Jaroslav",
              "Miroslav", "Zdeněk", "Václav", "Michal", "František", "Lukáš", "Jakub", "David",
              "Ondřej", "Radek", "Vojtěch", "Karel")
FEMALE_FIRST = ("Jana", "Marie", "Eva", "Hana", "Anna", "Lenka", "Kateřina", "Lucie", "Věra",
                "Alena", "Petra", "Veronika", "Martina", "Tereza", "Zuzana", "Markéta", "Ivana",
                "Simona", "Michaela", "Barbora")
SURNAMES = (
    ("Novák", "Nováková"), ("Svoboda", "Svobodová"), ("Novotný", "Novotná"),
    ("Dvořák", "Dvořáková"), ("Černý", "Černá"), ("Procházka", "Procházková"),
    ("Kučera", "Kučerová"), ("Veselý", "Veselá"), ("Horák", "Horáková"), ("Němec", "Němcová"),
    ("Marek", "Marková"), ("Pospíšil", "Pospíšilová"), ("Pokorný", "Pokorná"),
    ("Hájek", "Hájková"), ("Král", "Králová"), ("Jelínek", "Jelínková"),
    ("Růžička", "Růžičková"), ("Beneš", "Benešová"), ("Fiala", "Fialová"),
    ("Sedláček", "Sedláčková"), ("Doležal", "Doležalová"), ("Zeman", "Zemanová"),
    ("Kolář", "Kolářová"), ("Navrátil", "Navrátilová"), ("Čermák", "Čermáková"),
    ("Vaněk", "Vaňková"), ("Urban", "Urbanová"), ("Blažek", "Blažková"), ("Kříž", "Křížová"),
    ("Kovář", "Kovářová"), ("Bartoš", "Bartošová"), ("Vlček", "Vlčková"),
    ("Šimek", "Šimková"), ("Kratochvíl", "Kratochvílová"), ("Štěpánek", "Štěpánková"),
    ("Polák", "Poláková"), ("Holub", "Holubová"), ("Musil", "Musilová"),
    ("Šťastný", "Šťastná"), ("Řezníček", "Řezníčková"),
)
# Regional adjectives (masculine, feminine, neuter) and the towns they fit.
ADJECTIVES: tuple[tuple[tuple[str, str, str], tuple[str, ...]], ...] = (
    (("Šumavský", "Šumavská", "Šumavské"), ("Prachatice", "Klatovy", "Český Krumlov")),
    (("Jihočeský", "Jihočeská", "Jihočeské"),
     ("České Budějovice", "Tábor", "Písek", "Třeboň", "Český Krumlov")),
    (("Moravský", "Moravská", "Moravské"),
     ("Brno", "Olomouc", "Zlín", "Přerov", "Kroměříž", "Znojmo", "Uherské Hradiště")),
    (("Krkonošský", "Krkonošská", "Krkonošské"), ("Trutnov",)),
    (("Vysočinský", "Vysočinská", "Vysočinské"), ("Jihlava", "Třebíč", "Havlíčkův Brod")),
    (("Pražský", "Pražská", "Pražské"), ("Praha",)),
    (("Polabský", "Polabská", "Polabské"), ("Kolín", "Pardubice", "Mladá Boleslav")),
    (("Slezský", "Slezská", "Slezské"), ("Opava", "Ostrava")),
    (("Valašský", "Valašská", "Valašské"), ("Zlín",)),
    (("Hanácký", "Hanácká", "Hanácké"), ("Olomouc", "Přerov", "Kroměříž")),
    (("Brněnský", "Brněnská", "Brněnské"), ("Brno",)),
    (("Plzeňský", "Plzeňská", "Plzeňské"), ("Plzeň",)),
    (("Chodský", "Chodská", "Chodské"), ("Klatovy",)),
    (("Severočeský", "Severočeská", "Severočeské"), ("Ústí nad Labem", "Teplice", "Liberec")),
    (("Beskydský", "Beskydská", "Beskydské"), ("Ostrava",)),
    (("Orlický", "Orlická", "Orlické"), ("Hradec Králové",)),
    (("Podještědský", "Podještědská", "Podještědské"), ("Liberec",)),
    (("Karlovarský", "Karlovarská", "Karlovarské"), ("Karlovy Vary",)),
)
NOUNS = (
    ("pekárna", 1), ("truhlárna", 1), ("strojírna", 1), ("tiskárna", 1), ("mlékárna", 1),
    ("cukrárna", 1), ("autodoprava", 1), ("projekční kancelář", 1), ("účetní kancelář", 1),
    ("realitní kancelář", 1), ("veterinární klinika", 1), ("stavební společnost", 1),
    ("cestovní kancelář", 1), ("pivovar", 0), ("velkoobchod", 0), ("lihovar", 0),
    ("autoservis", 0), ("statek", 0), ("stavební podnik", 0), ("zahradnictví", 2),
    ("vinařství", 2), ("knihkupectví", 2), ("zámečnictví", 2), ("sklenářství", 2),
)
TRADES = (
    "Účetnictví", "Autoservis", "Stavby", "Elektro", "Instalatérství", "Truhlářství",
    "Kamenictví", "Malířství", "Tesařství", "Pneuservis", "Klempířství", "Geodezie",
    "Daňové poradenství", "Projekce", "Kadeřnictví", "Řeznictví", "Pekařství", "Doprava",
)
BRANDS = ("Alfa", "Orion", "Vega", "Sirius", "Atlas", "Kompas", "Horizont", "Javor", "Lípa",
          "Proxima", "Delta", "Kvadrant", "Spektrum", "Meridian", "Prisma", "Vektor", "Fénix",
          "Jiskra", "Perla", "Karat")
BRAND_PATTERNS = (
    "{b} Software s.r.o.", "{b} Trade s.r.o.", "{b} Logistik s.r.o.", "{b} Consulting s.r.o.",
    "{b} Technology a.s.", "Cestovní kancelář {b} s.r.o.", "Stavební firma {b} s.r.o.",
    "Realitní kancelář {b} s.r.o.", "{b} Group a.s.", "{b} Invest a.s.", "Studio {b} s.r.o.",
    "Hotel {b} {c} s.r.o.", "{b} {c} spol. s r.o.",
)
PUBLIC_PATTERNS = (
    "ZŠ a MŠ {v}, příspěvková organizace", "Základní škola {v}, příspěvková organizace",
    "Mateřská škola {v}, příspěvková organizace", "Gymnázium {c}, příspěvková organizace",
    "Střední odborná škola {c}, příspěvková organizace",
    "Městská knihovna {c}, příspěvková organizace",
    "Domov pro seniory {c}, příspěvková organizace",
    "Technické služby {c}, příspěvková organizace",
    "Dům dětí a mládeže {c}, příspěvková organizace",
)
NONPROFIT_PATTERNS = (
    "TJ Sokol {v}, z.s.", "SDH {v}, z.s.", "Spolek přátel obce {v}, z.s.",
    "Fotbalový klub {c}, z.s.", "Centrum sociálních služeb {b}, o.p.s.", "Hospic {b}, z.ú.",
    "Nadační fond {b}",
)
NICKNAMES = ("Kancelář", "Vedení", "Provoz", "Sklad a expedice", "Účtárna", "Obchod",
             "Pobočka", "Učitelé")

_LEGAL_FORM = re.compile(
    r"(,\s*|\s+)(s\.\s?r\.\s?o\.|spol\. s r\.\s?o\.|a\.\s?s\.|v\.\s?o\.\s?s\.|k\.\s?s\.|"
    r"z\.\s?s\.|z\.\s?ú\.|o\.\s?p\.\s?s\.|příspěvková organizace)\s*$"
)
_MOBILE = ("601", "602", "603", "604", "605", "606", "607", "608", "720", "721", "724", "725",
           "730", "731", "732", "736", "737", "739", "773", "774", "775", "776", "777", "790")


def strip_legal_form(name: str) -> str:
    previous = None
    while previous != name:
        previous = name
        name = _LEGAL_FORM.sub("", name).strip()
    return name


def _words(name: str) -> list[str]:
    base = fold(strip_legal_form(name)).replace("&", " ")
    return [w for w in re.split(r"[^a-z0-9]+", base) if w]


def domain_prefix(name: str) -> str:
    """``Šumavská pekárna s.r.o.`` -> ``sumavskapekarna`` (letters and digits only)."""
    words = _words(name) or ["firma"]
    compact = "".join(words)
    if len(compact) > 22:
        compact = "".join(w[0] for w in words[:-1]) + words[-1]
    return compact[:40]


def web_slug(name: str) -> str:
    words = _words(name) or ["firma"]
    slug = "-".join(words)
    return slug if len(slug) <= 40 else domain_prefix(name)


def _guid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _hex(rng: random.Random, length: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(length))


def _opaque(rng: random.Random, length: int = 33) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(alphabet) for _ in range(length))


def _phone(rng: random.Random, city: str) -> str:
    if rng.random() < 0.6:
        prefix = rng.choice(_MOBILE)
    elif city.startswith("Praha"):
        prefix = "2" + f"{rng.randrange(100):02d}"
    else:
        prefix = rng.choice("345") + f"{rng.randrange(100):02d}"
    return "+420" + prefix + f"{rng.randrange(10**6):06d}"


# -- uniqueness across the world ---------------------------------------------------------------


class _Taken:
    """Names, domains and IČO already used, so generated ones never collide."""

    def __init__(self, world: World | None = None) -> None:
        self.names: set[str] = set()
        self.domains: set[str] = set()
        self.icos: set[str] = set()
        if world is not None:
            for customer in world.customers:
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
        id=_guid(rng),
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
        order_id=_hex(rng, 12),
        batches=[SeatBatch(quantity - extra, term_start), *batches_extra],
        status_changed_at=changed,
    )


def _random_subscriptions(rng: random.Random, now: datetime, partner_id: str,
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
    order_id, alternate = order or (_opaque(rng), _hex(rng, 12))
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


def _random_name(rng: random.Random, taken: _Taken) -> tuple[str, tuple[str, str], bool, bool]:
    """(company name, (city, PSČ), is public body, lives in a village)."""
    for attempt in range(40):
        kind = rng.choices(("adj", "trade", "brand", "partners", "public", "nonprofit"),
                           weights=(25, 25, 20, 8, 12, 10))[0]
        city = rng.choice(CITIES)
        village = rng.choice(VILLAGES)
        in_village = False
        city_name = city[0].split(" ")[0] if city[0].startswith("Praha") else city[0]
        if kind == "adj":
            forms, towns = rng.choice(ADJECTIVES)
            noun, gender = rng.choice(NOUNS)
            form = rng.choices(("s.r.o.", "a.s.", "spol. s r.o."), weights=(75, 20, 5))[0]
            name = f"{forms[gender]} {noun} {form}"
            # A regional name sits in its region.
            town = rng.choice(towns)
            city = rng.choice([c for c in CITIES if c[0] == town or c[0].startswith(f"{town} ")])
        elif kind == "trade":
            name = f"{rng.choice(TRADES)} {rng.choice(SURNAMES)[0]} s.r.o."
        elif kind == "brand":
            name = rng.choice(BRAND_PATTERNS).format(b=rng.choice(BRANDS), c=city_name)
        elif kind == "partners":
            first, second = rng.sample(SURNAMES, 2)
            name = rng.choice((
                f"{first[0]} & syn s.r.o.", f"{first[0]} a {second[0]}, v.o.s.",
                f"{first[0]} & {second[0]}, advokátní kancelář s.r.o.",
                f"{first[0]} a partneři s.r.o.",
            ))
        else:
            patterns = PUBLIC_PATTERNS if kind == "public" else NONPROFIT_PATTERNS
            pattern = rng.choice(patterns)
            in_village = "{v}" in pattern
            name = pattern.format(v=village[0], c=city_name, b=rng.choice(BRANDS))
        if attempt >= 20:
            # Plenty of combinations, but a grown world can still exhaust a pattern.
            base = strip_legal_form(name)
            name = name.replace(base, f"{base} {attempt - 19}", 1)
        if name.casefold() not in taken.names:
            return name, (village if in_village else city), kind == "public", in_village
    raise RuntimeError("could not find a free company name")


def _contact(rng: random.Random) -> tuple[str, str]:
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.5:
        return rng.choice(MALE_FIRST), surname[0]
    return rng.choice(FEMALE_FIRST), surname[1]


def _email(rng: random.Random, first: str, last: str, web: str, *, public: bool) -> str:
    roll = rng.random()
    if roll < 0.55:
        local = f"{fold(first)}.{fold(last)}"
    elif roll < 0.75:
        local = f"{fold(first)[0]}.{fold(last)}"
    else:
        local = rng.choice(("reditel", "skola", "info")) if public else rng.choice(
            ("info", "kancelar", "ucetni", "obchod"))
    return f"{local}@{web}"


def _customer_id(rng: random.Random, index: int) -> str:
    value = _guid(rng)
    if index % 13 == 5:
        # A few ids come back in mixed case, as some real ones do; clients must not care.
        head, _, tail = value.rpartition("-")
        value = f"{head}-{tail.upper()}"
    return value


def make_customer(index: int, seed: int, now: datetime, taken: _Taken) -> Customer:
    rng = random.Random(f"csp-sandbox:{seed}:customer:{index}")
    reseller_id, provider_id = _owner(index)
    special = SPECIALS[index] if index < len(SPECIALS) else None
    if special is not None:
        name, place, public = special.name, special.city, special.public
        street, (first, last) = special.street, special.contact
    else:
        name, place, public, in_village = _random_name(rng, taken)
        first, last = _contact(rng)
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
        commerce_id=_guid(rng),
        company_name=name,
        domain=f"{prefix}.onmicrosoft.com",
        custom_domains=custom,
        web_domain=web,
        ico=taken.ico(rng, public=public),
        street=street,
        city=place[0],
        postal_code=place[1],
        country="CZ",
        phone=_phone(rng, place[0]),
        email=_email(rng, first, last, web, public=public),
        first_name=first,
        last_name=last,
        culture="cs-CZ",
        language="cs",
        billing_id=_guid(rng),
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
            order = (_opaque(rng), _hex(rng, 12)) if number == 0 else (
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
        customer.subscriptions = _random_subscriptions(rng, now, partner_mpn, school=public)
        if not public and rng.random() < 0.25:
            keys = rng.sample(sorted(PERPETUAL), rng.randint(1, 2))
            purchased = now - timedelta(days=rng.uniform(5, 1500))
            order = (_opaque(rng), _hex(rng, 12))
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


def make_prospect(number: int, seed: int, now: datetime, taken: _Taken) -> Customer:
    name, place, street, (first, last), accepts_after = PROSPECTS[number]
    rng = random.Random(f"csp-sandbox:{seed}:prospect:{number}")
    prefix = taken.free_prefix(domain_prefix(name))
    web = taken.free_web(web_slug(name))
    customer = Customer(
        id=_guid(rng),
        commerce_id=_guid(rng),
        company_name=name,
        domain=f"{prefix}.onmicrosoft.com",
        custom_domains=[web],
        web_domain=web,
        ico=taken.ico(rng, public=False),
        street=street,
        city=place[0],
        postal_code=place[1],
        country="CZ",
        phone=_phone(rng, place[0]),
        email=f"{fold(first)}.{fold(last)}@{web}",
        first_name=first,
        last_name=last,
        culture="cs-CZ",
        language="cs",
        billing_id=_guid(rng),
        created_at=now - timedelta(days=rng.uniform(200, 2500)),
        state="prospect",
        accepts_after=accepts_after,
        was_prospect=True,
        contact_name=f"{first} {last}",
    )
    taken.add(customer)
    return customer


# -- the world ----------------------------------------------------------------------------------


def _partners() -> tuple[list[Partner], list[PartnerLink]]:
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


def generate_world(*, seed: int = 7, customers: int = DEFAULT_CUSTOMERS,
                   now: datetime | None = None, frozen: bool = False) -> World:
    if customers < 0:
        raise ValueError("customers must be >= 0")
    real_now = utc_now()
    start = now or real_now
    clock = VirtualClock(frozen_at=start) if frozen else VirtualClock(
        offset_seconds=(start - real_now).total_seconds())
    partners, links = _partners()
    taken = _Taken()
    # Prospects first: their domains are claimed before any generated customer could take them.
    prospects = [make_prospect(n, seed, start, taken) for n in range(len(PROSPECTS))]
    generated = [make_customer(i, seed, start, taken) for i in range(customers)]
    for seq, customer in enumerate(generated, start=1):
        customer.seq = seq
    epoch = random.Random(f"csp-sandbox:{seed}:epoch").getrandbits(64)
    world = World(
        seed=seed,
        epoch=f"{epoch:016x}",
        created_at=start,
        clock=clock,
        partners=partners,
        links=links,
        customers=[*generated, *prospects],
        default_caller=None,
        next_seq=len(generated) + 1,
        generated=customers,
    )
    world.dirty = True
    return world


def grow_world(world: World, total: int) -> int:
    """Add generated customers until the world has ``total`` customers; returns how many."""
    taken = _Taken(world)
    now = world.now()
    have = sum(1 for c in world.customers if c.state == "customer")
    added = 0
    while have + added < total:
        customer = make_customer(world.generated, world.seed, now, taken)
        world.generated += 1
        if world.customer(customer.id) is not None:
            continue
        world.add_customer(customer)
        added += 1
    return added
