"""What the synthetic cache is made of: Czech-like names, products and their terms, the shares of
statuses and relationships, and the seeded helpers that draw from them.

Everything derives from the ``random.Random`` handed in; nothing reads the clock.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from csp_tui.domain.text import fold

# Names that must be shown literally and never reach the terminal as control sequences.
HOSTILE_NAMES = (
    "[bold red]X[/]",
    "Evil\x1b]52;c;ZXZpbA==\x07 Clipboard s.r.o.",
    "Bidi \u202eexe.txt\u202c Trojan a.s.",
)


REGIONS = (
    "Šumavská", "Pražská", "Brněnská", "Ostravská", "Vltavská", "Krkonošská", "Moravská",
    "Jihočeská", "Plzeňská", "Olomoucká", "Labská", "Beskydská", "Českomoravská", "Žďárská",
    "Chodská", "Hanácká", "Řípská", "Jizerská", "Orlická", "Slezská",
)


TRADES = (
    "strojírna", "pekárna", "stavební společnost", "účetní kancelář", "tiskárna",
    "truhlářství", "lékárna", "autodoprava", "projekce", "elektro", "kovovýroba",
    "zahradnictví", "vinařství", "advokátní kancelář", "realitní kancelář", "cukrárna",
    "mlékárna", "sklárna", "keramika", "doprava a logistika",
)


SURNAMES = (
    "Novák", "Svoboda", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák",
    "Němec", "Pokorný", "Marek", "Pospíšil", "Hájek", "Jelínek", "Král", "Růžička",
    "Beneš", "Fiala", "Sedláček", "Doležal", "Zeman", "Kolář", "Navrátil", "Čermák",
    "Urban", "Vaněk", "Blažek", "Kříž", "Kovář", "Bartoš", "Vlček", "Polák", "Musil",
    "Šimek", "Štěpánek", "Holub", "Krejčí", "Řezníček", "Šťastný", "Žák",
)


LEGAL_FORMS = ("s.r.o.", "s.r.o.", "s.r.o.", "a.s.", "spol. s r.o.", "v.o.s.", "z.s.", "o.p.s.")


CITIES = (
    "Praha", "Brno", "Ostrava", "Plzeň", "Liberec", "Olomouc", "České Budějovice",
    "Hradec Králové", "Ústí nad Labem", "Pardubice", "Zlín", "Jihlava", "Český Krumlov",
)


FIRST_NAMES = (
    "Jan", "Petr", "Jana", "Eva", "Tomáš", "Lucie", "Martin", "Kateřina", "Jiří", "Hana",
    "Pavel", "Tereza", "Lukáš", "Markéta", "Ondřej", "Zuzana",
)


@dataclass(frozen=True)
class Product:
    offer_id: str
    name: str
    product_type: str
    kind: str  # online | software
    terms: tuple[str, ...]
    unit: str = "Licenses"


ONLINE = (
    Product("CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic", "OnlineServicesNCE", "online",
             ("P1M", "P1Y", "P1Y", "P3Y")),
    Product("CFQ7TTC0LDPB:0001", "Microsoft 365 Business Standard", "OnlineServicesNCE",
             "online", ("P1M", "P1Y", "P1Y")),
    Product("CFQ7TTC0LCHC:0002", "Microsoft 365 Business Premium", "OnlineServicesNCE",
             "online", ("P1M", "P1Y", "P1Y", "P3Y")),
    Product("CFQ7TTC0LFLX:0001", "Microsoft 365 E3", "OnlineServicesNCE", "online",
             ("P1M", "P1Y", "P3Y")),
    Product("CFQ7TTC0LF8Q:0001", "Office 365 E1", "OnlineServicesNCE", "online",
             ("P1M", "P1Y")),
    Product("CFQ7TTC0LH16:0001", "Exchange Online (Plan 1)", "OnlineServicesNCE", "online",
             ("P1M", "P1Y")),
    Product("CFQ7TTC0RM8K:0001", "Microsoft Teams Essentials", "OnlineServicesNCE", "online",
             ("P1M", "P1Y")),
    Product("CFQ7TTC0LCHN:0001", "Microsoft Defender for Business", "OnlineServicesNCE",
             "online", ("P1M", "P1Y")),
    Product("CFQ7TTC0LCHK:0001", "Microsoft Intune Plan 1", "OnlineServicesNCE", "online",
             ("P1M", "P1Y")),
    Product("CFQ7TTC0L3PB:0001", "Power BI Pro", "OnlineServicesNCE", "online",
             ("P1M", "P1Y")),
    Product("CFQ7TTC0LH1G:0001", "Microsoft 365 Apps for business", "OnlineServicesNCE",
             "online", ("P1M", "P1Y")),
    Product("CFQ7TTC0HD33:0001", "Visio Plan 2", "OnlineServicesNCE", "online",
             ("P1M", "P1Y")),
    Product("CFQ7TTC0LDVM:0001", "Dynamics 365 Business Central Essentials",
             "OnlineServicesNCE", "online", ("P1M", "P1Y", "P3Y"), "Users"),
)


SOFTWARE = (
    Product("DG7GMGF0D7FV:0002", "Windows Server 2025 Standard - 16 Core License Pack",
             "Software", "software", ("P1Y", "P3Y"), "Core packs"),
    Product("DG7GMGF0FKZV:0001", "SQL Server 2022 Standard - 2 Core License Pack",
             "Software", "software", ("P1Y", "P3Y"), "Core packs"),
    Product("DG7GMGF0D65N:0003", "Windows Server 2025 Remote Desktop Services - 1 User CAL",
             "Software", "software", ("P1Y", "P3Y")),
)


PERPETUAL = (
    ("DG7GMGF0D3SJ", "Office LTSC Professional Plus 2024"),
    ("DG7GMGF0D7FV", "Windows Server 2025 Standard - 16 Core"),
    ("DG7GMGF0FKZV", "SQL Server 2022 Standard - 2 Core"),
    ("DG7GMGF0D5RK", "Visio LTSC Professional 2024"),
)


BILLING = {"P1M": ("monthly",), "P1Y": ("monthly", "annual"),
            "P3Y": ("monthly", "annual", "triennial")}


TERM_DAYS = {"P1M": 30, "P1Y": 365, "P3Y": 3 * 365}


STATUSES = (("active", 86), ("suspended", 5), ("expired", 4), ("disabled", 2),
             ("pending", 2), ("deleted", 1))


RELATIONSHIPS = (("reseller", 92), ("advisor", 3), ("none", 3), ("unknown", 2))


def iso(moment: datetime) -> str:
    """``moment`` is always UTC here (see _parse_now); isoformat beats strftime at 100k rows."""
    return moment.isoformat()[:19] + "Z"


def weighted(rng: random.Random, table: Sequence[tuple[str, int]]) -> str:
    pick = rng.random() * sum(weight for _, weight in table)
    for value, weight in table:
        pick -= weight
        if pick < 0:
            return value
    return table[-1][0]


def random_uuid(rng: random.Random) -> str:
    """A version-4-shaped id from the seeded generator (uuid.UUID is slow at 100k rows)."""
    digits = f"{rng.getrandbits(128):032x}"
    return (f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-"
            f"{'89ab'[int(digits[16], 16) & 3]}{digits[17:20]}-{digits[20:]}")


def slug_of(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


class Names:
    """Unique company names: a region + trade, or one or two surnames, plus a legal form."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()
        self.repeats: dict[str, int] = {}

    def next(self) -> str:
        rng = self.rng
        shape = rng.random()
        if shape < 0.55:
            base = f"{rng.choice(REGIONS)} {rng.choice(TRADES)}"
        elif shape < 0.8:
            base = f"{rng.choice(SURNAMES)} a syn"
        else:
            base = f"{rng.choice(SURNAMES)} & {rng.choice(SURNAMES)}"
        form = rng.choice(LEGAL_FORMS)
        name = f"{base} {form}"
        while name in self.seen:
            counter = self.repeats[base] = self.repeats.get(base, 1) + 1
            name = f"{base} {counter} {form}"
        self.seen.add(name)
        return name


_LEGAL_WORDS = {"s", "r", "o", "a", "spol", "v", "z", "p"}


def initial_domain(slug: str, used: set[str]) -> str:
    """``<prefix>.onmicrosoft.com``: the company words without the legal form, unique."""
    words = [word for word in slug.split("-") if word and word not in _LEGAL_WORDS]
    prefix = "".join(words)[:22] or "tenant"
    candidate, counter = prefix, 1
    while candidate in used:
        counter += 1
        candidate = f"{prefix}{counter}"
    used.add(candidate)
    return f"{candidate}.onmicrosoft.com"


def spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` items over ``parts`` owners, uneven like real portfolios, summing exactly."""
    if parts <= 0:
        return []
    weights = [rng.paretovariate(2.0) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    shortfall = total - sum(counts)
    for index in range(shortfall):
        counts[index % parts] += 1
    return counts
