"""Czech names and places for the demo world: cities with their postcodes, streets, first names
and surnames, company name patterns, IČO (with its check digit), phone numbers and the domain a
company name makes."""

from __future__ import annotations

import random
import re
import uuid

from csp_tui.domain.text import fold
from csp_tui.domain.validation import ico_check_digit

# -- IČO -----------------------------------------------------------------------------------


def make_ico(rng: random.Random, *, public: bool = False) -> str:
    # Public bodies (schools, municipalities) tend to have old numbers starting with 0 or 7.
    lead = rng.choice("07") if public else rng.choice("2345678")
    first_seven = lead + f"{rng.randrange(10**6):06d}"
    return first_seven + str(ico_check_digit(first_seven))


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


def guid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def hex_id(rng: random.Random, length: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(length))


def opaque_id(rng: random.Random, length: int = 33) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(alphabet) for _ in range(length))


def phone_number(rng: random.Random, city: str) -> str:
    if rng.random() < 0.6:
        prefix = rng.choice(_MOBILE)
    elif city.startswith("Praha"):
        prefix = "2" + f"{rng.randrange(100):02d}"
    else:
        prefix = rng.choice("345") + f"{rng.randrange(100):02d}"
    return "+420" + prefix + f"{rng.randrange(10**6):06d}"


def random_name(rng: random.Random,
                taken: set[str]) -> tuple[str, tuple[str, str], bool, bool]:
    """(company name, (city, PSČ), is public body, lives in a village); the name is none of
    ``taken`` (names already used, casefolded)."""
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
        if name.casefold() not in taken:
            return name, (village if in_village else city), kind == "public", in_village
    raise RuntimeError("could not find a free company name")


def random_contact(rng: random.Random) -> tuple[str, str]:
    surname = rng.choice(SURNAMES)
    if rng.random() < 0.5:
        return rng.choice(MALE_FIRST), surname[0]
    return rng.choice(FEMALE_FIRST), surname[1]


def contact_email(rng: random.Random, first: str, last: str, web: str, *,
                  public: bool) -> str:
    roll = rng.random()
    if roll < 0.55:
        local = f"{fold(first)}.{fold(last)}"
    elif roll < 0.75:
        local = f"{fold(first)[0]}.{fold(last)}"
    else:
        local = rng.choice(("reditel", "skola", "info")) if public else rng.choice(
            ("info", "kancelar", "ucetni", "obchod"))
    return f"{local}@{web}"
