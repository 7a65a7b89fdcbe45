"""A deterministic synthetic cache: Czech-like customers, their tenants and subscriptions.

Benchmarks and tests need realistic volumes (20,000 customers / 100,000 subscriptions) without
a sync, and the same rows for the same seed on every machine. Rows go straight into the schema
of ``cache/schema.py`` (and the invitation ledger / command log of ``state/schema.py``) in one
transaction with ``executemany``, so even the large sizes take a few seconds; the derived
columns (search texts, attention) are computed by the same functions the cache's writer uses.

Emulator data, not production code: it lives with the emulator, and nothing in production
imports it.

Everything derives from ``random.Random(seed)`` and the given ``now``; nothing reads the clock.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from csp_tui import sandbox_identity as identity
from csp_tui.cache.store import search_fold, subscription_search_fold
from csp_tui.db import Transaction
from csp_tui.domain.attention import ATTENTION_REASONS
from csp_tui.domain.text import czech_sort_key, fold

DEFAULT_NOW = "2026-11-24T09:00:00Z"

# Names that must be shown literally and never reach the terminal as control sequences.
HOSTILE_NAMES = (
    "[bold red]X[/]",
    "Evil\x1b]52;c;ZXZpbA==\x07 Clipboard s.r.o.",
    "Bidi \u202eexe.txt\u202c Trojan a.s.",
)

_REGIONS = (
    "Šumavská", "Pražská", "Brněnská", "Ostravská", "Vltavská", "Krkonošská", "Moravská",
    "Jihočeská", "Plzeňská", "Olomoucká", "Labská", "Beskydská", "Českomoravská", "Žďárská",
    "Chodská", "Hanácká", "Řípská", "Jizerská", "Orlická", "Slezská",
)
_TRADES = (
    "strojírna", "pekárna", "stavební společnost", "účetní kancelář", "tiskárna",
    "truhlářství", "lékárna", "autodoprava", "projekce", "elektro", "kovovýroba",
    "zahradnictví", "vinařství", "advokátní kancelář", "realitní kancelář", "cukrárna",
    "mlékárna", "sklárna", "keramika", "doprava a logistika",
)
_SURNAMES = (
    "Novák", "Svoboda", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák",
    "Němec", "Pokorný", "Marek", "Pospíšil", "Hájek", "Jelínek", "Král", "Růžička",
    "Beneš", "Fiala", "Sedláček", "Doležal", "Zeman", "Kolář", "Navrátil", "Čermák",
    "Urban", "Vaněk", "Blažek", "Kříž", "Kovář", "Bartoš", "Vlček", "Polák", "Musil",
    "Šimek", "Štěpánek", "Holub", "Krejčí", "Řezníček", "Šťastný", "Žák",
)
_LEGAL_FORMS = ("s.r.o.", "s.r.o.", "s.r.o.", "a.s.", "spol. s r.o.", "v.o.s.", "z.s.", "o.p.s.")
_CITIES = (
    "Praha", "Brno", "Ostrava", "Plzeň", "Liberec", "Olomouc", "České Budějovice",
    "Hradec Králové", "Ústí nad Labem", "Pardubice", "Zlín", "Jihlava", "Český Krumlov",
)
_FIRST_NAMES = (
    "Jan", "Petr", "Jana", "Eva", "Tomáš", "Lucie", "Martin", "Kateřina", "Jiří", "Hana",
    "Pavel", "Tereza", "Lukáš", "Markéta", "Ondřej", "Zuzana",
)


@dataclass(frozen=True)
class _Product:
    offer_id: str
    name: str
    product_type: str
    kind: str  # online | software
    terms: tuple[str, ...]
    unit: str = "Licenses"


_ONLINE = (
    _Product("CFQ7TTC0LH18:0001", "Microsoft 365 Business Basic", "OnlineServicesNCE", "online",
             ("P1M", "P1Y", "P1Y", "P3Y")),
    _Product("CFQ7TTC0LDPB:0001", "Microsoft 365 Business Standard", "OnlineServicesNCE",
             "online", ("P1M", "P1Y", "P1Y")),
    _Product("CFQ7TTC0LCHC:0002", "Microsoft 365 Business Premium", "OnlineServicesNCE",
             "online", ("P1M", "P1Y", "P1Y", "P3Y")),
    _Product("CFQ7TTC0LFLX:0001", "Microsoft 365 E3", "OnlineServicesNCE", "online",
             ("P1M", "P1Y", "P3Y")),
    _Product("CFQ7TTC0LF8Q:0001", "Office 365 E1", "OnlineServicesNCE", "online",
             ("P1M", "P1Y")),
    _Product("CFQ7TTC0LH16:0001", "Exchange Online (Plan 1)", "OnlineServicesNCE", "online",
             ("P1M", "P1Y")),
    _Product("CFQ7TTC0RM8K:0001", "Microsoft Teams Essentials", "OnlineServicesNCE", "online",
             ("P1M", "P1Y")),
    _Product("CFQ7TTC0LCHN:0001", "Microsoft Defender for Business", "OnlineServicesNCE",
             "online", ("P1M", "P1Y")),
    _Product("CFQ7TTC0LCHK:0001", "Microsoft Intune Plan 1", "OnlineServicesNCE", "online",
             ("P1M", "P1Y")),
    _Product("CFQ7TTC0L3PB:0001", "Power BI Pro", "OnlineServicesNCE", "online",
             ("P1M", "P1Y")),
    _Product("CFQ7TTC0LH1G:0001", "Microsoft 365 Apps for business", "OnlineServicesNCE",
             "online", ("P1M", "P1Y")),
    _Product("CFQ7TTC0HD33:0001", "Visio Plan 2", "OnlineServicesNCE", "online",
             ("P1M", "P1Y")),
    _Product("CFQ7TTC0LDVM:0001", "Dynamics 365 Business Central Essentials",
             "OnlineServicesNCE", "online", ("P1M", "P1Y", "P3Y"), "Users"),
)
_SOFTWARE = (
    _Product("DG7GMGF0D7FV:0002", "Windows Server 2025 Standard - 16 Core License Pack",
             "Software", "software", ("P1Y", "P3Y"), "Core packs"),
    _Product("DG7GMGF0FKZV:0001", "SQL Server 2022 Standard - 2 Core License Pack",
             "Software", "software", ("P1Y", "P3Y"), "Core packs"),
    _Product("DG7GMGF0D65N:0003", "Windows Server 2025 Remote Desktop Services - 1 User CAL",
             "Software", "software", ("P1Y", "P3Y")),
)
_PERPETUAL = (
    ("DG7GMGF0D3SJ", "Office LTSC Professional Plus 2024"),
    ("DG7GMGF0D7FV", "Windows Server 2025 Standard - 16 Core"),
    ("DG7GMGF0FKZV", "SQL Server 2022 Standard - 2 Core"),
    ("DG7GMGF0D5RK", "Visio LTSC Professional 2024"),
)
_BILLING = {"P1M": ("monthly",), "P1Y": ("monthly", "annual"),
            "P3Y": ("monthly", "annual", "triennial")}
_TERM_DAYS = {"P1M": 30, "P1Y": 365, "P3Y": 3 * 365}
_STATUSES = (("active", 86), ("suspended", 5), ("expired", 4), ("disabled", 2),
             ("pending", 2), ("deleted", 1))
_RELATIONSHIPS = (("reseller", 92), ("advisor", 3), ("none", 3), ("unknown", 2))


def _iso(moment: datetime) -> str:
    """``moment`` is always UTC here (see _parse_now); isoformat beats strftime at 100k rows."""
    return moment.isoformat()[:19] + "Z"


def _parse_now(now: str | datetime) -> datetime:
    if isinstance(now, str):
        now = datetime.fromisoformat(now.replace("Z", "+00:00"))
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.astimezone(UTC).replace(microsecond=0)


def _weighted(rng: random.Random, table: Sequence[tuple[str, int]]) -> str:
    pick = rng.random() * sum(weight for _, weight in table)
    for value, weight in table:
        pick -= weight
        if pick < 0:
            return value
    return table[-1][0]


def _uuid(rng: random.Random) -> str:
    """A version-4-shaped id from the seeded generator (uuid.UUID is slow at 100k rows)."""
    digits = f"{rng.getrandbits(128):032x}"
    return (f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-"
            f"{'89ab'[int(digits[16], 16) & 3]}{digits[17:20]}-{digits[20:]}")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


class _Names:
    """Unique company names: a region + trade, or one or two surnames, plus a legal form."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()
        self.repeats: dict[str, int] = {}

    def next(self) -> str:
        rng = self.rng
        shape = rng.random()
        if shape < 0.55:
            base = f"{rng.choice(_REGIONS)} {rng.choice(_TRADES)}"
        elif shape < 0.8:
            base = f"{rng.choice(_SURNAMES)} a syn"
        else:
            base = f"{rng.choice(_SURNAMES)} & {rng.choice(_SURNAMES)}"
        form = rng.choice(_LEGAL_FORMS)
        name = f"{base} {form}"
        while name in self.seen:
            counter = self.repeats[base] = self.repeats.get(base, 1) + 1
            name = f"{base} {counter} {form}"
        self.seen.add(name)
        return name


_LEGAL_WORDS = {"s", "r", "o", "a", "spol", "v", "z", "p"}


def _initial_domain(slug: str, used: set[str]) -> str:
    """``<prefix>.onmicrosoft.com``: the company words without the legal form, unique."""
    words = [word for word in slug.split("-") if word and word not in _LEGAL_WORDS]
    prefix = "".join(words)[:22] or "tenant"
    candidate, counter = prefix, 1
    while candidate in used:
        counter += 1
        candidate = f"{prefix}{counter}"
    used.add(candidate)
    return f"{candidate}.onmicrosoft.com"


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
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


class _Memo:
    """Product names repeat across 100k rows: fold and collate each distinct name once."""

    def __init__(self) -> None:
        self.folds: dict[str, str] = {}
        self.keys: dict[str, str] = {}

    def fold(self, text: str) -> str:
        value = self.folds.get(text)
        if value is None:
            value = self.folds[text] = fold(text)
        return value

    def sort_key(self, text: str) -> str:
        value = self.keys.get(text)
        if value is None:
            value = self.keys[text] = czech_sort_key(text)
        return value


def populate(
    cache_db: sqlite3.Connection,
    state_db: sqlite3.Connection | None = None,
    *,
    customers: int = 60,
    subscriptions_per_customer: int = 5,
    subscriptions: int | None = None,
    seed: int = 1,
    now: str | datetime = DEFAULT_NOW,
    invitations: int = 5,
    command_log: int = 0,
    hostile: bool = False,
    removed: int = 0,
) -> dict[str, int]:
    """Fill ``cache_db`` (and ``state_db``) with deterministic rows; return the counts written.

    ``subscriptions`` (a total) overrides ``subscriptions_per_customer``. ``removed`` extra
    customers are written with ``removed_at`` set (the console must hide them). ``hostile``
    gives the first customers names with markup, an OSC 52 sequence and a bidi override.
    """
    rng = random.Random(seed)
    moment = _parse_now(now)
    stamp = _iso(moment)
    memo = _Memo()
    names = _Names(rng)
    total_subs = (subscriptions if subscriptions is not None
                  else customers * subscriptions_per_customer)
    per_customer = _spread(total_subs, customers, rng)

    customer_rows: list[tuple[Any, ...]] = []
    domain_rows: list[tuple[Any, ...]] = []
    relationship_rows: list[tuple[Any, ...]] = []
    subscription_rows: list[tuple[Any, ...]] = []
    entitlement_rows: list[tuple[Any, ...]] = []
    qualification_rows: list[tuple[Any, ...]] = []
    listed: list[tuple[str, str, str]] = []  # (id, name, initial domain) for invitations
    used_prefixes: set[str] = set()

    for index in range(customers + removed):
        is_removed = index >= customers
        customer_id = _uuid(rng)
        name = names.next()
        if hostile and index < len(HOSTILE_NAMES):
            name = HOSTILE_NAMES[index]
        slug = _slug(name) or f"tenant-{index}"
        initial = _initial_domain(slug, used_prefixes)
        custom = [f"{slug[:40]}.cz"] if rng.random() < 0.6 else []
        if custom and rng.random() < 0.25:
            custom.append(f"{slug[:40]}.eu")
        relationship = _weighted(rng, _RELATIONSHIPS)
        delegated = rng.choice((1, 1, 1, 1, 1, 1, 0, None, None))
        city = rng.choice(_CITIES)
        first_seen = moment - timedelta(days=rng.randint(30, 2000))
        count = 0 if is_removed else per_customer[index]

        attention_reasons: list[str] = []
        for _ in range(count):
            row, reason = _subscription(rng, memo, customer_id, fold(name), moment, stamp)
            subscription_rows.append(row)
            if reason and reason not in attention_reasons:
                attention_reasons.append(reason)
        if not is_removed and rng.random() < 0.15:
            for line in range(rng.randint(1, 2)):
                entitlement_rows.append(
                    _entitlement(rng, customer_id, moment, stamp, line))
        if not is_removed and rng.random() < 0.05:
            status = rng.choice(("approved", "inreview", "denied"))
            qualification_rows.append(
                (customer_id, "education", status,
                 "Missing accreditation documents" if status == "denied" else None,
                 _iso(moment - timedelta(days=rng.randint(1, 60))), stamp))
            if status == "denied":
                attention_reasons.append("qual_denied")

        customer_rows.append((
            customer_id, name, fold(name), czech_sort_key(name), initial, fold(initial),
            relationship, identity.RESELLER_TENANT_ID, delegated,
            f"it@{custom[0] if custom else initial}", city, "CZ", "cs-CZ", count,
            # the count and the most urgent code, as domain.attention.attention_for derives them
            len(attention_reasons),
            min(attention_reasons, key=ATTENTION_REASONS.index) if attention_reasons else None,
            _iso(first_seen),
            stamp, stamp, stamp if is_removed else None,
            json.dumps({"id": customer_id, "companyProfile": {"companyName": name,
                                                              "domain": initial}},
                       ensure_ascii=False),
            search_fold(name, initial, custom, customer_id),
        ))
        domain_rows.append((customer_id, initial, 1))
        domain_rows.extend((customer_id, domain, 0) for domain in custom)
        # What the reseller's view of the customer lists: the distributor the tenant is linked
        # to, with the type naming what we (the reseller) are to it.
        relationship_rows.append((customer_id, identity.PROVIDER_TENANT_ID,
                                  identity.PROVIDER_NAME, "is_indirect_reseller_of",
                                  identity.PROVIDER_MPN_ID))
        if not is_removed:
            listed.append((customer_id, name, initial))

    # A larger page cache keeps the index B-trees in memory while 100k rows go in.
    cache_db.execute("PRAGMA cache_size = -131072")
    with Transaction(cache_db) as conn:
        conn.executemany(
            "INSERT INTO customers (id, company_name, name_fold, sort_key, primary_domain, "
            "domain_fold, relationship, associated_partner_id, allow_delegated_access, email, "
            "city, country, culture, subscription_count, attention, attention_reason, "
            "first_seen_at, listed_at, detail_synced_at, removed_at, raw_json, search_fold) "
            f"VALUES ({', '.join('?' * 22)})", customer_rows)
        conn.executemany(
            "INSERT INTO domains (customer_id, domain, is_initial) VALUES (?, ?, ?)",
            domain_rows)
        conn.executemany(
            "INSERT INTO customer_relationships (customer_id, partner_id, name, "
            "relationship_type, mpn_id) VALUES (?, ?, ?, ?, ?)", relationship_rows)
        # In key order: the primary-key index then grows at its end instead of splitting pages.
        subscription_rows.sort()
        conn.executemany(
            "INSERT INTO subscriptions (id, customer_id, offer_id, offer_name, friendly_name, "
            "name_fold, sort_key, product_type, kind, quantity, unit_type, status, "
            "term_duration, billing_cycle, auto_renew, is_trial, creation_date, "
            "effective_start_date, commitment_end_date, cancellation_allowed_until, "
            "refundable_quantity, refundable_until, partner_id, etag, synced_at, raw_json, "
            f"search_fold) VALUES ({', '.join('?' * 27)})", subscription_rows)
        conn.executemany(
            "INSERT INTO entitlements (id, customer_id, product_id, sku_id, product_name, "
            "quantity, entitlement_type, order_id, purchase_date, expiry_date, synced_at, "
            "raw_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entitlement_rows)
        conn.executemany(
            "INSERT INTO qualifications (customer_id, qualification, vetting_status, "
            "vetting_reason, vetting_created_at, synced_at) VALUES (?, ?, ?, ?, ?, ?)",
            qualification_rows)

    written = {
        "customers": len(customer_rows),
        "subscriptions": len(subscription_rows),
        "entitlements": len(entitlement_rows),
        "qualifications": len(qualification_rows),
        "invitations": 0,
        "command_log": 0,
    }
    if state_db is not None:
        written["invitations"] = _invitations(state_db, rng, moment, listed, invitations, hostile)
        written["command_log"] = _command_log(state_db, rng, moment, command_log)
    return written


def _subscription(
    rng: random.Random, memo: _Memo, customer_id: str, customer_fold: str, moment: datetime,
    stamp: str,
) -> tuple[tuple[Any, ...], str | None]:
    product = rng.choice(_SOFTWARE) if rng.random() < 0.08 else rng.choice(_ONLINE)
    term = rng.choice(product.terms)
    billing = rng.choice(_BILLING[term])
    status = _weighted(rng, _STATUSES)
    term_days = _TERM_DAYS[term]
    # Where in its term the subscription is: a few just bought/renewed (inside the 7-day
    # cancellation window), a few about to renew, the rest anywhere.
    position = rng.random()
    if position < 0.03:
        elapsed = timedelta(hours=rng.randint(1, 160))
    elif position < 0.11:
        elapsed = timedelta(days=term_days - rng.randint(1, 30))
    else:
        elapsed = timedelta(days=rng.randint(0, term_days - 1), hours=rng.randint(0, 23))
    start = moment - elapsed
    if status == "expired":
        start = moment - timedelta(days=term_days + rng.randint(1, 25))
    end = start + timedelta(days=term_days - 1)
    window_end = start + timedelta(days=7)
    in_window = window_end > moment and status == "active"
    auto_renew = 0 if status in {"expired", "suspended", "disabled", "deleted"} else (
        0 if rng.random() < 0.1 else 1)
    quantity = rng.choice((1, 1, 2, 3, 5, 5, 10, 12, 15, 25, 50, 100))
    if product.kind == "software":
        quantity = rng.choice((1, 2, 4, 8))
    friendly = product.name
    if rng.random() < 0.1:
        friendly = f"{product.name} ({rng.choice(('kancelář', 'sklad', 'vedení', 'škola'))})"
    subscription_id = _uuid(rng)
    reason = None
    if status == "suspended":
        reason = "suspended"
    elif in_window:
        reason = "in_window"
    elif auto_renew == 0 and status == "active" and (end - moment).days < 30:
        reason = "expiring"
    row = (
        subscription_id, customer_id, product.offer_id, product.name, friendly,
        memo.fold(friendly), memo.sort_key(friendly), product.product_type, product.kind,
        quantity, product.unit, status, term, billing, auto_renew,
        1 if rng.random() < 0.02 else 0, _iso(start), _iso(start), _iso(end),
        _iso(window_end) if in_window else None, quantity if in_window else 0,
        _iso(window_end) if in_window else None, identity.RESELLER_TENANT_ID,
        f"W/\"{rng.getrandbits(32):08x}\"", stamp,
        None,  # the wire payload is only kept by a real sync
        subscription_search_fold(memo.fold(friendly), customer_fold),
    )
    return row, reason


def _entitlement(
    rng: random.Random, customer_id: str, moment: datetime, stamp: str, line: int
) -> tuple[Any, ...]:
    product_id, name = rng.choice(_PERPETUAL)
    sku = f"{rng.randint(1, 9):04d}"
    order = f"{rng.getrandbits(40):010x}"
    purchased = moment - timedelta(days=rng.randint(0, 900), hours=rng.randint(0, 23))
    return (
        f"{customer_id}:{product_id}:{sku}:{order}:{line}", customer_id, product_id, sku,
        name, rng.choice((1, 1, 2, 5, 10)), "software", order,
        _iso(purchased), None, stamp,
        json.dumps({"productId": product_id, "skuId": sku, "productName": name}),
    )


def _invitations(
    state_db: sqlite3.Connection,
    rng: random.Random,
    moment: datetime,
    listed: Sequence[tuple[str, str, str]],
    count: int,
    hostile: bool,
) -> int:
    names = _Names(random.Random(rng.random()))
    rows: list[tuple[Any, ...]] = []
    for index in range(count):
        accepted = bool(listed) and index % 4 == 1
        cancelled = index % 7 == 5
        if accepted:
            customer_id, name, _ = listed[(index * 7) % len(listed)]
        else:
            customer_id, name = None, names.next()
        if hostile and index == 0:
            name = HOSTILE_NAMES[0]
        first = rng.choice(_FIRST_NAMES)
        last = rng.choice(_SURNAMES)
        slug = _slug(name) or "zakaznik"
        domain = f"{slug[:40]}.cz"
        created = moment - timedelta(days=rng.choice((0, 1, 3, 6, 10, 16, 21, 35, 60)),
                                     hours=rng.randint(0, 20))
        status = "accepted" if accepted else "cancelled" if cancelled else "pending"
        changed = created + timedelta(days=1) if status != "pending" else created
        rows.append((
            _uuid(rng), _iso(created), name, fold(name), f"{first} {last}",
            f"{fold(first)}.{fold(last)}@{domain}", domain,
            "https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship"
            f"&partnerId={identity.RESELLER_TENANT_ID}&msppId={identity.RESELLER_MPN_ID}"
            f"&indirectCSPId={identity.PROVIDER_TENANT_ID}#/BillingAccounts/partner-invitation",
            rng.choice(("cs", "cs", "en")), identity.RESELLER_TENANT_ID, status, _iso(changed),
            customer_id, _iso(created), 1, "",
        ))
    with Transaction(state_db) as conn:
        conn.executemany(
            "INSERT INTO invitations (id, created_at, company_name, name_fold, contact_name, "
            "contact_email, domain, link, language, reseller_id, status, status_changed_at, "
            "customer_id, last_sent_at, send_count, notes) "
            f"VALUES ({', '.join('?' * 16)})", rows)
    return len(rows)


_CALLS = (
    ("GET", "/v1/customers", 200),
    ("GET", "/v1/customers/{id}", 200),
    ("GET", "/v1/customers/{id}/subscriptions", 200),
    ("GET", "/v1/customers/{id}/entitlements", 200),
    ("GET", "/v1/customers/{id}/relationships", 200),
    ("GET", "/v1/customers/{id}/qualifications", 404),
    ("GET", "/v1/customers/relationshiprequests", 200),
    ("PATCH", "/v1/customers/{id}/subscriptions/{sub}", 200),
    ("GET", "/v1/customers", 429),
    ("GET", "/v1/customers/{id}/subscriptions", None),
)


def _command_log(
    state_db: sqlite3.Connection, rng: random.Random, moment: datetime, count: int
) -> int:
    rows: list[tuple[Any, ...]] = []
    at = moment - timedelta(seconds=3 * count)
    for _ in range(count):
        method, path, status = rng.choice(_CALLS)
        path = path.replace("{id}", _uuid(rng)).replace("{sub}", _uuid(rng))
        error = None
        if status is None:
            error = "timeout after 30 s"
        elif status >= 400:
            error = f"HTTP {status}"
        rows.append((_iso(at), method, path, status, rng.randint(40, 1900), _uuid(rng),
                     _uuid(rng), error))
        at += timedelta(seconds=rng.randint(1, 5))
    with Transaction(state_db) as conn:
        conn.executemany(
            "INSERT INTO command_log (at, method, path, status, duration_ms, request_id, "
            "correlation_id, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def customer_ids(cache_db: sqlite3.Connection) -> Iterable[str]:
    """Ids of the listed (not removed) customers, in Czech alphabetical order."""
    for (customer_id,) in cache_db.execute(
        "SELECT id FROM customers WHERE removed_at IS NULL ORDER BY sort_key, id"
    ):
        yield customer_id
